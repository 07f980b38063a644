import type { Finding, Waiver } from "../checks/types.js";
import type { ActivityEvent, Resource } from "../evidence/inventory.js";
import { merkleRoot } from "../evidence/merkle.js";
import type { EvidenceGap, EvidenceRecord } from "../evidence/types.js";
import type { Attestation, ControlResult, FrameworkMapping } from "../frameworks/types.js";
import type { Db } from "./db.js";

export type RunStatus = "running" | "completed" | "completed_with_gaps" | "failed" | "incomplete";

export interface RunRow {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  source: string;
  accounts: string[];
  regions: string[];
  toolVersion: string;
  evidenceCount: number;
  merkleRoot: string | null;
  apiCalls: Record<string, number>;
  gaps: EvidenceGap[];
}

interface RawRun {
  id: string;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  source: string;
  accounts: string;
  regions: string;
  tool_version: string;
  evidence_count: number;
  merkle_root: string | null;
  api_calls: string;
  gaps: string;
}

const toRun = (r: RawRun): RunRow => ({
  id: r.id,
  startedAt: r.started_at,
  finishedAt: r.finished_at,
  status: r.status,
  source: r.source,
  accounts: JSON.parse(r.accounts) as string[],
  regions: JSON.parse(r.regions) as string[],
  toolVersion: r.tool_version,
  evidenceCount: r.evidence_count,
  merkleRoot: r.merkle_root,
  apiCalls: JSON.parse(r.api_calls) as Record<string, number>,
  gaps: JSON.parse(r.gaps) as EvidenceGap[],
});

/** Runs that reports may read: finished, whether or not some evidence was missing. */
const READABLE = "status IN ('completed','completed_with_gaps')";

export function startRun(db: Db, run: { id: string; startedAt: string; source: string; accounts: string[]; regions: string[]; toolVersion: string }): void {
  db.prepare(
    `INSERT INTO runs (id, started_at, status, source, accounts, regions, tool_version) VALUES (?, ?, 'running', ?, ?, ?, ?)`,
  ).run(run.id, run.startedAt, run.source, JSON.stringify(run.accounts), JSON.stringify(run.regions), run.toolVersion);
}

export interface RunContent {
  finishedAt: string;
  accounts: string[];
  regions: string[];
  records: readonly EvidenceRecord[];
  findings: readonly Finding[];
  resources: readonly Resource[];
  events: readonly ActivityEvent[];
  gaps: readonly EvidenceGap[];
  apiCalls: Record<string, number>;
}

/** Writes a run's evidence, findings and resources and marks it finished, all in one transaction. */
export function completeRun(db: Db, runId: string, content: RunContent): RunRow {
  const insertEvidence = db.prepare(
    `INSERT OR IGNORE INTO evidence (sha256, id, source, operation, account, region, is_gap, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const linkEvidence = db.prepare(`INSERT OR IGNORE INTO run_evidence (run_id, sha256) VALUES (?, ?)`);
  const insertFinding = db.prepare(`INSERT INTO findings (run_id, check_id, resource_arn, status, body) VALUES (?, ?, ?, ?, ?)`);
  const upsertResource = db.prepare(
    `INSERT INTO resources (arn, type, account, region, name, first_seen_run, last_seen_run) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (arn) DO UPDATE SET last_seen_run = excluded.last_seen_run, name = excluded.name`,
  );
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO events (event_id, account, region, event_time, event_name, body) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const root = merkleRoot(content.records.map((r) => r.sha256));
  db.transaction(() => {
    for (const r of content.records) {
      insertEvidence.run(r.sha256, r.id, r.source, r.operation, r.account, r.region, r.error ? 1 : 0, JSON.stringify(r));
      linkEvidence.run(runId, r.sha256);
    }
    for (const f of content.findings) insertFinding.run(runId, f.checkId, f.resourceArn, f.status, JSON.stringify(f));
    for (const res of content.resources) upsertResource.run(res.arn, res.type, res.account, res.region, res.name, runId, runId);
    for (const e of content.events) insertEvent.run(e.eventId, e.account, e.region, e.eventTime, e.eventName, JSON.stringify(e));
    db.prepare(
      `UPDATE runs SET status = ?, finished_at = ?, accounts = ?, regions = ?, evidence_count = ?, merkle_root = ?, api_calls = ?, gaps = ? WHERE id = ?`,
    ).run(
      content.gaps.length > 0 ? "completed_with_gaps" : "completed",
      content.finishedAt,
      JSON.stringify(content.accounts),
      JSON.stringify(content.regions),
      content.records.length,
      root,
      JSON.stringify(content.apiCalls),
      JSON.stringify(content.gaps),
      runId,
    );
  })();
  return getRun(db, runId) as RunRow;
}

export function failRun(db: Db, runId: string, finishedAt: string, error: string): void {
  db.prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`).run(finishedAt, error, runId);
}

