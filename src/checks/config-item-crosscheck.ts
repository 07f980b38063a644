import type { Inventory } from "../evidence/inventory.js";
import { amendFinding } from "./finding.js";
import type { Check, Finding, Verdict } from "./types.js";

/**
 * Where a supporting resource was read from its own service's API and AWS Config also holds an
 * item for it (`collection.supportingEvidence: auto`), the check is evaluated on the item too. When
 * the two sources give opposite verdicts (PASS against FAIL) the finding keeps the API's verdict,
 * which is the live answer, and says that the Config item disagrees and why, citing the item: one of
 * them is stale (Config records changes with a delay, or stopped recording) and an auditor must
 * see it. Pure.
 */
export function crossCheckConfigItems(findings: readonly Finding[], inventory: Inventory, checks: readonly Check[]): Finding[] {
  const items = inventory.configItems;
  if (!items || items.size === 0) return [...findings];
  const byId = new Map(checks.map((c) => [c.id, c]));
  const resources = new Map(inventory.resources.filter((r) => items.has(`${r.type}|${r.arn}`)).map((r) => [`${r.type}|${r.arn}`, r] as const));
  return findings.map((f) => {
    if (f.status !== "PASS" && f.status !== "FAIL") return f;
    const check = byId.get(f.checkId);
    const item = items.get(`${f.resourceType}|${f.resourceArn}`);
    if (!check?.targets || !item) return f;
    const resource = resources.get(`${f.resourceType}|${f.resourceArn}`);
    if (!resource?.config) return f;
    // Account-wide settings the inventory adds to the resource (S3's account-level block) hold for both sources.
    const account = "accountPublicAccessBlock" in resource.config ? { accountPublicAccessBlock: resource.config.accountPublicAccessBlock } : {};
    const config = { ...item.config, ...account };
    let other: Verdict;
    try {
      other = check.evaluate(config, { resource: { ...resource, config }, inventory, scopeGaps: [] });
    } catch {
      return f;
    }
    if (other.status === f.status || (other.status !== "PASS" && other.status !== "FAIL")) return f;
    return amendFinding(f, {
      reason: `${f.reason}; the AWS Config configuration item disagrees (${other.status}: ${other.reason})`,
      evidenceIds: [...new Set([...f.evidenceIds, ...item.evidenceIds])].sort(),
    });
  });
}
