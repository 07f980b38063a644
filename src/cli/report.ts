import type { Command } from "commander";
import { NonCompliantError, UsageError } from "../errors.js";
import { TOOL_VERSION } from "../paths.js";
import { collectRun } from "../pipeline/collect-run.js";
import { renderReportFiles } from "../pipeline/render.js";
import { evaluateStoredRun } from "../pipeline/report-run.js";
import { renderTime } from "../pipeline/time.js";
import { openDb } from "../store/db.js";
import { resolveRun } from "../store/runs.js";
import type { CommonFlags } from "./context.js";
import { loadFrameworkInputs, parseFormats, resolveConfig, withCollectOptions } from "./context.js";
import { createLogger } from "./log.js";
import { sayWaiting } from "./store.js";
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

export function registerReport(program: Command): void {
  withCollectOptions(program.command("report").description("collect now (or read a stored run) and render the compliance report for one framework"))
    .requiredOption("--framework <id>", "framework id, e.g. hipaa or gdpr")
    .option("--format <list>", "comma-separated: pdf,html,json,csv (default pdf,html,json)")
    .option("--out <dir>", "output directory (default ./reports)")
    .option("--run <ref>", "render a stored run instead of collecting: latest | previous | <run-id>")
    .option("--fail-on-noncompliant", "exit 3 when any control is FAIL")
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
      const logger = createLogger({ verbose: flags.verbose, quiet: flags.json });
      const source = flags.run ? undefined : await resolveSource(flags.source ?? "aws", config, { logger, json: Boolean(flags.json), verbose: Boolean(flags.verbose) });
      const db = openDb(config.db);
      try {
        let run;
        if (source) {
          run = await collectRun({
          db,
          dbPath: config.db,
          sourceName: source.name,
          collect: source.collect,
          toolVersion: TOOL_VERSION,
          logger,
          wait: Boolean(flags.wait),
          onWait: sayWaiting,
        });
        } else {
          run = resolveRun(db, flags.run as string);
          if (!run) throw new UsageError(`no completed run "${flags.run}" in ${config.db}`);
        }
        const model = evaluateStoredRun(db, run, inputs, renderTime(), TOOL_VERSION);
        const files = await renderReportFiles(model, formats, outDir);
        printReportSummary(model, files, Boolean(flags.json));
        if (flags.failOnNoncompliant && model.summary.controls.FAIL > 0) {
          throw new NonCompliantError(`${model.summary.controls.FAIL} control(s) FAIL`);
        }
      } finally {
        db.close();
      }
    });
}
