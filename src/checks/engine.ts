/**
 * Runs the catalogue's checks over an inventory. It implements no AWS rule of its own: each check's
 * verdict, and the AWS API reference it follows, is in the check's module (src/checks/<service>/).
 * What the engine decides is the project's evidence policy (DESIGN.md): a failed call a check reads
 * makes its finding ERROR, a resource whose configuration was not collected is ERROR, and a failed
 * list call with nothing of the check's type known in its scope is one ERROR finding on the scope,
 * never a PASS on missing evidence.
 */
import { ACCOUNT_TYPE, GLOBAL_REGION, regionArn } from "../evidence/inventory.js";
import type { Inventory, Resource } from "../evidence/inventory.js";
import type { EvidenceGap } from "../evidence/types.js";
import { newFinding, subjectOf } from "./finding.js";
import type { FindingSubject } from "./finding.js";
import { BoundedInterner } from "./intern.js";
import type { Check, CheckTarget, Finding, Verdict } from "./types.js";

const needs = (check: Check, source: string, operation: string): boolean => check.evidence.includes(`${source}:${operation}`);

/** A gap hides a resource's evidence when it is in the resource's scope (account-wide for global resources). */
function inScope(gap: EvidenceGap, resource: Pick<Resource, "account" | "region">): boolean {
  if (gap.account !== resource.account) return false;
  return resource.region === GLOBAL_REGION || gap.region === resource.region;
}

function describeGap(gap: { source?: string; operation: string; error: string; reason?: string }, where?: string): string {
  if (gap.reason) return gap.reason;
  const call = gap.source ? `${gap.source}:${gap.operation}` : gap.operation;
  return `evidence gap: ${call}${where ? ` in ${where}` : ""} failed (${gap.error})`;
}

/**
 * `scopeGapsApply` is false for a referenced supporting resource whose configuration item is in
 * hand: a failed query elsewhere in its scope did not hide it.
 */
function evaluateOne(check: Check, resource: Resource, inventory: Inventory, scopeGapsApply = true): Verdict {
  const own = resource.gaps.find((g) => check.evidence.some((e) => e.endsWith(`:${g.operation}`)));
  if (own) return { status: "ERROR", reason: describeGap(own), evidenceIds: [own.evidenceId] };
  const scopeGaps = scopeGapsApply ? inventory.scopeGaps.filter((g) => needs(check, g.source, g.operation) && inScope(g, resource)) : [];
  const [scope] = scopeGaps;
  if (scope && !check.judgesScopeGaps) return { status: "ERROR", reason: describeGap(scope, `${scope.account}/${scope.region}`), evidenceIds: [scope.evidenceId] };
  if (resource.config === undefined) {
    // A supporting resource whose own calls failed has those gaps, whichever source the check names.
    const failed = resource.gaps[0];
    if (failed) return { status: "ERROR", reason: describeGap(failed), evidenceIds: [failed.evidenceId] };
    return { status: "ERROR", reason: "evidence gap: no configuration was collected for this resource" };
  }
  try {
    return check.evaluate(resource.config, { resource, inventory, scopeGaps });
  } catch (error) {
    // One broken resource or check must not sink the run: it becomes an ERROR finding.
    const message = error instanceof Error ? error.message : String(error);
    return { status: "ERROR", reason: `check failed on this resource: ${message}` };
  }
}

/**
 * A resource's evidence ids, deduplicated and sorted, computed once per resource: every check of it
 * whose verdict reads nothing more shares the one frozen array (a training job has seven findings;
 * at 500,000 jobs, copies were 3.5 million arrays). Keyed by the resource's own array, which the
 * inventory has finished filling before any check runs.
 */
const sortedIds = new WeakMap<readonly string[], readonly string[]>();
function ownEvidenceIds(ids: readonly string[]): readonly string[] {
  // The inventory hands its lists over frozen, sorted and unique (inventory/builder.ts): shared as they are.
  if (Object.isFrozen(ids) && ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id)) return ids;
  let sorted = sortedIds.get(ids);
  if (!sorted) sortedIds.set(ids, (sorted = Object.freeze([...new Set(ids)].sort())));
  return sorted;
}

