import type { ConfigurationRecorder, ConfigurationRecorderStatus } from "@aws-sdk/client-config-service";
import { REGION_TYPE, resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, pass } from "../verdict.js";

export interface RecorderEvidence {
  Recorder: ConfigurationRecorder;
  Status?: ConfigurationRecorderStatus;
}

/** Compliant when the region has a configuration recorder that is recording and last delivered successfully. */
export const configRecorderRecording = defineCheck<{ AccountId: string; Region: string }>({
  id: "config.recorder-recording",
  title: "AWS Config is recording in every region in scope",
  resourceType: REGION_TYPE,
  severity: "high",
  rationale: "AWS Config is the configuration history of the estate and the source of the supporting-resource evidence (roles, keys, buckets, security groups); without it changes go unrecorded.",
  remediation:
    "aws configservice put-configuration-recorder (recordingGroup allSupported=true or at least the SageMaker, IAM, KMS, S3 and EC2 types) and aws configservice start-configuration-recorder --configuration-recorder-name default; fix the delivery channel if the last status is Failure.",
  evidence: ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"],
  evaluate: (_r, { resource, inventory }) => {
    const recorders = resourcesOfType<RecorderEvidence>(inventory, "AWS::Config::ConfigurationRecorder").filter(
      (r) => r.account === resource.account && r.region === resource.region,
    );
    const read = recorders.flatMap((r) => r.evidenceIds);
    if (recorders.length === 0) return fail(`no configuration recorder in ${resource.region}`);
    // The API model spells it "Success"; real responses say "SUCCESS".
    const succeeded = (r: (typeof recorders)[number]): boolean => r.config?.Status?.lastStatus?.toUpperCase() === "SUCCESS";
    const healthy = recorders.filter((r) => r.config?.Status?.recording === true && succeeded(r));
    if (healthy.length > 0) return pass(`recorder ${healthy.map((r) => r.name).join(", ")} is recording, last status SUCCESS`, read);
    const missing = recorders.filter((r) => r.config?.Status === undefined);
    if (missing.length === recorders.length) return { status: "ERROR", reason: `evidence gap: no status collected for recorder ${missing.map((r) => r.name).join(", ")}`, evidenceIds: read };
    return fail(
      recorders.map((r) => `recorder ${r.name}: recording ${String(r.config?.Status?.recording ?? "unknown")}, last status ${r.config?.Status?.lastStatus ?? "unknown"}${r.config?.Status?.lastErrorCode ? ` (${r.config.Status.lastErrorCode})` : ""}`).join("; "),
      read,
    );
  },
});
