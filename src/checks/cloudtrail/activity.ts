import type { ActivityEvent, Inventory } from "../../evidence/inventory.js";
import { ACCOUNT_TYPE } from "../../evidence/inventory.js";
import type { EvidenceGap } from "../../evidence/types.js";
import { defineCheck } from "../define.js";
import type { Verdict } from "../types.js";
import { fail, gap, pass } from "../verdict.js";
import { coverageReductions } from "./coverage-changes.js";
import type { CoverageJudgement } from "./coverage-changes.js";

function describeEvent(e: ActivityEvent, what?: string): string {
  const target = e.resourceNames[0] ? ` on ${e.resourceNames[0]}` : "";
  const attempt = e.errorCode ? ` — attempted, refused with ${e.errorCode}` : "";
  return `${e.eventName}${target}${what ? ` (${what})` : ""} by ${e.principal} at ${e.eventTime}${e.sourceIp ? ` from ${e.sourceIp}` : ""} (${e.region})${attempt}`;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

function describeGaps(gaps: readonly EvidenceGap[]): string {
  return gaps.map((g) => `${g.source}:${g.operation} in ${g.account}/${g.region} failed (${g.error})`).join("; ");
}

/**
 * Judges every CloudTrail event of the account that the run's evidence holds — the events fetched
 * now and the stored ones still inside the look-back window, which the collector carries into each
 * run — against `judge`. A hit is a FAIL even where LookupEvents failed in another region (what was
 * seen stands); no hit with such a gap is ERROR, never PASS.
 *
 * A call CloudTrail records with an `errorCode` was refused or failed: it is reported as an attempt.
 * It still fails the check: HIPAA counts attempted as well as successful unauthorised changes as
 * security incidents (45 CFR 164.304, "Security incident"), and an attempt to blind the audit trail
 * needs the same explanation. https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
function judgeEvents(
  judge: (e: ActivityEvent, inventory: Inventory) => CoverageJudgement | undefined,
  names: string,
  account: string,
  inventory: Inventory,
  scopeGaps: readonly EvidenceGap[],
): Verdict {
  const events = inventory.events.filter((e) => e.account === account);
  const hits: { event: ActivityEvent; judgement: CoverageJudgement }[] = [];
  for (const event of events) {
    const judgement = judge(event, inventory);
    if (judgement) hits.push({ event, judgement });
  }
  const window = events.length > 0 ? ` between ${events[0]?.eventTime ?? ""} and ${events.at(-1)?.eventTime ?? ""}` : "";
  const cited = (list: typeof hits): string[] => [...new Set(list.map((h) => h.event.evidenceId))].sort();
  const proven = hits.filter((h) => h.judgement.kind === "reduces");
  const unknown = hits.filter((h) => h.judgement.kind === "unknown");
  const elsewhere = scopeGaps.length > 0 ? `; also, ${describeGaps(scopeGaps)}` : "";
  if (proven.length > 0) return fail(proven.map((h) => describeEvent(h.event, h.judgement.detail)).join("; ") + elsewhere, cited(proven));
  if (unknown.length > 0) {
    return gap(`evidence gap: cannot tell whether ${unknown.map((h) => describeEvent(h.event, h.judgement.detail)).join("; ")} reduced audit coverage${elsewhere}`, cited(unknown));
  }
  if (scopeGaps.length > 0) return gap(`evidence gap: ${describeGaps(scopeGaps)}; none of ${names} among the ${plural(events.length, "event")} that were read`);
  return pass(`none of ${names} among ${plural(events.length, "CloudTrail event")}${window}`);
}

/**
 * Compliant when nobody stopped, deleted or narrowed audit logging (CloudTrail, AWS Config) in the
 * look-back window: every stored LookupEvents event of the window is judged by the list in
 * coverage-changes.ts (derived from the CloudTrail and AWS Config API references); an event with
 * `errorCode` is an attempt AWS refused and still FAILs, said as an attempt.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html (errorCode)
 */
export const activityAuditLoggingTampering = defineCheck<{ AccountId: string }>({
  id: "activity.audit-logging-tampering",
  title: "No one stopped, deleted or narrowed audit logging",
  resourceType: ACCOUNT_TYPE,
  severity: "critical",
  rationale:
    "Stopping CloudTrail or AWS Config, deleting a trail, recorder, delivery channel, rule or event data store, or narrowing what they record blinds every other control and is a classic step of an intrusion; each occurrence (and each refused attempt) needs an explanation.",
  remediation:
    "Find out who made the call and why (principal, source IP below), restore logging (aws cloudtrail start-logging, aws configservice start-configuration-recorder, restore the event selectors / recording group), and deny these actions with a service control policy except for a break-glass role.",
  evidence: ["cloudtrail:LookupEvents"],
  judgesScopeGaps: true,
  evaluate: (_a, { resource, inventory, scopeGaps }) =>
    judgeEvents(coverageReductions, "the CloudTrail and AWS Config calls that reduce audit coverage", resource.account, inventory, scopeGaps),
});

const MONITORING_DISABLED = new Set(["DeleteMonitoringSchedule", "StopMonitoringSchedule"]);

/**
 * Compliant when nobody stopped or deleted a Model Monitor schedule in the window
 * (sagemaker.amazonaws.com StopMonitoringSchedule, DeleteMonitoringSchedule; refused calls are attempts).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_StopMonitoringSchedule.html
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DeleteMonitoringSchedule.html
 */
export const activityMonitoringDisabled = defineCheck<{ AccountId: string }>({
  id: "activity.monitoring-disabled",
  title: "No one stopped or deleted model monitoring",
  resourceType: ACCOUNT_TYPE,
  severity: "medium",
  rationale: "Stopping Model Monitor hides drift and bias in production models; it should happen only through a reviewed change.",
  remediation: "Check the change with the principal named below; restart the schedule (aws sagemaker start-monitoring-schedule) or recreate it, and restrict sagemaker:StopMonitoringSchedule and sagemaker:DeleteMonitoringSchedule to the deployment role.",
  evidence: ["cloudtrail:LookupEvents"],
  judgesScopeGaps: true,
  evaluate: (_a, { resource, inventory, scopeGaps }) =>
    judgeEvents(
      (e) => (MONITORING_DISABLED.has(e.eventName) ? { kind: "reduces" } : undefined),
      [...MONITORING_DISABLED].join(", "),
      resource.account,
      inventory,
      scopeGaps,
    ),
});
