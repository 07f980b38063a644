import type { FindingStatus } from "../checks/types.js";
import type { ControlStatus } from "../frameworks/types.js";
import { CONTROL_STATUSES } from "../frameworks/types.js";
import type { Db } from "./db.js";
import type { RunRow, RunStatus } from "./runs.js";

/** Readable runs, oldest first: the order every "over time" question is answered in. */
const READABLE = "status IN ('completed','completed_with_gaps')";

export interface HistoryEntry {
  runId: string;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  /** Null when the run has no results for the framework (never evaluated, or not readable). */
  score: number | null;
  controls: Record<ControlStatus, number> | null;
  gaps: number;
}

/**
 * Compliance of one framework over time, newest first. Every run is listed, failed and
 * incomplete ones too (with no score), so a gap in the record is visible rather than hidden.
 */
export function frameworkHistory(db: Db, framework: string, limit: number): HistoryEntry[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.started_at, r.finished_at, r.status, json_array_length(r.gaps) AS gaps, f.score,
              (SELECT json_group_object(status, n) FROM (SELECT status, count(*) AS n FROM control_results c
                 WHERE c.run_id = r.id AND c.framework = ? GROUP BY status)) AS controls
       FROM runs r LEFT JOIN framework_runs f ON f.run_id = r.id AND f.framework = ?
       ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    )
    .all(framework, framework, limit) as {
    id: string;
    started_at: string;
    finished_at: string | null;
    status: RunStatus;
    gaps: number;
    score: number | null;
    controls: string;
  }[];
  return rows.map((r) => {
    const readable = r.status === "completed" || r.status === "completed_with_gaps";
    const counts = JSON.parse(r.controls) as Partial<Record<ControlStatus, number>>;
    return {
      runId: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      status: r.status,
      score: readable ? r.score : null,
      controls: readable && r.score !== null ? (Object.fromEntries(CONTROL_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<ControlStatus, number>) : null,
      gaps: r.gaps,
    };
  });
}

/** The score series a report's trend chart draws: readable runs up to and including `runId`, oldest first. */
export function complianceSeries(db: Db, framework: string, uptoRunId: string, limit: number): { runId: string; at: string; score: number }[] {
  const rows = db
    .prepare(
      `SELECT r.id AS runId, coalesce(r.finished_at, r.started_at) AS at, f.score AS score FROM framework_runs f JOIN runs r ON r.id = f.run_id
       WHERE f.framework = ? AND r.${READABLE} AND (r.started_at, r.id) <= (SELECT started_at, id FROM runs WHERE id = ?)
       ORDER BY r.started_at DESC, r.id DESC LIMIT ?`,
    )
    .all(framework, uptoRunId, limit) as { runId: string; at: string; score: number }[];
  return rows.reverse();
}

export interface FindingKey {
  checkId: string;
  resourceArn: string;
}

export interface FailureEpisode {
  /** First run of an unbroken stretch of FAIL, and its time. */
  failedRunId: string;
  failedAt: string;
  /** First later run where it no longer failed (passed, was waived upstream, or the resource was gone); null while still failing. */
  resolvedRunId: string | null;
  resolvedAt: string | null;
  resolution: "passed" | "not-applicable" | "error" | "absent" | null;
  /** resolvedAt - failedAt, in milliseconds; null while still failing. */
  timeToRemediateMs: number | null;
}

export interface FindingTimeline extends FindingKey {
  firstFailedAt: string | null;
  lastResolvedAt: string | null;
  currentStatus: FindingStatus | "ABSENT";
  episodes: FailureEpisode[];
}

const keyOf = (k: FindingKey): string => `${k.checkId}\u0000${k.resourceArn}`;

/**
 * When each finding first failed, when it was fixed, and how long that took, over the readable runs
 * up to `uptoRunId` (default: all). Times are run finish times: when the state was observed. A
 * finding that disappears (resource deleted) counts as resolved by the run that no longer saw it.
 */
