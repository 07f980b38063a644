import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { ACCOUNT, estate, REGION, storeRun, writeSnapshot } from "./helpers.js";

const CHECK = "sagemaker.notebook.direct-internet-disabled";
const arn = (i: number): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-${i}`;
const count = (path: string, table: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe("history, diff, verify and prune on the command line", () => {
  let dir: string;
  let db: string;
  const runIds: string[] = [];
  const collect = (snapshot: string): string => {
    const result = runCli(["collect", "--source", `snapshot:${snapshot}`, "--db", db, "--json"], { cwd: dir });
    if (result.code !== 0) throw new Error(result.stderr);
    return (JSON.parse(result.stdout) as { runId: string }).runId;
  };

  beforeAll(() => {
    dir = tempDir();
    db = join(dir, "store.db");
    // Between the two runs nb-1 is fixed and nb-2 opened to the internet.
    runIds.push(collect(writeSnapshot(join(dir, "before"), estate({ notebooks: 4, open: new Set([1]) }))));
    runIds.push(collect(writeSnapshot(join(dir, "after"), estate({ notebooks: 4, open: new Set([2]) }))));
  });

  it("shows both runs in history, newest first", () => {
    const json = runCli(["history", "--framework", "hipaa", "--json", "--db", db], { cwd: dir });
    expect(json.code).toBe(0);
    const runs = JSON.parse(json.stdout).runs as { runId: string; status: string; score: number; controls: Record<string, number> }[];
    expect(runs.map((r) => r.runId)).toEqual([...runIds].reverse());
    expect(runs.every((r) => r.status === "completed" && typeof r.score === "number" && (r.controls.FAIL ?? 0) >= 1)).toBe(true);
    const text = runCli(["history", "--framework", "hipaa", "--limit", "1", "--db", db], { cwd: dir });
    expect(text.stdout).toMatch(/TIME\s+RUN\s+STATUS\s+SCORE\s+PASS\s+FAIL\s+NO_DATA\s+MANUAL\s+ATTESTED\s+GAPS/);
    expect(text.stdout).toContain(runIds[1]);
    expect(text.stdout).not.toContain(runIds[0]);
    expect(runCli(["history", "--framework", "hipaa", "--limit", "0", "--db", db], { cwd: dir }).code).toBe(2);
    const typo = runCli(["history", "--framework", "hippa", "--db", db], { cwd: dir });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no stored results for framework "hippa"; the store has gdpr, hipaa');
  });

  it("diffs the runs by id or by latest/previous", () => {
    const result = runCli(["diff", "previous", "latest", "--framework", "hipaa", "--json", "--db", db], { cwd: dir });
    expect({ code: result.code, output: result.stderr }).toMatchObject({ code: 0 });
    const diff = JSON.parse(result.stdout);
    expect(diff.from.runId).toBe(runIds[0]);
    expect(diff.newlyFailing.map((c: { checkId: string; resourceArn: string }) => [c.checkId, c.resourceArn])).toEqual([[CHECK, arn(2)]]);
    expect(diff.resolved.map((c: { checkId: string; resourceArn: string }) => [c.checkId, c.resourceArn])).toEqual([[CHECK, arn(1)]]);
    expect(diff.evidence.changed).toBe(2);
    const resolved = diff.timelines.find((t: { resourceArn: string }) => t.resourceArn === arn(1));
    expect(resolved.episodes[0].resolvedRunId).toBe(runIds[1]);
    expect(resolved.episodes[0].timeToRemediateMs).toBeTypeOf("number");
    const text = runCli(["diff", runIds[0]!, runIds[1]!, "--db", db], { cwd: dir });
    expect(text.stdout).toMatch(/Newly failing \(1\)\n.*nb-2/);
    expect(text.stdout).toMatch(/Resolved \(1\)\n.*nb-1 .*fixed after/);
    expect(runCli(["diff", "latest", "nope", "--db", db], { cwd: dir }).stderr).toMatch(/no completed run "nope"/);
  });

  it("adds no evidence rows for a second identical run", () => {
    const before = count(db, "evidence");
    collect(join(dir, "after"));
    expect(count(db, "evidence")).toBe(before);
  });

  it("verifies the store, and names the run after a one-row SQL tamper", () => {
    const ok = runCli(["verify", "--db", db], { cwd: dir });
    expect({ code: ok.code, output: ok.stdout }).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/is intact: \d+ chain links, 3 runs re-hashed/);

    const copy = join(dir, "tampered.db");
    const raw = new Database(db);
    raw.exec(`VACUUM INTO '${copy}'`);
    raw.close();
    const t = new Database(copy);
    t.prepare(`UPDATE findings SET status = 'PASS' WHERE run_id = ? AND subject_id = (SELECT id FROM finding_subjects WHERE check_id = ? AND resource_arn = ?)`).run(runIds[0], CHECK, arn(1));
    t.close();
    const bad = runCli(["verify", "--db", copy], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`run ${runIds[0]}: findings no longer match`);
    expect(bad.stderr).toContain(`first run that no longer matches: ${runIds[0]}`);
    const json = runCli(["verify", "--db", copy, "--json"], { cwd: dir });
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, problems: [{ runId: runIds[0] }] });
  });

  it("needs an existing database", () => {
    const missing = runCli(["verify", "--db", join(dir, "nope.db")], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no sageaudit database at/);
  });
});

describe("sageaudit prune", () => {
  it("removes runs past retention.days, reports a dry run first, and leaves the chain verifiable", async () => {
    const dir = tempDir();
    const path = join(dir, "store.db");
    const store = openDb(path);
    const now = Date.now();
    // Two runs from long ago and one from yesterday, collected with the clock set back.
    await storeRun(store, estate({ notebooks: 3, open: new Set([0]) }), new Date(now - 400 * 86_400_000));
    await storeRun(store, estate({ notebooks: 3, open: new Set([1]) }), new Date(now - 300 * 86_400_000));
    await storeRun(store, estate({ notebooks: 3 }), new Date(now - 86_400_000));
    store.close();
    writeFileSync(join(dir, "sageaudit.config.yaml"), "retention:\n  days: 365\n");

    const dry = runCli(["prune", "--dry-run", "--json", "--db", path], { cwd: dir });
    expect({ code: dry.code, output: dry.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, retentionDays: 365, runs: [{ status: "completed" }] });
    expect(count(path, "runs")).toBe(3);

    const real = runCli(["prune", "--db", path], { cwd: dir });
    expect({ code: real.code, output: real.stderr }).toMatchObject({ code: 0 });
    expect(real.stdout).toMatch(/removed 1 run\(s\), 1 evidence record\(s\)/);
    expect(count(path, "runs")).toBe(2);
    const verify = runCli(["verify", "--db", path], { cwd: dir });
    expect({ code: verify.code, output: verify.stdout }).toMatchObject({ code: 0 });
    expect(verify.stdout).toContain("1 pruned by retention");
  });
});
