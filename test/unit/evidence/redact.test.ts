import { describe, expect, it } from "vitest";
import { sealEvidence, verifyEvidenceHash } from "../../../src/evidence/record.js";
import { DEFAULT_REDACTION, redact, redactionFingerprint, redactionPolicyWith, redactRecord } from "../../../src/evidence/redact.js";

const MARKER = /^\[REDACTED sha256:[0-9a-f]{12}\]$/;
// Built from parts so no literal here looks like a live credential.
const GHP = "ghp_" + "Z".repeat(20) + "9".repeat(16);
const WANDB = "0123456789abcdef0123456789abcdef01234567";
const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

describe("redact", () => {
  it("masks container Environment values but keeps their keys, a change-detecting hash and the kind", () => {
    const { value, redactions } = redact({
      PrimaryContainer: { Environment: { DB_PASSWORD: "hunter2", SAGEMAKER_PROGRAM: "train.py" } },
      Containers: [{ Environment: { TOKEN: "abc" } }],
    });
    const text = JSON.stringify(value);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain('"abc"');
    const env = (value as { PrimaryContainer: { Environment: Record<string, string> } }).PrimaryContainer.Environment;
    expect(env.DB_PASSWORD).toMatch(MARKER);
    expect(redact({ PrimaryContainer: { Environment: { DB_PASSWORD: "other" } } }).value).not.toEqual(value);
    expect(redactions).toEqual([
      "response.PrimaryContainer.Environment.DB_PASSWORD (password)",
      "response.PrimaryContainer.Environment.SAGEMAKER_PROGRAM (policy)",
      "response.Containers[0].Environment.TOKEN (token)",
    ]);
  });

  it("keeps references to a secret store, which are not secrets", () => {
    const ref = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf";
    const { value, redactions } = redact({ Environment: { DB_PASSWORD: ref } });
    expect((value as { Environment: Record<string, string> }).Environment.DB_PASSWORD).toBe(ref);
    expect(redactions).toEqual([]);
  });

  it("masks the credentials of presigned URLs wherever they appear, keeping host and path, and drops SDK metadata", () => {
    const url = "https://x.s3.amazonaws.com/o?X-Amz-Credential=AKIA%2F&X-Amz-Signature=abc123def";
    const { value, redactions } = redact({ $metadata: { requestId: "r" }, Other: { Link: url } });
    const link = (value as { Other: { Link: string } }).Other.Link;
    expect(link).not.toContain("abc123def");
    expect(link.startsWith("https://x.s3.amazonaws.com/o?X-Amz-Credential=[REDACTED sha256:")).toBe(true);
    expect(value).not.toHaveProperty("$metadata");
    expect(redactions).toEqual(["response.Other.Link (presigned-url)"]);
  });

  it("applies configured extra keys on top of the built-in ones", () => {
    const { value } = redact({ Custom: "s3cr3t", Environment: { A: "1" } }, redactionPolicyWith({ valueKeys: ["Custom"] }));
    expect(JSON.stringify(value)).not.toContain("s3cr3t");
  });

  it("changes nothing when run twice (markers are never redacted again)", () => {
    const input = {
      HyperParameters: { wandb_api_key: WANDB, lr: "0.1" },
      AlgorithmSpecification: { ContainerArguments: ["--db", "postgres://app:hunter2@db.internal/claims"] },
      Environment: { A: "1", DB_PASS: "x1y2z3" },
    };
    const once = redact(input);
    const twice = redact(once.value);
    expect(twice.value).toEqual(once.value);
    expect(twice.redactions).toEqual([]);
  });
});

