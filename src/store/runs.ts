import { findingJson, findingKeyJson } from "../checks/finding.js";
import type { Finding, Waiver } from "../checks/types.js";
import type { ActivityEvent, Resource } from "../evidence/inventory.js";
import { hostname } from "node:os";
import { canonicalJson, sha256Bytes, sha256Hex } from "../evidence/canonical.js";
import { merkleRoot } from "../evidence/merkle.js";
import { withHash } from "../evidence/record.js";
import { jsonTooDeep, LIMITS } from "../input/limits.js";
import type { EvidenceGap, EvidenceRecord } from "../evidence/types.js";
import type { Attestation, ControlResult, FrameworkMapping } from "../frameworks/types.js";
import type { CollectionCursor } from "../collect/source.js";
import { frameworkRunRow, sealControls, sealedControlsDigest, sealRun } from "./chain.js";
import type { Db } from "./db.js";
import { controlsDigest, FindingsDigest, inFindingOrder } from "./digest.js";
import { storedOriginOf } from "./stored-origin.js";
import type { ControlRow, FindingRow, FrameworkRunRow } from "./digest.js";

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
    `INSERT INTO runs (id, started_at, status, source, accounts, regions, tool_version, pid, hostname) VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?)`,
  ).run(run.id, run.startedAt, run.source, JSON.stringify(run.accounts), JSON.stringify(run.regions), run.toolVersion, process.pid, hostname());
}

/** A run's evidence and inventory rows: the part of its content that is written first, then let go. */
export interface RunEvidence {
  records: readonly EvidenceRecord[];
  resources: readonly Resource[];
  events: readonly ActivityEvent[];
}

/**
 * A value handed to one taker: once taken the box no longer refers to it, so it is garbage as soon
 * as the taker is done with it, though the box itself lives on in the caller's content object.
 */
export class Handover<T> {
  private value: T | undefined;
  constructor(value: T) {
    this.value = value;
  }
  take(): T {
    const value = this.value;
    if (value === undefined) throw new Error("handed over twice: the value was taken already");
    this.value = undefined;
    return value;
  }
}

export interface RunContent {
  finishedAt: string;
  accounts: string[];
  regions: string[];
  /**
   * Records, resources and events, taken by completeRun and written before the findings. A caller
   * that holds no other reference to them (collect does not) lets a large run's evidence and
   * inventory be collected while its findings are serialised: at 500,000 training jobs they are
   * most of the heap, which otherwise stays near its limit for the whole store.
   */
  evidence: Handover<RunEvidence>;
  findings: readonly Finding[];
  gaps: readonly EvidenceGap[];
  apiCalls: Record<string, number>;
  cursors?: readonly CollectionCursor[];
  /** Fingerprint of the redaction policy the records were redacted under (src/store/redaction.ts). */
  redactionFingerprint?: string;
  /** Control results of the frameworks evaluated in the same pass, stored with the run. */
  frameworks?: readonly FrameworkResultsEntry[];
}

/**
 * Writes a run's evidence, findings, resources, events, cursors and the control results of the
 * frameworks evaluated with it, marks it finished and seals it into the chain, all in one
 * transaction: a crash leaves either all of it or none of it (and the run row `running`, which the
 * next start marks `incomplete`). The run is written once and not read back: the row returned is
 * the one just written. The evidence, resources and events go first and are let go (see
 * {@link RunContent.evidence}); then the findings.
 */
