/**
 * The public entry of the normalised inventory: one pass over the evidence, then one builder per
 * source, each in its own module under ./inventory/ (sagemaker, cloudtrail, config, supporting,
 * tags, scope).
 */
import { gapOf } from "./record.js";
import { RecordIndex } from "./record-index.js";
import { SAGEMAKER_RESOURCE_TYPES } from "./sagemaker-registry.js";
import { SUPPORTING_RESOURCE_OPERATIONS } from "./supporting.js";
import type { EvidenceRecord } from "./types.js";
import { InventoryBuilder } from "./inventory/builder.js";
import { collectEvents, collectTrails } from "./inventory/cloudtrail.js";
import { collectConfigItems, collectConfigVerdicts, collectRecorders, recorderStatuses } from "./inventory/config.js";
import { collectDescribed } from "./inventory/sagemaker.js";
import { addScopeResources } from "./inventory/scope.js";
import { collectSupporting } from "./inventory/supporting.js";
import { collectTags } from "./inventory/tags.js";
import { GLOBAL_REGION } from "./inventory/types.js";
import type { Inventory, Resource } from "./inventory/types.js";

export { ACCOUNT_TYPE, GLOBAL_REGION, REGION_TYPE } from "./inventory/types.js";
export type { ActivityEvent, ConfigRuleVerdict, Inventory, Resource, ResourceGap, TagSource } from "./inventory/types.js";
export { accountArn, regionArn } from "./inventory/scope.js";

/**
 * Turns raw evidence into normalised resources. Pure and deterministic: the order of the input
 * records does not matter. One pass over the records (in id order) notes the scope and the gaps and
 * indexes the records by source and operation; each builder then reads only its own calls.
 */
export function buildInventory(records: readonly EvidenceRecord[]): Inventory {
  const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));
  const b = new InventoryBuilder();
  const evidence = new Map<string, EvidenceRecord>();
  const index = new RecordIndex();

  for (const r of sorted) {
    evidence.set(r.id, r);
    index.add(r);
    b.accounts.add(r.account);
    if (r.region !== GLOBAL_REGION) {
      b.regions.add(r.region);
      b.scopes.add(`${r.account}|${r.region}`);
    }
    const gap = gapOf(r);
    if (gap) {
      b.gaps.push(gap);
      if (!RESOURCE_OPERATIONS.has(r.operation) && !SUPPORTING_RESOURCE_OPERATIONS.has(`${r.source}:${r.operation}`)) b.scopeGaps.push(gap);
    }
  }

  collectDescribed(index, b);
  collectTrails(index, b);
  collectRecorders(index, b);
  collectConfigItems(index, b, recorderStatuses(index));
  collectSupporting(index, b);
  collectConfigVerdicts(index, b);
  collectEvents(index, b);
  collectTags(index, b);
  addScopeResources(b);

  return {
    resources: b.resources(),
    scopeGaps: b.scopeGaps.sort((x, y) => x.evidenceId.localeCompare(y.evidenceId)),
    gaps: b.gaps.sort((x, y) => x.evidenceId.localeCompare(y.evidenceId)),
    configVerdicts: b.configVerdicts.sort(
      (x, y) => x.configRuleName.localeCompare(y.configRuleName) || x.resourceId.localeCompare(y.resourceId),
    ),
    events: [...b.events.values()].sort((x, y) => x.eventTime.localeCompare(y.eventTime) || x.eventId.localeCompare(y.eventId)),
    accounts: [...b.accounts].sort(),
    regions: [...b.regions].sort(),
    evidence,
    configItems: b.configItems,
  };
}

/** Operations whose failure is tied to one resource; any other failed call is a scope gap. */
const RESOURCE_OPERATIONS = new Set([
  ...SAGEMAKER_RESOURCE_TYPES.map((s) => s.describeOperation),
  "GetTrailStatus",
  "GetEventSelectors",
  "ListTags",
]);

/** Lookups checks use to reach related resources. */
export function resourcesOfType<C = Record<string, unknown>>(inventory: Inventory, type: string): Resource<C>[] {
  return inventory.resources.filter((r) => r.type === type) as Resource<C>[];
}
