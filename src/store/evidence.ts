import type { ReportEvidence } from "../report/types.js";
import type { Db } from "./db.js";

/** Id, hash and origin of every evidence record of a run, without loading the bodies. */
export function evidenceIndex(db: Db, runId: string): Map<string, ReportEvidence> {
  const rows = db
    .prepare(
      `SELECT e.id, e.sha256, e.source, e.operation, e.account, e.region,
              CASE WHEN e.is_gap = 1 THEN json_extract(e.body, '$.error.code') || ': ' || json_extract(e.body, '$.error.message') END AS error
       FROM run_evidence re JOIN evidence e ON e.sha256 = re.sha256 WHERE re.run_id = ? ORDER BY e.id`,
    )
    .all(runId) as (ReportEvidence & { error: string | null })[];
  return new Map(rows.map(({ error, ...r }) => [r.id, error ? { ...r, error } : r]));
}