export function saveFrameworkResults(
  db: Db,
  runId: string,
  entry: {
    mapping: FrameworkMapping;
    results: readonly ControlResult[];
    score: number;
    evaluatedAt: string;
    waivers: readonly Waiver[];
    attestations: readonly Attestation[];
  },
): void {
  const insertControl = db.prepare(
    `INSERT OR REPLACE INTO control_results (run_id, framework, control_id, status, body) VALUES (?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    db.prepare(`INSERT OR IGNORE INTO mappings (sha256, framework, source) VALUES (?, ?, ?)`).run(
      entry.mapping.sha256,
      entry.mapping.framework,
      entry.mapping.source,
    );
    db.prepare(
      `INSERT OR REPLACE INTO framework_runs (run_id, framework, mapping_sha256, score, evaluated_at, waivers, attestations) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      runId,
      entry.mapping.framework,
      entry.mapping.sha256,
      entry.score,
      entry.evaluatedAt,
      JSON.stringify(entry.waivers),
      JSON.stringify(entry.attestations),
    );
    for (const r of entry.results) insertControl.run(runId, entry.mapping.framework, r.controlId, r.status, JSON.stringify(r));
  })();
}

export function getRun(db: Db, id: string): RunRow | undefined {
  const row = db.prepare(`SELECT * FROM runs WHERE id = ?`).get(id) as RawRun | undefined;
  return row && toRun(row);
}

/** Resolves `latest`, `previous` or an id to a readable run; undefined when there is none. */
export function resolveRun(db: Db, ref: string): RunRow | undefined {
  if (ref === "latest" || ref === "previous") {
    const rows = db.prepare(`SELECT * FROM runs WHERE ${READABLE} ORDER BY started_at DESC, id DESC LIMIT 2`).all() as RawRun[];
    const row = rows[ref === "latest" ? 0 : 1];
    return row && toRun(row);
  }
  const run = getRun(db, ref);
  return run && (run.status === "completed" || run.status === "completed_with_gaps") ? run : undefined;
}

/** The readable run before `runId`, for "changes since the previous run". */
export function previousRun(db: Db, runId: string): RunRow | undefined {
  const row = db
    .prepare(
      `SELECT * FROM runs WHERE ${READABLE} AND (started_at, id) < (SELECT started_at, id FROM runs WHERE id = ?) ORDER BY started_at DESC, id DESC LIMIT 1`,
    )
    .get(runId) as RawRun | undefined;
  return row && toRun(row);
}

export function loadEvidence(db: Db, runId: string): EvidenceRecord[] {
  const rows = db
    .prepare(`SELECT e.body FROM run_evidence re JOIN evidence e ON e.sha256 = re.sha256 WHERE re.run_id = ? ORDER BY e.id`)
    .all(runId) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as EvidenceRecord);
}

export function loadFindings(db: Db, runId: string): Finding[] {
  const rows = db.prepare(`SELECT body FROM findings WHERE run_id = ? ORDER BY check_id, resource_arn`).all(runId) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as Finding);
}

export function loadEvents(db: Db, runId: string): ActivityEvent[] {
  // Events are shared across runs; a run's events are those its evidence cites.
  const rows = db
    .prepare(
      `SELECT ev.body FROM events ev WHERE json_extract(ev.body, '$.evidenceId') IN (
         SELECT e.id FROM run_evidence re JOIN evidence e ON e.sha256 = re.sha256 WHERE re.run_id = ?)
       ORDER BY ev.event_time, ev.event_id`,
    )
    .all(runId) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as ActivityEvent);
}

/** Scores of earlier readable runs for a framework, oldest first. */
export function scoreTrend(db: Db, framework: string, beforeRunId: string, limit: number): { runId: string; at: string; score: number }[] {
  const rows = db
    .prepare(
      `SELECT r.id AS runId, r.finished_at AS at, f.score AS score FROM framework_runs f JOIN runs r ON r.id = f.run_id
       WHERE f.framework = ? AND r.${READABLE} AND r.started_at <= (SELECT started_at FROM runs WHERE id = ?) AND r.id <> ?
       ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    )
    .all(framework, beforeRunId, beforeRunId, limit) as { runId: string; at: string; score: number }[];
  return rows.reverse();
}

/** Runs this process leaves unfinished (shutdown past its grace period) are recorded as such. */
export function markRunningIncomplete(db: Db, at: string): number {
  return db.prepare(`UPDATE runs SET status = 'incomplete', finished_at = ? WHERE status = 'running'`).run(at).changes;
}
