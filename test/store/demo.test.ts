import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { writeSnapshot } from "./helpers.js";

const DEMO = resolve("examples/demo-estate/evidence.jsonl");
const CHECK = "sagemaker.notebook.direct-internet-disabled";

/** The demo estate with one compliant notebook opened to the internet, re-sealed as a collector would. */
function changedDemo(): { records: EvidenceRecord[]; arn: string } {
  const records = readFileSync(DEMO, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as EvidenceRecord);
  const index = records.findIndex((r) => r.operation === "DescribeNotebookInstance" && r.response?.DirectInternetAccess === "Disabled");
  const target = records[index]!;
  const { id: _id, sha256: _sha, ...rest } = target;
  records[index] = sealEvidence({ ...rest, response: { ...target.response, DirectInternetAccess: "Enabled" } });
  return { records, arn: target.response!.NotebookInstanceArn as string };
}

describe.skipIf(!existsSync(DEMO))("the store on the demo estate", () => {
  it("shows two demo runs in history, diffs a change in the estate, and stores an identical run without new evidence", () => {
    const dir = tempDir();
    const db = join(dir, "store.db");
    const cli = (args: string[]) => runCli([...args, "--db", db], { cwd: dir });
    const collect = (source: string): string => {
      const result = cli(["collect", "--source", source, "--json"]);
      expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
      return (JSON.parse(result.stdout) as { runId: string }).runId;
    };
    const evidenceRows = (): number => {
      const raw = new Database(db, { readonly: true });
      const n = (raw.prepare(`SELECT count(*) AS n FROM evidence`).get() as { n: number }).n;
      raw.close();
      return n;
    };

    const first = collect("demo");
    const { records, arn } = changedDemo();
    const changed = writeSnapshot(join(dir, "changed"), records);
    const second = collect(`snapshot:${changed}`);

    const history = JSON.parse(cli(["history", "--framework", "hipaa", "--json"]).stdout) as { runs: { runId: string }[] };
    expect(history.runs.map((r) => r.runId)).toEqual([second, first]);

    const diff = JSON.parse(cli(["diff", "previous", "latest", "--framework", "hipaa", "--json"]).stdout);
    expect(diff.newlyFailing.map((c: { checkId: string; resourceArn: string }) => [c.checkId, c.resourceArn])).toContainEqual([CHECK, arn]);
    expect(diff.resolved).toEqual([]);
    expect(diff.evidence).toMatchObject({ changed: 1, added: 0, removed: 0 });

    const rows = evidenceRows();
    collect(`snapshot:${changed}`);
    expect(evidenceRows()).toBe(rows);
    expect(cli(["verify"]).code).toBe(0);
  });
});
