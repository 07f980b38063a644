import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { UsageError } from "../errors.js";
import { verifyEvidenceHash } from "../evidence/record.js";
import { EVIDENCE_SOURCES } from "../evidence/types.js";
import { DEFAULT_REDACTION, redactRecords } from "../evidence/redact.js";
import type { RedactionPolicy } from "../evidence/redact.js";
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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
  }
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
 * Reads a snapshot directory: `evidence.jsonl`, or `evidence/*.json` (one record per file). Each
 * record's hash is checked as written, then the record is redacted under `policy` like a live
 * collection would be (a snapshot written by another tool, or before a rule existed, may hold
 * secrets) and re-sealed when that changed it, so nothing unredacted reaches evaluation or the store.
 */
export function readSnapshot(dir: string, sourceName = `snapshot:${dir}`, policy: RedactionPolicy = DEFAULT_REDACTION): Collection {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`snapshot directory ${dir} does not exist`);
  const records: EvidenceRecord[] = [];
  const jsonl = join(dir, "evidence.jsonl");
  const perFile = join(dir, "evidence");
  if (existsSync(jsonl)) {
    readFileSync(jsonl, "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (line.trim() !== "") records.push(parseRecord(line, `${jsonl}:${i + 1}`));
      });
  } else if (existsSync(perFile)) {
    for (const name of readdirSync(perFile).filter((n) => n.endsWith(".json")).sort()) {
      const file = join(perFile, name);
      records.push(parseRecord(readFileSync(file, "utf8"), file));
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
