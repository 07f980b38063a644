import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { KEY_ARN, ROLE_ARN, arnOf, configItem, described, describeDenied, findingsOf, gapRecord, only } from "./estate.js";

// Checks that judge one SageMaker resource by others: the capture bucket, monitoring schedules,
// job definitions, and the endpoints that serve a model package.

const EPC = "AWS::SageMaker::EndpointConfig";
const EP = "AWS::SageMaker::Endpoint";
const SCHEDULE = "AWS::SageMaker::MonitoringSchedule";
const DQ = "AWS::SageMaker::DataQualityJobDefinition";
const MODEL = "AWS::SageMaker::Model";
const PKG = "AWS::SageMaker::ModelPackage";

const capturing = {
  ProductionVariants: [{ VariantName: "AllTraffic", ModelName: "risk", InitialInstanceCount: 2, InstanceType: "ml.m5.large" }],
  DataCaptureConfig: { EnableCapture: true, InitialSamplingPercentage: 20, DestinationS3Uri: "s3://ml-capture/risk", KmsKeyId: KEY_ARN, CaptureOptions: [{ CaptureMode: "Input" }] },
  KmsKeyId: KEY_ARN,
};
const bucket = (sse: boolean): EvidenceRecord =>
  configItem("AWS::S3::Bucket", "arn:aws:s3:::ml-capture", "ml-capture", { name: "ml-capture", owner: { id: "abc" } }, {
    supplementary: { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: sse ? { sseAlgorithm: "aws:kms", kmsMasterKeyID: KEY_ARN } : { sseAlgorithm: "AES256" }, bucketKeyEnabled: sse }] } },
  });