describe("redact copies only what it changes", () => {
  const deepFreeze = <T>(v: T): T => {
    if (v !== null && typeof v === "object") {
      for (const member of Object.values(v)) deepFreeze(member);
      Object.freeze(v);
    }
    return v;
  };

  it("returns a response with nothing to redact as the very same object", () => {
    const response = deepFreeze({ TrainingJobName: "job-1", Tags: [{ Key: "team", Value: "ml" }], HyperParameters: { epochs: "10" }, Nested: { List: [1, "two", { three: 3 }] } });
    const { value, redactions, changed } = redact(response);
    expect(value).toBe(response);
    expect(redactions).toEqual([]);
    expect(changed).toBe(false);
  });

  it("copies the path to a change, shares the rest, keeps key order and leaves the input as it was", () => {
    const input = deepFreeze({
      A: { Kept: [1, 2] },
      B: [{ x: 1 }, { Environment: { DB_PASSWORD: "hunter2" } }, { y: 2 }],
      $metadata: { requestId: "r-1" },
      C: "plain",
    });
    const before = JSON.stringify(input);
    const { value, changed } = redact(input);
    const out = value as typeof input;
    expect(changed).toBe(true);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.keys(out)).toEqual(["A", "B", "C"]);
    expect(out.A).toBe(input.A);
    expect(out.B).not.toBe(input.B);
    expect(out.B[0]).toBe(input.B[0]);
    expect(out.B[2]).toBe(input.B[2]);
    expect(out.B).toHaveLength(3);
    expect((out.B[1] as { Environment: Record<string, string> }).Environment.DB_PASSWORD).toMatch(MARKER);
    expect(out.C).toBe("plain");
  });

  it("drops SDK metadata wherever it stands among the members", () => {
    const { value } = redact({ $metadata: { httpStatusCode: 200 }, A: 1, ResponseMetadata: { RequestId: "r" }, B: 2 });
    expect(JSON.stringify(value)).toBe('{"A":1,"B":2}');
  });

  it("keeps a member named __proto__ as a member of the copies it makes", () => {
    const parsed = JSON.parse(`{"__proto__":{"note":"kept"},"HyperParameters":{"__proto__":"${GHP}","lr":"0.1"},"Password":"x"}`) as Record<string, unknown>;
    const { value } = redact(parsed);
    const out = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(["__proto__", "HyperParameters", "Password"]);
    expect(JSON.stringify(out)).toContain('"__proto__":{"note":"kept"}');
    const hyper = out.HyperParameters as Record<string, unknown>;
    expect(Object.keys(hyper)).toEqual(["__proto__", "lr"]);
    expect(hyper["__proto__"]).toMatch(MARKER);
  });
});

