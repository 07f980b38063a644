import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN, SG, SUBNET, arnOf, described, describeDenied, only } from "./estate.js";

const NB = "AWS::SageMaker::NotebookInstance";
const DOMAIN = "AWS::SageMaker::Domain";
const MODEL = "AWS::SageMaker::Model";
const EPC = "AWS::SageMaker::EndpointConfig";
const EP = "AWS::SageMaker::Endpoint";
const TJ = "AWS::SageMaker::TrainingJob";
const PJ = "AWS::SageMaker::ProcessingJob";
const XJ = "AWS::SageMaker::TransformJob";

// Compliant describe responses, shaped like the real API's; each case changes the field it judges.
const notebook = {
  NotebookInstanceStatus: "InService",
  InstanceType: "ml.t3.medium",
  SubnetId: SUBNET,
  SecurityGroups: [SG],
  RoleArn: ROLE_ARN,
  KmsKeyId: KEY_ARN,
  NetworkInterfaceId: "eni-0abc",
  DirectInternetAccess: "Disabled",
  VolumeSizeInGB: 5,
  RootAccess: "Disabled",
  PlatformIdentifier: "notebook-al2023-v1",
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const domain = {
  DomainId: "d-abc123xyz",
  HomeEfsFileSystemId: "fs-0abc",
  Status: "InService",
  AuthMode: "SSO",
  AppNetworkAccessType: "VpcOnly",
  DefaultUserSettings: { ExecutionRole: ROLE_ARN, SecurityGroups: [SG] },
  SubnetIds: [SUBNET],
  VpcId: "vpc-0abc",
  KmsKeyId: KEY_ARN,
};
const model = {
  PrimaryContainer: { Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/risk:1`, ModelDataUrl: "s3://ml-artifacts/risk/model.tar.gz", Environment: { SAGEMAKER_PROGRAM: "inference.py", DB_PASSWORD: "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf" } },
  ExecutionRoleArn: ROLE_ARN,
  VpcConfig: { SecurityGroupIds: [SG], Subnets: [SUBNET] },
  EnableNetworkIsolation: true,
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const endpointConfig = {
  ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "risk", InitialInstanceCount: 2, InstanceType: "ml.m5.large", InitialVariantWeight: 1 }],
  DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: "s3://ml-capture/risk", KmsKeyId: KEY_ARN, CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }] },
  KmsKeyId: KEY_ARN,
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const endpoint = {
  EndpointConfigName: "risk-config",
  EndpointStatus: "InService",
  DataCaptureConfig: { EnableCapture: true, CaptureStatus: "Started", CurrentSamplingPercentage: 20, DestinationS3Uri: "s3://ml-capture/risk", KmsKeyId: KEY_ARN },
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const trainingJob = {
  TrainingJobStatus: "Completed",
  SecondaryStatus: "Completed",
  RoleArn: ROLE_ARN,
  AlgorithmSpecification: { TrainingImage: "382416733822.dkr.ecr.us-east-1.amazonaws.com/xgboost:1", TrainingInputMode: "File" },
  InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://ml-data/train/" } } }],
  OutputDataConfig: { KmsKeyId: KEY_ARN, S3OutputPath: "s3://ml-artifacts/" },
  ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 2, VolumeSizeInGB: 30, VolumeKmsKeyId: KEY_ARN },
  VpcConfig: { SecurityGroupIds: [SG], Subnets: [SUBNET] },
  StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  EnableNetworkIsolation: true,
  EnableInterContainerTrafficEncryption: true,
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const processingJob = {
  ProcessingJobStatus: "Completed",
  ProcessingInputs: [{ InputName: "raw", S3Input: { S3Uri: "s3://ml-data/raw/", LocalPath: "/opt/ml/processing/input", S3DataType: "S3Prefix", S3InputMode: "File" } }],
  ProcessingOutputConfig: { Outputs: [{ OutputName: "features", S3Output: { S3Uri: "s3://ml-data/features/", LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }], KmsKeyId: KEY_ARN },
  ProcessingResources: { ClusterConfig: { InstanceCount: 2, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 30, VolumeKmsKeyId: KEY_ARN } },
  AppSpecification: { ImageUri: "683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1" },
  NetworkConfig: { EnableInterContainerTrafficEncryption: true, EnableNetworkIsolation: true, VpcConfig: { SecurityGroupIds: [SG], Subnets: [SUBNET] } },
  RoleArn: ROLE_ARN,
  CreationTime: "2026-10-01T09:00:00.000Z",
};
const transformJob = {
  TransformJobStatus: "Completed",
  ModelName: "risk",
  TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: "s3://ml-data/batch/" } } },
  TransformOutput: { S3OutputPath: "s3://ml-data/scores/", KmsKeyId: KEY_ARN },
  TransformResources: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeKmsKeyId: KEY_ARN },
  CreationTime: "2026-10-01T09:00:00.000Z",
};

type Fields = Record<string, unknown>;
const without = (base: Fields, ...keys: string[]): Fields => Object.fromEntries(Object.entries(base).filter(([k]) => !keys.includes(k)));

interface Case {
  check: string;
  type: string;
  base: Fields;
  compliant?: Fields;
  nonCompliant: Fields;
  /** What the FAIL reason must say: the observed value, never just "failed". */
  failReason: RegExp;
  notApplicable?: Fields;
}

const CASES: Case[] = [
  { check: "sagemaker.notebook.direct-internet-disabled", type: NB, base: notebook, nonCompliant: { ...notebook, DirectInternetAccess: "Enabled", RootAccess: "Disabled" }, failReason: /DirectInternetAccess is Enabled/ },
  { check: "sagemaker.notebook.in-vpc", type: NB, base: notebook, nonCompliant: without(notebook, "SubnetId", "SecurityGroups"), failReason: /SubnetId is not set/ },
  { check: "sagemaker.notebook.kms-encrypted", type: NB, base: notebook, nonCompliant: without(notebook, "KmsKeyId"), failReason: /KmsKeyId is not set/ },
  { check: "sagemaker.notebook.root-access-disabled", type: NB, base: notebook, nonCompliant: { ...notebook, RootAccess: "Enabled", DirectInternetAccess: "Disabled" }, failReason: /RootAccess is Enabled/ },
  { check: "sagemaker.notebook.supported-platform", type: NB, base: notebook, nonCompliant: { ...notebook, PlatformIdentifier: "notebook-al1-v1" }, failReason: /PlatformIdentifier is notebook-al1-v1/ },
  { check: "sagemaker.domain.vpc-only", type: DOMAIN, base: domain, nonCompliant: { ...domain, AppNetworkAccessType: "PublicInternetOnly" }, failReason: /AppNetworkAccessType is PublicInternetOnly/ },
  { check: "sagemaker.domain.kms-encrypted", type: DOMAIN, base: domain, nonCompliant: without(domain, "KmsKeyId"), failReason: /KmsKeyId is not set/ },
  { check: "sagemaker.domain.sso-auth", type: DOMAIN, base: domain, nonCompliant: { ...domain, AuthMode: "IAM" }, failReason: /AuthMode is IAM/ },
  { check: "sagemaker.model.network-isolation", type: MODEL, base: model, nonCompliant: { ...model, EnableNetworkIsolation: false }, failReason: /EnableNetworkIsolation is false/ },
  { check: "sagemaker.model.in-vpc", type: MODEL, base: model, nonCompliant: without(model, "VpcConfig"), failReason: /VpcConfig is not set/ },
  {
    check: "sagemaker.model.no-plaintext-secrets",
    type: MODEL,
    base: model,
    // Values are redacted in evidence; a redaction marker is still a literal value.
    nonCompliant: { ...model, PrimaryContainer: { ...model.PrimaryContainer, Environment: { SAGEMAKER_PROGRAM: "inference.py", HF_API_TOKEN: "[REDACTED sha256:0f1e2d3c4b5a]" } } },
    failReason: /HF_API_TOKEN/,
  },
  { check: "sagemaker.endpoint-config.kms-encrypted", type: EPC, base: endpointConfig, nonCompliant: without(endpointConfig, "KmsKeyId"), failReason: /KmsKeyId is not set/ },
  {
    check: "sagemaker.endpoint-config.data-capture-encrypted",
    type: EPC,
    base: endpointConfig,
    nonCompliant: { ...endpointConfig, DataCaptureConfig: without(endpointConfig.DataCaptureConfig, "KmsKeyId") },
    failReason: /DataCaptureConfig\.KmsKeyId is not set/,
    notApplicable: without(endpointConfig, "DataCaptureConfig"),
  },
  {
    check: "sagemaker.endpoint-config.multi-instance",
    type: EPC,
    base: endpointConfig,
    nonCompliant: { ...endpointConfig, ProductionVariants: [{ ...endpointConfig.ProductionVariants[0], InitialInstanceCount: 1 }] },
    failReason: /AllTraffic \(1\)/,
    notApplicable: { ...endpointConfig, ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "risk", ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] },
  },
  { check: "sagemaker.endpoint.data-capture-enabled", type: EP, base: endpoint, nonCompliant: without(endpoint, "DataCaptureConfig"), failReason: /DataCaptureConfig is not set/ },
  { check: "sagemaker.training-job.inter-container-encryption", type: TJ, base: trainingJob, nonCompliant: { ...trainingJob, EnableInterContainerTrafficEncryption: false }, failReason: /EnableInterContainerTrafficEncryption is false/ },
  { check: "sagemaker.training-job.network-isolation", type: TJ, base: trainingJob, nonCompliant: without(trainingJob, "EnableNetworkIsolation"), failReason: /EnableNetworkIsolation is not set/ },
  { check: "sagemaker.training-job.in-vpc", type: TJ, base: trainingJob, nonCompliant: without(trainingJob, "VpcConfig"), failReason: /VpcConfig is not set/ },
  {
    check: "sagemaker.training-job.volume-kms-encrypted",
    type: TJ,
    base: trainingJob,
    // The output key is set: it must not be mistaken for the volume key.
    nonCompliant: { ...trainingJob, ResourceConfig: without(trainingJob.ResourceConfig, "VolumeKmsKeyId") },
    failReason: /ResourceConfig\.VolumeKmsKeyId is not set/,
  },
  {
    check: "sagemaker.training-job.output-kms-encrypted",
    type: TJ,
    base: trainingJob,
    // The volume key is set: it must not be mistaken for the output key.
    nonCompliant: { ...trainingJob, OutputDataConfig: without(trainingJob.OutputDataConfig, "KmsKeyId") },
    failReason: /OutputDataConfig\.KmsKeyId is not set/,
  },
  {
    check: "sagemaker.processing-job.inter-container-encryption",
    type: PJ,
    base: processingJob,
    nonCompliant: { ...processingJob, NetworkConfig: { ...processingJob.NetworkConfig, EnableInterContainerTrafficEncryption: false } },
    failReason: /NetworkConfig\.EnableInterContainerTrafficEncryption is false/,
  },
  { check: "sagemaker.processing-job.network-isolation", type: PJ, base: processingJob, nonCompliant: without(processingJob, "NetworkConfig"), failReason: /NetworkConfig\.EnableNetworkIsolation is not set/ },
  {
    check: "sagemaker.processing-job.output-kms-encrypted",
    type: PJ,
    base: processingJob,
    nonCompliant: { ...processingJob, ProcessingOutputConfig: without(processingJob.ProcessingOutputConfig, "KmsKeyId") },
    failReason: /ProcessingOutputConfig\.KmsKeyId is not set/,
    notApplicable: without(processingJob, "ProcessingOutputConfig"),
  },
  {
    check: "sagemaker.processing-job.volume-kms-encrypted",
    type: PJ,
    base: processingJob,
    nonCompliant: { ...processingJob, ProcessingResources: { ClusterConfig: without(processingJob.ProcessingResources.ClusterConfig, "VolumeKmsKeyId") } },
    failReason: /VolumeKmsKeyId is not set/,
  },
  { check: "sagemaker.transform-job.output-kms-encrypted", type: XJ, base: transformJob, nonCompliant: { ...transformJob, TransformOutput: without(transformJob.TransformOutput, "KmsKeyId") }, failReason: /TransformOutput\.KmsKeyId is not set/ },
  { check: "sagemaker.transform-job.volume-kms-encrypted", type: XJ, base: transformJob, nonCompliant: { ...transformJob, TransformResources: without(transformJob.TransformResources, "VolumeKmsKeyId") }, failReason: /TransformResources\.VolumeKmsKeyId is not set/ },
];

const NAME = "subject-1";
const idParamOf = (type: string): string | undefined => (type === DOMAIN ? "DomainId" : undefined);

describe.each(CASES)("$check", (c) => {
  it("passes the compliant configuration", () => {
    const f = only(c.check, described(c.type, NAME, c.compliant ?? c.base));
    expect([f.status, f.resourceArn]).toEqual(["PASS", arnOf(c.type, NAME)]);
    expect(f.evidenceIds.length).toBeGreaterThan(0);
  });

  it("fails the non-compliant configuration, naming the observed value", () => {
    const f = only(c.check, described(c.type, NAME, c.nonCompliant));
    expect(f.status).toBe("FAIL");
    expect(f.reason).toMatch(c.failReason);
  });

  it("is ERROR, never PASS, when the describe call was denied", () => {
    const f = only(c.check, describeDenied(c.type, c.type === DOMAIN ? "d-abc123xyz" : NAME, idParamOf(c.type)));
    expect(f.status).toBe("ERROR");
    expect(f.reason).toMatch(/evidence gap: (sagemaker:)?Describe\w+ failed \(AccessDeniedException/);
  });

  it("is ERROR for the whole region when the list call was denied", () => {
    const list = described(c.type, NAME, c.base)[0] as EvidenceRecord;
    const f = only(c.check, [{ ...list, response: undefined, error: { code: "AccessDeniedException", message: "denied" } }]);
    expect(f.status).toBe("ERROR");
  });
});

describe.each(CASES.filter((c) => c.notApplicable !== undefined))("$check", (c) => {
  it("does not apply where the setting has no subject", () => {
    expect(only(c.check, described(c.type, NAME, c.notApplicable ?? {})).status).toBe("NOT_APPLICABLE");
  });
});

/**
 * Defaults, absent fields and operational state as the AWS API references define them. Each row
 * names its source; each would pass or fail wrongly under a happy-path reading of the field.
 */
const SEMANTICS: { label: string; check: string; type: string; fields: Fields; status: string; reason: RegExp }[] = [
  // API_ResourceConfig.html VolumeKmsKeyId: "You can't request a VolumeKmsKeyId when using an instance type with local storage."
  { label: "training on NVMe instance storage", check: "sagemaker.training-job.volume-kms-encrypted", type: TJ, fields: { ...trainingJob, ResourceConfig: { InstanceType: "ml.g5.12xlarge", InstanceCount: 2, VolumeSizeInGB: 30 } }, status: "NOT_APPLICABLE", reason: /ml\.g5\.12xlarge use local NVMe instance storage/ },
  { label: "training on a d-type heterogeneous cluster", check: "sagemaker.training-job.volume-kms-encrypted", type: TJ, fields: { ...trainingJob, ResourceConfig: { InstanceGroups: [{ InstanceType: "ml.p4d.24xlarge", InstanceCount: 2, InstanceGroupName: "gpu" }, { InstanceType: "ml.c5d.4xlarge", InstanceCount: 1, InstanceGroupName: "cpu" }], VolumeSizeInGB: 30 } }, status: "NOT_APPLICABLE", reason: /ml\.p4d\.24xlarge, ml\.c5d\.4xlarge/ },
  { label: "training on EBS-only instances without a key", check: "sagemaker.training-job.volume-kms-encrypted", type: TJ, fields: { ...trainingJob, ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 } }, status: "FAIL", reason: /VolumeKmsKeyId is not set/ },
  { label: "processing on NVMe instance storage", check: "sagemaker.processing-job.volume-kms-encrypted", type: PJ, fields: { ...processingJob, ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5d.xlarge", VolumeSizeInGB: 30 } } }, status: "NOT_APPLICABLE", reason: /ml\.m5d\.xlarge uses local NVMe/ },
  { label: "transform on NVMe instance storage", check: "sagemaker.transform-job.volume-kms-encrypted", type: XJ, fields: { ...transformJob, TransformResources: { InstanceType: "ml.g4dn.xlarge", InstanceCount: 1 } }, status: "NOT_APPLICABLE", reason: /ml\.g4dn\.xlarge uses local NVMe/ },
  // API_CreateEndpointConfig.html KmsKeyId: not accepted when any variant uses local storage.
  { label: "endpoint config with a local-storage variant", check: "sagemaker.endpoint-config.kms-encrypted", type: EPC, fields: { ...without(endpointConfig, "KmsKeyId"), ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "risk", InitialInstanceCount: 2, InstanceType: "ml.g5.xlarge" }] }, status: "NOT_APPLICABLE", reason: /AllTraffic \(ml\.g5\.xlarge\) uses local NVMe/ },
  // train-encrypt.html: inter-node encryption protects traffic between instances of distributed training.
  { label: "single-instance training", check: "sagemaker.training-job.inter-container-encryption", type: TJ, fields: { ...trainingJob, EnableInterContainerTrafficEncryption: false, ResourceConfig: { ...trainingJob.ResourceConfig, InstanceCount: 1 } }, status: "NOT_APPLICABLE", reason: /one instance/ },
  { label: "single-group heterogeneous cluster of 3", check: "sagemaker.training-job.inter-container-encryption", type: TJ, fields: { ...trainingJob, EnableInterContainerTrafficEncryption: false, ResourceConfig: { InstanceGroups: [{ InstanceType: "ml.m5.xlarge", InstanceCount: 3, InstanceGroupName: "a" }], VolumeSizeInGB: 30 } }, status: "FAIL", reason: /3 training instances/ },
  // API_ProcessingClusterConfig.html InstanceCount: "The default value is 1."
  { label: "single-instance processing", check: "sagemaker.processing-job.inter-container-encryption", type: PJ, fields: { ...processingJob, NetworkConfig: { EnableNetworkIsolation: true }, ProcessingResources: { ClusterConfig: { ...processingJob.ProcessingResources.ClusterConfig, InstanceCount: 1 } } }, status: "NOT_APPLICABLE", reason: /one instance/ },
  // serverless-endpoints.html, feature exclusions: no data capture, no Model Monitor.
  { label: "serverless endpoint, data capture", check: "sagemaker.endpoint.data-capture-enabled", type: EP, fields: { ...without(endpoint, "DataCaptureConfig"), ProductionVariants: [{ VariantName: "AllTraffic", CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] }, status: "NOT_APPLICABLE", reason: /Serverless Inference does not support data capture/ },
  { label: "serverless endpoint, Model Monitor", check: "sagemaker.endpoint.model-monitor-scheduled", type: EP, fields: { ...without(endpoint, "DataCaptureConfig"), ProductionVariants: [{ VariantName: "AllTraffic", CurrentServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }] }, status: "NOT_APPLICABLE", reason: /does not support Model Monitor/ },
  // API_ProductionVariantManagedInstanceScaling.html: managed scaling keeps MinInstanceCount instances.
  { label: "one initial instance, managed scaling min 2", check: "sagemaker.endpoint-config.multi-instance", type: EPC, fields: { ...endpointConfig, ProductionVariants: [{ ...endpointConfig.ProductionVariants[0], InitialInstanceCount: 1, ManagedInstanceScaling: { Status: "ENABLED", MinInstanceCount: 2, MaxInstanceCount: 6 } }] }, status: "PASS", reason: /AllTraffic: 2/ },
  { label: "managed scaling min 1", check: "sagemaker.endpoint-config.multi-instance", type: EPC, fields: { ...endpointConfig, ProductionVariants: [{ ...endpointConfig.ProductionVariants[0], InitialInstanceCount: 1, ManagedInstanceScaling: { Status: "ENABLED", MinInstanceCount: 1, MaxInstanceCount: 6 } }] }, status: "FAIL", reason: /AllTraffic \(MinInstanceCount 1\)/ },
  // API_ProcessingOutputConfig.html: KmsKeyId applies to outputs that go to S3.
  { label: "processing output to Feature Store only", check: "sagemaker.processing-job.output-kms-encrypted", type: PJ, fields: { ...processingJob, ProcessingOutputConfig: { Outputs: [{ OutputName: "features", FeatureStoreOutput: { FeatureGroupName: "claims" }, AppManaged: false }] } }, status: "NOT_APPLICABLE", reason: /Feature Store/ },
  // API_DataCaptureConfigSummary.html: CaptureStatus Started | Stopped, CurrentSamplingPercentage.
  { label: "data capture enabled but stopped", check: "sagemaker.endpoint.data-capture-enabled", type: EP, fields: { ...endpoint, DataCaptureConfig: { ...endpoint.DataCaptureConfig, CaptureStatus: "Stopped" } }, status: "FAIL", reason: /CaptureStatus is Stopped/ },
  { label: "data capture sampling 0 %", check: "sagemaker.endpoint.data-capture-enabled", type: EP, fields: { ...endpoint, DataCaptureConfig: { ...endpoint.DataCaptureConfig, CurrentSamplingPercentage: 0 } }, status: "FAIL", reason: /CurrentSamplingPercentage is 0/ },
];

describe("AWS semantics: defaults, absent fields, operational state", () => {
  it.each(SEMANTICS)("$label → $status", ({ check, type, fields, status, reason }) => {
    const f = only(check, described(type, NAME, fields));
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

describe("the two fields other tools confuse", () => {
  it("judges direct internet access by DirectInternetAccess, not RootAccess", () => {
    const rootOnly = { ...notebook, DirectInternetAccess: "Disabled", RootAccess: "Enabled" };
    expect(only("sagemaker.notebook.direct-internet-disabled", described(NB, NAME, rootOnly)).status).toBe("PASS");
    const internetOnly = { ...notebook, DirectInternetAccess: "Enabled", RootAccess: "Disabled" };
    expect(only("sagemaker.notebook.root-access-disabled", described(NB, NAME, internetOnly)).status).toBe("PASS");
  });

  it("needs both the volume key and the output key, each judged by its own check", () => {
    const volumeOnly = { ...trainingJob, OutputDataConfig: { S3OutputPath: "s3://ml-artifacts/" } };
    expect(only("sagemaker.training-job.volume-kms-encrypted", described(TJ, NAME, volumeOnly)).status).toBe("PASS");
    expect(only("sagemaker.training-job.output-kms-encrypted", described(TJ, NAME, volumeOnly)).status).toBe("FAIL");
    const outputOnly = { ...trainingJob, ResourceConfig: without(trainingJob.ResourceConfig, "VolumeKmsKeyId") };
    expect(only("sagemaker.training-job.volume-kms-encrypted", described(TJ, NAME, outputOnly)).status).toBe("FAIL");
    expect(only("sagemaker.training-job.output-kms-encrypted", described(TJ, NAME, outputOnly)).status).toBe("PASS");
  });
});