describe("sagemaker.endpoint-config.data-capture-bucket-encrypted", () => {
  const id = "sagemaker.endpoint-config.data-capture-bucket-encrypted";
  it.each([
    ["PASS", [...described(EPC, "risk-config", capturing), bucket(true)], /capture bucket ml-capture: default encryption aws:kms/],
    ["FAIL", [...described(EPC, "risk-config", capturing), bucket(false)], /capture bucket ml-capture: default encryption is AES256 \(SSE-S3/],
    ["NOT_APPLICABLE", [...described(EPC, "risk-config", { ...capturing, DataCaptureConfig: undefined }), bucket(false)], /nothing is captured/],
    ["ERROR", described(EPC, "risk-config", capturing), /no AWS Config configuration item for bucket ml-capture/],
    ["ERROR", [...described(EPC, "risk-config", capturing), gapRecord("config", "SelectResourceConfig", { Expression: "SELECT …" })], /config:SelectResourceConfig .* failed/],
  ])("%s", (status, records, reason) => {
    const f = only(id, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

const endpoint = described(EP, "risk", { EndpointConfigName: "risk-config", EndpointStatus: "InService" });
const schedule = (status: string, endpointName = "risk", lastExecution?: Record<string, unknown>): EvidenceRecord[] =>
  described(SCHEDULE, "risk-dq", {
    MonitoringScheduleStatus: status,
    ...(lastExecution ? { LastMonitoringExecutionSummary: { MonitoringScheduleName: "risk-dq", ScheduledTime: "2026-11-27T09:00:00Z", CreationTime: "2026-11-27T09:00:05Z", LastModifiedTime: "2026-11-27T09:20:00Z", EndpointName: endpointName, ...lastExecution } } : {}),
    MonitoringType: "DataQuality",
    EndpointName: endpointName,
    MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: "cron(0 * ? * * *)" }, MonitoringJobDefinitionName: "risk-dq-def", MonitoringType: "DataQuality" },
  });

describe("sagemaker.endpoint.model-monitor-scheduled", () => {
  const id = "sagemaker.endpoint.model-monitor-scheduled";
  it.each([
    ["PASS", [...endpoint, ...schedule("Scheduled")], /risk-dq is Scheduled/],
    ["FAIL", [...endpoint, ...schedule("Stopped")], /risk-dq is Stopped/],
    // API_MonitoringExecutionSummary.html: a schedule whose executions fail monitors nothing.
    ["FAIL", [...endpoint, ...schedule("Scheduled", "risk", { MonitoringExecutionStatus: "Failed", FailureReason: "AccessDenied on s3://ml-capture" })], /executions fail: risk-dq: last execution Failed \(AccessDenied on s3:\/\/ml-capture\)/],
    ["PASS", [...endpoint, ...schedule("Scheduled", "risk", { MonitoringExecutionStatus: "CompletedWithViolations" })], /last execution CompletedWithViolations/],
    ["FAIL", [...endpoint, ...schedule("Scheduled", "other-endpoint")], /no monitoring schedule targets this endpoint/],
    ["ERROR", [...endpoint, ...describeDenied(SCHEDULE, "risk-dq")], /risk-dq could not be described/],
    ["ERROR", [...endpoint, gapRecord("sagemaker", "ListMonitoringSchedules", {})], /ListMonitoringSchedules .*failed/],
  ])("%s", (status, records, reason) => {
    const f = only(id, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

const definition = (encrypt: boolean, instances = 2): EvidenceRecord[] =>
  described(DQ, "risk-dq-def", {
    DataQualityAppSpecification: { ImageUri: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
    DataQualityJobInput: { EndpointInput: { EndpointName: "risk", LocalPath: "/opt/ml/processing/input" } },
    DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: "s3://ml-monitoring/risk", LocalPath: "/opt/ml/processing/output" } }], KmsKeyId: KEY_ARN },
    JobResources: { ClusterConfig: { InstanceCount: instances, InstanceType: "ml.m5.large", VolumeSizeInGB: 20 } },
    NetworkConfig: { EnableInterContainerTrafficEncryption: encrypt, EnableNetworkIsolation: true },
    RoleArn: ROLE_ARN,
  });
const inline = (encrypt?: boolean): EvidenceRecord[] =>
  described(SCHEDULE, "risk-inline", {
    MonitoringScheduleStatus: "Scheduled",
    EndpointName: "risk",
    MonitoringScheduleConfig: {
      MonitoringJobDefinition: {
        MonitoringInputs: [{ EndpointInput: { EndpointName: "risk", LocalPath: "/opt/ml/processing/input" } }],
        MonitoringOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: "s3://ml-monitoring/risk", LocalPath: "/opt/ml/processing/output" } }] },
        MonitoringResources: { ClusterConfig: { InstanceCount: 2, InstanceType: "ml.m5.large", VolumeSizeInGB: 20 } },
        MonitoringAppSpecification: { ImageUri: "156813124566.dkr.ecr.us-east-1.amazonaws.com/sagemaker-model-monitor-analyzer" },
        RoleArn: ROLE_ARN,
        ...(encrypt === undefined ? {} : { NetworkConfig: { EnableInterContainerTrafficEncryption: encrypt } }),
      },
    },
  });

describe("sagemaker.monitoring-job.inter-container-encryption", () => {
  const id = "sagemaker.monitoring-job.inter-container-encryption";
  it.each([
    ["PASS (named definition)", "PASS", [...schedule("Scheduled"), ...definition(true)], /job definition risk-dq-def: .* is true/],
    ["FAIL (named definition)", "FAIL", [...schedule("Scheduled"), ...definition(false)], /job definition risk-dq-def: .* is false/],
    // API_MonitoringClusterConfig.html: one instance, no traffic between instances.
    ["NOT_APPLICABLE (named definition on one instance)", "NOT_APPLICABLE", [...schedule("Scheduled"), ...definition(false, 1)], /runs on one instance/],
    ["PASS (inline definition)", "PASS", inline(true), /inline MonitoringJobDefinition: .* is true/],
    ["FAIL (inline definition)", "FAIL", inline(), /inline MonitoringJobDefinition: .* not set/],
    ["ERROR (definition not described)", "ERROR", [...schedule("Scheduled"), ...describeDenied(DQ, "risk-dq-def")], /job definition risk-dq-def .* was not described/],
    ["ERROR (schedule not described)", "ERROR", describeDenied(SCHEDULE, "risk-dq"), /DescribeMonitoringSchedule failed/],
  ])("%s", (_label, status, records, reason) => {
    // The named definition is judged on its own too (catalogue-a.test.ts): here, the schedule's finding.
    const schedules = findingsOf(id, records).filter((f) => f.resourceType === SCHEDULE);
    expect(schedules).toHaveLength(1);
    expect([schedules[0]?.status, schedules[0]?.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

const PKG_ARN = arnOf(PKG, "risk-models");
const pkg = (approval: string): EvidenceRecord[] =>
  described(PKG, "risk-models", { ModelPackageName: PKG_ARN, ModelPackageVersion: 3, ModelApprovalStatus: approval, ModelPackageStatus: "Completed" });
const servedBy = [
  ...described(MODEL, "risk", { PrimaryContainer: { ModelPackageName: PKG_ARN }, ExecutionRoleArn: ROLE_ARN }),
  ...described(EPC, "risk-config", capturing),
  ...endpoint,
];

describe("sagemaker.model-package.approved-before-deployment", () => {
  const id = "sagemaker.model-package.approved-before-deployment";
  it.each([
    ["PASS", [...pkg("Approved"), ...servedBy], /Approved; served by risk/],
    ["FAIL", [...pkg("PendingManualApproval"), ...servedBy], /PendingManualApproval but the package is served by risk/],
    ["NOT_APPLICABLE", pkg("PendingManualApproval"), /not served by any endpoint/],
    ["ERROR", [...pkg("PendingManualApproval"), ...describeDenied(MODEL, "risk")], /risk could not be described/],
  ])("%s", (status, records, reason) => {
    const f = only(id, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});
