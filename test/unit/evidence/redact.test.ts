import { describe, expect, it } from "vitest";
import { redact } from "../../../src/evidence/redact.js";

describe("redact", () => {
  it("masks container Environment values but keeps their keys and a change-detecting hash", () => {
    const { value, redactions } = redact({
      PrimaryContainer: { Environment: { DB_PASSWORD: "hunter2", SAGEMAKER_PROGRAM: "train.py" } },
      Containers: [{ Environment: { TOKEN: "abc" } }],
    });
    const text = JSON.stringify(value);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain('"abc"');
    const env = (value as { PrimaryContainer: { Environment: Record<string, string> } }).PrimaryContainer.Environment;
    expect(env.DB_PASSWORD).toMatch(/^\[REDACTED sha256:[0-9a-f]{12}\]$/);
    expect(redact({ PrimaryContainer: { Environment: { DB_PASSWORD: "other" } } }).value).not.toEqual(value);
    expect(redactions).toEqual([
      "response.PrimaryContainer.Environment.DB_PASSWORD",
      "response.PrimaryContainer.Environment.SAGEMAKER_PROGRAM",
      "response.Containers[0].Environment.TOKEN",
    ]);
  });

  it("keeps references to a secret store, which are not secrets", () => {
    const ref = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
    const { value } = redact({ Environment: { DB_PASSWORD: ref } });
    expect((value as { Environment: Record<string, string> }).Environment.DB_PASSWORD).toBe(ref);
  });

  it("masks presigned URLs wherever they appear and drops SDK metadata", () => {
    const url = "https://x.s3.amazonaws.com/o?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc";
    const { value, redactions } = redact({ $metadata: { requestId: "r" }, Other: { Link: url } });
    expect(JSON.stringify(value)).not.toContain("X-Amz-Signature");
    expect(value).not.toHaveProperty("$metadata");
    expect(redactions).toEqual(["response.Other.Link"]);
  });

  it("redacts inside CloudTrail events carried as JSON strings", () => {
    const event = JSON.stringify({ requestParameters: { primaryContainer: { Environment: { DB_PASSWORD: "hunter2" } } } });
    const { value, redactions } = redact({ Events: [{ CloudTrailEvent: event }] });
    expect(JSON.stringify(value)).not.toContain("hunter2");
    expect(redactions).toEqual(["response.Events[0].CloudTrailEvent.requestParameters.primaryContainer.Environment.DB_PASSWORD"]);
  });

  it("applies configured extra keys on top of the built-in ones", () => {
    const { value } = redact({ Custom: "s3cr3t", Environment: { A: "1" } }, { mapKeys: ["Environment"], valueKeys: ["Custom"] });
    expect(JSON.stringify(value)).not.toContain("s3cr3t");
  });
});

describe("redact, key spelling", () => {
  it("matches secret-bearing keys whatever their case, as CloudTrail spells them in lowerCamelCase", () => {
    const event = JSON.stringify({ requestParameters: { primaryContainer: { environment: { DB_PASSWORD: "hunter2" } } } });
    expect(JSON.stringify(redact({ Events: [{ CloudTrailEvent: event }] }).value)).not.toContain("hunter2");
  });
});
