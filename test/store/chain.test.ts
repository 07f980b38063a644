import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/evidence/canonical.js";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { chainEntries, findingRows } from "../../src/store/chain.js";
import { openDb } from "../../src/store/db.js";
import { chainHash, findingsDigest, GENESIS_HASH } from "../../src/store/digest.js";
import type { Db } from "../../src/store/db.js";
import { pruneRuns } from "../../src/store/retention.js";
import { loadEvidence, loadFindings, resolveRun } from "../../src/store/runs.js";
import { verifyStore } from "../../src/store/verify.js";
import { tempDir } from "../helpers/cli.js";
import { count, estate, storeRun } from "./helpers.js";

const T1 = new Date("2026-11-01T10:00:00.000Z");
const T2 = new Date("2026-11-02T10:00:00.000Z");
const T3 = new Date("2026-11-03T10:00:00.000Z");

describe("store hash chain", () => {
  let db: Db;
  let path: string;

  beforeEach(async () => {
    path = join(tempDir(), "store.db");
    db = openDb(path);
    await storeRun(db, estate({ notebooks: 5, open: new Set([1]) }), T1);
    await storeRun(db, estate({ notebooks: 5, open: new Set([1, 2]) }), T2);
    await storeRun(db, estate({ notebooks: 5, open: new Set([2]) }), T3);
  });
  afterEach(() => db.close());

  it("verifies an untouched store", () => {
    const result = verifyStore(db);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.runsVerified).toBe(3);
    // One run link and one HIPAA controls link per run.
    expect(result.links).toBe(6);
  });

  describe("a store sealed with the v1 findings digest (before 2026-12-07)", () => {
    // Re-seals every run link as the older writer did (the digest over the body text, no prefix)
    // and re-links the chain from there, as that writer's store would hold it.
    const sealAsV1 = (): void => {
      let prev = GENESIS_HASH;
      for (const link of chainEntries(db)) {
        const entry = link.kind === "run" && link.runId ? { ...link, findingsDigest: findingsDigest(findingRows(db, link.runId), 1) } : link;
        const hash = chainHash(prev, entry);
        db.prepare(`UPDATE run_chain SET findings_digest = ?, prev_hash = ?, chain_hash = ? WHERE seq = ?`).run(entry.findingsDigest, prev, hash, link.seq);
        prev = hash;
      }
    };

    it("verifies, and a run sealed after it carries the v2 digest", async () => {
      sealAsV1();
      expect(chainEntries(db).filter((l) => l.kind === "run").map((l) => l.findingsDigest?.startsWith("v2:"))).toEqual([false, false, false]);
      expect(verifyStore(db).problems).toEqual([]);
      await storeRun(db, estate({ notebooks: 5, open: new Set([3]) }), new Date("2026-11-04T10:00:00.000Z"));
      expect(chainEntries(db).at(-2)?.findingsDigest).toMatch(/^v2:[0-9a-f]{64}$/);
      const result = verifyStore(db);
      expect(result.problems).toEqual([]);
      expect(result.runsVerified).toBe(4);
    });

    it("names the run whose finding body was edited", () => {
      sealAsV1();
      const second = resolveRun(db, "previous")!;
      db.prepare(
        `UPDATE finding_bodies SET body = replace(body, '"FAIL"', '"PASS"') WHERE id IN (SELECT body_id FROM findings WHERE run_id = ? AND status = 'FAIL')`,
      ).run(second.id);
      const result = verifyStore(db);
      expect(result.ok).toBe(false);
      expect(result.problems.map((p) => p.runId)).toContain(second.id);
      expect(result.problems[0]!.reason).toMatch(/findings/);
    });
  });

  it("rebuilds every stored record byte for byte", () => {
    const run = resolveRun(db, "latest")!;
    const original = estate({ notebooks: 5, open: new Set([2]) }).sort((a, b) => a.id.localeCompare(b.id));
    expect(loadEvidence(db, run.id).map((r) => JSON.stringify(r))).toEqual(original.map((r) => JSON.stringify(r)));
  });

  it("names the run whose finding was changed by SQL", () => {
    const second = resolveRun(db, "previous")!;
    db.prepare(`UPDATE findings SET status = 'PASS' WHERE run_id = ? AND status = 'FAIL' AND subject_id IN (SELECT id FROM finding_subjects WHERE resource_arn LIKE '%nb-1')`).run(second.id);
    const result = verifyStore(db);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.runId).toBe(second.id);
    expect(result.problems[0]!.reason).toMatch(/findings/);
  });

  it("names the first run whose findings name a subject that was renamed by SQL", () => {
    const first = db.prepare(`SELECT id FROM runs ORDER BY started_at LIMIT 1`).pluck().get() as string;
    db.prepare(`UPDATE finding_subjects SET resource_arn = resource_arn || '-renamed' WHERE resource_arn LIKE '%nb-1'`).run();
    const result = verifyStore(db);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.runId).toBe(first);
    expect(result.problems[0]!.reason).toMatch(/findings/);
  });

  it("detects a finding body edited without touching its status column", () => {
    const first = db.prepare(`SELECT id FROM runs ORDER BY started_at LIMIT 1`).get() as { id: string };
    db.prepare(`UPDATE finding_bodies SET body = replace(body, 'Enabled', 'Disabled') WHERE id IN (SELECT body_id FROM findings WHERE run_id = ?)`).run(first.id);
    expect(verifyStore(db).problems[0]!.runId).toBe(first.id);
  });

  it("stores an unchanged finding's body once, however many runs find it", async () => {
    const latest = resolveRun(db, "latest")!;
    const bodies = count(db, "finding_bodies");
    const again = await storeRun(db, estate({ notebooks: 5, open: new Set([2]) }), new Date("2026-11-04T10:00:00.000Z"));
    expect(count(db, "finding_bodies")).toBe(bodies);
    expect(loadFindings(db, again.id)).toEqual(loadFindings(db, latest.id));
    expect(verifyStore(db).problems).toEqual([]);
  });

  it("writes a body again when a finding differs from the previous run's, and the run reads back as evaluated", async () => {
    // T3 had nb-1 passing and nb-2 failing; this run has them the other way round, as T1 had.
    const bodies = count(db, "finding_bodies");
    const back = await storeRun(db, estate({ notebooks: 5, open: new Set([1]) }), new Date("2026-11-04T10:00:00.000Z"));
    expect(count(db, "finding_bodies")).toBeGreaterThan(bodies);
    const first = db.prepare(`SELECT id FROM runs ORDER BY started_at LIMIT 1`).get() as { id: string };
    expect(loadFindings(db, back.id)).toEqual(loadFindings(db, first.id));
    // Only the changed findings got new bodies: the unchanged ones still name the previous run's.
    const fresh = db.prepare(`SELECT count(*) FROM findings f WHERE f.run_id = ? AND f.body_id > ?`).pluck().get(back.id, db.prepare(`SELECT max(body_id) FROM findings WHERE run_id <> ?`).pluck().get(back.id)) as number;
    expect(fresh).toBe(count(db, "finding_bodies") - bodies);
    expect(fresh).toBeGreaterThan(0);
    expect(fresh).toBeLessThan(loadFindings(db, back.id).length);
    expect(verifyStore(db).problems).toEqual([]);
  });

  it("reuses bodies across the pages the previous run's findings are read in, and only there", async () => {
    // Enough notebooks that the previous run's findings span several 2,000-row pages.
    const big = (open: Set<number>) => estate({ notebooks: 900, open });
    const fresh = (runId: string) => db.prepare(`SELECT count(*) FROM findings WHERE run_id = ? AND body_id > (SELECT max(body_id) FROM findings WHERE run_id <> ?)`).pluck().get(runId, runId) as number;
    const a = await storeRun(db, big(new Set()), new Date("2026-11-04T10:00:00.000Z"));
    expect(loadFindings(db, a.id).length).toBeGreaterThan(5000);
    const bodies = count(db, "finding_bodies");
    await storeRun(db, big(new Set()), new Date("2026-11-05T10:00:00.000Z"));
    expect(count(db, "finding_bodies")).toBe(bodies);
    // One notebook far into the ordering opens: its findings, and only those, get new bodies.
    const changed = await storeRun(db, big(new Set([777])), new Date("2026-11-06T10:00:00.000Z"));
    const nb777 = loadFindings(db, changed.id).filter((f) => f.resourceArn.endsWith("/nb-777"));
    const before = loadFindings(db, a.id).filter((f) => f.resourceArn.endsWith("/nb-777"));
    const differing = nb777.filter((f, i) => JSON.stringify(f) !== JSON.stringify(before[i])).length;
    expect(differing).toBeGreaterThan(0);
    expect(fresh(changed.id)).toBe(differing);
    expect(count(db, "finding_bodies")).toBe(bodies + differing);
    expect(verifyStore(db).problems).toEqual([]);
  });

  it("detects a finding whose body was deleted", () => {
    const latest = resolveRun(db, "latest")!;
    db.prepare(`DELETE FROM finding_bodies WHERE id = (SELECT max(body_id) FROM findings WHERE run_id = ?)`).run(latest.id);
    expect(verifyStore(db).problems.some((p) => p.runId === latest.id && /findings/.test(p.reason))).toBe(true);
  });

  it("detects a deleted evidence row of a run", () => {
    const latest = resolveRun(db, "latest")!;
    db.prepare(`DELETE FROM run_evidence WHERE run_id = ? AND evidence_id = (SELECT min(evidence_id) FROM run_evidence WHERE run_id = ?)`).run(latest.id, latest.id);
    expect(verifyStore(db).problems.some((p) => p.runId === latest.id && /Merkle root/.test(p.reason))).toBe(true);
  });

  it("detects evidence content deleted behind the foreign keys' back", () => {
    db.pragma("foreign_keys = OFF");
    db.prepare(`DELETE FROM evidence WHERE content_sha256 = (SELECT content_sha256 FROM evidence WHERE operation = 'DescribeNotebookInstance' ORDER BY content_sha256 LIMIT 1)`).run();
    const result = verifyStore(db);
    expect(result.ok).toBe(false);
    expect(result.problems[0]!.reason).toMatch(/evidence altered.*missing/);
  });

  it("detects a member added to evidence content whose content key was recomputed to match", () => {
    const row = db.prepare(`SELECT content_sha256, body FROM evidence WHERE operation = 'DescribeNotebookInstance' ORDER BY content_sha256 LIMIT 1`).get() as { content_sha256: string; body: string };
    const body = `${row.body.slice(0, -1)},"zzInjected":true}`;
    db.pragma("foreign_keys = OFF");
    db.prepare(`UPDATE evidence SET body = ?, content_sha256 = ? WHERE content_sha256 = ?`).run(body, sha256Hex(body), row.content_sha256);
    db.prepare(`UPDATE run_evidence SET content_sha256 = ? WHERE content_sha256 = ?`).run(sha256Hex(body), row.content_sha256);
    expect(verifyStore(db).problems[0]!.reason).toMatch(/record no longer matches its sha256/);
  });

  it("detects edited evidence content", () => {
    db.prepare(`UPDATE evidence SET body = replace(body, '"Disabled"', '"Enabled"') WHERE content_sha256 = (SELECT content_sha256 FROM evidence WHERE operation = 'DescribeNotebookInstance' ORDER BY content_sha256 LIMIT 1)`).run();
    expect(verifyStore(db).problems[0]!.reason).toMatch(/content no longer matches/);
  });

  it("detects an edited collection time", () => {
    const latest = resolveRun(db, "latest")!;
    db.prepare(`UPDATE run_evidence SET collected_at = '2020-01-01T00:00:00.000Z' WHERE run_id = ? AND evidence_id = (SELECT min(evidence_id) FROM run_evidence WHERE run_id = ?)`).run(latest.id, latest.id);
    expect(verifyStore(db).problems[0]!.reason).toMatch(/record no longer matches its sha256/);
  });

  it("detects a control result changed by SQL", () => {
    const first = db.prepare(`SELECT id FROM runs ORDER BY started_at LIMIT 1`).get() as { id: string };
    db.prepare(`UPDATE control_results SET status = 'PASS' WHERE run_id = ? AND status = 'FAIL'`).run(first.id);
    const result = verifyStore(db);
    expect(result.problems[0]).toMatchObject({ runId: first.id, framework: "hipaa" });
    expect(result.problems[0]!.reason).toMatch(/control results/);
  });

  it("detects a run's time or scope changed by SQL", () => {
    const second = resolveRun(db, "previous")!;
    db.prepare(`UPDATE runs SET started_at = '2026-10-01T00:00:00.000Z' WHERE id = ?`).run(second.id);
    expect(verifyStore(db).problems.map((p) => p.runId)).toEqual([second.id]);
    expect(verifyStore(db).problems[0]!.reason).toMatch(/run row/);
  });

  it("detects a score changed by SQL", () => {
    db.prepare(`UPDATE framework_runs SET score = 100`).run();
    expect(verifyStore(db).ok).toBe(false);
  });

  it("detects an altered chain link", () => {
    db.prepare(`UPDATE run_chain SET merkle_root = 'x' WHERE seq = 1`).run();
    expect(verifyStore(db).problems[0]!.reason).toMatch(/chain link 1 .*altered/);
  });

  it("detects a run deleted outright (with its cascade)", () => {
    const second = resolveRun(db, "previous")!;
    db.prepare(`DELETE FROM runs WHERE id = ?`).run(second.id);
    expect(verifyStore(db).problems[0]!.reason).toMatch(/row is gone/);
  });

  it("stores an identical second run without new evidence rows", async () => {
    const before = count(db, "evidence");
    await storeRun(db, estate({ notebooks: 5, open: new Set([2]) }), new Date("2026-11-04T10:00:00.000Z"));
    expect(count(db, "evidence")).toBe(before);
    // Live collections differ only in collectedAt: the content is still shared.
    await storeRun(db, estate({ notebooks: 5, open: new Set([2]), collectedAt: "2026-11-05T10:00:00.000Z" }), new Date("2026-11-05T10:00:00.000Z"));
    expect(count(db, "evidence")).toBe(before);
    expect(verifyStore(db).ok).toBe(true);
  });

  it("does not add a link when a run is re-evaluated with the same inputs", async () => {
    const links = verifyStore(db).links;
    const { evaluateStoredRun } = await import("../../src/pipeline/report-run.js");
    const { loadFramework } = await import("../../src/frameworks/load.js");
    const { CHECK_IDS } = await import("../../src/checks/catalogue.js");
    evaluateStoredRun(db, resolveRun(db, "latest")!, { mapping: loadFramework("hipaa", CHECK_IDS), waivers: [], attestations: [] }, new Date().toISOString(), "test");
    expect(verifyStore(db).links).toBe(links);
  });

  it("keeps the chain verifiable after retention prunes old runs and their evidence", () => {
    const plan = pruneRuns(db, { days: 1, now: new Date("2026-11-03T12:00:00.000Z"), dryRun: true });
    expect(plan.runs.map((r) => r.startedAt)).toEqual([T1.toISOString(), T2.toISOString()]);
    expect(count(db, "runs")).toBe(3);
    pruneRuns(db, { days: 1, now: new Date("2026-11-03T12:00:00.000Z"), dryRun: false });
    expect(count(db, "runs")).toBe(1);
    // The evidence only the pruned runs used (nb-1 open) is gone; what the kept run uses stays.
    expect(count(db, "evidence")).toBe(count(db, "run_evidence"));
    // So are the finding bodies only they named: the kept run's findings each name one of their own.
    expect(count(db, "finding_bodies")).toBe(count(db, "findings"));
    const result = verifyStore(db);
    expect(result.problems).toEqual([]);
    expect(result.runsPruned).toBe(2);
    expect(result.runsVerified).toBe(1);
  });

  it("drops the finding subjects only pruned runs named, and keeps one subject per check and resource", async () => {
    const other = openDb(join(tempDir(), "subjects.db"));
    await storeRun(other, estate({ notebooks: 6 }), T1);
    await storeRun(other, estate({ notebooks: 5 }), T3);
    const subjects = `SELECT count(*) FROM (SELECT DISTINCT subject_id FROM findings)`;
    expect(count(other, "finding_subjects")).toBe(other.prepare(subjects).pluck().get());
    expect(count(other, "finding_subjects")).toBeGreaterThan(other.prepare(`SELECT count(*) FROM findings WHERE run_id = (SELECT id FROM runs ORDER BY started_at DESC LIMIT 1)`).pluck().get() as number);
    pruneRuns(other, { days: 1, now: new Date("2026-11-03T12:00:00.000Z"), dryRun: false });
    expect(count(other, "finding_subjects")).toBe(count(other, "findings"));
    expect(other.prepare(`SELECT count(*) FROM finding_subjects WHERE resource_arn LIKE '%/nb-5'`).pluck().get()).toBe(0);
    expect(verifyStore(other).problems).toEqual([]);
    other.close();
  });

  it("finds a subject the key-order walk passes by (SQLite and JavaScript order some code points differently)", async () => {
    // U+FFFD sorts after U+1D4B3 in UTF-8 (SQLite) but before it in UTF-16 (JavaScript).
    const names = (records: EvidenceRecord[]): EvidenceRecord[] =>
      (JSON.parse(JSON.stringify(records).replaceAll("nb-0", "nb-\uFFFD").replaceAll("nb-1", "nb-\uD835\uDCB3")) as EvidenceRecord[]).map((r) =>
        sealEvidence({ source: r.source, operation: r.operation, account: r.account, region: r.region, params: r.params, collectedAt: r.collectedAt, ...(r.response ? { response: r.response } : {}) }),
      );
    const other = openDb(join(tempDir(), "order.db"));
    await storeRun(other, names(estate({ notebooks: 2, open: new Set([0]) })), T1);
    const subjects = count(other, "finding_subjects");
    const again = await storeRun(other, names(estate({ notebooks: 2, open: new Set([0]) })), T2);
    expect(count(other, "finding_subjects")).toBe(subjects);
    expect(loadFindings(other, again.id).map((f) => f.resourceArn)).toContain(`arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb-\u{1D4B3}`);
    expect(verifyStore(other).problems).toEqual([]);
    other.close();
  });

  it("always keeps the newest readable run, however old", () => {
    pruneRuns(db, { days: 1, now: new Date("2030-01-01T00:00:00.000Z"), dryRun: false });
    expect(resolveRun(db, "latest")?.startedAt).toBe(T3.toISOString());
    expect(verifyStore(db).ok).toBe(true);
  });
});
