import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN, SG, SUBNET, arnOf, configItem, described, describeDenied, gapRecord, only, record } from "./estate.js";

// Issue 12, part C: HyperPod clusters, Studio spaces, labeling jobs, workforces, A2I flow
// definitions and MLflow tracking servers. Fixtures follow the API references' response shapes.

const AWS_KEY = "alias/aws/sagemaker";
type Case = [status: string, records: EvidenceRecord[], reason: RegExp];
const table = (id: string, cases: Case[]): void => {
  describe(`${id}`, () => {
    it.each(cases)("%s", (status, records, reason) => {
      const f = only(id, records);
      expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
    });
  });
};

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeCluster.html
const CLUSTER = "AWS::SageMaker::Cluster";
const group = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  InstanceGroupName: name,
  InstanceType: "ml.p5.48xlarge",
  CurrentCount: 2,
  TargetCount: 2,
  LifeCycleConfig: { SourceS3Uri: "s3://ml-hyperpod/lifecycle/", OnCreate: "on_create.sh" },
  ExecutionRole: ROLE_ARN,
  ThreadsPerCore: 1,
  Status: "InService",
  ...extra,
});
const cluster = (fields: Record<string, unknown>): EvidenceRecord[] =>
  described(CLUSTER, "llm-train", { ClusterStatus: "InService", CreationTime: "2026-11-01T10:00:00Z", Orchestrator: { Eks: { ClusterArn: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/ml` } }, ...fields });
const VPC = { SecurityGroupIds: [SG], Subnets: [SUBNET] };
const ebs = (key?: string): Record<string, unknown> => ({ InstanceStorageConfigs: [{ EbsVolumeConfig: { VolumeSizeInGB: 500, ...(key ? { VolumeKmsKeyId: key } : {}) } }] });

table("sagemaker.hyperpod-cluster.in-vpc", [
  ["PASS", cluster({ VpcConfig: VPC, InstanceGroups: [group("workers")] }), /workers: cluster VpcConfig subnets subnet-0a1b2c3d/],
  ["PASS", cluster({ InstanceGroups: [group("workers", { OverrideVpcConfig: VPC })] }), /workers: OverrideVpcConfig subnets/],
  ["FAIL", cluster({ InstanceGroups: [group("workers", { OverrideVpcConfig: VPC }), group("controller")] }), /instance group\(s\) controller have no OverrideVpcConfig/],
  ["NOT_APPLICABLE", cluster({ VpcConfig: VPC, InstanceGroups: [] }), /InstanceGroups is empty/],
  ["ERROR", describeDenied(CLUSTER, "llm-train"), /evidence gap/],
]);

table("sagemaker.hyperpod-cluster.volume-kms-encrypted", [
  ["PASS", cluster({ InstanceGroups: [group("workers", ebs(KEY_ARN))] }), /workers.InstanceStorageConfigs\[0\].EbsVolumeConfig.VolumeKmsKeyId is arn:aws:kms/],
  ["FAIL", cluster({ InstanceGroups: [group("workers", ebs(KEY_ARN)), group("controller", ebs())] }), /controller.InstanceStorageConfigs\[0\].EbsVolumeConfig.VolumeKmsKeyId is not set/],
  ["FAIL", cluster({ InstanceGroups: [group("workers", ebs(AWS_KEY))] }), /an AWS managed key \(alias\/aws\/sagemaker\)/],
  ["NOT_APPLICABLE", cluster({ InstanceGroups: [group("workers")] }), /no instance group has an InstanceStorageConfigs EbsVolumeConfig/],
  ["ERROR", describeDenied(CLUSTER, "llm-train"), /evidence gap/],
]);

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeSpace.html
const SPACE = "AWS::SageMaker::Space";
const DOMAIN = "AWS::SageMaker::Domain";
const PROFILE = "AWS::SageMaker::UserProfile";
const DOMAIN_ID = "d-abc123xyz";
const idle = (state?: string): Record<string, unknown> => ({ AppLifecycleManagement: { IdleSettings: { ...(state ? { LifecycleManagement: state } : {}), IdleTimeoutInMinutes: 120 } } });
const domain = (settings: Record<string, unknown>): EvidenceRecord[] =>
  described(DOMAIN, "research", { DomainId: DOMAIN_ID, Status: "InService", AuthMode: "SSO", AppNetworkAccessType: "VpcOnly", ...settings });
const profile = (settings: Record<string, unknown>): EvidenceRecord[] =>
  described(PROFILE, "alice", { DomainId: DOMAIN_ID, UserProfileName: "alice", Status: "InService", UserSettings: settings });
const space = (settings: Record<string, unknown>, sharing: "Private" | "Shared" = "Private"): EvidenceRecord[] =>
  described(SPACE, "alice-lab", {
    DomainId: DOMAIN_ID,
    Status: "InService",
    SpaceSettings: settings,
    SpaceSharingSettings: { SharingType: sharing },
    ...(sharing === "Private" ? { OwnershipSettings: { OwnerUserProfileName: "alice" } } : {}),
  });
const lab = { AppType: "JupyterLab", JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { IdleTimeoutInMinutes: 90 } } } };

table("sagemaker.space.remote-access-disabled", [
  ["PASS", space({ ...lab, RemoteAccess: "DISABLED" }), /RemoteAccess is DISABLED/],
  ["PASS", space(lab), /RemoteAccess is not set/],
  ["FAIL", space({ ...lab, RemoteAccess: "ENABLED" }), /RemoteAccess is ENABLED/],
  ["ERROR", describeDenied(SPACE, "alice-lab"), /evidence gap/],
]);

table("sagemaker.space.idle-shutdown", [
  ["PASS", [...space(lab), ...domain({ DefaultUserSettings: { JupyterLabAppSettings: idle("ENABLED") } }), ...profile({})], /domain DefaultUserSettings.JupyterLabAppSettings.AppLifecycleManagement.IdleSettings.LifecycleManagement is ENABLED/],
  // The owner's user settings override the domain default.
  ["FAIL", [...space(lab), ...domain({ DefaultUserSettings: { JupyterLabAppSettings: idle("ENABLED") } }), ...profile({ JupyterLabAppSettings: idle("DISABLED") })], /user profile alice UserSettings.JupyterLabAppSettings.* is DISABLED/],
  ["FAIL", [...space({ AppType: "CodeEditor" }), ...domain({ DefaultUserSettings: {} }), ...profile({})], /CodeEditor space: .*LifecycleManagement is not set in user profile alice UserSettings.CodeEditorAppSettings nor domain DefaultUserSettings.CodeEditorAppSettings: idle shutdown is off/],
  // Shared spaces take the domain's DefaultSpaceSettings.
  ["PASS", [...space(lab, "Shared"), ...domain({ DefaultSpaceSettings: { JupyterLabAppSettings: idle("ENABLED") }, DefaultUserSettings: {} })], /domain DefaultSpaceSettings.JupyterLabAppSettings.* is ENABLED/],
  ["NOT_APPLICABLE", [...space({ AppType: "JupyterServer" }), ...domain({})], /AppType is JupyterServer: only JupyterLab and CodeEditor/],
  ["ERROR", space(lab), /evidence gap: domain d-abc123xyz of the space was not described/],
  ["ERROR", [...space(lab), ...domain({}), ...describeDenied(PROFILE, "alice")], /evidence gap: owner user profile alice/],
]);

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeLabelingJob.html
const JOB = "AWS::SageMaker::LabelingJob";
const PRIVATE_TEAM = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:workteam/private-crowd/radiologists`;
const PUBLIC_TEAM = `arn:aws:sagemaker:${REGION}:394669845002:workteam/public-crowd/default`;
const labeling = (fields: Record<string, unknown>, task: Record<string, unknown> = {}): EvidenceRecord[] =>
  described(JOB, "xray-labels", {
    LabelingJobStatus: "Completed",
    CreationTime: "2026-11-20T10:00:00Z",
    RoleArn: ROLE_ARN,
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: "s3://ml-labeling/input.manifest" } } },
    OutputConfig: { S3OutputPath: "s3://ml-labeling/output/", KmsKeyId: KEY_ARN },
    HumanTaskConfig: { WorkteamArn: PRIVATE_TEAM, UiConfig: { UiTemplateS3Uri: "s3://ml-labeling/ui.liquid.html" }, TaskTitle: "X-ray", TaskDescription: "Label", NumberOfHumanWorkersPerDataObject: 1, TaskTimeLimitInSeconds: 600, ...task },
    ...fields,
  });
const algorithms = (key?: string): Record<string, unknown> => ({
  LabelingJobAlgorithmsConfig: { LabelingJobAlgorithmSpecificationArn: "arn:aws:sagemaker:us-east-1:027400017018:labeling-job-algorithm-specification/image-classification", LabelingJobResourceConfig: key ? { VolumeKmsKeyId: key } : {} },
});

table("sagemaker.labeling-job.kms-encrypted", [
  ["PASS", labeling({}), /OutputConfig.KmsKeyId is arn:aws:kms/],
  ["PASS", labeling(algorithms(KEY_ARN)), /LabelingJobResourceConfig.VolumeKmsKeyId is arn:aws:kms/],
  ["FAIL", labeling({ OutputConfig: { S3OutputPath: "s3://ml-labeling/output/" } }), /OutputConfig.KmsKeyId is not set/],
  ["FAIL", labeling(algorithms()), /LabelingJobResourceConfig.VolumeKmsKeyId is not set: the automated-labeling volumes/],
  ["ERROR", describeDenied(JOB, "xray-labels"), /evidence gap/],
]);

table("sagemaker.labeling-job.private-workforce", [
  ["PASS", labeling({}), /PublicWorkforceTaskPrice is not set; WorkteamArn is .*private-crowd\/radiologists/],
  ["FAIL", labeling({}, { WorkteamArn: PUBLIC_TEAM, PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } } }), /PublicWorkforceTaskPrice is set: tasks go to the public Mechanical Turk workforce/],
  ["FAIL", labeling({}, { WorkteamArn: PUBLIC_TEAM }), /WorkteamArn is .*public-crowd\/default: the public Mechanical Turk workforce/],
  ["ERROR", describeDenied(JOB, "xray-labels"), /evidence gap/],
]);

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeWorkforce.html: the
// response nests everything in Workforce, the ARN too; the inventory takes the ARN from ListWorkforces.
const WORKFORCE_ARN = `arn:aws:sagemaker:${REGION}:${ACCOUNT}:workforce/default`;
const workforce = (cidrs: string[]): EvidenceRecord[] => {
  const body = { WorkforceName: "default", WorkforceArn: WORKFORCE_ARN, SubDomain: "abc.labeling.us-east-1.sagemaker.aws", SourceIpConfig: { Cidrs: cidrs }, Status: "Active", CognitoConfig: { UserPool: "us-east-1_abc", ClientId: "client" } };
  return [record("sagemaker", "ListWorkforces", {}, { Workforces: [body] }), record("sagemaker", "DescribeWorkforce", { WorkforceName: "default" }, { Workforce: body })];
};

