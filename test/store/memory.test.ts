import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { openDb } from "../../src/store/db.js";
import { storeMemory } from "../../src/store/evidence.js";
import { tempDir } from "../helpers/cli.js";
import { ACCOUNT, REGION, estate, storeRun } from "./helpers.js";

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
});
