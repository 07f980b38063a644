import type { EvidenceRecord } from "../evidence/types.js";

/**
 * Where a record the store handed out was read from: the run whose row it is and the redaction
 * policy that run stored it under. Every record read from one run shares one origin object, and the
 * row's content key is not held at all (the writer finds it by the run, the record's id and its
 * sha256): at 500,000 reused describes an object and a 64-character key a record were 60 MiB.
 */
export interface StoredOrigin {
  runId: string;
  /** The redaction fingerprint of the run that stored the row (NULL: stored before fingerprints). */
  redaction: string | null;
}

/**
 * Records the store handed to a collector (stored evidence of immutable resources, event pages),
 * keyed by the very object: a reused record that comes back to be stored unchanged needs neither
 * its canonical JSON nor its hash computed again, nor its redaction. A record redacted again under
 * another policy is a new object (redactRecord copies on change), so it is never mistaken for the
 * stored row. Evidence records are never mutated once sealed.
 */
const handedOut = new WeakMap<EvidenceRecord, StoredOrigin>();

export function rememberStoredOrigin(record: EvidenceRecord, origin: StoredOrigin): EvidenceRecord {
  handedOut.set(record, origin);
  return record;
}

export function storedOriginOf(record: EvidenceRecord): StoredOrigin | undefined {
  return handedOut.get(record);
}
