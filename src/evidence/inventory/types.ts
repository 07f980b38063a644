/**
 * The normalised inventory's shapes and pseudo resource types, shared by every source builder and
 * re-exported by ../inventory.ts (the public entry). Reads no evidence itself.
 */
import type { EvidenceGap, EvidenceRecord, EvidenceSource } from "../types.js";

/** Pseudo resource types for account- and region-wide checks (trail coverage, recorders). */
export const ACCOUNT_TYPE = "AWS::::Account";
export const REGION_TYPE = "AWS::::Region";
export const GLOBAL_REGION = "global";

export interface ResourceGap {
  /** The service asked, where the operation alone does not say it (supporting resources). */
  source?: EvidenceSource;
  operation: string;
  error: string;
  evidenceId: string;
  /** Why the evidence in hand cannot be judged, when the call itself succeeded (a stale or unrecorded Config item). */
  reason?: string;
}

export interface Resource<C = Record<string, unknown>> {
  arn: string;
  type: string;
  account: string;
  region: string;
  name: string;
  /** The describe response (or parsed configuration item); undefined when describing it failed. */
  config: C | undefined;
  evidenceIds: string[];
  /** Calls about this very resource that failed. */
  gaps: ResourceGap[];
  tags: Record<string, string>;
  /** Which evidence says what `tags` holds; undefined when no tag evidence covers the resource. */
  tagSource?: TagSource;
}

/**
 * - `listed`: a tag record names the resource: a SageMaker ListTags answer for its ARN, or entry
 *   `index` of a GetResources page's `ResourceTagMappingList` (one page holds up to 100 resources,
 *   so a check that reads the page must read that entry only).
 * - `untagged`: absent from a complete GetResources listing of its account and region, which
 *   returns every tagged or previously tagged resource; `evidenceId` is the listing's last page.
 * - `unknown`: the call that would have shown the tags failed (a ListTags for the ARN, or a
 *   GetResources page of the region before the resource was seen): an evidence gap, never "no tags".
 */
export type TagSource =
  | { kind: "listed"; evidenceId: string; index?: number }
  | { kind: "untagged"; evidenceId: string }
  | { kind: "unknown"; gap: ResourceGap };

export interface ConfigRuleVerdict {
  configRuleName: string;
  resourceType: string;
  resourceId: string;
  compliance: string;
  account: string;
  region: string;
  evidenceId: string;
}

export interface ActivityEvent {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource: string;
  principal: string;
  sourceIp: string;
  resourceNames: string[];
  account: string;
  region: string;
  evidenceId: string;
  /** CloudTrail `errorCode`: the call was made but AWS refused or failed it (an attempt, not a change). */
  errorCode?: string;
}

export interface Inventory {
  resources: Resource[];
  /** Failed calls not tied to one resource (a list call, a region): they hide what is in that scope. */
  scopeGaps: EvidenceGap[];
  gaps: EvidenceGap[];
  configVerdicts: ConfigRuleVerdict[];
  events: ActivityEvent[];
  accounts: string[];
  regions: string[];
  evidence: ReadonlyMap<string, EvidenceRecord>;
  /**
   * The AWS Config item of a supporting resource whose configuration came from its own service's
   * API, keyed `type|arn`: the second source the findings are cross-checked against.
   */
  configItems?: ReadonlyMap<string, { config: Record<string, unknown>; evidenceIds: string[] }>;
}
