import type { GetEventSelectorsResponse, GetTrailStatusResponse, Trail } from "@aws-sdk/client-cloudtrail";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
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

/** Compliant when the trail's log files are encrypted with a KMS key. */
export const cloudtrailKmsEncrypted = defineCheck<TrailEvidence>({
  id: "cloudtrail.kms-encrypted",
  title: "CloudTrail logs are encrypted with a KMS key",
  resourceType: TRAIL,
  severity: "medium",
  rationale: "Audit logs describe access to regulated data; SSE-KMS adds key-level access control and an audit trail of decryption.",
  remediation: "aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn> (Terraform: kms_key_id).",
  awsConfigRule: "CLOUD_TRAIL_ENCRYPTION_ENABLED",
  evidence: ["cloudtrail:DescribeTrails"],
  evaluate: ({ Trail: t }) => (t.KmsKeyId ? pass(`KmsKeyId is ${t.KmsKeyId}`) : fail("KmsKeyId is not set: logs use S3-managed encryption only")),
});
