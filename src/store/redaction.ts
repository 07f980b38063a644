import { canonicalJson, sha256Hex } from "../evidence/canonical.js";
import { merkleRoot } from "../evidence/merkle.js";
import { hashEvidence } from "../evidence/record.js";
import { redactionFingerprint, redactRecord } from "../evidence/redact.js";
import type { RedactionPolicy } from "../evidence/redact.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { appendChainEntry, runHeader } from "./chain.js";
import type { Db } from "./db.js";
import { runDigest } from "./digest.js";

/**
 * Re-redaction of stored evidence when the redaction policy changes.
 *
 * Every evidence row records the fingerprint of the policy it was redacted under
 * (`evidence.redaction`; NULL for rows written before fingerprints existed). When a run is stored
 * under another policy — a new version of the built-in rules, or `redaction` keys added to the
 * config — every row with another fingerprint is redacted again under the new policy before the
 * run is written: evidence kept from earlier runs (and reused for immutable resources) never stays
 * or comes back unredacted. Redaction only ever removes; a policy with fewer keys leaves rows as
 * they are and only updates their fingerprint.
 *
 * Integrity. A rewritten row changes its record's sha256, hence the Merkle root of every run that
 * holds it. The pass updates those runs' `merkle_root` and appends one `redact` link to the chain
 * recording, per run, the previous root, the new root and the new run-row digest. `verify --db`
 * checks each run against the latest of its sealed values, so a re-redacted store verifies while
 * the chain still shows, forever, that (and when, and under which policy) evidence was rewritten.
 */

export interface ReRedaction {
  fingerprint: string;
  /** Evidence rows (distinct contents) rewritten. */
  rows: number;
  /** Runs whose Merkle root changed. */
  runs: string[];
}

/** What a `redact` chain link's `detail` holds. */
export interface RedactLinkDetail {
  fingerprint: string;
  runs: { id: string; previousMerkleRoot: string | null; merkleRoot: string; runDigest: string }[];
}

interface EvidenceRow {
  content_sha256: string;
  id: string;
  source: string;
  operation: string;
  account: string;
  region: string;
  is_gap: number;
  body: string;
}

/** Whether any stored evidence row was redacted under another policy than `policy`. */
export function needsReRedaction(db: Db, policy: RedactionPolicy): boolean {
  const row = db.prepare(`SELECT 1 AS x FROM evidence WHERE redaction IS NOT ? LIMIT 1`).get(redactionFingerprint(policy));
  return row !== undefined;
}

/**
 * Brings every stored evidence row under `policy` (see the module comment). Runs in its own
 * immediate transaction, or inside the caller's; a no-op when every row already carries the
 * policy's fingerprint.
 */
export function reRedactStore(db: Db, policy: RedactionPolicy, at: string): ReRedaction {
  const fingerprint = redactionFingerprint(policy);
  const run = (): ReRedaction => {
    const stale = db.prepare(`SELECT content_sha256, id, source, operation, account, region, is_gap, body FROM evidence WHERE redaction IS NOT ?`).all(fingerprint) as EvidenceRow[];
    if (stale.length === 0) return { fingerprint, rows: 0, runs: [] };
    const insert = db.prepare(
      `INSERT OR IGNORE INTO evidence (content_sha256, id, source, operation, account, region, is_gap, body, redaction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const links = db.prepare(`SELECT run_id, evidence_id, collected_at FROM run_evidence WHERE content_sha256 = ?`);
    const relink = db.prepare(`UPDATE run_evidence SET sha256 = ?, content_sha256 = ? WHERE run_id = ? AND evidence_id = ?`);
    const drop = db.prepare(`DELETE FROM evidence WHERE content_sha256 = ?`);
    const mark = db.prepare(`UPDATE evidence SET redaction = ? WHERE content_sha256 = ?`);
    const affected = new Set<string>();
    let rows = 0;
    for (const row of stale) {
      const content = JSON.parse(row.body) as Omit<EvidenceRecord, "collectedAt" | "sha256">;
      // redactRecord works on whole records; collectedAt and sha256 are put back per run below.
      const probe = { ...content, collectedAt: "", sha256: "" };
      const redacted = redactRecord(probe, policy);
      if (redacted === probe) {
        mark.run(fingerprint, row.content_sha256);
        continue;
      }
      const { collectedAt: _c, sha256: _s, ...newContent } = redacted;
      const body = canonicalJson(newContent);
      const contentSha256 = sha256Hex(body);
      insert.run(contentSha256, row.id, row.source, row.operation, row.account, row.region, row.is_gap, body, fingerprint);
      for (const link of links.all(row.content_sha256) as { run_id: string; evidence_id: string; collected_at: string }[]) {
        const record = JSON.parse(canonicalJson({ ...newContent, collectedAt: link.collected_at })) as Omit<EvidenceRecord, "sha256">;
        relink.run(hashEvidence(record), contentSha256, link.run_id, link.evidence_id);
        affected.add(link.run_id);
      }
      drop.run(row.content_sha256);
      rows++;
    }
    const runs = [...affected].sort();
    const detail: RedactLinkDetail = { fingerprint, runs: [] };
    const sealed = db.prepare(`SELECT 1 AS x FROM run_chain WHERE kind = 'run' AND run_id = ? LIMIT 1`);
    for (const runId of runs) {
      const hashes = (db.prepare(`SELECT sha256 FROM run_evidence WHERE run_id = ?`).all(runId) as { sha256: string }[]).map((r) => r.sha256);
      const previous = (db.prepare(`SELECT merkle_root FROM runs WHERE id = ?`).get(runId) as { merkle_root: string | null } | undefined)?.merkle_root ?? null;
      const root = merkleRoot(hashes);
      db.prepare(`UPDATE runs SET merkle_root = ? WHERE id = ?`).run(root, runId);
      const header = runHeader(db, runId);
      if (header && sealed.get(runId)) detail.runs.push({ id: runId, previousMerkleRoot: previous, merkleRoot: root, runDigest: runDigest(header) });
    }
    if (detail.runs.length > 0) {
      appendChainEntry(db, { kind: "redact", runId: null, framework: null, merkleRoot: null, findingsDigest: null, controlsDigest: null, detail: canonicalJson(detail), createdAt: at });
    }
    return { fingerprint, rows, runs };
  };
  if (db.inTransaction) return run();
  const result = db.transaction(run).immediate();
  // The pre-redaction pages live on in the write-ahead log until a checkpoint copies the new ones
  // over them; do it now rather than whenever SQLite gets to it.
  if (result.rows > 0 && db.name !== ":memory:") db.pragma("wal_checkpoint(TRUNCATE)");
  return result;
}

/**
 * The sealed values of each run as the latest `redact` links restate them: the Merkle root and run
 * digest `verify --db` must compare against instead of the run link's own.
 */
export function redactionOverrides(entries: readonly { kind: string; detail: string | null }[]): Map<string, { merkleRoot: string; runDigest: string }> {
  const overrides = new Map<string, { merkleRoot: string; runDigest: string }>();
  for (const e of entries) {
    if (e.kind !== "redact" || e.detail === null) continue;
    for (const r of (JSON.parse(e.detail) as RedactLinkDetail).runs) overrides.set(r.id, { merkleRoot: r.merkleRoot, runDigest: r.runDigest });
  }
  return overrides;
}
