import type { ConfigurationRecorder, ConfigurationRecorderStatus, RecordingGroup } from "@aws-sdk/client-config-service";
import { REGION_TYPE, resourcesOfType } from "../../evidence/inventory.js";
import type { Resource } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, gap, pass } from "../verdict.js";

export interface RecorderEvidence {
  Recorder: ConfigurationRecorder & { recordingScope?: string; servicePrincipal?: string };
  Status?: ConfigurationRecorderStatus;
}

/** Supporting resource types the checks read from Config items when the services' own APIs are not used. */
export const REGIONAL_TYPES = ["AWS::KMS::Key", "AWS::S3::Bucket", "AWS::EC2::SecurityGroup"] as const;
/** IAM types are global: AWS Config records them in the regions whose recorder includes them. */
export const GLOBAL_TYPES = ["AWS::IAM::Role", "AWS::IAM::Policy"] as const;

/**
 * Whether a recording group records a resource type, per the RecordingGroup reference
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_RecordingGroup.html):
 * `recordingStrategy.useOnly` ALL_SUPPORTED_RESOURCE_TYPES (= `allSupported` true) records every
 * regional type and the global IAM types only with `includeGlobalResourceTypes`;
 * INCLUSION_BY_RESOURCE_TYPES records exactly `resourceTypes`; EXCLUSION_BY_RESOURCE_TYPES records
 * every type not in `exclusionByResourceTypes.resourceTypes` (IAM types, too, unless excluded).
 * A recorder created without a recording group records all supported types.
 */
export function records(group: RecordingGroup | undefined, type: string): boolean {
  if (!group) return true;
  const strategy = group.recordingStrategy?.useOnly ?? (group.allSupported === false ? "INCLUSION_BY_RESOURCE_TYPES" : "ALL_SUPPORTED_RESOURCE_TYPES");
  const global = (GLOBAL_TYPES as readonly string[]).includes(type);
  if (strategy === "INCLUSION_BY_RESOURCE_TYPES") return ((group.resourceTypes ?? []) as string[]).includes(type);
  if (strategy === "EXCLUSION_BY_RESOURCE_TYPES") return !((group.exclusionByResourceTypes?.resourceTypes ?? []) as string[]).includes(type);
  return !global || group.includeGlobalResourceTypes === true;
}

/**
 * A recorder that delivers configuration items to the customer: service-linked recorders with
 * recordingScope INTERNAL record for their service only and deliver no items
 * (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorderSummary.html).
 */
const customerRecorder = (r: Resource<RecorderEvidence>): boolean => r.config?.Recorder.recordingScope !== "INTERNAL";

/** `lastStatus` is documented as Pending | Success | Failure; live responses say "SUCCESS". */
const succeeded = (s: ConfigurationRecorderStatus | undefined): boolean => s?.lastStatus?.toUpperCase() === "SUCCESS";

/**
 * Compliant when the region has a customer configuration recorder that is recording, whose last
 * status is SUCCESS, and whose recording group records the supporting resource types the checks need
 * (KMS keys, S3 buckets, security groups here; IAM roles and policies in at least one region of the
 * account). Status fields: https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorderStatus.html
 */
export const configRecorderRecording = defineCheck<{ AccountId: string; Region: string }>({
  id: "config.recorder-recording",
  title: "AWS Config is recording in every region in scope",
  resourceType: REGION_TYPE,
  severity: "high",
  rationale:
    "AWS Config is the configuration history of the estate and a source of the supporting-resource evidence (roles, keys, buckets, security groups); without it, or with a recording group that leaves those types out, changes go unrecorded.",
  remediation:
    "aws configservice put-configuration-recorder (recordingGroup allSupported=true, includeGlobalResourceTypes=true in one region, or at least the IAM, KMS, S3 and EC2 security-group types) and aws configservice start-configuration-recorder --configuration-recorder-name default; fix the delivery channel if the last status is Failure.",
  peers: { securityHub: ["Config.1"], prowler: ["config_recorder_all_regions_enabled"] },
  evidence: ["config:DescribeConfigurationRecorders", "config:DescribeConfigurationRecorderStatus"],
  evaluate: (_r, { resource, inventory }) => {
    const all = resourcesOfType<RecorderEvidence>(inventory, "AWS::Config::ConfigurationRecorder").filter((r) => r.account === resource.account);
    const here = all.filter((r) => r.region === resource.region);
    const recorders = here.filter(customerRecorder);
    const read = here.flatMap((r) => r.evidenceIds);
    const internal = here.filter((r) => !customerRecorder(r)).map((r) => r.name);
    if (recorders.length === 0) {
      return fail(`no customer configuration recorder in ${resource.region}${internal.length > 0 ? ` (service-linked ${internal.join(", ")} has recordingScope INTERNAL and delivers no configuration items)` : ""}`, read);
    }
    const healthy = recorders.filter((r) => r.config?.Status?.recording === true && succeeded(r.config.Status));
    if (healthy.length === 0) {
      const missing = recorders.filter((r) => r.config?.Status === undefined);
      if (missing.length === recorders.length) return gap(`evidence gap: no status collected for recorder ${missing.map((r) => r.name).join(", ")}`, read);
      return fail(
        recorders
          .map((r) => `recorder ${r.name}: recording ${String(r.config?.Status?.recording ?? "unknown")}, last status ${r.config?.Status?.lastStatus ?? "unknown"}${r.config?.Status?.lastErrorCode ? ` (${r.config.Status.lastErrorCode})` : ""}`)
          .join("; "),
        read,
      );
    }
    const missingRegional = REGIONAL_TYPES.filter((t) => !healthy.some((r) => records(r.config?.Recorder.recordingGroup, t)));
    // Global types count wherever in the account a healthy recorder records them.
    const accountHealthy = all.filter((r) => customerRecorder(r) && r.config?.Status?.recording === true && succeeded(r.config.Status));
    const missingGlobal = GLOBAL_TYPES.filter((t) => !accountHealthy.some((r) => records(r.config?.Recorder.recordingGroup, t)));
    const names = healthy.map((r) => r.name).join(", ");
    if (missingRegional.length > 0 || missingGlobal.length > 0) {
      const parts = [
        ...(missingRegional.length > 0 ? [`its recording group leaves out ${missingRegional.join(", ")}`] : []),
        ...(missingGlobal.length > 0 ? [`no recorder in account ${resource.account} records ${missingGlobal.join(", ")}`] : []),
      ];
      return fail(`recorder ${names} is recording, but ${parts.join("; ")}`, read);
    }
    const daily = healthy.filter((r) => r.config?.Recorder.recordingMode?.recordingFrequency === "DAILY").map((r) => r.name);
    return pass(`recorder ${names} is recording, last status SUCCESS, and records the IAM, KMS, S3 and security-group types${daily.length > 0 ? ` (daily recording for ${daily.join(", ")})` : ""}`, read);
  },
});
