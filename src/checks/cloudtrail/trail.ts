import type { GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from "@aws-sdk/client-cloudtrail";
import { resourcesOfType } from "../../evidence/inventory.js";
import type { Inventory, Resource } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { kmsKeyVerdict } from "../sagemaker/shared.js";
import { fail, gap, pass } from "../verdict.js";

export interface TrailEvidence {
  Trail: Trail;
  Status?: GetTrailStatusResponse;
  EventSelectors?: GetEventSelectorsResponse;
}

const TRAIL = "AWS::CloudTrail::Trail";

/** A trail that has not delivered a log file for this long while logging is not delivering. */
export const STALE_DELIVERY_HOURS = 24;
const HOUR_MS = 3_600_000;

/** When the trail's GetTrailStatus answer was collected: staleness is judged against it, never the clock. */
function statusCollectedAt(trail: Resource<TrailEvidence>, inventory: Inventory): number | undefined {
  for (const id of trail.evidenceIds) {
    const record = inventory.evidence.get(id);
    if (record?.operation === "GetTrailStatus" && !record.error) return Date.parse(record.collectedAt);
  }
  return undefined;
}

const at = (v: unknown): number | undefined => {
  const t = v instanceof Date ? v.getTime() : typeof v === "string" ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/**
 * Why a logging trail is not delivering, from GetTrailStatus
 * (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html):
 * `LatestDeliveryError` is set when the last delivery to S3 failed (bucket policy, missing bucket,
 * KMS key access); a `LatestDeliveryTime` more than STALE_DELIVERY_HOURS before the status was read
 * (or none, for a trail logging for longer than that) means logs are not arriving. Any account has
 * management events every hour (AWS services act in it), so a healthy trail delivers at least daily.
 */
export function deliveryProblem(status: GetTrailStatusResponse, collectedAt: number | undefined): string | undefined {
  if (status.LatestDeliveryError) return `latest delivery to S3 failed: ${status.LatestDeliveryError}`;
  if (collectedAt === undefined) return undefined;
  const delivered = at(status.LatestDeliveryTime);
  const started = at(status.StartLoggingTime);
  const limit = STALE_DELIVERY_HOURS * HOUR_MS;
  if (delivered !== undefined) {
    return collectedAt - delivered > limit ? `no log file delivered since ${new Date(delivered).toISOString()} (over ${STALE_DELIVERY_HOURS} h before the status was read)` : undefined;
  }
  if (started !== undefined && collectedAt - started <= limit) return undefined;
  return "no log file has ever been delivered";
}

/**
 * Compliant when the account has a multi-region trail that is logging, delivering, and recording
 * both read and write management events — the CIS AWS Foundations 3.1 reading that the
 * MULTI_REGION_CLOUD_TRAIL_ENABLED rule also applies (IsMultiRegionTrail, IsLogging,
 * IncludeManagementEvents with ReadWriteType All):
 * https://docs.aws.amazon.com/config/latest/developerguide/multi-region-cloudtrail-enabled.html
 *
 * What was seen decides: one such trail covers every region, so a region whose DescribeTrails
 * failed does not undo a PASS; without one, those gaps make the verdict ERROR rather than FAIL.
 */
export const cloudtrailMultiRegionLogging = defineCheck<{ AccountId: string }>({
  id: "cloudtrail.multi-region-logging",
  title: "A multi-region CloudTrail trail is logging management events",
  resourceType: "AWS::::Account",
  severity: "high",
  rationale: "Audit controls require a record of activity in every region, including regions nobody meant to use; a trail that is stopped, not delivering, or leaves out management events records none of it.",
  remediation:
    "Create a trail with IsMultiRegionTrail=true (aws cloudtrail create-trail --is-multi-region-trail), record read and write management events (put-event-selectors ReadWriteType=All, IncludeManagementEvents=true), start it (aws cloudtrail start-logging), and fix the bucket or key policy if delivery fails.",
  awsConfigRule: "MULTI_REGION_CLOUD_TRAIL_ENABLED",
  peers: { securityHub: ["CloudTrail.1"], prowler: ["cloudtrail_multi_region_enabled"] },
  evidence: ["cloudtrail:DescribeTrails", "cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors"],
  judgesScopeGaps: true,
  evaluate: (_account, { resource, inventory, scopeGaps }) => {
    const trails = resourcesOfType<TrailEvidence>(inventory, TRAIL).filter((t) => t.account === resource.account);
    const multi = trails.filter((t) => t.config?.Trail.IsMultiRegionTrail === true);
    const read = trails.flatMap((t) => t.evidenceIds);
    const problems: string[] = [];
    const unknown: string[] = [];
    for (const t of multi) {
      const status = t.config?.Status;
      const selectors = t.config?.EventSelectors;
      if (!status) {
        unknown.push(`status of ${t.name} not collected`);
        continue;
      }
      if (status.IsLogging !== true) {
        problems.push(`${t.name}: IsLogging is ${String(status.IsLogging ?? false)}`);
        continue;
      }
      const delivery = deliveryProblem(status, statusCollectedAt(t, inventory));
      if (delivery) {
        problems.push(`${t.name}: ${delivery}`);
        continue;
      }
      if (!selectors) {
        unknown.push(`event selectors of ${t.name} not collected`);
        continue;
      }
      const c = managementCoverage(selectors);
      if (!c.read || !c.write) {
        problems.push(`${t.name}: ${!c.read && !c.write ? "records no management events" : `records ${c.read ? "ReadOnly" : "WriteOnly"} management events only`}`);
        continue;
      }
      const last = at(status.LatestDeliveryTime);
      const delivered = last !== undefined ? `last delivered ${new Date(last).toISOString()}` : "started recently, nothing delivered yet";
      return pass(`multi-region trail ${t.name} is logging (${delivered}) and records read and write management events`, read);
    }
    const gaps = scopeGaps.map((g) => `${g.source}:${g.operation} in ${g.account}/${g.region} failed (${g.error})`);
    if (unknown.length > 0 || gaps.length > 0) return gap(`evidence gap: ${[...unknown, ...gaps].join("; ")}${problems.length > 0 ? `; seen: ${problems.join("; ")}` : ""}`, read);
    if (problems.length > 0) return fail(`no multi-region trail is logging management events: ${problems.join("; ")}`, read);
    if (trails.length === 0) return fail("no CloudTrail trail exists in the account", read);
    return fail(`no multi-region trail: ${trails.map((t) => t.name).join(", ")} ${trails.length === 1 ? "is" : "are"} single-region`, read);
  },
});

/**
 * Compliant when the trail writes digest files so log tampering can be detected: DescribeTrails
 * LogFileValidationEnabled true, and the latest digest delivery did not fail.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html
 */
export const cloudtrailLogFileValidation = defineCheck<TrailEvidence>({
  id: "cloudtrail.log-file-validation",
  title: "CloudTrail log file validation is enabled",
  resourceType: TRAIL,
  severity: "medium",
  rationale: "Digest files prove that delivered log files were not modified or deleted, which integrity controls require of audit logs.",
  remediation: "aws cloudtrail update-trail --name <trail> --enable-log-file-validation (Terraform: enable_log_file_validation = true).",
  awsConfigRule: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
  peers: { securityHub: ["CloudTrail.4"], prowler: ["cloudtrail_log_file_validation_enabled"] },
  evidence: ["cloudtrail:DescribeTrails"],
  // GetTrailStatus LatestDigestDeliveryError: digests that fail to deliver prove nothing
  // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html).
  evaluate: ({ Trail: t, Status }) => {
    if (t.LogFileValidationEnabled !== true) return fail(`LogFileValidationEnabled is ${String(t.LogFileValidationEnabled ?? false)}`);
    if (Status?.LatestDigestDeliveryError) return fail(`LogFileValidationEnabled is true but the latest digest delivery failed: ${Status.LatestDigestDeliveryError}`);
    return pass("LogFileValidationEnabled is true");
  },
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
  peers: { securityHub: ["CloudTrail.2"], prowler: ["cloudtrail_kms_encryption_enabled"] },
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

/**
 * Compliant when the trail records both read and write management events from every event source.
 * Basic selectors: IncludeManagementEvents (default true), ReadWriteType ReadOnly | WriteOnly | All
 * (default All), ExcludeManagementEventSources. Advanced selectors: eventCategory Equals Management,
 * an optional readOnly Equals true|false filter, eventSource NotEquals exclusions.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_EventSelector.html,
 * API_AdvancedFieldSelector.html
 */
export const cloudtrailManagementEventsCaptured = defineCheck<TrailEvidence>({
  id: "cloudtrail.management-events-captured",
  title: "CloudTrail trails record read and write management events",
  resourceType: TRAIL,
  severity: "medium",
  rationale:
    "Read events (Describe*, GetObject on configuration, kms:Decrypt) show who looked at regulated systems, write events who changed them; a trail with one half, or with KMS events excluded, leaves access unreviewable.",
  remediation:
    "aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '[{\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true}]' (or an advanced selector eventCategory = Management without a readOnly filter), and remove ExcludeManagementEventSources. A trail kept only for data events can be waived.",
  peers: { securityHub: ["CloudTrail.1"], prowler: ["cloudtrail_multi_region_enabled_logging_management_events"] },
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

/**
 * Compliant when the trail delivers to CloudWatch Logs, where metric filters and alarms can act on
 * it: CloudWatchLogsLogGroupArn set and no LatestCloudWatchLogsDeliveryError in GetTrailStatus.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html, API_GetTrailStatus.html
 */
export const cloudtrailCloudWatchLogsIntegration = defineCheck<TrailEvidence>({
  id: "cloudtrail.cloudwatch-logs-integration",
  title: "CloudTrail trails deliver to CloudWatch Logs",
  resourceType: TRAIL,
  severity: "low",
  rationale: "Log files in S3 are read after the fact; CloudWatch Logs lets metric filters and alarms flag unauthorised API calls, root use or logging changes within minutes, which breach detection and notification depend on.",
  remediation: "aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <arn> --cloud-watch-logs-role-arn <role> (Terraform: cloud_watch_logs_group_arn, cloud_watch_logs_role_arn), then add metric filters and alarms.",
  awsConfigRule: "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED",
  peers: { securityHub: ["CloudTrail.5"], prowler: ["cloudtrail_cloudwatch_logging_enabled"] },
  evidence: ["cloudtrail:DescribeTrails"],
  // GetTrailStatus LatestCloudWatchLogsDeliveryError: a configured log group that receives nothing alerts on nothing.
  evaluate: ({ Trail: t, Status }) => {
    if (!t.CloudWatchLogsLogGroupArn) return fail("CloudWatchLogsLogGroupArn is not set: no near-real-time alerting on this trail");
    if (Status?.LatestCloudWatchLogsDeliveryError) return fail(`CloudWatchLogsLogGroupArn is ${t.CloudWatchLogsLogGroupArn} but delivery fails: ${Status.LatestCloudWatchLogsDeliveryError}`);
    return pass(`CloudWatchLogsLogGroupArn is ${t.CloudWatchLogsLogGroupArn}`);
  },
});