export function findingTimeline(db: Db, options: { keys?: readonly FindingKey[]; uptoRunId?: string } = {}): FindingTimeline[] {
  const runs = db
    .prepare(
      `SELECT id, coalesce(finished_at, started_at) AS at FROM runs WHERE ${READABLE}
       ${options.uptoRunId ? "AND (started_at, id) <= (SELECT started_at, id FROM runs WHERE id = @upto)" : ""}
       ORDER BY started_at, id`,
    )
    .all(options.uptoRunId ? { upto: options.uptoRunId } : {}) as { id: string; at: string }[];
  const wanted = options.keys ? new Set(options.keys.map(keyOf)) : undefined;
  const byRun = new Map<string, Map<string, FindingStatus>>();
  const stmt = db.prepare(`SELECT s.check_id, s.resource_arn, f.status FROM findings f JOIN finding_subjects s ON s.id = f.subject_id WHERE f.run_id = ?`);
  const all = new Map<string, FindingKey>();
  for (const run of runs) {
    const statuses = new Map<string, FindingStatus>();
    for (const f of stmt.iterate(run.id) as IterableIterator<{ check_id: string; resource_arn: string; status: FindingStatus }>) {
      const key = keyOf({ checkId: f.check_id, resourceArn: f.resource_arn });
      if (wanted && !wanted.has(key)) continue;
      statuses.set(key, f.status);
      if (!all.has(key)) all.set(key, { checkId: f.check_id, resourceArn: f.resource_arn });
    }
    byRun.set(run.id, statuses);
  }
  const timelines: FindingTimeline[] = [];
  for (const [key, finding] of all) {
    const episodes: FailureEpisode[] = [];
    let open: FailureEpisode | undefined;
    let current: FindingStatus | "ABSENT" = "ABSENT";
    for (const run of runs) {
      current = byRun.get(run.id)?.get(key) ?? "ABSENT";
      if (current === "FAIL") {
        if (!open) {
          open = { failedRunId: run.id, failedAt: run.at, resolvedRunId: null, resolvedAt: null, resolution: null, timeToRemediateMs: null };
          episodes.push(open);
        }
      } else if (open) {
        open.resolvedRunId = run.id;
        open.resolvedAt = run.at;
        open.resolution = current === "ABSENT" ? "absent" : current === "NOT_APPLICABLE" ? "not-applicable" : current === "ERROR" ? "error" : "passed";
        open.timeToRemediateMs = Date.parse(run.at) - Date.parse(open.failedAt);
        open = undefined;
      }
    }
    timelines.push({
      ...finding,
      firstFailedAt: episodes[0]?.failedAt ?? null,
      lastResolvedAt: [...episodes].reverse().find((e) => e.resolvedAt !== null)?.resolvedAt ?? null,
      currentStatus: current,
      episodes,
    });
  }
  return timelines.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
}

export interface FindingChange extends FindingKey {
  before: FindingStatus | "ABSENT";
  after: FindingStatus | "ABSENT";
  reason: string;
}

export interface ControlChange {
  controlId: string;
  before: ControlStatus | "ABSENT";
  after: ControlStatus | "ABSENT";
}

export interface EvidenceChange {
  evidenceId: string;
  source: string;
  operation: string;
  account: string;
  region: string;
  change: "added" | "removed" | "changed";
}

export interface RunDiff {
  from: { runId: string; startedAt: string };
  to: { runId: string; startedAt: string };
  framework?: string;
  newlyFailing: FindingChange[];
  resolved: FindingChange[];
  stillFailing: FindingChange[];
  controls?: ControlChange[];
  evidence: { added: number; removed: number; changed: number; changes: EvidenceChange[] };
  timelines: FindingTimeline[];
}

/**
 * What changed between two runs. With `checkIds` (the checks a framework maps) only those
 * findings count, and `framework` adds the control status changes. Evidence changes compare
 * content, not collection time: an unchanged API answer is not a change.
 */
