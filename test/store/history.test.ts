import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import { collectRun } from "../../src/pipeline/collect-run.js";
import { openDb } from "../../src/store/db.js";
import type { Db } from "../../src/store/db.js";
import { storeMemory } from "../../src/store/evidence.js";
import { complianceSeries, diffRuns, findingTimeline, frameworkHistory } from "../../src/store/history.js";
import { resolveRun, startRun } from "../../src/store/runs.js";
import type { RunRow } from "../../src/store/runs.js";
import { CHECK_IDS } from "../../src/checks/catalogue.js";
import { loadFramework } from "../../src/frameworks/load.js";
import { tempDir } from "../helpers/cli.js";
import { ACCOUNT, estate, REGION, storeRun } from "./helpers.js";

const CHECK = "sagemaker.notebook.direct-internet-disabled";
const arn = (i: number): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/nb-${i}`;
const day = (d: number): Date => new Date(Date.UTC(2026, 10, d, 10));

describe("history queries", () => {
  let db: Db;
  let runs: RunRow[];

  beforeEach(async () => {
    db = openDb(join(tempDir(), "history.db"));
    runs = [
      await storeRun(db, estate({ notebooks: 4, open: new Set([1]) }), day(1)),
      await storeRun(db, estate({ notebooks: 4, open: new Set([1, 2]) }), day(2)),
      // nb-3 deleted, nb-1 fixed
      await storeRun(db, estate({ notebooks: 3, open: new Set([2]) }), day(4)),
    ];
  });
  afterEach(() => db.close());

  it("lists every run of a framework newest first, failed and incomplete ones without a score", () => {
    startRun(db, { id: "zz-crashed", startedAt: day(5).toISOString(), source: "test", accounts: [], regions: [], toolVersion: "t" });
    db.prepare(`UPDATE runs SET status = 'incomplete' WHERE id = 'zz-crashed'`).run();
    const history = frameworkHistory(db, "hipaa", 10);
    expect(history.map((h) => h.runId)).toEqual(["zz-crashed", ...runs.map((r) => r.id).reverse()]);
    expect(history[0]).toMatchObject({ status: "incomplete", score: null, controls: null });
    expect(history[1]!.score).toBeTypeOf("number");
    expect(history[1]!.controls!.FAIL).toBeGreaterThan(0);
    expect(frameworkHistory(db, "hipaa", 2)).toHaveLength(2);
    expect(complianceSeries(db, "hipaa", runs[1]!.id, 10).map((p) => p.runId)).toEqual([runs[0]!.id, runs[1]!.id]);
  });

  it("diffs two runs: newly failing, resolved, still failing, changed evidence", () => {
    const diff = diffRuns(db, runs[1]!, runs[2]!);
    expect(diff.newlyFailing).toEqual([]);
    expect(diff.resolved.filter((c) => c.checkId === CHECK).map((c) => [c.resourceArn, c.after])).toEqual([[arn(1), "PASS"]]);
    expect(diff.stillFailing.filter((c) => c.checkId === CHECK).map((c) => c.resourceArn)).toEqual([arn(2)]);
    expect(diff.evidence.removed).toBe(1); // nb-3's describe
    expect(diff.evidence.changed).toBeGreaterThanOrEqual(2); // nb-1's describe, the list page
    const forward = diffRuns(db, runs[0]!, runs[1]!, { framework: "hipaa", checkIds: new Set([CHECK]) });
    expect(forward.newlyFailing.map((c) => [c.checkId, c.resourceArn, c.before])).toEqual([[CHECK, arn(2), "PASS"]]);
    // nb-1 failed in both runs, so no control changed status.
    expect(forward.controls).toEqual([]);
  });

  it("reports the controls whose status changed when every notebook is fixed", async () => {
    const fixed = await storeRun(db, estate({ notebooks: 3, open: new Set() }), day(6));
    const diff = diffRuns(db, runs[2]!, fixed, { framework: "hipaa", checkIds: new Set([CHECK]) });
    const mapping = loadFramework("hipaa", CHECK_IDS);
    const mappingCheck = new Set(mapping.controls.filter((c) => c.checks.includes(CHECK)).map((c) => c.id));
    expect(diff.controls!.length).toBeGreaterThan(0);
    for (const change of diff.controls!) {
      expect(mappingCheck.has(change.controlId)).toBe(true);
      expect(change.before).toBe("FAIL");
      expect(change.after).not.toBe("FAIL");
    }
  });

  it("knows when each finding first failed, when it was resolved and how long that took", () => {
    const timeline = findingTimeline(db, { keys: [{ checkId: CHECK, resourceArn: arn(1) }, { checkId: CHECK, resourceArn: arn(2) }] });
    const nb1 = timeline.find((t) => t.resourceArn === arn(1))!;
    expect(nb1.firstFailedAt).toBe(day(1).toISOString());
    expect(nb1.episodes).toEqual([
      { failedRunId: runs[0]!.id, failedAt: day(1).toISOString(), resolvedRunId: runs[2]!.id, resolvedAt: day(4).toISOString(), resolution: "passed", timeToRemediateMs: 3 * 86_400_000 },
    ]);
    const nb2 = timeline.find((t) => t.resourceArn === arn(2))!;
    expect(nb2).toMatchObject({ currentStatus: "FAIL", firstFailedAt: day(2).toISOString(), lastResolvedAt: null });
    expect(nb2.episodes[0]!.timeToRemediateMs).toBeNull();
  });

  it("never reads an incomplete run as latest", () => {
    startRun(db, { id: "zz-running", startedAt: day(9).toISOString(), source: "test", accounts: [], regions: [], toolVersion: "t" });
    expect(resolveRun(db, "latest")?.id).toBe(runs[2]!.id);
    expect(resolveRun(db, "zz-running")).toBeUndefined();
  });
});

describe("collector memory", () => {
  it("returns the stored CloudTrail cursor and the newest stored record of an evidence id", async () => {
    const db = openDb(join(tempDir(), "memory.db"));
    const records = estate({ notebooks: 1 });
    const at = day(1);
    await collectRun({
      db,
      sourceName: "test",
      toolVersion: "t",
      now: () => at,
      collect: () =>
        Promise.resolve({ source: "test", records, accounts: [ACCOUNT], regions: [REGION], apiCalls: {}, cursors: [{ account: ACCOUNT, region: REGION, stream: "cloudtrail", value: "2026-11-01T09:59:00Z" }] }),
    });
    // The next run's collector is handed the same memory.
    let handed: string | undefined;
    await collectRun({
      db,
      sourceName: "test",
      toolVersion: "t",
      now: () => day(2),
      collect: (m) => {
        handed = m.cloudTrailCursor(ACCOUNT, REGION);
        return Promise.resolve({ source: "test", records, accounts: [ACCOUNT], regions: [REGION], apiCalls: {} });
      },
    });
    expect(handed).toBe("2026-11-01T09:59:00Z");
    const memory = storeMemory(db);
    expect(memory.cloudTrailCursor(ACCOUNT, REGION)).toBe("2026-11-01T09:59:00Z");
    expect(memory.cloudTrailCursor(ACCOUNT, "eu-west-1")).toBeUndefined();
    const describe = records.find((r) => r.operation === "DescribeNotebookInstance")!;
    expect(memory.storedEvidence(describe.id)).toEqual(describe);
    expect(memory.storedEvidence("ev_unknown")).toBeUndefined();
    // A gap is never reused as if it were an answer.
    const gap = sealEvidence({ source: "sagemaker", operation: "DescribeModel", account: ACCOUNT, region: REGION, params: { ModelName: "m" }, collectedAt: at.toISOString(), error: { code: "AccessDeniedException", message: "no" } });
    // A run whose only record is a gap collected nothing usable: it is stored failed, not completed.
    await expect(
      collectRun({ db, sourceName: "test", toolVersion: "t", now: () => day(3), collect: () => Promise.resolve({ source: "test", records: [gap], accounts: [ACCOUNT], regions: [REGION], apiCalls: {} }) }),
    ).rejects.toThrow(/no usable evidence from test: every one of 1 call\(s\) failed .*AccessDeniedException x1/);
    expect(memory.storedEvidence(gap.id)).toBeUndefined();
    db.close();
  });
});