export function completeRun(db: Db, runId: string, content: RunContent): RunRow {
  const insertFinding = db.prepare(`INSERT INTO findings (run_id, subject_id, status, body_id) VALUES (?, ?, ?, ?)`);
  const upsertCursor = db.prepare(
    `INSERT INTO cursors (account, region, stream, value, run_id) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (account, region, stream) DO UPDATE SET value = excluded.value, run_id = excluded.run_id`,
  );
  const status: RunStatus = content.gaps.length > 0 ? "completed_with_gaps" : "completed";
  return db.transaction((): RunRow => {
    const run = getRun(db, runId);
    if (!run) throw new Error(`run ${runId} does not exist`);
    // Taken in a function of its own, so that no frame holds the evidence past its writing.
    const { root, evidenceCount } = writeEvidence(db, run, content.evidence, content.redactionFingerprint);
    // Each body is written and hashed, then dropped: a run's finding text is never held whole.
    const digest = new FindingsDigest();
    const place = findingPlacer(db, runId);
    for (const f of inFindingOrder(content.findings)) {
      const row: FindingRow = { checkId: f.checkId, resourceArn: f.resourceArn, status: f.status, body: findingJson(f) };
      const { subjectId, bodyId, sha256 } = place(row);
      insertFinding.run(runId, subjectId, row.status, bodyId);
      digest.addKeyed(findingKeyJson(f), row.status, sha256);
    }
    for (const c of content.cursors ?? []) upsertCursor.run(c.account, c.region, c.stream, c.value, runId);
    const updated = db
      .prepare(
        `UPDATE runs SET status = ?, finished_at = ?, accounts = ?, regions = ?, evidence_count = ?, merkle_root = ?, api_calls = ?, gaps = ?
         WHERE id = ? AND status = 'running'`,
      )
      .run(
        status,
        content.finishedAt,
        JSON.stringify(content.accounts),
        JSON.stringify(content.regions),
        evidenceCount,
        root,
        JSON.stringify(content.apiCalls),
        JSON.stringify(content.gaps),
        runId,
      );
    // Another process judged this run dead (stale lock) and marked it incomplete: do not resurrect it.
    if (updated.changes !== 1) throw new Error(`run ${runId} is no longer running (status ${run.status}); its results were not stored`);
    sealRun(db, runId, root, content.finishedAt, digest.digest());
    for (const entry of content.frameworks ?? []) writeFrameworkResults(db, runId, entry, { fresh: true });
    return {
      ...run,
      status,
      finishedAt: content.finishedAt,
      accounts: [...content.accounts],
      regions: [...content.regions],
      evidenceCount,
      merkleRoot: root,
      apiCalls: { ...content.apiCalls },
      gaps: [...content.gaps],
    };
  }).immediate();
}