table("sagemaker.workforce.source-ip-restricted", [
  ["PASS", workforce(["10.0.0.0/16"]), /SourceIpConfig.Cidrs is 10.0.0.0\/16/],
  ["FAIL", workforce([]), /SourceIpConfig.Cidrs is empty/],
  ["ERROR", [record("sagemaker", "ListWorkforces", {}, { Workforces: [{ WorkforceName: "default", WorkforceArn: WORKFORCE_ARN }] }), gapRecord("sagemaker", "DescribeWorkforce", { WorkforceName: "default" })], /evidence gap/],
]);

describe("workforce inventory", () => {
  it("names the workforce by the ARN of its list item", () => {
    expect(only("sagemaker.workforce.source-ip-restricted", workforce(["10.0.0.0/16"])).resourceArn).toBe(WORKFORCE_ARN);
  });
});

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFlowDefinition.html
const FLOW = "AWS::SageMaker::FlowDefinition";
const flow = (output: Record<string, unknown>): EvidenceRecord[] =>
  described(FLOW, "claims-review", { FlowDefinitionStatus: "Active", CreationTime: "2026-11-01T10:00:00Z", RoleArn: ROLE_ARN, HumanLoopConfig: { WorkteamArn: PRIVATE_TEAM, HumanTaskUiArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:human-task-ui/claims`, TaskTitle: "t", TaskDescription: "d", TaskCount: 1 }, OutputConfig: output });

table("sagemaker.flow-definition.output-kms-encrypted", [
  ["PASS", flow({ S3OutputPath: "s3://ml-a2i/output/", KmsKeyId: KEY_ARN }), /OutputConfig.KmsKeyId is arn:aws:kms/],
  ["FAIL", flow({ S3OutputPath: "s3://ml-a2i/output/" }), /OutputConfig.KmsKeyId is not set: the review output/],
  ["FAIL", flow({ S3OutputPath: "s3://ml-a2i/output/", KmsKeyId: AWS_KEY }), /AWS managed key/],
  ["ERROR", describeDenied(FLOW, "claims-review"), /evidence gap/],
]);

// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowTrackingServer.html
const MLFLOW = "AWS::SageMaker::MlflowTrackingServer";
const tracking = (uri?: string): EvidenceRecord[] =>
  described(MLFLOW, "experiments", { TrackingServerStatus: "Created", IsActive: "Active", TrackingServerSize: "Small", MlflowVersion: "2.16.2", RoleArn: ROLE_ARN, ...(uri ? { ArtifactStoreUri: uri } : {}) });

const ARTIFACTS = "ml-mlflow-artifacts";
const ARTIFACTS_ARN = `arn:aws:s3:::${ARTIFACTS}`;
const tlsPolicy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARTIFACTS_ARN, `${ARTIFACTS_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }] });
const allBlocked = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const artifactBucket = (sseAlgorithm: string, extra: Record<string, unknown> = {}): EvidenceRecord =>
  configItem("AWS::S3::Bucket", ARTIFACTS_ARN, ARTIFACTS, { name: ARTIFACTS, owner: { id: "abc" }, creationDate: "2026-01-01T00:00:00.000Z" }, {
    supplementary: {
      ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm, ...(sseAlgorithm === "aws:kms" ? { kmsMasterKeyID: KEY_ARN } : {}) } }] },
      BucketPolicy: { policyText: tlsPolicy },
      PublicAccessBlockConfiguration: allBlocked,
      ...extra,
    },
  });

