import type { Command } from "commander";
import { NonCompliantError, UsageError } from "../errors.js";
import { TOOL_VERSION } from "../paths.js";
import { collectRun } from "../pipeline/collect-run.js";
import { renderReportFiles } from "../pipeline/render.js";
import { sweepStaleTemps, validateOutDir } from "../pipeline/output.js";
import type { FrameworkEvaluation } from "../pipeline/evaluate.js";
import { buildRunReport, evaluateStoredRun } from "../pipeline/report-run.js";
import { renderTime } from "../pipeline/time.js";
import type { ReportModel } from "../report/types.js";
import { openDb } from "../store/db.js";
import { resolveRun } from "../store/runs.js";
import type { CommonFlags } from "./context.js";
import { loadFrameworkInputs, parseFormats, resolveConfig, withCollectOptions } from "./context.js";
import { createLogger } from "./log.js";
import { canWrite, openExistingDb, sayWaiting } from "./store.js";
import { resolveSource } from "./sources.js";
import { printReportSummary } from "./summary.js";

interface ReportFlags extends CommonFlags {
  framework: string;
  format?: string;
  out?: string;
  source?: string;
  wait?: boolean;
  run?: string;
  failOnNoncompliant?: boolean;
}

/**
 * What makes a CI gate fail: a control that FAILs, or one that is NO_DATA because evidence was
 * missing (an ERROR finding: a denied, throttled or unreachable call). A gate must never go green
 * on evidence it did not get. NO_DATA with no applicable resource at all is not a failure.
 */
export function nonCompliance(model: ReportModel): string | undefined {
  const failing = model.controls.filter((c) => c.status === "FAIL").map((c) => c.id);
  const missing = model.controls.filter((c) => c.status === "NO_DATA" && c.findings.some((f) => f.status === "ERROR")).map((c) => c.id);
  const parts: string[] = [];
  const list = (ids: string[]): string => `${ids.slice(0, 5).join(", ")}${ids.length > 5 ? `, … (${ids.length - 5} more)` : ""}`;
  if (failing.length > 0) parts.push(`${failing.length} control(s) FAIL: ${list(failing)}`);
  if (missing.length > 0) parts.push(`${missing.length} control(s) NO_DATA because evidence is missing (${model.run.gaps.length} gap(s)): ${list(missing)}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

export function registerReport(program: Command): void {
  withCollectOptions(program.command("report").description("collect now (or read a stored run) and render the compliance report for one framework"))
    .requiredOption("--framework <id>", "framework id, e.g. hipaa or gdpr")
    .option("--format <list>", "comma-separated: pdf,html,json,csv (default pdf,html,json)")
    .option("--out <dir>", "output directory (default ./reports)")
    .option("--run <ref>", "render a stored run instead of collecting: latest | previous | <run-id>")
    .option("--fail-on-noncompliant", "exit 3 when any control is FAIL, or NO_DATA because evidence is missing")
    .option("--json", "print the summary as JSON")
    .option("--wait", "if another sageaudit run is collecting into the same database, wait for it instead of failing")
    .option("--verbose", "log each step")
    .action(async (flags: ReportFlags) => {
      const config = resolveConfig(flags);
      const formats = parseFormats(flags.format, config.output.formats);
      const outDir = flags.out ?? config.output.dir;
      // Every file the run depends on is validated before anything is collected or written.
      const inputs = loadFrameworkInputs(flags.framework, config);
      if (flags.run && flags.source) throw new UsageError("--run renders a stored run; it cannot be combined with --source");
      validateOutDir(outDir);
      const logger = createLogger({ verbose: flags.verbose, quiet: flags.json });
      for (const path of sweepStaleTemps(outDir)) logger.info({ path }, "removed a temp file a killed report left behind");
      const source = flags.run ? undefined : await resolveSource(flags.source ?? "aws", config, { logger, json: Boolean(flags.json), verbose: Boolean(flags.verbose) });
      // Rendering a stored run only reads: a store this process cannot write is opened read-only
      // (and the re-evaluated control results are then not recorded).
      const readonly = Boolean(flags.run) && config.db !== ":memory:" && !canWrite(config.db);
      const db = flags.run ? openExistingDb(config.db, { readonly }) : openDb(config.db);
      try {
        let model: ReportModel;
        if (source) {
          const collected = await collectRun({
            db,
            dbPath: config.db,
            sourceName: source.name,
            collect: source.collect,
            toolVersion: TOOL_VERSION,
            logger,
            wait: Boolean(flags.wait),
            onWait: sayWaiting,
            frameworks: [inputs],
          });
          model = buildRunReport(db, collected, inputs, collected.frameworks[0] as FrameworkEvaluation, collected.evaluatedAt, TOOL_VERSION);
        } else {
          const run = resolveRun(db, flags.run as string);
          if (!run) throw new UsageError(`no completed run "${flags.run}" in ${config.db}`);
          model = evaluateStoredRun(db, run, inputs, renderTime(), TOOL_VERSION, { persist: !readonly });
        }
        const files = await renderReportFiles(model, formats, outDir);
        printReportSummary(model, files, Boolean(flags.json));
        if (flags.failOnNoncompliant) {
          const verdict = nonCompliance(model);
          if (verdict) throw new NonCompliantError(verdict);
        }
      } finally {
        db.close();
      }
    });
}