export function diffRuns(db: Db, a: RunRow, b: RunRow, options: { framework?: string; checkIds?: ReadonlySet<string> } = {}): RunDiff {
  const findings = (runId: string): Map<string, { key: FindingKey; status: FindingStatus; reason: string }> => {
    const rows = db.prepare(`SELECT s.check_id, s.resource_arn, f.status, json_extract(b.body, '$.reason') AS reason FROM findings f
       JOIN finding_subjects s ON s.id = f.subject_id JOIN finding_bodies b ON b.id = f.body_id WHERE f.run_id = ?`).all(runId) as {
      check_id: string;
      resource_arn: string;
      status: FindingStatus;
      reason: string | null;
    }[];
    return new Map(
      rows
        .filter((r) => !options.checkIds || options.checkIds.has(r.check_id))
        .map((r) => {
          const key = { checkId: r.check_id, resourceArn: r.resource_arn };
          return [keyOf(key), { key, status: r.status, reason: r.reason ?? "" }];
        }),
    );
  };
  const before = findings(a.id);
  const after = findings(b.id);
  const newlyFailing: FindingChange[] = [];
  const resolved: FindingChange[] = [];
  const stillFailing: FindingChange[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const x = before.get(key);
    const y = after.get(key);
    const k = (x ?? y)?.key as FindingKey;
    const change: FindingChange = { ...k, before: x?.status ?? "ABSENT", after: y?.status ?? "ABSENT", reason: y?.reason ?? (x ? `not observed in ${b.id}` : "") };
    if (change.after === "FAIL" && change.before === "FAIL") stillFailing.push(change);
    else if (change.after === "FAIL") newlyFailing.push(change);
    else if (change.before === "FAIL") resolved.push(change);
  }

  const evidence = (runId: string): Map<string, { content: string; meta: Omit<EvidenceChange, "change"> }> => {
    const rows = db
      .prepare(
        `SELECT re.evidence_id, re.content_sha256, e.source, e.operation, e.account, e.region FROM run_evidence re
         JOIN evidence e ON e.content_sha256 = re.content_sha256 WHERE re.run_id = ?`,
      )
      .all(runId) as { evidence_id: string; content_sha256: string; source: string; operation: string; account: string; region: string }[];
    return new Map(
      rows.map((r) => [
        r.evidence_id,
        { content: r.content_sha256, meta: { evidenceId: r.evidence_id, source: r.source, operation: r.operation, account: r.account, region: r.region } },
      ]),
    );
  };
  const evA = evidence(a.id);
  const evB = evidence(b.id);
  const changes: EvidenceChange[] = [];
  for (const id of [...new Set([...evA.keys(), ...evB.keys()])].sort()) {
    const x = evA.get(id);
    const y = evB.get(id);
    if (x && y && x.content !== y.content) changes.push({ ...y.meta, change: "changed" });
    else if (!x && y) changes.push({ ...y.meta, change: "added" });
    else if (x && !y) changes.push({ ...x.meta, change: "removed" });
  }

  let controls: ControlChange[] | undefined;
  if (options.framework) {
    const load = (runId: string): Map<string, ControlStatus> =>
      new Map(
        (db.prepare(`SELECT control_id, status FROM control_results WHERE run_id = ? AND framework = ?`).all(runId, options.framework) as { control_id: string; status: ControlStatus }[]).map(
          (r) => [r.control_id, r.status],
        ),
      );
    const ca = load(a.id);
    const cb = load(b.id);
    controls = [...new Set([...ca.keys(), ...cb.keys()])]
      .sort()
      .map((id) => ({ controlId: id, before: ca.get(id) ?? ("ABSENT" as const), after: cb.get(id) ?? ("ABSENT" as const) }))
      .filter((c) => c.before !== c.after);
  }

  const touched = [...newlyFailing, ...resolved, ...stillFailing].map((c) => ({ checkId: c.checkId, resourceArn: c.resourceArn }));
  const later = a.startedAt > b.startedAt || (a.startedAt === b.startedAt && a.id > b.id) ? a : b;
  return {
    from: { runId: a.id, startedAt: a.startedAt },
    to: { runId: b.id, startedAt: b.startedAt },
    ...(options.framework ? { framework: options.framework } : {}),
    newlyFailing,
    resolved,
    stillFailing,
    ...(controls ? { controls } : {}),
    evidence: {
      added: changes.filter((c) => c.change === "added").length,
      removed: changes.filter((c) => c.change === "removed").length,
      changed: changes.filter((c) => c.change === "changed").length,
      changes,
    },
    timelines: touched.length > 0 ? findingTimeline(db, { keys: touched, uptoRunId: later.id }) : [],
  };
}
