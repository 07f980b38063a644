import type { DescribeEndpointOutput, DescribeMonitoringScheduleResponse } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, gap, pass } from "../verdict.js";
import { described } from "./shared.js";

const TYPE = "AWS::SageMaker::Endpoint";
const EVIDENCE = described("Endpoint");

/** Compliant when the endpoint records its requests and responses (DataCaptureConfig.EnableCapture). */
export const endpointDataCaptureEnabled = defineCheck<DescribeEndpointOutput>({
  id: "sagemaker.endpoint.data-capture-enabled",
  title: "Endpoints capture inference data",
  resourceType: TYPE,
  severity: "low",
  rationale: "Captured requests and responses are the audit record of what a model decided and on which input, and the input of model monitoring.",
  remediation: "Update the endpoint with an endpoint configuration whose DataCaptureConfig has EnableCapture=true, a DestinationS3Uri and a KmsKeyId (Terraform: data_capture_config { enable_capture = true }).",
  evidence: EVIDENCE,
  evaluate: (e) => {
    const capture = e.DataCaptureConfig;
    if (!capture) return fail("DataCaptureConfig is not set: no request or response is recorded");
    if (!capture.EnableCapture) return fail(`DataCaptureConfig.EnableCapture is false (CaptureStatus ${capture.CaptureStatus ?? "not set"})`);
    return pass(`data capture is on: ${capture.CurrentSamplingPercentage ?? "?"}% sampled to ${capture.DestinationS3Uri ?? "?"}`);
  },
});

/** Compliant when at least one monitoring schedule in status Scheduled targets the endpoint. */
export const endpointModelMonitorScheduled = defineCheck<DescribeEndpointOutput>({
  id: "sagemaker.endpoint.model-monitor-scheduled",
  title: "Endpoints have an active Model Monitor schedule",
  resourceType: TYPE,
  severity: "low",
  rationale: "Model Monitor detects data and model quality drift and bias on live traffic; without a running schedule degraded or unfair decisions go unnoticed.",
  remediation: "Create a monitoring schedule for the endpoint (aws sagemaker create-monitoring-schedule with MonitoringScheduleConfig.MonitoringJobDefinition or MonitoringJobDefinitionName) and make sure it is in status Scheduled.",
  evidence: [...EVIDENCE, "sagemaker:ListMonitoringSchedules", "sagemaker:DescribeMonitoringSchedule"],
  evaluate: (e, { resource, inventory }) => {
    const schedules = resourcesOfType<DescribeMonitoringScheduleResponse>(inventory, "AWS::SageMaker::MonitoringSchedule").filter(
      (s) => s.account === resource.account && s.region === resource.region,
    );
    const mine = schedules.filter((s) => s.config?.EndpointName === e.EndpointName);
    const read = mine.flatMap((s) => s.evidenceIds);
    const active = mine.filter((s) => s.config?.MonitoringScheduleStatus === "Scheduled");
    if (active.length > 0) return pass(`monitoring schedule ${active.map((s) => s.name).join(", ")} is Scheduled`, read);
    // A schedule we could not describe might be the one that targets this endpoint.
    const unknown = schedules.filter((s) => s.config === undefined);
    if (unknown.length > 0) return gap(`evidence gap: monitoring schedule ${unknown.map((s) => s.name).join(", ")} could not be described`, unknown.flatMap((s) => s.evidenceIds));
    if (mine.length > 0) return fail(`no schedule is Scheduled: ${mine.map((s) => `${s.name} is ${s.config?.MonitoringScheduleStatus ?? "?"}`).join(", ")}`, read);
    return fail("no monitoring schedule targets this endpoint");
  },
});
