import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { KEY_ARN, ROLE_ARN, SG, SUBNET, arnOf, described, describeDenied, findingsOf, only } from "./estate.js";

// Catalogue v2, part A (issue 12). Fixtures are shaped like the API responses of
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html,
// API_DescribeModel.html, API_DescribeEndpointConfig.html, API_DescribeTrainingJob.html,
// API_DescribeDomain.html, API_DescribeUserProfile.html, API_DescribeMonitoringSchedule.html and
// API_Describe{DataQuality,ModelQuality,ModelBias,ModelExplainability}JobDefinition.html.

type Fields = Record<string, unknown>;
const NB = "AWS::SageMaker::NotebookInstance";
const MODEL = "AWS::SageMaker::Model";
const EPC = "AWS::SageMaker::EndpointConfig";
const TJ = "AWS::SageMaker::TrainingJob";
const DOMAIN = "AWS::SageMaker::Domain";
const PROFILE = "AWS::SageMaker::UserProfile";
const SCHEDULE = "AWS::SageMaker::MonitoringSchedule";
const DQ = "AWS::SageMaker::DataQualityJobDefinition";
const MQ = "AWS::SageMaker::ModelQualityJobDefinition";
const MB = "AWS::SageMaker::ModelBiasJobDefinition";
const MX = "AWS::SageMaker::ModelExplainabilityJobDefinition";

const notebook: Fields = { NotebookInstanceStatus: "InService", InstanceType: "ml.t3.medium", SubnetId: SUBNET, SecurityGroups: [SG], RoleArn: ROLE_ARN, KmsKeyId: KEY_ARN, DirectInternetAccess: "Disabled", RootAccess: "Disabled", PlatformIdentifier: "notebook-al2023-v1", InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: "2" } };
const image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/risk:1";
const registryImage = "registry.internal.example:5000/risk:1";
const model: Fields = {
  ExecutionRoleArn: ROLE_ARN,
  PrimaryContainer: { Image: registryImage, ImageConfig: { RepositoryAccessMode: "Vpc" }, Mode: "SingleModel", ModelDataUrl: "s3://ml-artifacts/risk/model.tar.gz" },
  VpcConfig: { Subnets: [SUBNET], SecurityGroupIds: [SG] },
  EnableNetworkIsolation: true,
};
const endpointConfig: Fields = {
  ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "risk", InitialInstanceCount: 2, InstanceType: "ml.m5.xlarge" }],
  KmsKeyId: KEY_ARN,
  AsyncInferenceConfig: { ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 }, OutputConfig: { S3OutputPath: "s3://ml-async/risk/", KmsKeyId: KEY_ARN } },
};
const trainingJob: Fields = { TrainingJobStatus: "Completed", RoleArn: ROLE_ARN, ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 }, RemoteDebugConfig: { EnableRemoteDebug: false } };
const domain: Fields = {
  DomainId: "d-abc123xyz",
  AuthMode: "SSO",
  AppNetworkAccessType: "VpcOnly",
  DefaultUserSettings: { ExecutionRole: ROLE_ARN, SharingSettings: { NotebookOutputOption: "Allowed", S3OutputPath: "s3://ml-shared/", S3KmsKeyId: KEY_ARN } },
  DomainSettings: { DockerSettings: { EnableDockerAccess: "DISABLED" } },
};
const cluster = { InstanceCount: 2, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20, VolumeKmsKeyId: KEY_ARN };
const outputs = { MonitoringOutputs: [{ S3Output: { S3Uri: "s3://ml-monitoring/reports", LocalPath: "/opt/ml/processing/output" } }], KmsKeyId: KEY_ARN };
const network = { EnableInterContainerTrafficEncryption: true, EnableNetworkIsolation: true };
const definition = (kind: string): Fields => ({ RoleArn: ROLE_ARN, JobResources: { ClusterConfig: cluster }, NetworkConfig: network, [`${kind}JobOutputConfig`]: outputs, [`${kind}AppSpecification`]: { ImageUri: image } });
const inlineSchedule: Fields = {
  MonitoringScheduleStatus: "Scheduled",
  MonitoringScheduleConfig: {
    ScheduleConfig: { ScheduleExpression: "cron(0 * ? * * *)" },
    MonitoringJobDefinition: { MonitoringResources: { ClusterConfig: cluster }, MonitoringOutputConfig: outputs, NetworkConfig: network, RoleArn: ROLE_ARN, MonitoringInputs: [], MonitoringAppSpecification: { ImageUri: image } },
  },
};