describe("redact, per field family (real API response shapes)", () => {
  it("DescribeTrainingJob: secret hyperparameters masked by name, the others stay readable", () => {
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
    const response = {
      TrainingJobName: "claims-xgb-2026-11-27",
      TrainingJobArn: "arn:aws:sagemaker:us-east-1:111122223333:training-job/claims-xgb-2026-11-27",
      TrainingJobStatus: "Completed",
      HyperParameters: { learning_rate: "0.1", max_depth: "6", wandb_api_key: `"${WANDB}"`, sagemaker_program: '"train.py"' },
      AlgorithmSpecification: {
        TrainingImage: "registry.example.com/ml/xgb:1.7?token=abcdef123456",
        TrainingInputMode: "File",
        ContainerEntrypoint: ["python3", "train.py"],
        ContainerArguments: ["--hf-token", "hf_" + "a".repeat(34), "--epochs", "10", "--api-key", "plainvalue123", `--github=${GHP}`],
      },
      Environment: { HF_HUB_OFFLINE: "1" },
      OutputDataConfig: { S3OutputPath: "s3://claims-models/out/?X-Amz-Signature=0a1b2c3d4e5f" },
    };
    const { value, redactions } = redact(response);
    const v = value as typeof response;
    expect(v.HyperParameters.learning_rate).toBe("0.1");
    expect(v.HyperParameters.max_depth).toBe("6");
    expect(v.HyperParameters.sagemaker_program).toBe('"train.py"');
    expect(v.HyperParameters.wandb_api_key).toMatch(MARKER);
    expect(v.AlgorithmSpecification.TrainingImage.startsWith("registry.example.com/ml/xgb:1.7?token=[REDACTED sha256:")).toBe(true);
    expect(v.AlgorithmSpecification.ContainerArguments[3]).toBe("10");
    expect(v.OutputDataConfig.S3OutputPath.startsWith("s3://claims-models/out/?X-Amz-Signature=[REDACTED")).toBe(true);
    const text = JSON.stringify(value);
    for (const secret of [WANDB, "abcdef123456", "a".repeat(34), "plainvalue123", GHP, "0a1b2c3d4e5f"]) expect(text).not.toContain(secret);
    expect(redactions).toEqual([
      "response.HyperParameters.wandb_api_key (api-key)",
      "response.AlgorithmSpecification.TrainingImage (url-token)",
      "response.AlgorithmSpecification.ContainerArguments[1] (huggingface-token)",
      "response.AlgorithmSpecification.ContainerArguments[5] (api-key)",
      "response.AlgorithmSpecification.ContainerArguments[6] (github-token)",
      "response.Environment.HF_HUB_OFFLINE (policy)",
      "response.OutputDataConfig.S3OutputPath (presigned-url)",
    ]);
  });

  it("DescribeModel: environment of every container; a credential URL in a non-secret name is typed by value", () => {
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html
    const response = {
      ModelName: "claims-scorer",
      PrimaryContainer: {
        Image: "deploy:r3gistryPass@registry.example.com/ml/scorer:2",
        Environment: { DATABASE: "postgres://app:hunter2@db.internal:5432/claims", MODEL_NAME: "scorer" },
      },
      Containers: [{ ContainerHostname: "c1", Environment: { DB_PASS: "hunter2" } }],
    };
    const { value, redactions } = redact(response);
    expect(JSON.stringify(value)).not.toContain("hunter2");
    expect(JSON.stringify(value)).not.toContain("r3gistryPass");
    expect((value as typeof response).PrimaryContainer.Image).toMatch(/^deploy:\[REDACTED sha256:[0-9a-f]{12}\]@registry\.example\.com\/ml\/scorer:2$/);
    expect(redactions).toEqual([
      "response.PrimaryContainer.Image (url-credentials)",
      "response.PrimaryContainer.Environment.DATABASE (url-credentials)",
      "response.PrimaryContainer.Environment.MODEL_NAME (policy)",
      "response.Containers[0].Environment.DB_PASS (password)",
    ]);
  });

  it("DescribeNotebookInstanceLifecycleConfig: base64 scripts are decoded, scanned and stored as a hash only", () => {
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html
    const withSecret = b64(`#!/bin/bash\nset -e\nexport GITHUB_TOKEN=${GHP}\ngit clone https://github.com/org/repo\n`);
    const plain = b64("#!/bin/bash\nsudo -u ec2-user -i pip install xgboost\n");
    const response = {
      NotebookInstanceLifecycleConfigArn: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance-lifecycle-config/setup",
      NotebookInstanceLifecycleConfigName: "setup",
      OnCreate: [{ Content: withSecret }],
      OnStart: [{ Content: plain }],
    };
    const { value, redactions } = redact(response);
    const v = value as typeof response;
    expect(v.OnCreate[0]?.Content).toMatch(MARKER);
    expect(v.OnStart[0]?.Content).toMatch(MARKER);
    expect(JSON.stringify(value)).not.toContain(withSecret);
    expect(redactions).toEqual(["response.OnCreate[0].Content (github-token)", "response.OnStart[0].Content (script)"]);
  });

  it("ListTags: tag values scanned by their key's name and by value, other tags stay readable", () => {
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html
    const response = {
      Tags: [
        { Key: "team", Value: "claims" },
        { Key: "deploy-token", Value: "tok-8f7e6d5c4b" },
        { Key: "notes", Value: `cloned with ${GHP}` },
        { Key: "cost-center", Value: "" },
      ],
    };
    const { value, redactions } = redact(response);
    const tags = (value as typeof response).Tags;
    expect(tags[0]?.Value).toBe("claims");
    expect(tags[1]?.Value).toMatch(MARKER);
    expect(tags[2]?.Value.startsWith("cloned with [REDACTED sha256:")).toBe(true);
    expect(tags[3]?.Value).toBe("");
    expect(redactions).toEqual(["response.Tags[1].Value (token)", "response.Tags[2].Value (github-token)"]);
    // AWS Config items carry tags as a map.
    const item = redact({ tags: { owner: "ml", api_key: "k-12345678" } });
    expect(item.redactions).toEqual(["response.tags.api_key (api-key)"]);
  });

  it("LookupEvents: the same fields inside CloudTrailEvent requestParameters and responseElements", () => {
    // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html
    const event = {
      eventVersion: "1.09",
      eventSource: "sagemaker.amazonaws.com",
      eventName: "CreateTrainingJob",
      userIdentity: { type: "AssumedRole", arn: "arn:aws:sts::111122223333:assumed-role/ml/alice@example.com" },
      requestParameters: {
        trainingJobName: "claims-xgb",
        hyperParameters: { wandb_api_key: WANDB, epochs: "10" },
        algorithmSpecification: { containerArguments: ["--password", "pa55word!"] },
        environment: { DB_PASSWORD: "hunter2" },
        tags: [{ key: "slack", value: "xoxb-" + "1234567890-abcdefghij" }],
      },
      responseElements: { trainingJobArn: "arn:aws:sagemaker:us-east-1:111122223333:training-job/claims-xgb" },
    };
    const lifecycle = { eventName: "CreateNotebookInstanceLifecycleConfig", requestParameters: { onStart: [{ content: b64("export HF_TOKEN=hf_" + "b".repeat(34)) }] } };
    const { value, redactions } = redact({
      Events: [
        { EventId: "e1", EventName: "CreateTrainingJob", CloudTrailEvent: JSON.stringify(event) },
        { EventId: "e2", EventName: "CreateNotebookInstanceLifecycleConfig", CloudTrailEvent: JSON.stringify(lifecycle) },
      ],
    });
    const text = JSON.stringify(value);
    for (const secret of [WANDB, "pa55word!", "hunter2", "abcdefghij", "b".repeat(34)]) expect(text).not.toContain(secret);
    expect(text).toContain("alice@example.com");
    expect(text).toContain('\\"epochs\\":\\"10\\"');
    const prefix = "response.Events[0].CloudTrailEvent.requestParameters";
    expect(redactions).toEqual([
      `${prefix}.hyperParameters.wandb_api_key (api-key)`,
      `${prefix}.algorithmSpecification.containerArguments[1] (password)`,
      `${prefix}.environment.DB_PASSWORD (password)`,
      `${prefix}.tags[0].value (slack-token)`,
      "response.Events[1].CloudTrailEvent.requestParameters.onStart[0].content (huggingface-token)",
    ]);
  });

  it("matches secret-bearing keys whatever their case, as CloudTrail spells them in lowerCamelCase", () => {
    const event = JSON.stringify({ requestParameters: { primaryContainer: { environment: { DB_PASSWORD: "hunter2" } } } });
    expect(JSON.stringify(redact({ Events: [{ CloudTrailEvent: event }] }).value)).not.toContain("hunter2");
  });
});

