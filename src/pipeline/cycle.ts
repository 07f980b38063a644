import type { Logger } from "pino";
import type { ResolvedSource } from "../cli/sources.js";
import { TOOL_VERSION } from "../paths.js";
import type { ReportModel } from "../report/types.js";
import type { Db } from "../store/db.js";
import type { LockHolder } from "../store/lock.js";
import type { RunRow } from "../store/runs.js";
import { collectRun } from "./collect-run.js";
import { renderReportFiles } from "./render.js";
import { evaluateStoredRun } from "./report-run.js";
import { renderTime } from "./time.js";
import type { FrameworkInputs, ReportFormat } from "./report-run.js";

export interface CycleResult {
  run: RunRow;
  models: ReportModel[];
  files: Record<string, string>[];
}

/**
 * One scheduled cycle, shared by `collect` and the daemon: collect and store a run, evaluate every
 * configured framework on it, and (when an output is given) render their reports.
 */
export async function runCycle(options: {
  db: Db;
  source: ResolvedSource;
  frameworks: readonly FrameworkInputs[];
  output?: { dir: string; formats: readonly ReportFormat[] };
  logger?: Logger;
  /** How to take the database's collect lock: wait for another collector, or fail naming it. */
  lock?: { dbPath: string; wait?: boolean; onWait?: (holder: LockHolder) => void };
  /** Aborts the collection's in-flight AWS calls (daemon shutdown). */
  signal?: AbortSignal;
}): Promise<CycleResult> {
  const run = await collectRun({
    db: options.db,
    sourceName: options.source.name,
    collect: options.source.collect,
    toolVersion: TOOL_VERSION,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lock ? { dbPath: options.lock.dbPath, wait: Boolean(options.lock.wait), ...(options.lock.onWait ? { onWait: options.lock.onWait } : {}) } : {}),
  });
  const generatedAt = renderTime();
  const models = options.frameworks.map((inputs) => evaluateStoredRun(options.db, run, inputs, generatedAt, TOOL_VERSION));
  const files: Record<string, string>[] = [];
  if (options.output) {
    for (const model of models) {
      files.push(await renderReportFiles(model, options.output.formats, options.output.dir));
      options.logger?.info({ runId: run.id, framework: model.framework.id, score: model.summary.score }, "report written");
    }
  }
  return { run, models, files };
}
