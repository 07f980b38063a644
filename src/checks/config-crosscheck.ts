import { GLOBAL_REGION } from "../evidence/inventory.js";
import type { ConfigRuleVerdict, Inventory } from "../evidence/inventory.js";
import { amendFinding } from "./finding.js";
import type { Check, Finding } from "./types.js";

/**
 * Managed rule identifier (Source.SourceIdentifier) of each Config rule, by account, region and
 * the user's rule name, from DescribeConfigRules evidence.
 */
function ruleIdentifiers(inventory: Inventory): Map<string, string> {
  const ids = new Map<string, string>();
  for (const record of inventory.evidence.values()) {
    if (record.source !== "config" || record.operation !== "DescribeConfigRules" || !record.response) continue;
    const rules = Array.isArray(record.response.ConfigRules) ? (record.response.ConfigRules as unknown[]) : [];
    for (const raw of rules) {
      const rule = (raw ?? {}) as { ConfigRuleName?: unknown; Source?: { Owner?: unknown; SourceIdentifier?: unknown } };
      if (typeof rule.ConfigRuleName !== "string" || typeof rule.Source?.SourceIdentifier !== "string") continue;
      if (rule.Source.Owner !== undefined && rule.Source.Owner !== "AWS") continue;
      ids.set(`${record.account}|${record.region}|${rule.ConfigRuleName}`, rule.Source.SourceIdentifier);
    }
  }
  return ids;
}

/**
 * Without DescribeConfigRules evidence the rule name is the only hint: console and conformance-pack
 * rules are named after the identifier (`sagemaker-notebook-no-direct-internet-access[-conformance-pack-…]`).
 */
function identifierOf(verdict: ConfigRuleVerdict, ids: ReadonlyMap<string, string>, known: readonly string[]): string | undefined {
  const declared = ids.get(`${verdict.account}|${verdict.region}|${verdict.configRuleName}`);
  if (declared) return declared;
  const normalised = verdict.configRuleName.toUpperCase().replace(/-/g, "_");
  return known.find((id) => normalised === id || normalised.startsWith(`${id}_`));
}

/** The ids Config may use for the finding's resource: name, ARN, last ARN segment, item resourceId. */
function resourceIds(finding: Finding, inventory: Inventory): Set<string> {
  const resource = inventory.resources.find((r) => r.arn === finding.resourceArn && r.type === finding.resourceType);
  const resourceId = (resource?.config as { resourceId?: unknown } | undefined)?.resourceId;
  const last = finding.resourceArn.split(/[/:]/).at(-1) ?? "";
  return new Set([finding.resourceName, finding.resourceArn, last, ...(typeof resourceId === "string" ? [resourceId] : []), ...(finding.resourceType === "AWS::::Account" ? [finding.account] : [])]);
}

const disagrees = (verdict: ConfigRuleVerdict, finding: Finding): boolean =>
  (verdict.compliance === "COMPLIANT" && finding.status === "FAIL") || (verdict.compliance === "NON_COMPLIANT" && finding.status === "PASS");

/**
 * Compares each finding with the verdict of the AWS Config managed rule that judges the same thing
 * on the same resource, and records the rule on the finding when the two disagree: one of them is
 * wrong or stale, and an auditor must be able to see it. Pure.
 */
export function crossCheckConfigRules(findings: readonly Finding[], inventory: Inventory, checks: readonly Check[]): Finding[] {
  if (inventory.configVerdicts.length === 0) return [...findings];
  const ruleOf = new Map(checks.filter((c) => c.awsConfigRule).map((c) => [c.id, c.awsConfigRule ?? ""]));
  const ids = ruleIdentifiers(inventory);
  const known = [...new Set(ruleOf.values())];
  const verdicts = inventory.configVerdicts.map((v) => ({ verdict: v, identifier: identifierOf(v, ids, known) }));
  return findings.map((f) => {
    const rule = ruleOf.get(f.checkId);
    if (!rule || (f.status !== "PASS" && f.status !== "FAIL")) return f;
    const names = resourceIds(f, inventory);
    const match = verdicts.find(
      ({ verdict: v, identifier }) =>
        identifier === rule &&
        v.account === f.account &&
        (v.region === f.region || f.region === GLOBAL_REGION || v.region === GLOBAL_REGION) &&
        (v.resourceType === f.resourceType || v.resourceType === "") &&
        names.has(v.resourceId) &&
        disagrees(v, f),
    );
    if (!match) return f;
    const { verdict } = match;
    return amendFinding(f, {
      evidenceIds: [...new Set([...f.evidenceIds, verdict.evidenceId])].sort(),
      configRule: { configRuleName: verdict.configRuleName, compliance: verdict.compliance, evidenceId: verdict.evidenceId },
    });
  });
}
