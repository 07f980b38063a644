import type { DescribeEndpointOutput, DescribeMonitoringScheduleResponse } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { described } from "./shared.js";

const TYPE = "AWS::SageMaker::Endpoint";
const EVIDENCE = described("Endpoint");

/**
 * Serverless Inference supports neither data capture nor Model Monitor ("Some of the features
 * currently available for SageMaker AI Real-time Inference are not supported for Serverless
 * Inference, including … data capture, … Model Monitor"):
 * https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html (Feature exclusions).
 * DescribeEndpoint shows a serverless variant by its CurrentServerlessConfig/DesiredServerlessConfig.
 */
function serverlessOnly(e: DescribeEndpointOutput): boolean {
  const variants = e.ProductionVariants ?? [];
  return variants.length > 0 && variants.every((v) => v.CurrentServerlessConfig !== undefined || v.DesiredServerlessConfig !== undefined);
}

/**
 * Compliant when the endpoint records its requests and responses: DescribeEndpoint's
 * DataCaptureConfig (a DataCaptureConfigSummary) has EnableCapture true, CaptureStatus Started (not
 * Stopped) and a CurrentSamplingPercentage above 0.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfigSummary.html
 */
export const endpointDataCaptureEnabled = defineCheck<DescribeEndpointOutput>({
  id: "sagemaker.endpoint.data-capture-enabled",
  title: "Endpoints capture inference data",
  resourceType: TYPE,
  severity: "low",
  rationale: "Captured requests and responses are the audit record of what a model decided and on which input, and the input of model monitoring.",
  remediation: "Update the endpoint with an endpoint configuration whose DataCaptureConfig has EnableCapture=true, a DestinationS3Uri and a KmsKeyId (Terraform: data_capture_config { enable_capture = true }).",
  evidence: EVIDENCE,
  evaluate: (e) => {
    if (serverlessOnly(e)) return notApplicable("serverless endpoint: SageMaker Serverless Inference does not support data capture");
    const capture = e.DataCaptureConfig;
    if (!capture) return fail("DataCaptureConfig is not set: no request or response is recorded");
    if (!capture.EnableCapture) return fail(`DataCaptureConfig.EnableCapture is false (CaptureStatus ${capture.CaptureStatus ?? "not set"})`);
    if (capture.CaptureStatus !== "Started") return fail(`data capture is enabled but CaptureStatus is ${capture.CaptureStatus ?? "not set"}: nothing is being captured`);
    if (capture.CurrentSamplingPercentage === undefined) return gap("evidence gap: DataCaptureConfig.CurrentSamplingPercentage is not in the DescribeEndpoint response");
    if (capture.CurrentSamplingPercentage <= 0) return fail("data capture is Started but CurrentSamplingPercentage is 0: no request is captured");
    return pass(`data capture is Started: ${capture.CurrentSamplingPercentage}% sampled to ${capture.DestinationS3Uri ?? "?"}`);
  },
});

/**
 * Compliant when at least one monitoring schedule targeting the endpoint is in status Scheduled
 * (MonitoringScheduleStatus Pending | Failed | Scheduled | Stopped) and its latest execution did not
 * fail (LastMonitoringExecutionSummary.MonitoringExecutionStatus Failed; CompletedWithViolations is
 * a working monitor that found drift). NOT_APPLICABLE for serverless endpoints (no Model Monitor).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMonitoringSchedule.html,
 * API_MonitoringExecutionSummary.html
 * Peers: Prowler sagemaker_models_monitor_enabled passes a region with at least one Scheduled
 * monitoring schedule, for any endpoint; this check asks it of every endpoint.
 */
export const endpointModelMonitorScheduled = defineCheck<DescribeEndpointOutput>({
  id: "sagemaker.endpoint.model-monitor-scheduled",
  title: "Endpoints have an active Model Monitor schedule",
  resourceType: TYPE,
  severity: "low",
  rationale: "Model Monitor detects data and model quality drift and bias on live traffic; without a running schedule degraded or unfair decisions go unnoticed.",
  remediation: "Create a monitoring schedule for the endpoint (aws sagemaker create-monitoring-schedule with MonitoringScheduleConfig.MonitoringJobDefinition or MonitoringJobDefinitionName) and make sure it is in status Scheduled.",
  peers: { prowler: ["sagemaker_models_monitor_enabled"] },
  evidence: [...EVIDENCE, "sagemaker:ListMonitoringSchedules", "sagemaker:DescribeMonitoringSchedule"],
  evaluate: (e, { resource, inventory }) => {
    if (serverlessOnly(e)) return notApplicable("serverless endpoint: SageMaker Serverless Inference does not support Model Monitor");
    const schedules = resourcesOfType<DescribeMonitoringScheduleResponse>(inventory, "AWS::SageMaker::MonitoringSchedule").filter(
      (s) => s.account === resource.account && s.region === resource.region,
    );
    const mine = schedules.filter((s) => s.config?.EndpointName === e.EndpointName);
    const read = mine.flatMap((s) => s.evidenceIds);
    const scheduled = mine.filter((s) => s.config?.MonitoringScheduleStatus === "Scheduled");
    const lastStatus = (s: (typeof mine)[number]): string | undefined => s.config?.LastMonitoringExecutionSummary?.MonitoringExecutionStatus;
    const working = scheduled.filter((s) => lastStatus(s) !== "Failed");
    if (working.length > 0) {
      return pass(`monitoring schedule ${working.map((s) => `${s.name} is Scheduled (last execution ${lastStatus(s) ?? "none yet"})`).join(", ")}`, read);
    }
    // A schedule we could not describe might be the one that targets this endpoint.
    const unknown = schedules.filter((s) => s.config === undefined);
    if (unknown.length > 0) return gap(`evidence gap: monitoring schedule ${unknown.map((s) => s.name).join(", ")} could not be described`, unknown.flatMap((s) => s.evidenceIds));
    if (scheduled.length > 0) {
      const why = scheduled.map((s) => `${s.name}: last execution Failed${s.config?.LastMonitoringExecutionSummary?.FailureReason ? ` (${s.config.LastMonitoringExecutionSummary.FailureReason})` : ""}`);
      return fail(`monitoring schedules are Scheduled but their executions fail: ${why.join(", ")}`, read);
    }
    if (mine.length > 0) return fail(`no schedule is Scheduled: ${mine.map((s) => `${s.name} is ${s.config?.MonitoringScheduleStatus ?? "?"}`).join(", ")}`, read);
    return fail("no monitoring schedule targets this endpoint");
  },
});
