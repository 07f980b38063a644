import { canonicalJson, hashCanonical, sha256Hex } from "./canonical.js";
import type { EvidenceLookup, ReportEvidence } from "../report/types.js";
import type { EvidenceGap, EvidenceRecord, UnsealedEvidence } from "./types.js";

/**
 * The id names the request (source, operation, scope, params), not the answer: the same call in
 * another run gets the same id, so runs can be compared record by record.
 */
export function evidenceId(e: Pick<EvidenceRecord, "source" | "operation" | "account" | "region" | "params">): string {
  const key = canonicalJson([e.source, e.operation, e.account, e.region, e.params]);
  return `ev_${sha256Hex(key).slice(0, 24)}`;
}

export function hashEvidence(record: Omit<EvidenceRecord, "sha256">): string {
  return hashCanonical(record);
}

/** Gives a record its id and hash. Callers redact before sealing: the hash covers redacted content. */
export function sealEvidence(input: UnsealedEvidence): EvidenceRecord {
  const base: Omit<EvidenceRecord, "sha256"> = {
    id: evidenceId(input),
    source: input.source,
    operation: input.operation,
    account: input.account,
    region: input.region,
    params: input.params,
    collectedAt: input.collectedAt,
    ...(input.response !== undefined ? { response: input.response } : {}),
    ...(input.error !== undefined ? { error: input.error } : {}),
    redactions: input.redactions ?? [],
  };
  // Round-trip through canonical JSON so the stored object is exactly what was hashed (Dates become strings).
  const normalised = JSON.parse(canonicalJson(base)) as Omit<EvidenceRecord, "sha256">;
  return withHash(normalised, hashEvidence(normalised));
}

const NO_REDACTIONS = Object.freeze([]) as unknown as string[];

/**
 * A sealed record built as one of a few fixed object literals, keys in canonical order. Spreading
 * the parsed content (`{ ...content, sha256 }`) gave every record a hidden class of its own: at
 * 60,000 jobs about 38 MiB of V8 maps and descriptor arrays, some 600 bytes a record, for objects
 * that all have the same keys. `response` and `error` stay absent, not undefined, when not given.
 */
export function withHash(c: Omit<EvidenceRecord, "sha256">, sha256: string): EvidenceRecord {
  const { account, collectedAt, error, id, operation, params, region, response, source } = c;
  // Most records redact nothing: they share one frozen empty list instead of an array each.
  const redactions = c.redactions.length > 0 ? c.redactions : NO_REDACTIONS;
  if (error === undefined) {
    return response === undefined
      ? { account, collectedAt, id, operation, params, redactions, region, source, sha256 }
      : { account, collectedAt, id, operation, params, redactions, region, response, source, sha256 };
  }
  return response === undefined
    ? { account, collectedAt, error, id, operation, params, redactions, region, source, sha256 }
    : { account, collectedAt, error, id, operation, params, redactions, region, response, source, sha256 };
}

export function verifyEvidenceHash(record: EvidenceRecord): boolean {
  const { sha256, ...rest } = record;
  return hashEvidence(rest) === sha256;
}

export function gapOf(record: EvidenceRecord): EvidenceGap | undefined {
  if (!record.error) return undefined;
  return {
    evidenceId: record.id,
    source: record.source,
    operation: record.operation,
    account: record.account,
    region: record.region,
    error: `${record.error.code}: ${record.error.message}`,
  };
}

type Origin = Pick<ReportEvidence, "source" | "operation" | "account" | "region">;

/**
 * Id, hash and origin of every record, by id: the report's evidence index of the run that has just
 * collected them (a run is stored once and not read back) and of a package `verify` re-derives.
 * Mirrors the query in src/store/evidence.ts (a gap's error is `code: message`).
 *
 * It lives through the run's store, while the heap holds the run's findings: as a Map of one entry
 * object per record it was 52 MiB at 500,000 records, as a position per id, the records' own hash
 * strings and an index into the few distinct origins 18 MiB. An entry is built when asked for (the
 * report asks for the ids its findings cite). An id collected twice answers with its last record.
 */
class EvidenceIndex implements EvidenceLookup {
  private readonly position = new Map<string, number>();
  private readonly hashes: string[] = [];
  private readonly origins: Origin[] = [];
  private readonly originOf: Uint32Array;
  private readonly errors = new Map<number, string>();

  constructor(records: readonly EvidenceRecord[]) {
    this.originOf = new Uint32Array(records.length);
    const originIds = new Map<string, number>();
    records.forEach((r, i) => {
      this.position.set(r.id, i);
      this.hashes.push(r.sha256);
      const key = `${r.source}\0${r.operation}\0${r.account}\0${r.region}`;
      let origin = originIds.get(key);
      if (origin === undefined) {
        origin = this.origins.push({ source: r.source, operation: r.operation, account: r.account, region: r.region }) - 1;
        originIds.set(key, origin);
      }
      this.originOf[i] = origin;
      const gap = gapOf(r);
      if (gap) this.errors.set(i, gap.error);
    });
  }

  get(id: string): ReportEvidence | undefined {
    const i = this.position.get(id);
    if (i === undefined) return undefined;
    const { source, operation, account, region } = this.origins[this.originOf[i] as number] as Origin;
    const error = this.errors.get(i);
    return { id, sha256: this.hashes[i] as string, source, operation, account, region, ...(error !== undefined ? { error } : {}) };
  }
}

export function evidenceIndexOf(records: readonly EvidenceRecord[]): EvidenceLookup {
  return new EvidenceIndex(records);
}
