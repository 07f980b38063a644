import { describe, expect, it } from "vitest";
import { sealEvidence, verifyEvidenceHash } from "../../../src/evidence/record.js";
import { SharedStrings } from "../../../src/evidence/shared-strings.js";

const job = (n: number, extra: Record<string, unknown> = {}) =>
  sealEvidence({
    source: "sagemaker",
    operation: "DescribeTrainingJob",
    account: "111122223333",
    region: "eu-west-1",
    params: { TrainingJobName: `train-${n}` },
    collectedAt: "2026-12-05T10:00:00.000Z",
    response: {
      TrainingJobName: `train-${n}`,
      RoleArn: "arn:aws:iam::111122223333:role/ml",
      ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: n },
      Tags: [{ Key: "team", Value: "ml" }, { Key: "team", Value: "ml" }, { Key: "owner", Value: `u${n}` }],
      ...extra,
    },
  });

describe("SharedStrings", () => {
  it("leaves every record's content and hash exactly as sealed", () => {
    const shared = new SharedStrings();
    const records = Array.from({ length: 50 }, (_, n) => job(n));
    const copies = records.map((r) => structuredClone(r));
    for (const r of records) expect(shared.share(r)).toBe(r);
    expect(records).toEqual(copies);
    for (const r of records) expect(verifyEvidenceHash(r)).toBe(true);
  });

  it("keeps a __proto__ member a plain member instead of setting the prototype", () => {
    const shared = new SharedStrings();
    const evil = () => JSON.parse('{"__proto__":{"polluted":"yes"},"Name":"x"}') as Record<string, unknown>;
    const first = job(1, { Config: evil() });
    const second = job(2, { Config: evil() });
    shared.share(first);
    shared.share(second);
    const config = (second.response as { Config: Record<string, unknown> }).Config;
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
    expect(Object.keys(config)).toEqual(["Name", "__proto__"]);
    expect(verifyEvidenceHash(second)).toBe(true);
  });

  it("compares values only with records of the same operation and at the same place", () => {
    const shared = new SharedStrings();
    const list = sealEvidence({
      source: "sagemaker", operation: "ListTrainingJobs", account: "111122223333", region: "eu-west-1", params: {}, collectedAt: "2026-12-05T10:00:00.000Z",
      response: { TrainingJobSummaries: [{ TrainingJobName: "a" }, { TrainingJobName: "b" }, { TrainingJobName: "b" }] },
    });
    const copy = structuredClone(list);
    shared.share(job(1));
    shared.share(list);
    expect(list).toEqual(copy);
  });

  it("keeps content and hashes when identifiers repeat across operations, past the window's capacity", () => {
    const shared = new SharedStrings();
    const records = [];
    for (let n = 0; n < 3000; n++) {
      const arn = `arn:aws:sagemaker:eu-west-1:111122223333:training-job/job-${n}`;
      records.push(
        sealEvidence({
          source: "sagemaker", operation: "ListTrainingJobs", account: "111122223333", region: "eu-west-1", params: {}, collectedAt: `2026-12-05T10:00:${String(n % 60).padStart(2, "0")}.000Z`,
          response: { TrainingJobSummaries: [{ TrainingJobArn: arn, TrainingJobName: `job-${n}-${"x".repeat(n % 7)}`, CreationTime: `2026-11-01T00:00:00.${String(n % 1000).padStart(3, "0")}Z` }] },
        }),
        job(n, { TrainingJobArn: arn, Notes: [`note-${n}-aaaaaaaaaaaa`, `note-${n}-bbbbbbbbbbbb`, `note-${n}-aaaaaaaaaaaa`] }),
      );
    }
    const copies = records.map((r) => structuredClone(r));
    for (const r of records) shared.share(r);
    expect(records).toEqual(copies);
    for (const r of records) expect(verifyEvidenceHash(r)).toBe(true);
  });
});
