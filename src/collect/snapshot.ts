import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { verifyEvidenceHash } from "../evidence/record.js";
import { EVIDENCE_SOURCES } from "../evidence/types.js";
import { DEFAULT_REDACTION, redactRecords } from "../evidence/redact.js";
import type { RedactionPolicy } from "../evidence/redact.js";
import { checkDirectoryEntry, LIMITS, parseBoundedJson, readBoundedFile } from "../input/limits.js";
import type { EvidenceRecord } from "../evidence/types.js";
import type { Collection } from "./source.js";
import { scopeOf } from "./source.js";

const recordSchema = z.object({
  id: z.string().regex(/^ev_[0-9a-f]+$/),
  source: z.enum(EVIDENCE_SOURCES),
  operation: z.string().min(1),
  account: z.string().min(1),
  region: z.string().min(1),
  params: z.record(z.string(), z.unknown()),
  collectedAt: z.string(),
  response: z.record(z.string(), z.unknown()).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  redactions: z.array(z.string()),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

function parseRecord(text: string, where: string): EvidenceRecord {
  // Bounded before parsing: a record nested 5,000 deep would otherwise crash the recursive steps
  // after JSON.parse (validation, hashing) with "Maximum call stack size exceeded".
  const json = parseBoundedJson(text, where);
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${where}: not an evidence record: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim());
  }
  const record: EvidenceRecord = parsed.data;
  // Evidence whose content no longer matches its hash must not be evaluated as if it were genuine.
  if (!verifyEvidenceHash(record)) throw new UsageError(`${where}: evidence ${record.id} does not match its sha256`);
  return record;
}

/**
 * Reads a snapshot directory: `evidence.jsonl`, or `evidence/*.json` (one record per file). Every
 * file must stay inside the directory (a symlink out of it is refused), and sizes, record counts
 * and nesting depth are bounded (LIMITS); each refusal names the file (and line) and exits 2. Each
 * record's hash is checked as written, then the record is redacted under `policy` like a live
 * collection would be (a snapshot written by another tool, or before a rule existed, may hold
 * secrets) and re-sealed when that changed it, so nothing unredacted reaches evaluation or the store.
 */
export function readSnapshot(dir: string, sourceName = `snapshot:${dir}`, policy: RedactionPolicy = DEFAULT_REDACTION): Collection {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`snapshot directory ${dir} does not exist`);
  const records: EvidenceRecord[] = [];
  const add = (record: EvidenceRecord, where: string): void => {
    if (records.length >= LIMITS.records) throw new UsageError(`${where}: more than ${LIMITS.records} evidence records in snapshot ${dir}; refused`);
    records.push(record);
  };
  const jsonl = join(dir, "evidence.jsonl");
  const perFile = join(dir, "evidence");
  if (existsSync(jsonl)) {
    const text = readBoundedFile(jsonl, { kind: "snapshot file", maxBytes: LIMITS.jsonlBytes, within: dir });
    let start = 0;
    for (let line = 1; start < text.length; line++) {
      const end = text.indexOf("\n", start);
      const stop = end === -1 ? text.length : end;
      const where = `${jsonl}:${line}`;
      if (stop - start > LIMITS.recordBytes) throw new UsageError(`${where}: line longer than ${LIMITS.recordBytes} bytes; refused`);
      const content = text.slice(start, stop);
      if (content.trim() !== "") add(parseRecord(content, where), where);
      start = stop + 1;
    }
  } else if (existsSync(perFile)) {
    checkDirectoryEntry(perFile, dir, "snapshot evidence directory");
    for (const name of readdirSync(perFile).filter((n) => n.endsWith(".json")).sort()) {
      const file = join(perFile, name);
      add(parseRecord(readBoundedFile(file, { kind: "snapshot file", maxBytes: LIMITS.recordBytes, within: dir }), file), file);
    }
  } else {
    throw new UsageError(`snapshot directory ${dir} holds neither evidence.jsonl nor evidence/*.json`);
  }
  const ids = new Set<string>();
  for (const r of records) {
    if (ids.has(r.id)) throw new UsageError(`${dir}: evidence id ${r.id} appears twice`);
    ids.add(r.id);
  }
  const redacted = redactRecords(records, policy).records;
  return { source: sourceName, records: redacted, ...scopeOf(redacted), apiCalls: {}, redaction: policy };
}
