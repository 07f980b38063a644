import type { ActivityEvent, Inventory } from "../../evidence/inventory.js";
import { ACCOUNT_TYPE } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import type { Verdict } from "../types.js";
import { fail, pass } from "../verdict.js";

function describeEvent(e: ActivityEvent): string {
  const target = e.resourceNames[0] ? ` on ${e.resourceNames[0]}` : "";
  return `${e.eventName}${target} by ${e.principal} at ${e.eventTime}${e.sourceIp ? ` from ${e.sourceIp}` : ""} (${e.region})`;
}

/** Judges an account's CloudTrail events in the collected window against a list of event names. */
function noEvents(names: ReadonlySet<string>, account: string, inventory: Inventory): Verdict {
  const events = inventory.events.filter((e) => e.account === account);
  const hits = events.filter((e) => names.has(e.eventName));
  const window = events.length > 0 ? ` between ${events[0]?.eventTime ?? ""} and ${events.at(-1)?.eventTime ?? ""}` : "";
  if (hits.length > 0) return fail(hits.map(describeEvent).join("; "), [...new Set(hits.map((e) => e.evidenceId))].sort());
  return pass(`none of ${[...names].join(", ")} among ${events.length} CloudTrail event${events.length === 1 ? "" : "s"}${window}`);
}

const AUDIT_TAMPERING = new Set(["StopLogging", "DeleteTrail", "DeleteConfigurationRecorder", "StopConfigurationRecorder"]);

/** Compliant when nobody stopped or deleted audit logging (CloudTrail, AWS Config) in the window. */
export const activityAuditLoggingTampering = defineCheck<{ AccountId: string }>({
  id: "activity.audit-logging-tampering",
  title: "No one stopped or deleted audit logging",
  resourceType: ACCOUNT_TYPE,
  severity: "critical",
  rationale: "Stopping CloudTrail or AWS Config blinds every other control and is a classic step of an intrusion; each occurrence needs an explanation.",
  remediation:
    "Find out who made the call and why (principal, source IP below), restart logging (aws cloudtrail start-logging, aws configservice start-configuration-recorder), and deny these actions with a service control policy except for a break-glass role.",
  evidence: ["cloudtrail:LookupEvents"],
  evaluate: (_a, { resource, inventory }) => noEvents(AUDIT_TAMPERING, resource.account, inventory),
});

const MONITORING_DISABLED = new Set(["DeleteMonitoringSchedule", "StopMonitoringSchedule"]);

/** Compliant when nobody stopped or deleted a Model Monitor schedule in the window. */
export const activityMonitoringDisabled = defineCheck<{ AccountId: string }>({
  id: "activity.monitoring-disabled",
  title: "No one stopped or deleted model monitoring",
  resourceType: ACCOUNT_TYPE,
  severity: "medium",
  rationale: "Stopping Model Monitor hides drift and bias in production models; it should happen only through a reviewed change.",
  remediation: "Check the change with the principal named below; restart the schedule (aws sagemaker start-monitoring-schedule) or recreate it, and restrict sagemaker:StopMonitoringSchedule and sagemaker:DeleteMonitoringSchedule to the deployment role.",
  evidence: ["cloudtrail:LookupEvents"],
  evaluate: (_a, { resource, inventory }) => noEvents(MONITORING_DISABLED, resource.account, inventory),
});
