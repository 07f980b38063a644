import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { openDb } from "../../src/store/db.js";
import { storeMemory } from "../../src/store/evidence.js";
import { DEFAULT_REDACTION, redactionFingerprint } from "../../src/evidence/redact.js";
import { collectRun } from "../../src/pipeline/collect-run.js";
import { loadEvidence, resolveRun } from "../../src/store/runs.js";
import { rememberStoredOrigin, storedOriginOf } from "../../src/store/stored-origin.js";
import { verifyStore } from "../../src/store/verify.js";
import { tempDir } from "../helpers/cli.js";
import { ACCOUNT, REGION, count, estate, storeRun } from "./helpers.js";

const day = (d: number): Date => new Date(Date.UTC(2026, 10, d, 10));
const PARAMS = { TrainingJobName: "train-1" };
const job = (at: Date, status: string): EvidenceRecord =>
  sealEvidence({ source: "sagemaker", operation: "DescribeTrainingJob", account: ACCOUNT, region: REGION, params: PARAMS, collectedAt: at.toISOString(), response: { TrainingJobName: "train-1", TrainingJobStatus: status } });
const gap = (at: Date): EvidenceRecord =>
  sealEvidence({ source: "sagemaker", operation: "DescribeTrainingJob", account: ACCOUNT, region: REGION, params: PARAMS, collectedAt: at.toISOString(), error: { code: "ThrottlingException", message: "Rate exceeded" } });
/** A run with one notebook besides the job, so a run whose job describe failed still completes. */
const run = (at: Date, record: EvidenceRecord): EvidenceRecord[] => [...estate({ notebooks: 1, collectedAt: at.toISOString() }), record];

describe("stored evidence for reuse", () => {
  it("is the newest completed run's answer, walked back past runs where the same request failed, however long the history", async () => {
    const db = openDb(join(tempDir(), "memory.db"));
    for (let d = 1; d <= 20; d++) await storeRun(db, run(day(d), job(day(d), d < 20 ? "InProgress" : "Completed")), day(d));
    const answered = job(day(20), "Completed");
    // Two later runs could not describe the job: their gaps are not answers.
    await storeRun(db, run(day(21), gap(day(21))), day(21));
    await storeRun(db, run(day(22), gap(day(22))), day(22));
    const memory = storeMemory(db);
    expect(memory.storedEvidence(answered.id)).toEqual(answered);
    // A request no run ever made.
    expect(memory.storedEvidence(job(day(1), "Completed").id.replace(/.$/, "x"))).toBeUndefined();
    // A newer answer wins as soon as it is stored.
    const newer = job(day(23), "Completed");
    await storeRun(db, run(day(23), newer), day(23));
    expect(storeMemory(db).storedEvidence(newer.id)).toEqual(newer);
    db.close();
  });

  it("is found in an older run when the newest completed run did not make the request", async () => {
    const db = openDb(join(tempDir(), "older.db"));
    const answered = job(day(1), "Completed");
    await storeRun(db, run(day(1), answered), day(1));
    await storeRun(db, estate({ notebooks: 1, collectedAt: day(2).toISOString() }), day(2));
    expect(storeMemory(db).storedEvidence(answered.id)).toEqual(answered);
    db.close();
  });

  it("knows the policy a handed-out record was stored under, and stores it back as the row it came from", async () => {
    const db = openDb(join(tempDir(), "reuse.db"));
    const answered = job(day(1), "Completed");
    /**
     * A run whose collector reuses the stored answer when there is one, as the AWS collector does for
     * immutable resources; `meanwhile` runs between the reuse and the store.
     */
    const reuseRun = (at: Date, meanwhile?: () => void): Promise<unknown> =>
      collectRun({
        db,
        sourceName: "test",
        toolVersion: "test",
        now: () => at,
        collect: (memory) => {
          const reused = memory.storedEvidence(answered.id) ?? answered;
          meanwhile?.();
          return Promise.resolve({ source: "test", records: [...estate({ notebooks: 1 }), reused], accounts: [ACCOUNT], regions: [REGION], apiCalls: {}, redaction: DEFAULT_REDACTION });
        },
      });
    const storedAnswer = (): EvidenceRecord | undefined => loadEvidence(db, resolveRun(db, "latest")!.id).find((r) => r.id === answered.id);
    await reuseRun(day(1));
    const memory = storeMemory(db);
    const handed = memory.storedEvidence(answered.id)!;
    expect(memory.redactedUnder?.(handed)).toBe(redactionFingerprint(DEFAULT_REDACTION));
    // A copy is not what the store handed out: nothing is known of it.
    expect(memory.redactedUnder?.({ ...handed })).toBeUndefined();

    const rows = count(db, "evidence");
    await reuseRun(day(2));
    expect(count(db, "evidence")).toBe(rows);
    expect(storedAnswer()).toEqual(answered);

    // The row the record came from is gone by the time the run is stored: it is written again.
    const gone = db.prepare(`SELECT content_sha256 FROM run_evidence WHERE evidence_id = ? LIMIT 1`).pluck().get(answered.id) as string;
    let removed = 0;
    await reuseRun(day(3), () => {
      db.pragma("foreign_keys = OFF");
      removed = db.prepare(`DELETE FROM evidence WHERE content_sha256 = ?`).run(gone).changes;
      db.pragma("foreign_keys = ON");
    });
    expect(removed).toBe(1);
    expect(storedAnswer()).toEqual(answered);
    expect(verifyStore(db).problems).toEqual([]);
    db.close();
  });

  it("stores a record sealed anew as new content, even when it is marked as read from a stored row", async () => {
    const db = openDb(join(tempDir(), "resealed.db"));
    const first = job(day(1), "Completed");
    await storeRun(db, run(day(1), first), day(1));
    const handed = storeMemory(db).storedEvidence(first.id)!;
    // Another answer to the same request, carrying the stored row's origin: the origin only says
    // where to look, the record's sha256 decides whether it is that row.
    const resealed = rememberStoredOrigin(job(day(2), "Failed"), storedOriginOf(handed)!);
    await storeRun(db, run(day(2), resealed), day(2));
    expect(loadEvidence(db, resolveRun(db, "latest")!.id).find((r) => r.id === first.id)).toEqual(resealed);
    expect(verifyStore(db).problems).toEqual([]);
    db.close();
  });
});