table("sagemaker.mlflow.artifact-store-secured", [
  ["PASS", [...tracking(`s3://${ARTIFACTS}/experiments`), artifactBucket("aws:kms")], /artifact bucket ml-mlflow-artifacts: s3.sagemaker-bucket.encrypted PASS: .*tls-only PASS.*public-access-blocked PASS/],
  ["FAIL", [...tracking(`s3://${ARTIFACTS}/experiments`), artifactBucket("AES256")], /s3.sagemaker-bucket.encrypted FAIL: default encryption is AES256/],
  ["FAIL", [...tracking(`s3://${ARTIFACTS}/experiments`), artifactBucket("aws:kms", { BucketPolicy: { policyText: null } })], /tls-only FAIL/],
  ["FAIL", tracking(), /ArtifactStoreUri is .*not set.*: no S3 bucket/],
  ["ERROR", tracking(`s3://${ARTIFACTS}/experiments`), /evidence gap: no AWS Config configuration item for bucket ml-mlflow-artifacts \(artifact store of experiments\)/],
  ["ERROR", describeDenied(MLFLOW, "experiments"), /evidence gap/],
]);

// MLflow apps: the same artifact-store rules plus the app's own KmsKeyId.
// https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowApp.html
const MLFLOW_APP = "AWS::SageMaker::MlflowApp";
const app = (fields: Record<string, unknown>): EvidenceRecord[] =>
  described(MLFLOW_APP, "exp-app", { Arn: arnOf(MLFLOW_APP, "exp-app"), Status: "Created", MlflowVersion: "3.0", RoleArn: ROLE_ARN, ...fields });

