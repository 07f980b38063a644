import type { EvidenceRecord } from "../evidence/types.js";

/** What any source (aws, snapshot, demo) hands to evaluation. */
export interface Collection {
  source: string;
  records: EvidenceRecord[];
  accounts: string[];
  regions: string[];
  /** Calls made per `source:Operation` (zero-cost for replayed snapshots). */
  apiCalls: Record<string, number>;
  /** Where each incremental stream stopped; the store keeps them for the next run. */
  cursors?: CollectionCursor[];
}

export interface CollectionCursor {
  account: string;
  region: string;
  stream: "cloudtrail";
  value: string;
}

/**
 * What earlier runs left behind, so a collection can be incremental: the CloudTrail cursor per
 * account/region, and stored evidence of immutable resources (finished jobs, models) to reuse
 * instead of describing them again.
 */
export interface CollectorMemory {
  cloudTrailCursor(account: string, region: string): string | undefined;
  storedEvidence(id: string): EvidenceRecord | undefined;
}

export function scopeOf(records: readonly EvidenceRecord[]): { accounts: string[]; regions: string[] } {
  return {
    accounts: [...new Set(records.map((r) => r.account))].sort(),
    regions: [...new Set(records.map((r) => r.region).filter((r) => r !== "global"))].sort(),
  };
}
