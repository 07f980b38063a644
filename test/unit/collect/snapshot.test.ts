import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readSnapshot } from "../../../src/collect/snapshot.js";
import { sealEvidence, verifyEvidenceHash } from "../../../src/evidence/record.js";
import { redactionFingerprint, redactionPolicyWith } from "../../../src/evidence/redact.js";
import { tempDir } from "../../helpers/cli.js";

const KEY = "hf_" + "d".repeat(34);

describe("snapshot source: records are redacted as they enter", () => {
  const job = sealEvidence({
    source: "sagemaker",
    operation: "DescribeTrainingJob",
    account: "111122223333",
    region: "us-east-1",
    params: { TrainingJobName: "j" },
    collectedAt: "2026-11-27T10:00:00.000Z",
    response: { TrainingJobName: "j", HyperParameters: { hf_token: KEY, epochs: "3" }, Notes: "plain-note" },
  });
  const dir = join(tempDir(), "snap");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "evidence.jsonl"), `${JSON.stringify(job)}\n`);

  it("masks what the writer left in clear, keeps the id and re-seals", () => {
    const collection = readSnapshot(dir);
    const [record] = collection.records;
    expect(JSON.stringify(collection)).not.toContain(KEY);
    expect(record?.id).toBe(job.id);
    expect(record?.redactions).toEqual(["response.HyperParameters.hf_token (huggingface-token)"]);
    expect((record?.response as { HyperParameters: Record<string, string> }).HyperParameters.epochs).toBe("3");
    expect(verifyEvidenceHash(record!)).toBe(true);
  });

  it("applies the configured keys and says which policy it used", () => {
    const policy = redactionPolicyWith({ valueKeys: ["Notes"] });
    const collection = readSnapshot(dir, "snapshot:x", policy);
    expect(JSON.stringify(collection.records)).not.toContain("plain-note");
    expect(collection.redaction && redactionFingerprint(collection.redaction)).toBe(redactionFingerprint(policy));
  });

  it("still refuses a record whose content does not match its hash, before redacting anything", () => {
    const bad = join(tempDir(), "bad");
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "evidence.jsonl"), `${JSON.stringify({ ...job, params: { TrainingJobName: "other" } })}\n`);
    expect(() => readSnapshot(bad)).toThrow(/does not match its sha256/);
  });
});
