import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

// Whether two objects share a V8 hidden class is only observable through a natives-syntax intrinsic,
// so this runs the built modules (the global setup builds dist/) in a child node process.
function sameMaps(script: string): { shared: number; total: number } {
  const record = pathToFileURL(resolve("dist/evidence/record.js")).href;
  const redact = pathToFileURL(resolve("dist/evidence/redact.js")).href;
  const runs = pathToFileURL(resolve("dist/store/runs.js")).href;
  const source = `
    const { sealEvidence } = await import(${JSON.stringify(record)});
    const { redactRecord } = await import(${JSON.stringify(redact)});
    const { joinEvidence, splitEvidence } = await import(${JSON.stringify(runs)});
    const seal = (i) => sealEvidence({ source: "sagemaker", operation: "DescribeTrainingJob", account: "111122223333", region: "eu-west-1",
      params: { TrainingJobName: "job-" + i }, collectedAt: "2026-12-06T00:00:00.000Z",
      response: { TrainingJobName: "job-" + i, ["Extra" + (i % 7)]: i, RoleArn: "arn:aws:iam::111122223333:role/r" } });
    const records = (${script})();
    let shared = 0;
    for (const r of records.slice(1)) if (%HaveSameMap(records[0], r)) shared++;
    process.stdout.write(JSON.stringify({ shared, total: records.length - 1 }));`;
  const child = spawnSync(process.execPath, ["--allow-natives-syntax", "--input-type=module", "-e", source], { encoding: "utf8" });
  expect(child.stderr).toBe("");
  return JSON.parse(child.stdout) as { shared: number; total: number };
}

describe("sealed evidence records", () => {
  it("share one hidden class, so a large collection does not hold a V8 map per record", () => {
    const { shared, total } = sameMaps(`() => Array.from({ length: 200 }, (_, i) => seal(i))`);
    expect(shared).toBe(total);
  });

  it("keep sharing it when redaction rewrites them", () => {
    const { shared, total } = sameMaps(
      `() => Array.from({ length: 200 }, (_, i) => redactRecord({ ...seal(i), params: { TrainingJobName: "job-" + i, Password: "hunter" + i } }))`,
    );
    expect(shared).toBe(total);
  });

  it("share it when rebuilt from the store, as reused records are", () => {
    const { shared, total } = sameMaps(
      `() => [seal(0), ...Array.from({ length: 200 }, (_, i) => { const r = seal(i); return joinEvidence(splitEvidence(r).body, r.collectedAt, r.sha256); })]`,
    );
    expect(shared).toBe(total);
  });
});
