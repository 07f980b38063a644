import type { RedactionPolicy } from "../evidence/redact.js";
import type { EvidenceRecord } from "../evidence/types.js";

/** What any source (aws, snapshot, demo) hands to evaluation. */
export interface Collection {
  source: string;
  records: EvidenceRecord[];
  accounts: string[];
  regions: string[];
  /** Calls made per `source:Operation` (zero-cost for replayed snapshots). */
  apiCalls: Record<string, number>;
  /** Newest CloudTrail event time seen per account/region, for the store to persist as the next start. */
  cursors?: CollectionCursor[];
  /**
   * The redaction policy the records were redacted under. The store re-redacts evidence it kept
   * from earlier runs under it when it differs from theirs (src/store/redaction.ts).
   */
  redaction?: RedactionPolicy;
  /** The scope filter a replay applied (`regions us-west-2`), named when it matched nothing. */
  scope?: string;
}

/** How a collection is run: `signal` aborts in-flight AWS calls (daemon shutdown). */
export interface CollectOptions {
  signal?: AbortSignal;
}

export interface CollectionCursor {
  account: string;
  region: string;
  stream: "cloudtrail";
  value: string;
}

/**
 * What a collector may remember from earlier runs (the store implements it; see
 * `InMemoryCollectorMemory` for the in-process version).
 */
export interface CollectorMemory {
  /** Newest CloudTrail event time already stored for (account, region), ISO; undefined on a first run. */
  cloudTrailCursor(account: string, region: string): string | undefined;
  /** The stored record with this evidence id (same request), to reuse for immutable resources when its response's CreationTime matches. */
  storedEvidence(id: string): EvidenceRecord | undefined;
  /**
   * Stored LookupEvents pages of (account, region) holding an event at or after `since` (ISO): the
   * activity checks judge the whole look-back window, not only what this run fetched.
   */
  storedEventPages(account: string, region: string, since: string): EvidenceRecord[];
  /**
   * The redaction fingerprint (redactionFingerprint) a record this memory returned was stored
   * under, when known: a record stored under the collection's own policy is reused as it is, any
   * other is redacted again first.
   */
  redactedUnder?(record: EvidenceRecord): string | undefined;
}

export function scopeOf(records: readonly EvidenceRecord[]): { accounts: string[]; regions: string[] } {
  return {
    accounts: [...new Set(records.map((r) => r.account))].sort(),
    regions: [...new Set(records.map((r) => r.region).filter((r) => r !== "global"))].sort(),
  };
}
