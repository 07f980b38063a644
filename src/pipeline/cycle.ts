import type { Logger } from "pino";
import type { ResolvedSource } from "../cli/sources.js";
import { TOOL_VERSION } from "../paths.js";
import type { ReportModel } from "../report/types.js";
import type { Db } from "../store/db.js";
import type { LockHolder } from "../store/lock.js";
import type { RunRow } from "../store/runs.js";
import { collectRun } from "./collect-run.js";
import { renderReportFiles } from "./render.js";
import type { FrameworkEvaluation } from "./evaluate.js";
import { buildRunReport } from "./report-run.js";
import type { FrameworkInputs, ReportFormat } from "./report-run.js";

export interface CycleResult {
  run: RunRow;
  models: ReportModel[];
  files: Record<string, string>[];
}

/**
 * One scheduled cycle, shared by `collect` and the daemon: collect a run, evaluate every configured
 * framework on it in the same pass, store it once, and (when an output is given) render the reports.
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
  const collected = await collectRun({
    db: options.db,
    sourceName: options.source.name,
    collect: options.source.collect,
    toolVersion: TOOL_VERSION,
    frameworks: options.frameworks,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lock ? { dbPath: options.lock.dbPath, wait: Boolean(options.lock.wait), ...(options.lock.onWait ? { onWait: options.lock.onWait } : {}) } : {}),
  });
  const { run } = collected;
  const models = options.frameworks.map((inputs, i) =>
    buildRunReport(options.db, collected, inputs, collected.frameworks[i] as FrameworkEvaluation, collected.evaluatedAt, TOOL_VERSION),
  );
  const files: Record<string, string>[] = [];
  if (options.output) {
    for (const model of models) {
      files.push(await renderReportFiles(model, options.output.formats, options.output.dir));
      options.logger?.info({ runId: run.id, framework: model.framework.id, score: model.summary.score }, "report written");
    }
  }
  return { run, models, files };
}