const NAME = "subject-1";
interface Case { check: string; type: string; compliant: Fields; nonCompliant: Fields; failReason: RegExp; notApplicable?: Fields }

const monitoringCases = (check: string, broken: (f: Fields, kind: string) => Fields, failReason: RegExp): Case[] => [
  ...[["DataQuality", DQ], ["ModelQuality", MQ], ["ModelBias", MB], ["ModelExplainability", MX]].map(([kind, type]) => ({
    check, type: type as string, compliant: definition(kind as string), nonCompliant: broken(definition(kind as string), kind as string), failReason,
  })),
  { check, type: SCHEDULE, compliant: inlineSchedule, nonCompliant: broken(inlineSchedule, "inline"), failReason },
];

/** Replaces one nested field of a definition (kind) or of a schedule's inline job ("inline"). */
function patch(f: Fields, kind: string, part: "network" | "cluster" | "output", value: Fields): Fields {
  if (kind === "inline") {
    const config = f.MonitoringScheduleConfig as Fields;
    const job = config.MonitoringJobDefinition as Fields;
    const key = part === "network" ? "NetworkConfig" : part === "cluster" ? "MonitoringResources" : "MonitoringOutputConfig";
    return { ...f, MonitoringScheduleConfig: { ...config, MonitoringJobDefinition: { ...job, [key]: part === "cluster" ? { ClusterConfig: value } : value } } };
  }
  const key = part === "network" ? "NetworkConfig" : part === "cluster" ? "JobResources" : `${kind}JobOutputConfig`;
  return { ...f, [key]: part === "cluster" ? { ClusterConfig: value } : value };
}

const CASES: Case[] = [
  { check: "sagemaker.notebook.imdsv2-required", type: NB, compliant: notebook, nonCompliant: { ...notebook, InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: "1" } }, failReason: /MinimumInstanceMetadataServiceVersion is 1: IMDSv1/ },
  { check: "sagemaker.model.private-registry", type: MODEL, compliant: model, nonCompliant: { ...model, PrimaryContainer: { Image: image, ImageConfig: { RepositoryAccessMode: "Platform" } } }, failReason: /PrimaryContainer \(RepositoryAccessMode Platform\)/, notApplicable: { ...model, VpcConfig: undefined } },
  { check: "sagemaker.endpoint-config.async-output-kms-encrypted", type: EPC, compliant: endpointConfig, nonCompliant: { ...endpointConfig, AsyncInferenceConfig: { OutputConfig: { S3OutputPath: "s3://ml-async/risk/" } } }, failReason: /AsyncInferenceConfig\.OutputConfig\.KmsKeyId is not set: asynchronous results written to s3:\/\/ml-async\/risk\// , notApplicable: { ...endpointConfig, AsyncInferenceConfig: undefined } },
  { check: "sagemaker.training-job.remote-debug-disabled", type: TJ, compliant: trainingJob, nonCompliant: { ...trainingJob, RemoteDebugConfig: { EnableRemoteDebug: true } }, failReason: /EnableRemoteDebug is true/ },
  { check: "sagemaker.domain.docker-access-disabled", type: DOMAIN, compliant: domain, nonCompliant: { ...domain, DomainSettings: { DockerSettings: { EnableDockerAccess: "ENABLED" } } }, failReason: /EnableDockerAccess is ENABLED/ },
  { check: "sagemaker.domain.user-profile-sharing-encrypted", type: DOMAIN, compliant: domain, nonCompliant: { ...domain, DefaultUserSettings: { SharingSettings: { NotebookOutputOption: "Allowed", S3OutputPath: "s3://ml-shared/" } } }, failReason: /NotebookOutputOption is Allowed; DefaultUserSettings\.SharingSettings\.S3KmsKeyId is not set/ },
  ...monitoringCases("sagemaker.monitoring-job.network-isolation", (f, k) => patch(f, k, "network", { EnableInterContainerTrafficEncryption: true }), /EnableNetworkIsolation is not set \(defaults to false\)/),
  ...monitoringCases("sagemaker.monitoring-job.volume-kms-encrypted", (f, k) => patch(f, k, "cluster", { ...cluster, VolumeKmsKeyId: undefined }), /ClusterConfig\.VolumeKmsKeyId is not set/),
  ...monitoringCases("sagemaker.monitoring-job.output-kms-encrypted", (f, k) => patch(f, k, "output", { ...outputs, KmsKeyId: undefined }), /output KmsKeyId is not set/),
  ...monitoringCases("sagemaker.monitoring-job.inter-container-encryption", (f, k) => patch(f, k, "network", { EnableNetworkIsolation: true }), /EnableInterContainerTrafficEncryption is not set \(defaults to false\)/),
];

