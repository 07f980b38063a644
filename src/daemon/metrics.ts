import type { RunRow } from "../store/runs.js";

/** What the daemon keeps of a cycle (it may have run in a worker thread): the run and each framework's outcome. */
export interface CycleOutcome {
  run: RunRow;
  frameworks: { id: string; score: number; controls: Record<string, number> }[];
}

export interface DaemonState {
  startedAt: Date;
  running: boolean;
  runsByStatus: Record<string, number>;
  skippedTicks: number;
  last?: { result?: CycleOutcome; error?: string; startedAt: Date; finishedAt: Date };
}

const escapeLabel = (v: string): string => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition of the daemon's state. */
export function renderMetrics(state: DaemonState): string {
  const lines: string[] = [];
  const metric = (name: string, type: string, help: string, samples: [Record<string, string>, number][]): void => {
    lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(",");
      lines.push(`${name}${l ? `{${l}}` : ""} ${value}`);
    }
  };
  metric("sageaudit_runs_total", "counter", "Runs by final status since the daemon started.", Object.entries(state.runsByStatus).map(([status, n]) => [{ status }, n]));
  metric("sageaudit_skipped_ticks_total", "counter", "Scheduled ticks skipped because a run was still going.", [[{}, state.skippedTicks]]);
  metric("sageaudit_run_in_progress", "gauge", "1 while a run is going.", [[{}, state.running ? 1 : 0]]);
  const last = state.last;
  if (last) {
    metric("sageaudit_last_run_timestamp_seconds", "gauge", "When the last run finished.", [[{}, Math.floor(last.finishedAt.getTime() / 1000)]]);
    metric("sageaudit_last_run_duration_seconds", "gauge", "How long the last run took.", [[{}, (last.finishedAt.getTime() - last.startedAt.getTime()) / 1000]]);
    metric("sageaudit_last_run_success", "gauge", "1 when the last run completed (with or without gaps).", [[{}, last.result ? 1 : 0]]);
  }
  const result = last?.result;
  if (result) {
    metric("sageaudit_evidence_gaps", "gauge", "Evidence gaps in the last run.", [[{}, result.run.gaps.length]]);
    metric("sageaudit_evidence_records", "gauge", "Evidence records in the last run.", [[{}, result.run.evidenceCount]]);
    metric("sageaudit_api_calls", "gauge", "AWS API calls of the last run by operation.", Object.entries(result.run.apiCalls).map(([operation, n]) => [{ operation }, n]));
    metric("sageaudit_framework_score", "gauge", "Compliance score (percent of controls PASS or ATTESTED).", result.frameworks.map((f) => [{ framework: f.id }, f.score]));
    metric(
      "sageaudit_controls",
      "gauge",
      "Controls by status in the last run.",
      result.frameworks.flatMap((f) => Object.entries(f.controls).map(([status, n]): [Record<string, string>, number] => [{ framework: f.id, status }, n])),
    );
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Health: 200 while the last run completed (with or without gaps) and is at most `maxAgeSeconds`
 * old (two schedule periods: one missed tick is tolerated, two are not); 503 when the last run
 * failed, or is older, or when no run has finished that long after the daemon started.
 */
export function health(state: DaemonState, now: Date, maxAgeSeconds: number): { ok: boolean; body: Record<string, unknown> } {
  const last = state.last;
  if (!last) {
    const up = Math.round((now.getTime() - state.startedAt.getTime()) / 1000);
    const ok = up <= maxAgeSeconds;
    return { ok, body: { status: ok ? "starting" : "unhealthy", running: state.running, reason: ok ? undefined : `no run finished in ${up}s (limit ${maxAgeSeconds}s)` } };
  }
  const age = Math.round((now.getTime() - last.finishedAt.getTime()) / 1000);
  const lastRun = last.result
    ? { id: last.result.run.id, status: last.result.run.status, finishedAt: last.finishedAt.toISOString(), ageSeconds: age }
    : { status: "failed", error: last.error, finishedAt: last.finishedAt.toISOString(), ageSeconds: age };
  const ok = Boolean(last.result) && age <= maxAgeSeconds;
  const reason = !last.result ? "the last run failed" : age > maxAgeSeconds ? `the last run is ${age}s old (limit ${maxAgeSeconds}s, two schedule periods)` : undefined;
  return { ok, body: { status: ok ? "ok" : "unhealthy", running: state.running, lastRun, ...(reason ? { reason } : {}) } };
}
