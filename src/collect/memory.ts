import type { EvidenceRecord } from "../evidence/types.js";
import type { Collection, CollectorMemory } from "./source.js";

/**
 * Process-local memory: what one long-lived process (the daemon, or several collects of one
 * source) learnt in earlier runs. Stands in for the SQLite store's implementation; it forgets
 * everything when the process ends.
 */
function newestEventTime(record: EvidenceRecord): string {
  const events = Array.isArray(record.response?.Events) ? (record.response.Events as { EventTime?: unknown }[]) : [];
  let newest = "";
  for (const e of events) {
    const t = typeof e.EventTime === "string" ? new Date(e.EventTime).toISOString() : "";
    if (t > newest) newest = t;
  }
  return newest;
}

export class InMemoryCollectorMemory implements CollectorMemory {
  private readonly cursors = new Map<string, string>();
  private readonly evidence = new Map<string, EvidenceRecord>();

  cloudTrailCursor(account: string, region: string): string | undefined {
    return this.cursors.get(`${account}|${region}`);
  }

  storedEvidence(id: string): EvidenceRecord | undefined {
    return this.evidence.get(id);
  }

  storedEventPages(account: string, region: string, since: string): EvidenceRecord[] {
    return [...this.evidence.values()].filter((r) => r.operation === "LookupEvents" && r.account === account && r.region === region && newestEventTime(r) >= since);
  }

  /** Takes in a finished collection: its successful records and its cursors. */
  remember(collection: Pick<Collection, "records" | "cursors">): void {
    for (const r of collection.records) if (!r.error) this.evidence.set(r.id, r);
    for (const c of collection.cursors ?? []) {
      const key = `${c.account}|${c.region}`;
      const old = this.cursors.get(key);
      if (old === undefined || old < c.value) this.cursors.set(key, c.value);
    }
  }
}