describe("redactRecord: records sealed elsewhere", () => {
  const unredacted = sealEvidence({
    source: "sagemaker",
    operation: "DescribeTrainingJob",
    account: "111122223333",
    region: "us-east-1",
    params: { TrainingJobName: "j" },
    collectedAt: "2026-11-27T10:00:00.000Z",
    response: { TrainingJobName: "j", HyperParameters: { wandb_api_key: WANDB, lr: "0.1" } },
  });

  it("redacts, keeps the id, appends the redactions and re-seals so the hash is valid", () => {
    const redacted = redactRecord(unredacted);
    expect(redacted).not.toBe(unredacted);
    expect(redacted.id).toBe(unredacted.id);
    expect(JSON.stringify(redacted)).not.toContain(WANDB);
    expect(redacted.redactions).toEqual(["response.HyperParameters.wandb_api_key (api-key)"]);
    expect(verifyEvidenceHash(redacted)).toBe(true);
    expect(redacted.sha256).not.toBe(unredacted.sha256);
  });

  it("returns the same record when nothing is left to redact", () => {
    const redacted = redactRecord(unredacted);
    expect(redactRecord(redacted)).toBe(redacted);
  });

  // Changes that remove no secret still change the content, so the record must be re-sealed.
  it("re-seals a record whose only change is dropped SDK metadata or a re-serialised CloudTrail event", () => {
    const base = { source: "sagemaker" as const, operation: "X", account: "111122223333", region: "us-east-1", params: {}, collectedAt: "2026-11-27T10:00:00.000Z" };
    const withMetadata = sealEvidence({ ...base, response: { $metadata: { requestId: "r" }, Name: "j" } });
    const cleaned = redactRecord(withMetadata);
    expect(cleaned).not.toBe(withMetadata);
    expect(cleaned.response).toEqual({ Name: "j" });
    expect(verifyEvidenceHash(cleaned)).toBe(true);
    const spaced = sealEvidence({ ...base, source: "cloudtrail" as const, response: { Events: [{ CloudTrailEvent: '{ "eventName": "CreateModel" }' }] } });
    const compact = redactRecord(spaced);
    expect(compact).not.toBe(spaced);
    expect(compact.response).toEqual({ Events: [{ CloudTrailEvent: '{"eventName":"CreateModel"}' }] });
    expect(redactRecord(compact)).toBe(compact);
  });

  it("fingerprints the policy: a configured key changes it, key order and case do not", () => {
    const base = redactionFingerprint(DEFAULT_REDACTION);
    expect(redactionFingerprint(redactionPolicyWith({}))).toBe(base);
    expect(redactionFingerprint(redactionPolicyWith({ valueKeys: ["Custom"] }))).not.toBe(base);
    expect(redactionFingerprint({ mapKeys: ["environment"], valueKeys: [...DEFAULT_REDACTION.valueKeys].reverse() })).toBe(base);
  });
});
