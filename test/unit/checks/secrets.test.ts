import { describe, expect, it } from "vitest";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { redactRecords, wasRedacted } from "../../../src/evidence/redact.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { gapRecord, record } from "../../helpers/evidence.js";
import { ACCOUNT, REGION, ROLE_ARN, SG, SUBNET, arnOf, described, describeDenied, findingsOf, only } from "./estate.js";

// Secrets are built from parts so no literal in this file looks like a live credential.
const GHP = "ghp_" + "Q".repeat(20) + "7".repeat(16);
const WANDB = "feedface" + "0123456789abcdef0123456789abcdef";
const HF = "hf_" + "c".repeat(34);
const SSM = `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter/claims/db-password`;

/** The evidence as every source hands it to evaluation: redacted (values masked, kinds recorded). */
const redacted = (records: EvidenceRecord[]): EvidenceRecord[] => redactRecords(records).records;

const MODEL = "AWS::SageMaker::Model";
const TJ = "AWS::SageMaker::TrainingJob";
const NB = "AWS::SageMaker::NotebookInstance";

// DescribeModel, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
const model = (environment: Record<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  PrimaryContainer: { Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/scorer:3`, ModelDataUrl: "s3://claims-models/scorer/model.tar.gz", Environment: environment },
  ExecutionRoleArn: ROLE_ARN,
  VpcConfig: { SecurityGroupIds: [SG], Subnets: [SUBNET] },
  EnableNetworkIsolation: true,
  CreationTime: "2026-10-01T09:00:00.000Z",
  ...extra,
});

// DescribeTrainingJob, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
const trainingJob = (extra: Record<string, unknown>): Record<string, unknown> => ({
  TrainingJobStatus: "Completed",
  AlgorithmSpecification: { TrainingImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/xgb:1`, TrainingInputMode: "File" },
  RoleArn: ROLE_ARN,
  HyperParameters: { learning_rate: "0.1", max_depth: "6" },
  OutputDataConfig: { S3OutputPath: "s3://claims-models/out/" },
  ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
  CreationTime: "2026-10-01T09:00:00.000Z",
  ...extra,
});

