import type { GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from "@aws-sdk/client-cloudtrail";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { kmsKeyVerdict } from "../sagemaker/shared.js";
import { fail, pass } from "../verdict.js";

export interface TrailEvidence {
  Trail: Trail;
  Status?: GetTrailStatusResponse;
  EventSelectors?: GetEventSelectorsResponse;
}

const TRAIL = "AWS::CloudTrail::Trail";

/** Compliant when the account has a multi-region trail that is logging. */
export const cloudtrailMultiRegionLogging = defineCheck<{ AccountId: string }>({
  id: "cloudtrail.multi-region-logging",
  title: "A multi-region CloudTrail trail is logging",
  resourceType: "AWS::::Account",
  severity: "high",
  rationale: "Audit controls require a record of activity in every region, including regions nobody meant to use.",
  remediation: "Create a trail with IsMultiRegionTrail=true (aws cloudtrail create-trail --is-multi-region-trail) and start it (aws cloudtrail start-logging).",
  awsConfigRule: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
  evidence: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus"],
  evaluate: (_account, { resource, inventory }) => {
    const trails = resourcesOfType<TrailEvidence>(inventory, TRAIL).filter((t) => t.account === resource.account);
    const multi = trails.filter((t) => t.config?.Trail.IsMultiRegionTrail === true);
    const logging = multi.filter((t) => t.config?.Status?.IsLogging === true);
    const read = trails.flatMap((t) => t.evidenceIds);
    if (logging.length > 0) return pass(`multi-region trail ${logging.map((t) => t.name).join(", ")} is logging`, read);
    if (multi.length > 0) {
      const unknown = multi.filter((t) => t.config?.Status === undefined);
      if (unknown.length === multi.length) return { status: "ERROR", reason: `no trail status collected for multi-region trail ${unknown.map((t) => t.name).join(", ")}`, evidenceIds: read };
      return fail(`multi-region trail ${multi.map((t) => t.name).join(", ")} exists but IsLogging is false`, read);
    }
    if (trails.length === 0) return fail("no CloudTrail trail exists in the account", read);
    return fail(`no multi-region trail: ${trails.map((t) => t.name).join(", ")} ${trails.length === 1 ? "is" : "are"} single-region`, read);
  },
});

/** Compliant when the trail writes digest files so log tampering can be detected. */
export const cloudtrailLogFileValidation = defineCheck<TrailEvidence>({
  id: "cloudtrail.log-file-validation",
  title: "CloudTrail log file validation is enabled",
  resourceType: TRAIL,
  severity: "medium",
  rationale: "Digest files prove that delivered log files were not modified or deleted, which integrity controls require of audit logs.",
  remediation: "aws cloudtrail update-trail --name <trail> --enable-log-file-validation (Terraform: enable_log_file_validation = true).",
  awsConfigRule: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
  evidence: ["cloudtrail:DescribeTrails"],
  evaluate: ({ Trail: t }) =>
    t.LogFileValidationEnabled === true ? pass("LogFileValidationEnabled is true") : fail(`LogFileValidationEnabled is ${String(t.LogFileValidationEnabled ?? false)}`),
});

/**
 * Compliant when the trail's log files are encrypted with a customer managed KMS key (KmsKeyId, a
 * key ARN: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html). Without it
 * CloudTrail uses SSE-S3; a key that is AWS managed fails like an unset one, naming the key seen.
 */
export const cloudtrailKmsEncrypted = defineCheck<TrailEvidence>({
  id: "cloudtrail.kms-encrypted",
  title: "CloudTrail logs are encrypted with a KMS key",
  resourceType: TRAIL,
  severity: "medium",
  rationale: "Audit logs describe access to regulated data; SSE-KMS adds key-level access control and an audit trail of decryption.",
  remediation: "aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn> (Terraform: kms_key_id).",
  awsConfigRule: "CLOUD_TRAIL_ENCRYPTION_ENABLED",
  evidence: ["cloudtrail:DescribeTrails"],
  evaluate: ({ Trail: t }, ctx) => kmsKeyVerdict("KmsKeyId", t.KmsKeyId, "logs use S3-managed encryption only", ctx),
});

interface SelectorCoverage {
  read: boolean;
  write: boolean;
  excluded: string[];
}

/** What management events a trail's basic or advanced event selectors record. */
export function managementCoverage(selectors: GetEventSelectorsResponse): SelectorCoverage {
  const cover: SelectorCoverage = { read: false, write: false, excluded: [] };
  for (const s of selectors.EventSelectors ?? []) {
    if (s.IncludeManagementEvents === false) continue;
    const type = s.ReadWriteType ?? "All";
    if (type === "All" || type === "ReadOnly") cover.read = true;
    if (type === "All" || type === "WriteOnly") cover.write = true;
    cover.excluded.push(...(s.ExcludeManagementEventSources ?? []));
  }
  for (const s of selectors.AdvancedEventSelectors ?? []) {
    const fields = s.FieldSelectors ?? [];
    const category = fields.find((f) => f.Field === "eventCategory");
    if (!category?.Equals?.includes("Management")) continue;
    const readOnly = fields.find((f) => f.Field === "readOnly");
    // No readOnly field selector means both read and write events.
    if (!readOnly?.Equals || readOnly.Equals.includes("true")) cover.read = true;
    if (!readOnly?.Equals || readOnly.Equals.includes("false")) cover.write = true;
    for (const f of fields.filter((x) => x.Field === "eventSource")) cover.excluded.push(...(f.NotEquals ?? []));
  }
  return cover;
}

/** Compliant when the trail records both read and write management events from every event source. */
export const cloudtrailManagementEventsCaptured = defineCheck<TrailEvidence>({
  id: "cloudtrail.management-events-captured",
  title: "CloudTrail trails record read and write management events",
  resourceType: TRAIL,
  severity: "medium",
  rationale:
    "Read events (Describe*, GetObject on configuration, kms:Decrypt) show who looked at regulated systems, write events who changed them; a trail with one half, or with KMS events excluded, leaves access unreviewable.",
  remediation:
    "aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' (or an advanced selector eventCategory = Management without a readOnly filter), and remove ExcludeManagementEventSources. A trail kept only for data events can be waived.",
  evidence: ["cloudtrail:DescribeTrails", "cloudtrail:GetEventSelectors"],
  evaluate: (t) => {
    if (!t.EventSelectors) return { status: "ERROR", reason: "evidence gap: the trail's event selectors were not collected" };
    const c = managementCoverage(t.EventSelectors);
    if (!c.read && !c.write) return fail("no event selector records management events");
    if (!c.read || !c.write) return fail(`management events are recorded ${c.read ? "ReadOnly" : "WriteOnly"} only`);
    if (c.excluded.length > 0) return fail(`management events from ${[...new Set(c.excluded)].join(", ")} are excluded`);
    return pass("read and write management events from every source are recorded");
  },
});

/** Compliant when the trail delivers to CloudWatch Logs, where metric filters and alarms can act on it. */
export const cloudtrailCloudWatchLogsIntegration = defineCheck<TrailEvidence>({
  id: "cloudtrail.cloudwatch-logs-integration",
  title: "CloudTrail trails deliver to CloudWatch Logs",
  resourceType: TRAIL,
  severity: "low",
  rationale: "Log files in S3 are read after the fact; CloudWatch Logs lets metric filters and alarms flag unauthorised API calls, root use or logging changes within minutes, which breach detection and notification depend on.",
  remediation: "aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <arn> --cloud-watch-logs-role-arn <role> (Terraform: cloud_watch_logs_group_arn, cloud_watch_logs_role_arn), then add metric filters and alarms.",
  awsConfigRule: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
  evidence: ["cloudtrail:DescribeTrails"],
  evaluate: ({ Trail: t }) =>
    t.CloudWatchLogsLogGroupArn ? pass(`CloudWatchLogsLogGroupArn is ${t.CloudWatchLogsLogGroupArn}`) : fail("CloudWatchLogsLogGroupArn is not set: no near-real-time alerting on this trail"),
});
