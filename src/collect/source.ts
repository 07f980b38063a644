import type { EvidenceRecord } from "../evidence/types.js";

/** What any source (aws, snapshot, demo) hands to evaluation. */
export interface Collection {
  source: string;
  records: EvidenceRecord[];
  accounts: string[];
  regions: string[];
  /** Calls made per `source:Operation` (zero-cost for replayed snapshots). */
  apiCalls: Record<string, number>;
}

export function scopeOf(records: readonly EvidenceRecord[]): { accounts: string[]; regions: string[] } {
  return {
    accounts: [...new Set(records.map((r) => r.account))].sort(),
    regions: [...new Set(records.map((r) => r.region).filter((r) => r !== "global"))].sort(),
  };
}