/**
 * A resource's ids merged with those a verdict read besides (its role's, its key's), deduplicated
 * and sorted. The checks of one resource mostly add the same ids, so the lists already made for it
 * are kept (a few per resource, frozen) and an equal one is shared instead of held once per finding.
 */
const mergedIds = new WeakMap<readonly string[], (readonly string[])[]>();
const MERGED_PER_RESOURCE = 8;
function mergedEvidenceIds(own: readonly string[], extra: readonly string[]): readonly string[] {
  const merged = [...new Set([...own, ...extra])].sort();
  const made = mergedIds.get(own) ?? [];
  const same = made.find((m) => m.length === merged.length && m.every((id, i) => id === merged[i]));
  if (same) return same;
  const frozen = Object.freeze(merged);
  if (made.length < MERGED_PER_RESOURCE) mergedIds.set(own, [...made, frozen]);
  return frozen;
}

/**
 * Verdict reasons repeat across resources ("EnableNetworkIsolation is true" on every job) but each
 * verdict builds its own, often as a chain of concatenations: at 500,000 jobs, 3.5 million reasons
 * of some 80 bytes each where a few hundred distinct ones exist. A reason is replaced by the first
 * equal one seen; the table is bounded in entries and in the length of what it holds, so reasons
 * unique to a resource (those naming it) cost one lookup once it is full. Each evaluation starts
 * with an empty table, so a long-running daemon holds no more than one run's.
 */
const REASON_HELD_LENGTH = 400;
const reasons = new BoundedInterner<string>(20_000);
const sharedReason = (reason: string): string => (reason.length > REASON_HELD_LENGTH ? reason : reasons.intern(reason, () => reason));

/**
 * The findings of one resource share one subject (src/checks/finding.ts). Keyed by the resource
 * object, so an entry lives as long as the inventory's resource; a pseudo resource made for one
 * finding (a scope, a missing target) gets its own.
 */
const subjects = new WeakMap<object, FindingSubject>();
function sharedSubject(resource: Pick<Resource, "arn" | "type" | "name" | "account" | "region">): FindingSubject {
  let subject = subjects.get(resource);
  if (!subject) subjects.set(resource, (subject = subjectOf(resource)));
  return subject;
}

function finding(check: Check, resource: Pick<Resource, "arn" | "type" | "name" | "account" | "region" | "evidenceIds">, verdict: Verdict): Finding {
  const evidenceIds = verdict.evidenceIds?.length ? mergedEvidenceIds(resource.evidenceIds, verdict.evidenceIds) : ownEvidenceIds(resource.evidenceIds);
  return newFinding(check, sharedSubject(resource), verdict.status, sharedReason(verdict.reason), evidenceIds);
}

/** A referenced supporting resource with no configuration item: never silently skipped. */
function missingTarget(check: Check, target: CheckTarget, inventory: Inventory): Verdict {
  const users = target.referencedBy.length === 1 ? target.referencedBy[0] ?? "" : `${target.referencedBy.length} SageMaker resources`;
  const scope = inventory.scopeGaps.find((g) => needs(check, g.source, g.operation) && inScope(g, target));
  if (scope) return { status: "ERROR", reason: `${describeGap(scope, `${scope.account}/${scope.region}`)}; ${target.name} is referenced by ${users}`, evidenceIds: [scope.evidenceId] };
  const why = target.unresolved ?? `no AWS Config configuration item was collected for ${target.name} (not recorded by Config, or owned by another account)`;
  return { status: "ERROR", reason: `evidence gap: ${why}; referenced by ${users}` };
}

/**
 * Supporting resources are in scope because SageMaker resources (and trails) name them. Where the
 * call that lists or describes those referrers failed, the supporting resources they use are
 * unknown: one ERROR finding per account and region says so, so the supporting check's controls
 * cannot read PASS on what was seen elsewhere.
 */
