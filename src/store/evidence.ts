import type { CollectorMemory } from "../collect/source.js";
import type { EvidenceRecord } from "../evidence/types.js";
import type { ReportEvidence } from "../report/types.js";
import type { Db } from "./db.js";
import { joinEvidence } from "./runs.js";

/** Id, hash and origin of every evidence record of a run, without loading the bodies. */
export function evidenceIndex(db: Db, runId: string): Map<string, ReportEvidence> {
  const rows = db
    .prepare(
      `SELECT re.evidence_id AS id, re.sha256, e.source, e.operation, e.account, e.region,
              CASE WHEN e.is_gap = 1 THEN json_extract(e.body, '$.error.code') || ': ' || json_extract(e.body, '$.error.message') END AS error
       FROM run_evidence re JOIN evidence e ON e.content_sha256 = re.content_sha256 WHERE re.run_id = ? ORDER BY re.evidence_id`,
    )
    .all(runId) as (ReportEvidence & { error: string | null })[];
  return new Map(rows.map(({ error, ...r }) => [r.id, error ? { ...r, error } : r]));
}

/**
 * The store side of incremental collection. Only runs that completed count: evidence from an
 * incomplete or failed run was never sealed, and a cursor only moves when its run committed.
 */
export function storeMemory(db: Db): CollectorMemory {
  const cursor = db.prepare(`SELECT value FROM cursors WHERE account = ? AND region = ? AND stream = 'cloudtrail'`);
  const newest = db.prepare(
    `SELECT e.body, re.collected_at, re.sha256 FROM run_evidence re
       JOIN runs r ON r.id = re.run_id
       JOIN evidence e ON e.content_sha256 = re.content_sha256
     WHERE re.evidence_id = ? AND r.status IN ('completed','completed_with_gaps') AND e.is_gap = 0
     ORDER BY r.started_at DESC, r.id DESC LIMIT 1`,
  );
  // Events are unique by id and carry the page they were first stored from.
  const eventPages = db.prepare(
    `SELECT DISTINCT evidence_id AS id FROM events WHERE account = ? AND region = ? AND event_time >= ? ORDER BY id`,
  );
  const memory: CollectorMemory = {
    cloudTrailCursor(account: string, region: string): string | undefined {
      return (cursor.get(account, region) as { value: string } | undefined)?.value;
    },
    storedEvidence(id: string): EvidenceRecord | undefined {
      const row = newest.get(id) as { body: string; collected_at: string; sha256: string } | undefined;
      return row && joinEvidence(row.body, row.collected_at, row.sha256);
    },
    storedEventPages(account: string, region: string, since: string): EvidenceRecord[] {
      const ids = (eventPages.all(account, region, since) as { id: string }[]).map((r) => r.id);
      return ids.map((id) => memory.storedEvidence(id)).filter((r): r is EvidenceRecord => r?.operation === "LookupEvents");
    },
  };
  return memory;
}
