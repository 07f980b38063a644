import { describe, expect, it } from "vitest";
import { evidenceIndexOf, gapOf, sealEvidence } from "../../../src/evidence/record.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";

const at = "2026-12-07T10:00:00.000Z";
const describeJob = (name: string, region: string, status = "Completed"): EvidenceRecord =>
  sealEvidence({ source: "sagemaker", operation: "DescribeTrainingJob", account: "111122223333", region, params: { TrainingJobName: name }, collectedAt: at, response: { TrainingJobName: name, TrainingJobStatus: status } });
const failedList = (region: string): EvidenceRecord =>
  sealEvidence({ source: "sagemaker", operation: "ListTrainingJobs", account: "111122223333", region, params: {}, collectedAt: at, error: { code: "ThrottlingException", message: "Rate exceeded" } });
const trail = (): EvidenceRecord => sealEvidence({ source: "cloudtrail", operation: "DescribeTrails", account: "444455556666", region: "eu-west-1", params: {}, collectedAt: at, response: { trailList: [] } });

describe("the evidence index of a collection", () => {
  it("answers each id with its record's id, hash and origin, and a gap's error as `code: message`", () => {
    const records = [describeJob("a", "eu-west-1"), failedList("us-east-1"), trail(), describeJob("b", "us-east-1"), failedList("eu-west-1"), describeJob("c", "eu-west-1")];
    const index = evidenceIndexOf(records);
    for (const r of records) {
      const gap = gapOf(r);
      expect(index.get(r.id)).toEqual({ id: r.id, sha256: r.sha256, source: r.source, operation: r.operation, account: r.account, region: r.region, ...(gap ? { error: gap.error } : {}) });
    }
    expect(index.get(records[1]!.id)?.error).toBe("ThrottlingException: Rate exceeded");
    expect(index.get("ev_not-collected")).toBeUndefined();
  });

  it("answers an id collected twice with its last record", () => {
    const first = describeJob("a", "eu-west-1", "InProgress");
    const last = describeJob("a", "eu-west-1", "Completed");
    expect(first.id).toBe(last.id);
    expect(evidenceIndexOf([first, trail(), last]).get(last.id)?.sha256).toBe(last.sha256);
  });
});
