import { describe, expect, it } from "vitest";
import { redactRecords } from "../../../src/evidence/redact.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN, SG, SUBNET, arnOf, described, describeDenied, findingsOf, only } from "./estate.js";

// Issue 12 part B: feature groups, inference components and experiments, tuning jobs, AutoML V2
// jobs, model cards. Compliant describe responses shaped like the real API's; each case changes
// the field it judges.
const FG = "AWS::SageMaker::FeatureGroup";
const IC = "AWS::SageMaker::InferenceComponent";
const IE = "AWS::SageMaker::InferenceExperiment";
const HPO = "AWS::SageMaker::HyperParameterTuningJob";
const AUTOML = "AWS::SageMaker::AutoMLJob";
const CARD = "AWS::SageMaker::ModelCard";
const PKG = "AWS::SageMaker::ModelPackage";

type Fields = Record<string, unknown>;
const without = <T extends Fields>(o: T, ...keys: string[]): Fields => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
const redacted = (records: EvidenceRecord[]): EvidenceRecord[] => redactRecords(records).records;

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFeatureGroup.html
const featureGroup = {
  RecordIdentifierFeatureName: "patient_id",
  EventTimeFeatureName: "event_time",
  FeatureDefinitions: [{ FeatureName: "patient_id", FeatureType: "String" }, { FeatureName: "event_time", FeatureType: "String" }],
  CreationTime: "2026-10-01T09:00:00.000Z",
  OnlineStoreConfig: { EnableOnlineStore: true, SecurityConfig: { KmsKeyId: KEY_ARN }, StorageType: "Standard" },
  OfflineStoreConfig: { S3StorageConfig: { S3Uri: "s3://claims-features/offline", KmsKeyId: KEY_ARN, ResolvedOutputS3Uri: "s3://claims-features/offline/111122223333/sagemaker/us-east-1/offline-store/claims" }, DisableGlueTableCreation: false, TableFormat: "Iceberg" },
  RoleArn: ROLE_ARN,
  FeatureGroupStatus: "Created",
};
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceComponent.html
const inferenceComponent = (environment: Record<string, string>): Fields => ({
  EndpointName: "claims-ep",
  EndpointArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/claims-ep`,
  VariantName: "AllTraffic",
  Specification: {
    Container: { DeployedImage: { SpecifiedImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/llm:2`, ResolvedImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/llm@sha256:abc`, ResolutionTime: "2026-10-01T09:00:00.000Z" }, ArtifactUrl: "s3://claims-models/llm/model.tar.gz", Environment: environment },
    ComputeResourceRequirements: { NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 1024 },
  },
  RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
  CreationTime: "2026-10-01T09:00:00.000Z",
  LastModifiedTime: "2026-10-01T09:00:00.000Z",
  InferenceComponentStatus: "InService",
});
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceExperiment.html
const experiment = {
  Type: "ShadowMode",
  Status: "Running",
  RoleArn: ROLE_ARN,
  EndpointMetadata: { EndpointName: "claims-ep", EndpointConfigName: "claims-config", EndpointStatus: "InService" },
  ModelVariants: [{ ModelName: "claims-a", VariantName: "prod", InfrastructureConfig: { InfrastructureType: "RealTimeInference", RealTimeInferenceConfig: { InstanceType: "ml.m5.large", InstanceCount: 1 } }, Status: "InService" }],
  DataStorageConfig: { Destination: "s3://claims-capture/shadow", KmsKey: KEY_ARN },
  ShadowModeConfig: { SourceModelVariantName: "prod", ShadowModelVariants: [{ ShadowModelVariantName: "shadow", SamplingPercentage: 50 }] },
  KmsKey: KEY_ARN,
  CreationTime: "2026-10-01T09:00:00.000Z",
};
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
const definition = (resourceConfig: Fields, name?: string): Fields => ({
  ...(name ? { DefinitionName: name } : {}),
  AlgorithmSpecification: { TrainingImage: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/xgb:1`, TrainingInputMode: "File" },
  RoleArn: ROLE_ARN,
  OutputDataConfig: { S3OutputPath: "s3://claims-models/hpo/", KmsKeyId: KEY_ARN },
  ResourceConfig: resourceConfig,
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
});
const tuningJob = {
  HyperParameterTuningJobStatus: "Completed",
  HyperParameterTuningJobConfig: { Strategy: "Bayesian", ResourceLimits: { MaxNumberOfTrainingJobs: 10, MaxParallelTrainingJobs: 2 } },
  TrainingJobDefinition: definition({ InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30, VolumeKmsKeyId: KEY_ARN }),
  TrainingJobStatusCounters: { Completed: 10 },
  ObjectiveStatusCounters: { Succeeded: 10 },
  CreationTime: "2026-10-01T09:00:00.000Z",
};
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeAutoMLJobV2.html
const autoMLJob = {
  AutoMLJobInputDataConfig: [{ ChannelType: "training", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://claims-data/train/" } } }],
  OutputDataConfig: { S3OutputPath: "s3://claims-models/automl/", KmsKeyId: KEY_ARN },
  RoleArn: ROLE_ARN,
  AutoMLProblemTypeConfig: { TabularJobConfig: { TargetAttributeName: "fraud" } },
  AutoMLProblemTypeConfigName: "Tabular",
  CreationTime: "2026-10-01T09:00:00.000Z",
  LastModifiedTime: "2026-10-01T10:00:00.000Z",
  AutoMLJobStatus: "Completed",
  AutoMLJobSecondaryStatus: "Completed",
  SecurityConfig: { VolumeKmsKeyId: KEY_ARN, EnableInterContainerTrafficEncryption: true, VpcConfig: { SecurityGroupIds: [SG], Subnets: [SUBNET] } },
};
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelCard.html
const modelCard = {
  ModelCardVersion: 1,
  Content: "{\"model_overview\":{\"model_description\":\"fraud scorer\"}}",
  ModelCardStatus: "Approved",
  SecurityConfig: { KmsKeyId: KEY_ARN },
  CreationTime: "2026-10-01T09:00:00.000Z",
  CreatedBy: {},
  ModelCardProcessingStatus: "ContentDeleted",
};
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html
const modelPackage = { ModelPackageGroupName: "fraud", ModelPackageVersion: 1, ModelPackageStatus: "Completed", ModelApprovalStatus: "Approved", SecurityConfig: { KmsKeyId: KEY_ARN }, CreationTime: "2026-10-01T09:00:00.000Z" };

interface Case {
  check: string;
  type: string;
  base: Fields;
  nonCompliant: Fields;
  failReason: RegExp;
  notApplicable?: Fields;
  naReason?: RegExp;
  /** Redact the evidence first, as every source hands it to evaluation. */
  redact?: boolean;
}

const CASES: Case[] = [
  {
    check: "sagemaker.feature-group.offline-store-kms-encrypted",
    type: FG,
    base: featureGroup,
    nonCompliant: { ...featureGroup, OfflineStoreConfig: { S3StorageConfig: { S3Uri: "s3://claims-features/offline" } } },
    failReason: /OfflineStoreConfig\.S3StorageConfig\.KmsKeyId is not set: the offline store in s3:\/\/claims-features\/offline/,
    notApplicable: without(featureGroup, "OfflineStoreConfig"),
    naReason: /no offline store/,
  },
  {
    check: "sagemaker.feature-group.online-store-kms-encrypted",
    type: FG,
    base: featureGroup,
    nonCompliant: { ...featureGroup, OnlineStoreConfig: { EnableOnlineStore: true, StorageType: "InMemory" } },
    failReason: /OnlineStoreConfig\.SecurityConfig\.KmsKeyId is not set: the InMemory online store/,
    // API_OnlineStoreConfig.html EnableOnlineStore: "The default value is False."
    notApplicable: { ...featureGroup, OnlineStoreConfig: { SecurityConfig: { KmsKeyId: KEY_ARN } } },
    naReason: /EnableOnlineStore is not set \(defaults to false\)/,
  },
  {
    check: "sagemaker.inference-component.no-plaintext-secrets",
    type: IC,
    base: inferenceComponent({ SAGEMAKER_PROGRAM: "inference.py", HF_TOKEN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:hf-AbCdEf` }),
    nonCompliant: inferenceComponent({ SAGEMAKER_PROGRAM: "inference.py", DB_PASSWORD: "hunter2" }),
    failReason: /Specification\.Container\.Environment: DB_PASSWORD \(password\)/,
    notApplicable: { ...inferenceComponent({}), Specification: { ModelName: "claims-llm", ComputeResourceRequirements: { MinMemoryRequiredInMb: 1024 } } },
    naReason: /deploys model claims-llm/,
    redact: true,
  },
  {
    check: "sagemaker.inference-experiment.kms-encrypted",
    type: IE,
    base: experiment,
    nonCompliant: { ...experiment, DataStorageConfig: { Destination: "s3://claims-capture/shadow" } },
    failReason: /DataStorageConfig\.KmsKey is not set: data captured to s3:\/\/claims-capture\/shadow/,
  },
  {
    check: "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted",
    type: HPO,
    base: tuningJob,
    nonCompliant: { ...tuningJob, TrainingJobDefinition: definition({ InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 }) },
    failReason: /TrainingJobDefinition: ResourceConfig\.VolumeKmsKeyId is not set/,
    notApplicable: { ...tuningJob, TrainingJobDefinition: definition({ InstanceType: "ml.p4d.24xlarge", InstanceCount: 1, VolumeSizeInGB: 30 }) },
    naReason: /ml\.p4d\.24xlarge use local NVMe instance storage/,
  },
  {
    check: "sagemaker.automl-job.security-config",
    type: AUTOML,
    base: autoMLJob,
    nonCompliant: without(autoMLJob, "SecurityConfig"),
    failReason: /SecurityConfig is not set: VolumeKmsKeyId .* EnableInterContainerTrafficEncryption .* VpcConfig/,
  },
  { check: "sagemaker.model-card.kms-encrypted", type: CARD, base: modelCard, nonCompliant: without(modelCard, "SecurityConfig"), failReason: /SecurityConfig\.KmsKeyId is not set: the model card content/ },
];

const NAME = "subject-1";
const records = (c: Case, fields: Fields): EvidenceRecord[] => (c.redact ? redacted(described(c.type, NAME, fields)) : described(c.type, NAME, fields));

describe.each(CASES)("$check", (c) => {
  it("passes the compliant configuration", () => {
    const f = only(c.check, records(c, c.base));
    expect([f.status, f.resourceArn]).toEqual(["PASS", arnOf(c.type, NAME)]);
    expect(f.evidenceIds.length).toBeGreaterThan(0);
  });

  it("fails the non-compliant configuration, naming the observed value", () => {
    const f = only(c.check, records(c, c.nonCompliant));
    expect(f.status).toBe("FAIL");
    expect(f.reason).toMatch(c.failReason);
    expect(f.reason).not.toMatch(/hunter2/);
  });

  it("is ERROR, never PASS, when the describe call was denied", () => {
    const f = only(c.check, describeDenied(c.type, NAME));
    expect(f.status).toBe("ERROR");
    expect(f.reason).toMatch(/evidence gap: (sagemaker:)?Describe\w+ failed \(AccessDeniedException/);
  });

  it("is ERROR for the whole region when the list call was denied", () => {
    const list = described(c.type, NAME, c.base)[0] as EvidenceRecord;
    const f = only(c.check, [{ ...list, response: undefined, error: { code: "AccessDeniedException", message: "denied" } }]);
    expect(f.status).toBe("ERROR");
  });

  if (c.notApplicable) {
    it("does not apply where the setting has no subject", () => {
      const f = only(c.check, records(c, c.notApplicable ?? {}));
      expect([f.status, f.reason]).toEqual(["NOT_APPLICABLE", expect.stringMatching(c.naReason ?? /./)]);
    });
  }
});

const SEMANTICS: { label: string; check: string; type: string; fields: Fields; status: string; reason: RegExp }[] = [
  // API_OnlineStoreConfig.html: StorageType Standard (default) | InMemory; the key applies to both.
  { label: "online store disabled explicitly", check: "sagemaker.feature-group.online-store-kms-encrypted", type: FG, fields: { ...featureGroup, OnlineStoreConfig: { EnableOnlineStore: false } }, status: "NOT_APPLICABLE", reason: /EnableOnlineStore is false/ },
  { label: "online store without StorageType", check: "sagemaker.feature-group.online-store-kms-encrypted", type: FG, fields: { ...featureGroup, OnlineStoreConfig: { EnableOnlineStore: true } }, status: "FAIL", reason: /Standard \(default\) online store/ },
  { label: "feature group with an AWS managed alias", check: "sagemaker.feature-group.offline-store-kms-encrypted", type: FG, fields: { ...featureGroup, OfflineStoreConfig: { S3StorageConfig: { S3Uri: "s3://x/y", KmsKeyId: "alias/aws/s3" } } }, status: "FAIL", reason: /alias\/aws\/s3: an AWS managed key/ },
  // API_DescribeInferenceExperiment.html: KmsKey (instance storage) is judged whether or not data is captured.
  { label: "experiment without instance storage key", check: "sagemaker.inference-experiment.kms-encrypted", type: IE, fields: without(experiment, "KmsKey"), status: "FAIL", reason: /^KmsKey is not set: the storage volumes/ },
  { label: "experiment capturing nothing", check: "sagemaker.inference-experiment.kms-encrypted", type: IE, fields: without(experiment, "DataStorageConfig"), status: "PASS", reason: /DataStorageConfig is not set: no data is captured/ },
  // API_DescribeHyperParameterTuningJob.html TrainingJobDefinitions: every definition is judged.
  {
    label: "tuning job with one unkeyed definition of two",
    check: "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted",
    type: HPO,
    fields: { ...without(tuningJob, "TrainingJobDefinition"), TrainingJobDefinitions: [definition({ InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30, VolumeKmsKeyId: KEY_ARN }, "xgb"), definition({ InstanceType: "ml.c5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 }, "linear")] },
    status: "FAIL",
    reason: /^TrainingJobDefinitions\[1\] \(linear\): ResourceConfig\.VolumeKmsKeyId is not set/,
  },
  // API_HyperParameterTuningResourceConfig.html: flexible instance configs carry their own VolumeKmsKeyId.
  {
    label: "tuning job sized by HyperParameterTuningResourceConfig",
    check: "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted",
    type: HPO,
    fields: { ...tuningJob, TrainingJobDefinition: { ...without(definition({}), "ResourceConfig"), HyperParameterTuningResourceConfig: { InstanceConfigs: [{ InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 }], AllocationStrategy: "Prioritized" } } },
    status: "FAIL",
    reason: /HyperParameterTuningResourceConfig\.VolumeKmsKeyId is not set/,
  },
  { label: "tuning job with no definition at all", check: "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted", type: HPO, fields: without(tuningJob, "TrainingJobDefinition"), status: "ERROR", reason: /neither TrainingJobDefinition nor TrainingJobDefinitions/ },
  // API_AutoMLSecurityConfig.html: each of the three fields is optional; EnableInterContainerTrafficEncryption absent means false.
  {
    label: "AutoML job with a key but no VPC and no traffic encryption",
    check: "sagemaker.automl-job.security-config",
    type: AUTOML,
    fields: { ...autoMLJob, SecurityConfig: { VolumeKmsKeyId: KEY_ARN } },
    status: "FAIL",
    reason: /^SecurityConfig\.EnableInterContainerTrafficEncryption is not set \(defaults to false\).*; SecurityConfig\.VpcConfig is not set/,
  },
  // API_DescribeModelPackage.html SecurityConfig (ModelPackageSecurityConfig.KmsKeyId).
  { label: "model package without a key", check: "sagemaker.model-card.kms-encrypted", type: PKG, fields: without(modelPackage, "SecurityConfig"), status: "FAIL", reason: /model package information/ },
  { label: "model package with a key", check: "sagemaker.model-card.kms-encrypted", type: PKG, fields: modelPackage, status: "PASS", reason: /SecurityConfig\.KmsKeyId is arn:aws:kms/ },
];

describe("AWS semantics: defaults, absent fields, several definitions", () => {
  it.each(SEMANTICS)("$label → $status", ({ check, type, fields, status, reason }) => {
    const f = only(check, described(type, NAME, fields));
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

describe("sagemaker.inference-component.no-plaintext-secrets reads redacted evidence through the shared detector", () => {
  const CHECK = "sagemaker.inference-component.no-plaintext-secrets";
  const HF = "hf_" + "c".repeat(34);
  it("redaction masks the component's Environment and records the kinds the check reads", () => {
    const [, describe] = redacted(described(IC, NAME, inferenceComponent({ HUB: HF, MODEL_ID: "llama" })));
    const env = ((describe?.response?.Specification as Fields).Container as Fields).Environment as Record<string, string>;
    expect(env.HUB).toMatch(/^\[REDACTED/);
    expect(describe?.redactions.join(" ")).toMatch(/response\.Specification\.Container\.Environment\.HUB \(huggingface-token\)/);
  });

  it.each([
    ["a token under a neutral name", { HUB: HF }, "FAIL", /HUB \(huggingface-token\)/],
    ["a URL with embedded credentials", { DATABASE: "postgres://app:hunter2@db.internal:5432/claims" }, "FAIL", /DATABASE \(url-credentials\)/],
    ["only non-secret variables", { MODEL_ID: "llama", MAX_BATCH_SIZE: "8" }, "PASS", /no environment variable/],
  ])("%s → %s", (_label, environment, status, reason) => {
    const f = only(CHECK, redacted(described(IC, NAME, inferenceComponent(environment))));
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
    expect(f.reason).not.toMatch(/hunter2|hf_c/);
  });

  it("judges a value masked before kinds were recorded by its variable's name", () => {
    const f = only(CHECK, described(IC, NAME, inferenceComponent({ API_KEY: "[REDACTED sha256:0f1e2d3c4b5a]", MODEL_ID: "[REDACTED sha256:1a2b3c4d5e6f]" })));
    expect([f.status, f.reason]).toEqual(["FAIL", "plaintext secret in Specification.Container.Environment: API_KEY (api-key)"]);
  });
});

describe("sagemaker.model-card.kms-encrypted spans model cards and model packages", () => {
  it("judges both types in one run, each on its own SecurityConfig", () => {
    const findings = findingsOf("sagemaker.model-card.kms-encrypted", [...described(CARD, "card-a", without(modelCard, "SecurityConfig")), ...described(PKG, "pkg-a", modelPackage)]);
    expect(findings.map((f) => [f.resourceType, f.status])).toEqual([
      [CARD, "FAIL"],
      [PKG, "PASS"],
    ]);
  });
});
