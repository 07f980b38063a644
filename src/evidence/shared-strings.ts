import type { EvidenceRecord } from "./types.js";

/**
 * Lets the records of one collection share their repeated string values. `JSON.parse` (which seals
 * every record and rebuilds every stored one) gives each record its own copy of each value: the
 * account id, region, role ARN, instance type, status and tag keys of 500,000 training jobs are
 * 500,000 copies each, most of a collection's heap. A value equal to the one at the same place in the
 * previous record of the same operation, or in the previous element of the same array (the summaries
 * of a list page, the tags of a resource), is replaced by that very string: the same value, so the
 * record's content, canonical JSON and hash do not change. It remembers one record per operation,
 * so its memory is bounded whatever the size of the estate, and a value unique to one record
 * (a name, a timestamp) costs one comparison.
 */
export class SharedStrings {
  private readonly previous = new Map<string, EvidenceRecord>();

  /** Shares `record`'s values with the previous record of its operation, in place; returns it. */
  share(record: EvidenceRecord): EvidenceRecord {
    const key = `${record.source}:${record.operation}`;
    const like = this.previous.get(key);
    shareInto(record, like);
    this.previous.set(key, record);
    return record;
  }
}

// Evidence is bounded in depth before it is sealed or rebuilt (LIMITS.jsonDepth), so the recursion is too.
function shareInto(value: object, like: unknown): void {
  const prior = like !== null && typeof like === "object" ? (like as Record<string, unknown>) : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) shareAt(value as unknown[] as Record<number, unknown>, i, i === 0 ? (Array.isArray(prior) ? prior[0] : undefined) : value[i - 1]);
    return;
  }
  const fields = value as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    // JSON.parse makes "__proto__" an own property; assigning it would set the prototype instead.
    if (key !== "__proto__") shareAt(fields, key, prior && !Array.isArray(prior) ? prior[key] : undefined);
  }
}

function shareAt(container: Record<string | number, unknown>, at: string | number, like: unknown): void {
  const value = container[at];
  if (typeof value === "string") {
    if (typeof like === "string" && like === value) container[at] = like;
  } else if (value !== null && typeof value === "object") shareInto(value, like);
}
