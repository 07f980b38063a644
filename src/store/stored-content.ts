import type { EvidenceRecord } from "../evidence/types.js";

/** The evidence row a record was read from: its content key and the redaction policy it was stored under. */
export interface StoredContent {
  contentSha256: string;
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
const handedOut = new WeakMap<EvidenceRecord, StoredContent>();

export function rememberStoredContent(record: EvidenceRecord, content: StoredContent): EvidenceRecord {
  handedOut.set(record, content);
  return record;
}

export function storedContentOf(record: EvidenceRecord): StoredContent | undefined {
  return handedOut.get(record);
}
