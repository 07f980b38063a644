import type { CollectorMemory } from "../collect/source.js";
import type { EvidenceRecord } from "../evidence/types.js";
import type { ReportEvidence } from "../report/types.js";
import type { Db } from "./db.js";
import { joinEvidence } from "./runs.js";
import { rememberStoredOrigin, storedOriginOf } from "./stored-origin.js";
import type { StoredOrigin } from "./stored-origin.js";

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

interface StoredRow {
  run_id: string;
  body: string;
  collected_at: string;
  sha256: string;
  redaction: string | null;
}

/**
 * The store side of incremental collection. Only runs that completed count: evidence from an
 * incomplete or failed run was never sealed, and a cursor only moves when its run committed.
 * A memory serves one collection (collectRun makes one per run): the newest completed run is
 * looked up when it is made, and the collect lock keeps another run from completing meanwhile.
 */
export function storeMemory(db: Db): CollectorMemory {
  const cursor = db.prepare(`SELECT value FROM cursors WHERE account = ? AND region = ? AND stream = 'cloudtrail'`);
  // The newest completed run's answer to this request. Walked from the newest run back (CROSS JOIN
  // fixes the join order; `+` keeps the planner off the status index, so runs come in
  // `runs_started` order and the walk stops at the first run that holds the id), one primary-key
  // probe per run: an unchanged resource is found in the last run, however long the history. Joined
  // the other way, every lookup sorted every run that ever held the id, which at 200 runs was
  // 0.7 ms a lookup. An id no run holds is ruled out by its index first, not by walking every run.
  const held = db.prepare(`SELECT 1 FROM run_evidence WHERE evidence_id = ? LIMIT 1`);
  // Nearly every reused answer is in the newest completed run: two primary-key probes find it
  // there, where the walk below costs an index probe, a step through the runs and a probe per run
  // (at 100,000 reused describes a lookup took 28 µs, a fifth less this way; the rest is reading
  // the body). Absent there, or a gap there, the walk decides.
  const newestRun = db.prepare(`SELECT id FROM runs WHERE status IN ('completed','completed_with_gaps') ORDER BY started_at DESC, id DESC LIMIT 1`).pluck().get() as string | undefined;
  const inNewestRun = db.prepare(
    `SELECT re.run_id, e.body, re.collected_at, re.sha256, e.redaction FROM run_evidence re
       JOIN evidence e ON e.content_sha256 = re.content_sha256
     WHERE re.run_id = ? AND re.evidence_id = ? AND e.is_gap = 0`,
  );
  const newest = db.prepare(
    `SELECT re.run_id, e.body, re.collected_at, re.sha256, e.redaction FROM runs r
       CROSS JOIN run_evidence re ON re.run_id = r.id AND re.evidence_id = ?
       CROSS JOIN evidence e ON e.content_sha256 = re.content_sha256
     WHERE +r.status IN ('completed','completed_with_gaps') AND e.is_gap = 0
     ORDER BY r.started_at DESC, r.id DESC LIMIT 1`,
  );
  // Events are unique by id and carry the page they were first stored from.
  const eventPages = db.prepare(
    `SELECT DISTINCT evidence_id AS id FROM events WHERE account = ? AND region = ? AND event_time >= ? ORDER BY id`,
  );
  // One origin object per run and policy, shared by every record read from there.
  let lastOrigin: StoredOrigin | undefined;
  const memory: CollectorMemory = {
    cloudTrailCursor(account: string, region: string): string | undefined {
      return (cursor.get(account, region) as { value: string } | undefined)?.value;
    },
    storedEvidence(id: string): EvidenceRecord | undefined {
      const row = ((newestRun !== undefined ? inNewestRun.get(newestRun, id) : undefined) ?? (held.get(id) ? newest.get(id) : undefined)) as StoredRow | undefined;
      if (!row) return undefined;
      if (lastOrigin?.runId !== row.run_id || lastOrigin.redaction !== row.redaction) lastOrigin = { runId: row.run_id, redaction: row.redaction };
      return rememberStoredOrigin(joinEvidence(row.body, row.collected_at, row.sha256), lastOrigin);
    },
    redactedUnder(record: EvidenceRecord): string | undefined {
      return storedOriginOf(record)?.redaction ?? undefined;
    },
    storedEventPages(account: string, region: string, since: string): EvidenceRecord[] {
      const ids = (eventPages.all(account, region, since) as { id: string }[]).map((r) => r.id);
      return ids.map((id) => memory.storedEvidence(id)).filter((r): r is EvidenceRecord => r?.operation === "LookupEvents");
    },
  };
  return memory;
}