describe("sagemaker.mlflow.artifact-store-secured on MLflow apps", () => {
  const id = "sagemaker.mlflow.artifact-store-secured";
  const cases: Case[] = [
    ["PASS", [...app({ ArtifactStoreUri: `s3://${ARTIFACTS}/app`, KmsKeyId: KEY_ARN }), artifactBucket("aws:kms")], /artifact bucket ml-mlflow-artifacts: .*; KmsKeyId is arn:aws:kms/],
    ["FAIL", [...app({ ArtifactStoreUri: `s3://${ARTIFACTS}/app` }), artifactBucket("aws:kms")], /KmsKeyId is not set/],
    ["FAIL", [...app({ ArtifactStoreUri: `s3://${ARTIFACTS}/app`, KmsKeyId: AWS_KEY }), artifactBucket("aws:kms")], /AWS managed key/],
    ["FAIL", [...app({ ArtifactStoreUri: `s3://${ARTIFACTS}/app`, KmsKeyId: KEY_ARN }), artifactBucket("AES256")], /s3.sagemaker-bucket.encrypted FAIL/],
    ["ERROR", app({ ArtifactStoreUri: `s3://${ARTIFACTS}/app`, KmsKeyId: KEY_ARN }), /evidence gap: no AWS Config configuration item for bucket ml-mlflow-artifacts/],
  ];
  it.each(cases)("%s", (status, records, reason) => {
    const f = only(id, records);
    expect([f.resourceArn, f.status, f.reason]).toEqual([arnOf(MLFLOW_APP, "exp-app"), status, expect.stringMatching(reason)]);
  });
});

describe("MLflow artifact bucket as a supporting resource", () => {
  it("makes the artifact store bucket a target of the S3 checks, citing the tracking server", () => {
    const f = only("s3.sagemaker-bucket.encrypted", [...tracking(`s3://${ARTIFACTS}/experiments`), artifactBucket("AES256")]);
    expect([f.resourceArn, f.status]).toEqual([ARTIFACTS_ARN, "FAIL"]);
  });
  it("uses the tracking server ARN the describe names", () => {
    expect(only("sagemaker.mlflow.artifact-store-secured", tracking("s3://b/x")).resourceArn).toBe(arnOf(MLFLOW, "experiments"));
  });
});
