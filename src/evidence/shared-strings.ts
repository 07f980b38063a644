import type { EvidenceRecord } from "./types.js";

/**
 * Lets the records of one collection share their repeated string values. `JSON.parse` (which seals
 * every record and rebuilds every stored one) gives each record its own copy of each value: the
 * account id, region, role ARN, instance type, status and tag keys of 500,000 training jobs are
 * 500,000 copies each, most of a collection's heap. A value equal to the one at the same place in the
 * previous record of the same operation, or in the previous element of the same array (the summaries
 * of a list page, the tags of a resource), is replaced by that very string: the same value, so the
 * record's content, canonical JSON and hash do not change.
 *
 * Identifiers repeat across operations instead: a job's ARN, name and timestamps are in its list
 * summary and again in its describe response, which follows within a few pages. Long values not
 * shared by place are looked up in a window of the most recent distinct ones (`WINDOW`), so a
 * describe shares them with its summary.
 *
 * Its memory is bounded whatever the size of the estate: one record per operation and the window.
 */
export class SharedStrings {
  private readonly previous = new Map<string, EvidenceRecord>();
  private readonly recent = new RecentStrings(WINDOW);

  /** Shares `record`'s values with the previous record of its operation, in place; returns it. */
  share(record: EvidenceRecord): EvidenceRecord {
    const key = `${record.source}:${record.operation}`;
    const like = this.previous.get(key) as unknown as Record<string, unknown> | undefined;
    const fields = record as unknown as Record<string, unknown>;
    // The id and hash are unique to the record: looked up, they would only push identifiers out of the window.
    for (const field of Object.keys(fields)) if (field !== "id" && field !== "sha256") shareAt(fields, field, like?.[field], this.recent);
    this.previous.set(key, record);
    return record;
  }
}

/**
 * Distinct recent values a describe may repeat from its list page: at a concurrency of a few dozen
 * describes and 100 summaries a page of four identifiers each, the summaries of the last pages fit.
 */
const WINDOW = 8192;
/** Shorter values (statuses, enum values, small numbers as strings) are shared by place or cost little. */
const MIN_WINDOWED = 12;

/**
 * A bounded set of strings, oldest evicted first; hands back the held copy of an equal value. The
 * insertion order is a ring of slots, so eviction costs one delete (a Map's own order would need an
 * iterator per eviction).
 */
class RecentStrings {
  private readonly held = new Map<string, string>();
  private readonly ring: (string | undefined)[];
  private next = 0;

  constructor(capacity: number) {
    this.ring = new Array<string | undefined>(capacity).fill(undefined);
  }

  intern(value: string): string {
    const held = this.held.get(value);
    if (held !== undefined) return held;
    const evicted = this.ring[this.next];
    if (evicted !== undefined) this.held.delete(evicted);
    this.ring[this.next] = value;
    this.next = (this.next + 1) % this.ring.length;
    this.held.set(value, value);
    return value;
  }
}

// Evidence is bounded in depth before it is sealed or rebuilt (LIMITS.jsonDepth), so the recursion is too.
function shareInto(value: object, like: unknown, recent: RecentStrings): void {
  const prior = like !== null && typeof like === "object" ? (like as Record<string, unknown>) : undefined;
  if (Array.isArray(value)) {
    const priorItems = Array.isArray(prior) ? (prior as unknown[]) : undefined;
    // The element at the same index of the previous record's array first (the second tag of the
    // previous resource), else the previous element of this array.
    for (let i = 0; i < value.length; i++) shareAt(value as unknown[] as Record<number, unknown>, i, priorItems && i < priorItems.length ? priorItems[i] : value[i - 1], recent);
    return;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    // JSON.parse makes "__proto__" an own property; assigning it would set the prototype instead.
    if (key !== "__proto__") shareAt(fields, key, prior && !Array.isArray(prior) ? prior[key] : undefined, recent);
  }
}

function shareAt(container: Record<string | number, unknown>, at: string | number, like: unknown, recent: RecentStrings): void {
  const value = container[at];
  if (typeof value === "string") {
    if (typeof like === "string" && like === value) container[at] = like;
    else if (value.length >= MIN_WINDOWED) container[at] = recent.intern(value);
  } else if (value !== null && typeof value === "object") shareInto(value, like, recent);
}