function hiddenReferrers(check: Check, inventory: Inventory): Finding[] {
  const byScope = new Map<string, { account: string; region: string; calls: Set<string>; evidenceIds: Set<string> }>();
  const note = (account: string, region: string, call: string, evidenceId: string): void => {
    const key = `${account}|${region}`;
    const entry = byScope.get(key) ?? { account, region, calls: new Set<string>(), evidenceIds: new Set<string>() };
    entry.calls.add(call);
    entry.evidenceIds.add(evidenceId);
    byScope.set(key, entry);
  };
  for (const g of inventory.scopeGaps) {
    if (g.source === "sagemaker" || (g.source === "cloudtrail" && g.operation === "DescribeTrails")) note(g.account, g.region, `${g.source}:${g.operation}`, g.evidenceId);
  }
  for (const r of inventory.resources) {
    if (!r.type.startsWith("AWS::SageMaker::") || r.config !== undefined) continue;
    for (const g of r.gaps) note(r.account, r.region, `sagemaker:${g.operation} of ${r.name}`, g.evidenceId);
  }
  return [...byScope.values()].map(({ account, region, calls, evidenceIds }) =>
    finding(
      check,
      { arn: regionArn(account, region), type: check.resourceType, name: `${account}/${region}`, account, region, evidenceIds: [...evidenceIds].sort() },
      { status: "ERROR", reason: `evidence gap: ${[...calls].sort().join(", ")} failed in ${account}/${region}, so any ${check.resourceType} resources the unread SageMaker resources use are unknown` },
    ),
  );
}

function evaluateTargets(check: Check, targets: (inventory: Inventory) => CheckTarget[], inventory: Inventory): Finding[] {
  // Checks over SageMaker resources themselves see their own gaps; only supporting resources are hidden behind their referrers.
  const findings: Finding[] = check.resourceType.startsWith("AWS::SageMaker::") ? [] : hiddenReferrers(check, inventory);
  for (const target of targets(inventory)) {
    const { resource } = target;
    if (resource) {
      const verdict = evaluateOne(check, resource, inventory, false);
      findings.push(finding(check, resource, { ...verdict, evidenceIds: [...(verdict.evidenceIds ?? []), ...target.evidenceIds] }));
    } else {
      const pseudo = { arn: target.arn, type: check.resourceType, name: target.name, account: target.account, region: target.region, evidenceIds: target.evidenceIds };
      findings.push(finding(check, pseudo, missingTarget(check, target, inventory)));
    }
  }
  return findings;
}

/**
 * Runs every check over every resource of its type. Pure: findings are a function of the inventory
 * alone, sorted by check id then resource ARN.
 *
 * A failed call that hides a whole scope (a list call, a region) while no resource of the check's
 * type is known there still yields one ERROR finding on the scope, so a gap can never look like
 * "nothing to check".
 */
export function evaluateChecks(checks: readonly Check[], inventory: Inventory): Finding[] {
  reasons.clear();
  const findings: Finding[] = [];
  for (const check of checks) {
    if (check.targets) {
      // Targets come from SageMaker evidence, so a failed Config call already shows as ERROR on every
      // target it hid (missingTarget); a scope finding on top would only repeat it.
      // Pushed one by one: spread into push, a check's findings are call arguments, and an estate of
      // a few hundred thousand targets overflows the stack.
      for (const f of evaluateTargets(check, check.targets, inventory)) findings.push(f);
      continue;
    }
    const types = check.resourceTypes ?? [check.resourceType];
    const resources = inventory.resources.filter((r) => types.includes(r.type));
    for (const resource of resources) findings.push(finding(check, resource, evaluateOne(check, resource, inventory)));

    const covered = new Set<string>();
    for (const gap of inventory.scopeGaps) {
      if (!needs(check, gap.source, gap.operation)) continue;
      const accountWide = check.resourceType === ACCOUNT_TYPE;
      if (resources.some((r) => inScope(gap, r))) continue;
      const region = accountWide ? GLOBAL_REGION : gap.region;
      const key = `${gap.account}|${region}`;
      if (covered.has(key)) continue;
      covered.add(key);
      findings.push(
        finding(
          check,
          {
            arn: regionArn(gap.account, gap.region),
            type: check.resourceType,
            name: `${gap.account}/${gap.region}`,
            account: gap.account,
            region,
            evidenceIds: [gap.evidenceId],
          },
          { status: "ERROR", reason: describeGap(gap, `${gap.account}/${gap.region}`) },
        ),
      );
    }
  }
  return findings.sort((a, b) => a.checkId.localeCompare(b.checkId) || a.resourceArn.localeCompare(b.resourceArn));
}