const denied = (type: string): EvidenceRecord[] => (type === DOMAIN ? describeDenied(type, "d-abc123xyz", "DomainId") : describeDenied(type, NAME));

describe.each(CASES)("$check on $type", (c) => {
  it("passes the compliant configuration", () => {
    const f = only(c.check, described(c.type, NAME, c.compliant));
    expect([f.status, f.resourceArn]).toEqual(["PASS", arnOf(c.type, NAME)]);
  });

  it("fails the non-compliant configuration, naming the observed value", () => {
    const f = only(c.check, described(c.type, NAME, c.nonCompliant));
    expect([f.status, f.reason]).toEqual(["FAIL", expect.stringMatching(c.failReason)]);
  });

  it("is ERROR, never PASS, when the describe call was denied", () => {
    expect(only(c.check, denied(c.type)).status).toBe("ERROR");
  });

  // Only where the concept can be absent from a resource of the type (no skipped placeholders).
  if (c.notApplicable !== undefined) {
    const subjectless = c.notApplicable;
    it("does not apply where the concept has no subject", () => {
      expect(only(c.check, described(c.type, NAME, subjectless)).status).toBe("NOT_APPLICABLE");
    });
  }
});

describe("AWS semantics of the new checks", () => {
  it("a notebook without InstanceMetadataServiceConfiguration accepts IMDSv1 (CreateNotebookInstance defaults to 1)", () => {
    const f = only("sagemaker.notebook.imdsv2-required", described(NB, NAME, { ...notebook, InstanceMetadataServiceConfiguration: undefined }));
    expect([f.status, f.reason]).toEqual(["FAIL", expect.stringMatching(/not set \(defaults to 1\)/)]);
  });

  it("a model image without ImageConfig comes from Amazon ECR, and every container of Containers[] is judged", () => {
    const f = only("sagemaker.model.private-registry", described(MODEL, NAME, { ...model, PrimaryContainer: undefined, Containers: [{ ContainerHostname: "pre", Image: registryImage, ImageConfig: { RepositoryAccessMode: "Vpc" } }, { ContainerHostname: "infer", Image: image }] }));
    expect([f.status, f.reason]).toEqual(["FAIL", "container image not from a private registry in the VPC: infer (ImageConfig not set: Amazon ECR)"]);
  });

  it("a training job without RemoteDebugConfig has remote debugging off", () => {
    expect(only("sagemaker.training-job.remote-debug-disabled", described(TJ, NAME, { ...trainingJob, RemoteDebugConfig: undefined })).status).toBe("PASS");
  });

  it("absent SharingSettings allow no sharing; NotebookOutputOption defaults to Disabled", () => {
    const none = only("sagemaker.domain.user-profile-sharing-encrypted", described(DOMAIN, NAME, { ...domain, DefaultUserSettings: { ExecutionRole: ROLE_ARN } }));
    const disabled = only("sagemaker.domain.user-profile-sharing-encrypted", described(DOMAIN, NAME, { ...domain, DefaultUserSettings: { SharingSettings: { S3OutputPath: "s3://ml-shared/" } } }));
    expect([none.status, disabled.status, disabled.reason]).toEqual(["PASS", "PASS", expect.stringMatching(/not set \(defaults to Disabled\)/)]);
  });

  it("a user profile's own SharingSettings override the domain default; without them it inherits the default", () => {
    const unencrypted = { ...domain, DefaultUserSettings: { SharingSettings: { NotebookOutputOption: "Allowed", S3OutputPath: "s3://ml-shared/" } } };
    const records = [
      ...described(DOMAIN, "studio", unencrypted),
      ...described(PROFILE, "alice", { DomainId: "d-abc123xyz", UserSettings: { SharingSettings: { NotebookOutputOption: "Disabled" } } }),
      ...described(PROFILE, "bob", { DomainId: "d-abc123xyz", UserSettings: { ExecutionRole: ROLE_ARN } }),
    ];
    const byName = Object.fromEntries(findingsOf("sagemaker.domain.user-profile-sharing-encrypted", records).map((f) => [f.resourceName, [f.status, f.reason]]));
    expect(byName).toEqual({
      studio: ["FAIL", expect.stringMatching(/^NotebookOutputOption is Allowed; DefaultUserSettings\.SharingSettings\.S3KmsKeyId is not set/)],
      alice: ["PASS", expect.stringMatching(/UserSettings\.SharingSettings\.NotebookOutputOption is Disabled/)],
      bob: ["FAIL", expect.stringMatching(/^the profile sets no SharingSettings, so its domain's default applies: .*S3KmsKeyId is not set/)],
    });
  });

  it("a profile that inherits from a domain that was not described is an evidence gap", () => {
    const f = only("sagemaker.domain.user-profile-sharing-encrypted", described(PROFILE, "bob", { DomainId: "d-missing", UserSettings: {} }));
    expect([f.status, f.reason]).toEqual(["ERROR", expect.stringMatching(/domain d-missing was not described/)]);
  });

  it("a schedule naming a job definition is judged on that definition, and the definition on its own", () => {
    const broken = { ...definition("ModelQuality"), NetworkConfig: { EnableInterContainerTrafficEncryption: true, EnableNetworkIsolation: false } };
    const records = [
      ...described(MQ, "mq-def", broken),
      ...described(SCHEDULE, "mq-schedule", { MonitoringScheduleStatus: "Scheduled", MonitoringScheduleConfig: { MonitoringJobDefinitionName: "mq-def", MonitoringType: "ModelQuality" } }),
    ];
    const findings = findingsOf("sagemaker.monitoring-job.network-isolation", records);
    expect(findings.map((f) => [f.resourceName, f.status, f.reason])).toEqual([
      ["mq-def", "FAIL", "job definition mq-def: NetworkConfig.EnableNetworkIsolation is false: the monitoring containers can reach the network"],
      ["mq-schedule", "FAIL", "job definition mq-def: NetworkConfig.EnableNetworkIsolation is false: the monitoring containers can reach the network"],
    ]);
    // The schedule's finding cites the definition's evidence it read.
    const [def, schedule] = findings;
    expect(schedule?.evidenceIds).toEqual(expect.arrayContaining([...(def?.evidenceIds ?? ["missing"])]));
  });

  it("an unscheduled job definition is judged (Security Hub's reading), single-instance jobs have no inter-container traffic", () => {
    const single = { ...definition("DataQuality"), JobResources: { ClusterConfig: { ...cluster, InstanceCount: 1 } }, NetworkConfig: { EnableNetworkIsolation: true } };
    const f = only("sagemaker.monitoring-job.inter-container-encryption", described(DQ, "dq-def", single));
    expect([f.status, f.reason]).toEqual(["NOT_APPLICABLE", expect.stringMatching(/runs on one instance/)]);
  });

  it("monitoring jobs on NVMe instance storage take no volume key", () => {
    const nvme = { ...definition("DataQuality"), JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5d.xlarge", VolumeSizeInGB: 20 } } };
    expect(only("sagemaker.monitoring-job.volume-kms-encrypted", described(DQ, "dq-def", nvme)).status).toBe("NOT_APPLICABLE");
  });

  it("an AWS managed key is no customer managed key (kmsKeyVerdict)", () => {
    const aws = patch(definition("ModelBias"), "ModelBias", "output", { ...outputs, KmsKeyId: "alias/aws/s3" });
    const f = only("sagemaker.monitoring-job.output-kms-encrypted", described(MB, "mb-def", aws));
    expect([f.status, f.reason]).toEqual(["FAIL", expect.stringMatching(/an AWS managed key \(alias\/aws\/s3\)/)]);
  });

  it("a schedule whose named definition was not described is an evidence gap", () => {
    const f = only("sagemaker.monitoring-job.output-kms-encrypted", described(SCHEDULE, "s", { MonitoringScheduleConfig: { MonitoringJobDefinitionName: "gone", MonitoringType: "DataQuality" } }));
    expect([f.status, f.reason]).toEqual(["ERROR", expect.stringMatching(/job definition gone \(MonitoringType DataQuality\) was not described: sagemaker:DescribeDataQualityJobDefinition should have returned it/)]);
  });
});

describe("sagemaker.model.private-registry on model-package containers", () => {
  it("names the model package whose image runs, which carries no ImageConfig", () => {
    const pkg = "arn:aws:sagemaker:us-east-1:123456789012:model-package/risk/3";
    const f = only("sagemaker.model.private-registry", described(MODEL, NAME, { ...model, PrimaryContainer: { ModelPackageName: pkg } }));
    expect([f.status, f.reason]).toEqual(["FAIL", `container image not from a private registry in the VPC: PrimaryContainer (image of model package ${pkg}, ImageConfig not set)`]);
  });
});