/** Inside completeRun's transaction: the run's evidence rows, resources and events; its Merkle root. */
function writeEvidence(db: Db, run: RunRow, box: Handover<RunEvidence>, redaction: string | undefined): { root: string; evidenceCount: number } {
  const evidence = box.take();
  const insertContent = db.prepare(
    `INSERT OR IGNORE INTO evidence (content_sha256, id, source, operation, account, region, is_gap, body, redaction) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  // The content key of the row a reused record was read from, if that row is still the record (its
  // sha256 covers the whole record, so an equal one means equal content) and its content is still
  // stored (retention may have taken it since).
  const storedContent = db
    .prepare(
      `SELECT re.content_sha256 FROM run_evidence re JOIN evidence e ON e.content_sha256 = re.content_sha256
       WHERE re.run_id = ? AND re.evidence_id = ? AND re.sha256 = ?`,
    )
    .pluck();
  // Plain INSERT: an evidence id twice in one run is a collector bug, and must not pass silently.
  const linkEvidence = db.prepare(`INSERT INTO run_evidence (run_id, evidence_id, sha256, collected_at, content_sha256) VALUES (?, ?, ?, ?, ?)`);
  const upsertResource = db.prepare(
    `INSERT INTO resources (arn, type, account, region, name, first_seen_run, first_seen_at, last_seen_run, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (arn) DO UPDATE SET last_seen_run = excluded.last_seen_run, last_seen_at = excluded.last_seen_at, name = excluded.name`,
  );
  const insertEvent = db.prepare(
    `INSERT OR IGNORE INTO events (event_id, account, region, event_time, event_name, evidence_id) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const r of evidence.records) {
    // A record reused from the store, unchanged: its row is there already (unless retention took it since).
    const origin = storedOriginOf(r);
    const stored = origin && (storedContent.get(origin.runId, r.id, r.sha256) as string | undefined);
    if (stored !== undefined) {
      linkEvidence.run(run.id, r.id, r.sha256, r.collectedAt, stored);
      continue;
    }
    const { body, contentSha256 } = splitEvidence(r);
    insertContent.run(contentSha256, r.id, r.source, r.operation, r.account, r.region, r.error ? 1 : 0, body, redaction ?? null);
    linkEvidence.run(run.id, r.id, r.sha256, r.collectedAt, contentSha256);
  }
  for (const res of evidence.resources) upsertResource.run(res.arn, res.type, res.account, res.region, res.name, run.id, run.startedAt, run.id, run.startedAt);
  for (const e of evidence.events) insertEvent.run(e.eventId, e.account, e.region, e.eventTime, e.eventName, e.evidenceId);
  return { root: merkleRoot(evidence.records.map((r) => r.sha256)), evidenceCount: evidence.records.length };
}

/**
 * The subject id and body id of each finding of a run (schema v6). A (check, resource) subject is
 * written once, the first time it is seen. An unchanged resource's finding has the same body in
 * every run: it is taken from the previous run's finding for the same subject when their sha256
 * agree, and a new body is written otherwise, so the store grows with change, not with runs. The
 * placer is handed the findings in key order and walks the subjects alongside, with the previous
 * run's finding of each, a page at a time (a merge join): one range read per page where a probe per
 * finding cost a statement call and a B-tree descent each (at 100,000 jobs, 700,000 probes). A
 * finding the walk does not meet (new, or ordered otherwise by SQLite than by JavaScript, which
 * only exotic code points are) has its subject inserted or looked up and gets a new body:
 * the join can only miss a reuse, never reuse a body that differs.
 */
function findingPlacer(db: Db, runId: string): (row: FindingRow) => { subjectId: number | bigint; bodyId: number | bigint; sha256: Buffer } {
  const walk = subjectWalk(db, previousRun(db, runId)?.id ?? null);
  const insertBody = db.prepare(`INSERT INTO finding_bodies (sha256, body) VALUES (?, ?)`);
  // A subject the walk did not meet is nearly always new: inserted, its id is the new rowid; the
  // look-up is only for one the walk passed by. (An upsert with RETURNING cost a third more a
  // subject, on every finding of a first run.)
  const insertSubject = db.prepare(`INSERT OR IGNORE INTO finding_subjects (check_id, resource_arn) VALUES (?, ?)`);
  const subjectIdOf = db.prepare(`SELECT id FROM finding_subjects WHERE check_id = ? AND resource_arn = ?`).pluck();
  const subjectOf = (checkId: string, resourceArn: string): number | bigint => {
    const inserted = insertSubject.run(checkId, resourceArn);
    return inserted.changes === 1 ? inserted.lastInsertRowid : (subjectIdOf.get(checkId, resourceArn) as number);
  };
  return (row) => {
    const sha = sha256Bytes(row.body);
    const [, , knownSubject, knownBody, knownSha] = walk(row.checkId, row.resourceArn) ?? [];
    const subjectId = knownSubject ?? subjectOf(row.checkId, row.resourceArn);
    const bodyId = knownBody != null && knownSha?.equals(sha) ? knownBody : insertBody.run(sha, row.body).lastInsertRowid;
    return { subjectId, bodyId, sha256: sha };
  };
}

/**
 * A subject with the previous run's finding of it (body id and sha256, null when it had none), as
 * SQLite hands the row over: raw, an array per row, no object built for each of millions.
 */
type KnownSubject = [checkId: string, resourceArn: string, subjectId: number, bodyId: number | null, sha256: Buffer | null];

const SUBJECT_PAGE = 2000;

/**
 * A forward-only reader of the subjects in key order, each with the previous run's body (if any):
 * asked for keys in ascending order, it answers each from the page in hand. Subjects are walked
 * through their unique index, so a page is one range read.
 */
function subjectWalk(db: Db, previousRunId: string | null): (checkId: string, resourceArn: string) => KnownSubject | undefined {
  const page = db
    .prepare(
      `SELECT s.check_id, s.resource_arn, s.id, b.id, b.sha256 FROM finding_subjects s
       LEFT JOIN findings f ON f.run_id = ? AND f.subject_id = s.id
       LEFT JOIN finding_bodies b ON b.id = f.body_id
     WHERE (s.check_id, s.resource_arn) > (?, ?) ORDER BY s.check_id, s.resource_arn LIMIT ${SUBJECT_PAGE}`,
    )
    .raw();
  let rows: KnownSubject[] = [];
  let at = 0;
  let after = ["", ""];
  let exhausted = false;
  const precedes = (r: KnownSubject, checkId: string, resourceArn: string) => r[0] < checkId || (r[0] === checkId && r[1] < resourceArn);
  return (checkId, resourceArn) => {
    for (;;) {
      while (at < rows.length && precedes(rows[at] as KnownSubject, checkId, resourceArn)) at++;
      if (at < rows.length || exhausted) break;
      rows = page.all(previousRunId, after[0], after[1]) as KnownSubject[];
      at = 0;
      exhausted = rows.length < SUBJECT_PAGE;
      const last = rows.at(-1);
      if (last) after = [last[0], last[1]];
    }
    const r = rows[at];
    return r && r[0] === checkId && r[1] === resourceArn ? r : undefined;
  };
}

/**
 * A record's content (everything but `collectedAt` and `sha256`) as canonical JSON, and its hash:
 * the content-addressed key that lets runs share unchanged evidence.
 */
export function splitEvidence(record: EvidenceRecord): { body: string; contentSha256: string } {
  const { collectedAt: _collectedAt, sha256: _sha256, ...content } = record;
  const body = canonicalJson(content);
  return { body, contentSha256: sha256Hex(body) };
}

/** The members a sealed record's stored content has, besides the optional `response` and `error`. */
const RECORD_MEMBERS = ["account", "id", "operation", "params", "redactions", "region", "source"] as const;
const CONTENT_MEMBERS = new Set<string>([...RECORD_MEMBERS, "response", "error"]);

/** Rebuilds the record exactly as sealEvidence produced it (canonical key order, then sha256). */
export function joinEvidence(body: string, collectedAt: string, sha256: string): EvidenceRecord {
  // Bodies were canonical records when stored; one nested this deep was written by something else,
  // and rebuilding it (recursively) must not exhaust the stack.
  if (jsonTooDeep(body, LIMITS.jsonDepth)) throw new Error(`a stored evidence body is nested deeper than ${LIMITS.jsonDepth} levels: the database was altered outside sageaudit`);
  const content = JSON.parse(body) as Record<string, unknown>;
  // The shape sealEvidence gives every record (withHash): a reused record built key by key had
  // properties out of its object and a fresh empty redaction list, some 90 bytes more a record than
  // a sealed one, at 500,000 reused describes 45 MiB. Only a body with exactly a record's members
  // takes that path: anything else (written outside sageaudit) is rebuilt as it is, so verify sees it.
  if (isRecordContent(content)) return withHash({ ...(content as unknown as Omit<EvidenceRecord, "sha256" | "collectedAt">), collectedAt }, sha256);
  // The body is canonical JSON, so only its top level needs `collectedAt` put back in canonical
  // place: one parse, where a canonical round trip parsed and serialised the record once more.
  const record: Record<string, unknown> = {};
  for (const key of [...Object.keys(content).filter((k) => k !== "collectedAt" && k !== "sha256"), "collectedAt"].sort()) record[key] = key === "collectedAt" ? collectedAt : content[key];
  record["sha256"] = sha256;
  return record as unknown as EvidenceRecord;
}

function isRecordContent(content: Record<string, unknown>): boolean {
  for (const key of Object.keys(content)) if (!CONTENT_MEMBERS.has(key)) return false;
  return RECORD_MEMBERS.every((key) => Object.hasOwn(content, key)) && Array.isArray(content["redactions"]);
}

export function failRun(db: Db, runId: string, finishedAt: string, error: string): void {
  db.prepare(`UPDATE runs SET status = 'failed', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`).run(finishedAt, error, runId);
}

/** One run of this process that will not finish (aborted at shutdown). */
export function markRunIncomplete(db: Db, runId: string, finishedAt: string, error: string): void {
  db.prepare(`UPDATE runs SET status = 'incomplete', finished_at = ?, error = ? WHERE id = ? AND status = 'running'`).run(finishedAt, error, runId);
}

export interface FrameworkResultsEntry {
  mapping: FrameworkMapping;
  results: readonly ControlResult[];
  score: number;
  evaluatedAt: string;
  waivers: readonly Waiver[];
  attestations: readonly Attestation[];
}

/**
 * Stores one framework's control results for a run and seals them into the chain. Re-evaluating
 * with the same mapping, waivers and attestations (e.g. `report --run latest` twice) writes
 * nothing; a different outcome replaces the results and adds a link, so the chain shows it.
 */
export function saveFrameworkResults(db: Db, runId: string, entry: FrameworkResultsEntry): void {
  db.transaction(() => {
    const run = getRun(db, runId);
    if (!run || (run.status !== "completed" && run.status !== "completed_with_gaps")) {
      throw new Error(`run ${runId} is not a completed run; control results are only stored for completed runs`);
    }
    writeFrameworkResults(db, runId, entry);
  }).immediate();
}

/**
 * Inside the caller's transaction, on a run already marked completed: see {@link saveFrameworkResults}.
 * `fresh`: the run is being completed in this transaction, so it has no results to compare with.
 */
function writeFrameworkResults(db: Db, runId: string, entry: FrameworkResultsEntry, options: { fresh?: boolean } = {}): void {
  const framework = entry.mapping.framework;
  // Findings are stored once per run; a control result refers to them by key, with the status it
  // counted after waivers, instead of copying every finding into every control that maps it.
  const rows: ControlRow[] = entry.results.map((r) => ({
    controlId: r.controlId,
    status: r.status,
    body: JSON.stringify({ ...r, findings: r.findings.map((f) => ({ checkId: f.checkId, resourceArn: f.resourceArn, status: f.status })) }),
  }));
  const header = (evaluatedAt: string): FrameworkRunRow => ({
    framework,
    mappingSha256: entry.mapping.sha256,
    score: entry.score,
    evaluatedAt,
    waivers: JSON.stringify(entry.waivers),
    attestations: JSON.stringify(entry.attestations),
  });
  const existing = options.fresh ? undefined : frameworkRunRow(db, runId, framework);
  if (existing && controlsDigest(header(existing.evaluatedAt), rows) === sealedControlsDigest(db, runId, framework)) return;
  const h = header(entry.evaluatedAt);
  const insertControl = db.prepare(`INSERT INTO control_results (run_id, framework, control_id, status, body) VALUES (?, ?, ?, ?, ?)`);
  db.prepare(`INSERT OR IGNORE INTO mappings (sha256, framework, source) VALUES (?, ?, ?)`).run(entry.mapping.sha256, framework, entry.mapping.source);
  db.prepare(`DELETE FROM framework_runs WHERE run_id = ? AND framework = ?`).run(runId, framework);
  db.prepare(
    `INSERT INTO framework_runs (run_id, framework, mapping_sha256, score, evaluated_at, waivers, attestations) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(runId, framework, h.mappingSha256, h.score, h.evaluatedAt, h.waivers, h.attestations);
  for (const r of rows) insertControl.run(runId, framework, r.controlId, r.status, r.body);
  sealControls(db, runId, framework, entry.evaluatedAt, { header: h, rows });
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
    .prepare(
      `SELECT e.body, re.collected_at, re.sha256 FROM run_evidence re JOIN evidence e ON e.content_sha256 = re.content_sha256
       WHERE re.run_id = ? ORDER BY re.evidence_id`,
    )
    .all(runId) as { body: string; collected_at: string; sha256: string }[];
  return rows.map((r) => joinEvidence(r.body, r.collected_at, r.sha256));
}

export function loadFindings(db: Db, runId: string): Finding[] {
  const rows = db
    .prepare(
      `SELECT b.body FROM findings f JOIN finding_subjects s ON s.id = f.subject_id JOIN finding_bodies b ON b.id = f.body_id
       WHERE f.run_id = ? ORDER BY s.check_id, s.resource_arn`,
    )
    .all(runId) as { body: string }[];
  return rows.map((r) => JSON.parse(r.body) as Finding);
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

/**
 * Runs this process leaves unfinished (shutdown past its grace period) are recorded as such. Only
 * its own: another process's running run is that process's business (and the lock's).
 */
export function markRunningIncomplete(db: Db, at: string): number {
  return db
    .prepare(`UPDATE runs SET status = 'incomplete', finished_at = ?, error = 'abandoned at shutdown' WHERE status = 'running' AND pid = ? AND hostname = ?`)
    .run(at, process.pid, hostname()).changes;
}
