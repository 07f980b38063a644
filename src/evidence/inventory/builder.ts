/**
 * The mutable state the source builders fill in one inventory build, and the value helpers they
 * read raw API answers with. Reads no evidence itself.
 */
import type { EvidenceGap } from "../types.js";
import type { ActivityEvent, ConfigRuleVerdict, Resource, ResourceGap } from "./types.js";

export const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
export const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const NO_GAPS = Object.freeze([]) as unknown as ResourceGap[];

export class InventoryBuilder {
  private readonly byKey = new Map<string, Resource>();
  readonly gaps: EvidenceGap[] = [];
  readonly scopeGaps: EvidenceGap[] = [];
  readonly configVerdicts: ConfigRuleVerdict[] = [];
  readonly events = new Map<string, ActivityEvent>();
  readonly accounts = new Set<string>();
  readonly regions = new Set<string>();
  /** Every account|region some evidence was collected in: a region with nothing in it is still in scope. */
  readonly scopes = new Set<string>();
  readonly configItems = new Map<string, { config: Record<string, unknown>; evidenceIds: string[] }>();

  upsert(type: string, arn: string, seed: Omit<Resource, "type" | "arn" | "evidenceIds" | "gaps" | "tags" | "config">): Resource {
    const key = `${type}|${arn}`;
    let resource = this.byKey.get(key);
    if (!resource) {
      resource = { type, arn, ...seed, config: undefined, evidenceIds: [], gaps: [], tags: {} };
      this.byKey.set(key, resource);
    }
    return resource;
  }

  /** The resources being built, unsorted and mutable: for lookups while building. */
  live(): IterableIterator<Resource> {
    return this.byKey.values();
  }

  /**
   * The finished resources. Their evidence ids are deduplicated, sorted and frozen, and a resource
   * without gaps holds the one frozen empty list: nothing fills them once the inventory is built, and
   * at 500,000 jobs a copy of each id list and an empty array each were some 50 MB.
   */
  resources(): Resource[] {
    return [...this.byKey.values()]
      .map((r) => ({ ...r, evidenceIds: Object.freeze([...new Set(r.evidenceIds)].sort()) as string[], gaps: r.gaps.length > 0 ? r.gaps : NO_GAPS }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.arn.localeCompare(b.arn));
  }
}