describe("sagemaker.model.no-plaintext-secrets: by name and by value, on redacted evidence", () => {
  const CHECK = "sagemaker.model.no-plaintext-secrets";
  it.each([
    ["DB_PASS holding a literal (an abbreviated secret name)", { DB_PASS: "hunter2" }, "FAIL", /DB_PASS \(password\)/],
    ["dbPassword in camel case", { dbPassword: "hunter2" }, "FAIL", /dbPassword \(password\)/],
    ["a URL with embedded credentials in a non-secret name", { DATABASE: "postgres://app:hunter2@db.internal:5432/claims" }, "FAIL", /DATABASE \(url-credentials\)/],
    ["a connection string with a password", { JDBC: "Server=db;Database=claims;User Id=app;Password=hunter2;" }, "FAIL", /JDBC \(connection-string\)/],
    ["a Hugging Face token under a neutral name", { HUB: HF }, "FAIL", /HUB \(huggingface-token\)/],
    ["a GitHub token under a neutral name", { REPO_CLONE: GHP }, "FAIL", /REPO_CLONE \(github-token\)/],
    ["an SSM parameter ARN in a secret-named variable", { DB_PASSWORD: SSM }, "PASS", /DB_PASSWORD hold Secrets Manager\/SSM references/],
    ["a Secrets Manager ARN", { API_KEY: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:claims-AbCdEf` }, "PASS", /API_KEY/],
    ["only non-secret variables", { SAGEMAKER_PROGRAM: "inference.py", PASSTHROUGH: "1", TOKENIZER_NAME: "bert-base" }, "PASS", /no environment variable holds a secret/],
    ["a secret-named flag that holds no value", { USE_AUTH: "true", DB_PASSWORD: "" }, "PASS", /no environment variable holds a secret/],
  ])("%s → %s", (_label, environment, status, reason) => {
    const f = only(CHECK, redacted(described(MODEL, "scorer", model(environment))));
    expect(f.status).toBe(status);
    expect(f.reason).toMatch(reason);
    expect(f.reason).not.toMatch(/hunter2|ghp_|hf_c/);
  });

  it("reads every container of an inference pipeline", () => {
    const fields = model({ MODEL_NAME: "a" }, { Containers: [{ ContainerHostname: "post", Image: "x", Environment: { SLACK: "xoxb-" + "1234567890-abcdefghij" } }] });
    const f = only(CHECK, redacted(described(MODEL, "pipeline", fields)));
    expect(f.reason).toMatch(/post: SLACK \(slack-token\)/);
  });

  it("judges a value masked before kinds were recorded by its variable's name", () => {
    const f = only(CHECK, described(MODEL, "old", model({ HF_API_TOKEN: "[REDACTED sha256:0f1e2d3c4b5a]", MODEL_NAME: "[REDACTED sha256:1a2b3c4d5e6f]" })));
    expect([f.status, f.reason]).toEqual(["FAIL", "plaintext secret in container environment: container 0: HF_API_TOKEN (token)"]);
  });
});

describe("sagemaker.resource.no-plaintext-secrets: each secret in any SageMaker resource, by field and kind", () => {
  const CHECK = "sagemaker.resource.no-plaintext-secrets";
  const jobArn = arnOf(TJ, "claims-xgb");
  const tags = (arn: string, list: { Key: string; Value: string }[]): EvidenceRecord => record("sagemaker", "ListTags", { ResourceArn: arn, MaxResults: 100 }, { Tags: list });

  it.each([
    ["a W&B key in the hyperparameters", trainingJob({ HyperParameters: { learning_rate: "0.1", wandb_api_key: `"${WANDB}"` } }), /HyperParameters\.wandb_api_key \(api-key\)/],
    ["a token in the container arguments", trainingJob({ AlgorithmSpecification: { TrainingImage: "x", TrainingInputMode: "File", ContainerArguments: ["--hf-token", HF] } }), /ContainerArguments\[1\] \(huggingface-token\)/],
    ["a token in the image URI", trainingJob({ AlgorithmSpecification: { TrainingImage: "registry.example.com/ml/xgb:1?token=abcdef123456", TrainingInputMode: "File" } }), /AlgorithmSpecification\.TrainingImage \(url-token\)/],
    ["a presigned S3 URI", trainingJob({ OutputDataConfig: { S3OutputPath: "s3://claims-models/out/?X-Amz-Signature=0a1b2c3d4e5f" } }), /OutputDataConfig\.S3OutputPath \(presigned-url\)/],
    ["a password in the job environment", trainingJob({ Environment: { MLFLOW_TRACKING_PASSWORD: "hunter2" } }), /Environment\.MLFLOW_TRACKING_PASSWORD \(password\)/],
  ])("%s → FAIL naming the field and kind, never the value", (_label, fields, reason) => {
    const f = only(CHECK, redacted([...described(TJ, "claims-xgb", fields), tags(jobArn, [])]));
    expect(f.status).toBe("FAIL");
    expect(f.reason).toMatch(reason);
    expect(f.reason).not.toMatch(/hunter2|feedface|hf_c|abcdef123456|0a1b2c3d4e5f/);
    expect(f.resourceType).toBe(TJ);
  });

  it("finds the same secrets in raw evidence (scanned) as in redacted evidence (read from its redactions alone)", () => {
    const fields = trainingJob({
      HyperParameters: { learning_rate: "0.1", wandb_api_key: `"${WANDB}"` },
      AlgorithmSpecification: { TrainingImage: "registry.example.com/ml/xgb:1?token=abcdef123456", TrainingInputMode: "File", ContainerArguments: ["--hf-token", HF] },
      Environment: { MLFLOW_TRACKING_PASSWORD: "hunter2", MODEL_NAME: "xgb" },
    });
    const raw = [...described(TJ, "claims-xgb", fields), tags(jobArn, [{ Key: "deploy-token", Value: "tok-8f7e6d5c4b" }])];
    expect(raw.some(wasRedacted)).toBe(false);
    const clean = redacted(raw);
    expect(clean.every(wasRedacted)).toBe(true);
    // Redaction copies the records it changes: the raw ones with secrets stay unknown, and are scanned.
    expect(raw.filter((r) => !clean.includes(r)).some(wasRedacted)).toBe(false);
    const fromRaw = only(CHECK, raw);
    expect(fromRaw.status).toBe("FAIL");
    expect(only(CHECK, clean).reason).toBe(fromRaw.reason);
    expect(fromRaw.reason).toBe(
      "plaintext secrets in AlgorithmSpecification.ContainerArguments[1] (huggingface-token), AlgorithmSpecification.TrainingImage (url-token), Environment.MLFLOW_TRACKING_PASSWORD (password), HyperParameters.wandb_api_key (api-key), tag deploy-token (token)",
    );
    // A redacted record keeps its detections: copied (so no longer known as redacted), it is scanned and still fails the same way.
    expect(only(CHECK, clean.map((r) => structuredClone(r))).reason).toBe(fromRaw.reason);
  });

  it("reports a secret tag value by the tag's key; other tags and hyperparameters stay readable and pass", () => {
    const secretTag = only(CHECK, redacted([...described(TJ, "claims-xgb", trainingJob({})), tags(jobArn, [{ Key: "team", Value: "claims" }, { Key: "deploy-token", Value: "tok-8f7e6d5c4b" }])]));
    expect([secretTag.status, secretTag.reason]).toEqual(["FAIL", "plaintext secret in tag deploy-token (token)"]);
    const clean = only(CHECK, redacted([...described(TJ, "claims-xgb", trainingJob({ Environment: { MODEL_NAME: "xgb" } })), tags(jobArn, [{ Key: "team", Value: "claims" }])]));
    expect(clean.status).toBe("PASS");
    expect(clean.reason).toMatch(/no plaintext secret in the DescribeTrainingJob, ListTags evidence/);
  });

  it("covers every SageMaker resource type, one finding each", () => {
    const records = redacted([
      ...described(TJ, "claims-xgb", trainingJob({})),
      ...described(MODEL, "scorer", model({ DB_PASS: "hunter2" })),
      ...described(NB, "analyst", { NotebookInstanceStatus: "InService", DirectInternetAccess: "Disabled", RootAccess: "Disabled" }),
      tags(jobArn, []),
      tags(arnOf(NB, "analyst"), []),
    ]);
    const findings = findingsOf(CHECK, records);
    expect(findings.map((f) => [f.resourceType, f.status])).toEqual([
      [MODEL, "FAIL"],
      [NB, "PASS"],
      [TJ, "PASS"],
    ]);
  });

  it("a resource without any tag evidence is an evidence gap, not a pass; a secret found elsewhere still fails", () => {
    const clean = only(CHECK, redacted(described(TJ, "claims-xgb", trainingJob({}))));
    expect(clean.status).toBe("ERROR");
    expect(clean.reason).toMatch(/no tag evidence for this resource .*its tags could not be scanned/);
    const leaky = only(CHECK, redacted(described(TJ, "claims-xgb", trainingJob({ Environment: { MLFLOW_TRACKING_PASSWORD: "hunter2" } }))));
    expect(leaky.status).toBe("FAIL");
  });

  describe("tags from Resource Groups Tagging GetResources pages (100 resources a page)", () => {
    const otherArn = arnOf(TJ, "churn-xgb");
    const input = { ResourceTypeFilters: ["sagemaker:training-job"], ResourcesPerPage: 100 };
    const page = (token: string | undefined, mappings: { arn: string; tags: { Key: string; Value: string }[] }[], next?: string): EvidenceRecord =>
      record("tagging", "GetResources", { ...input, ...(token ? { PaginationToken: token } : {}) }, { ResourceTagMappingList: mappings.map((m) => ({ ResourceARN: m.arn, Tags: m.tags })), ...(next ? { PaginationToken: next } : { PaginationToken: "" }) });
    const jobs = [...described(TJ, "claims-xgb", trainingJob({})), ...described(TJ, "churn-xgb", trainingJob({}))];
    const statuses = (records: EvidenceRecord[]) => findingsOf(CHECK, redacted(records)).map((f) => [f.resourceArn, f.status, f.reason]);

    it("a secret tag fails only the resource whose entry holds it, not every resource of the page", () => {
      const records = [...jobs, page(undefined, [{ arn: jobArn, tags: [{ Key: "team", Value: "claims" }] }, { arn: otherArn, tags: [{ Key: "deploy-token", Value: "tok-8f7e6d5c4b" }] }])];
      expect(statuses(records)).toEqual([
        [otherArn, "FAIL", "plaintext secret in tag deploy-token (token)"],
        [jobArn, "PASS", expect.stringMatching(/no plaintext secret in the DescribeTrainingJob, GetResources evidence/)],
      ]);
    });

    it("a resource absent from a complete listing has no tags: PASS citing the listing's last page", () => {
      const last = page("p2", [{ arn: jobArn, tags: [{ Key: "team", Value: "claims" }] }]);
      const findings = findingsOf(CHECK, redacted([...jobs, page(undefined, [], "p2"), last]));
      const absent = findings.find((f) => f.resourceArn === otherArn);
      expect([absent?.status, absent?.reason]).toEqual(["PASS", expect.stringMatching(/no tags \(absent from the complete GetResources listing\)/)]);
      expect(absent?.evidenceIds).toContain(last.id);
    });

    it("a failed page leaves the tags of every resource not seen before it unknown: ERROR, never 'no tags'; the ones seen are judged", () => {
      const failed = gapRecord("tagging", "GetResources", { ...input, PaginationToken: "p2" }, "ThrottlingException");
      expect(statuses([...jobs, page(undefined, [{ arn: jobArn, tags: [] }], "p2"), failed])).toEqual([
        [otherArn, "ERROR", expect.stringMatching(/tagging:GetResources failed before this resource's tags were read \(ThrottlingException/)],
        [jobArn, "PASS", expect.any(String)],
      ]);
      // A listing that stopped without its last page and without a failure (a repeated token) proves nothing either.
      expect(statuses([...jobs, page(undefined, [{ arn: jobArn, tags: [] }], "p2")])[0]).toEqual([otherArn, "ERROR", expect.stringMatching(/stopped before its last page/)]);
    });

    it("the inventory gives each resource its own tags from the shared page", () => {
      const inventory = buildInventory(redacted([...jobs, page(undefined, [{ arn: jobArn, tags: [{ Key: "team", Value: "claims" }] }, { arn: otherArn, tags: [{ Key: "team", Value: "churn" }] }])]));
      const tagsOf = (arn: string) => inventory.resources.find((r) => r.arn === arn)?.tags;
      expect([tagsOf(jobArn), tagsOf(otherArn)]).toEqual([{ team: "claims" }, { team: "churn" }]);
    });
  });

  it("is ERROR, never PASS, when the describe call, the list call or the tags are missing", () => {
    expect(only(CHECK, describeDenied(TJ, "claims-xgb")).status).toBe("ERROR");
    const list = described(TJ, "claims-xgb", trainingJob({}))[0] as EvidenceRecord;
    const scope = only(CHECK, [{ ...list, response: undefined, error: { code: "AccessDeniedException", message: "denied" } }]);
    expect([scope.status, scope.reason]).toEqual(["ERROR", expect.stringMatching(/sagemaker:ListTrainingJobs in 111122223333\/us-east-1 failed/)]);
    const tagsDenied = only(CHECK, [...described(TJ, "claims-xgb", trainingJob({})), gapRecord("sagemaker", "ListTags", { ResourceArn: jobArn, MaxResults: 100 })]);
    expect([tagsDenied.status, tagsDenied.reason]).toEqual(["ERROR", expect.stringMatching(/sagemaker:ListTags failed before this resource's tags were read/)]);
  });
});
