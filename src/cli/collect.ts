import type { Command } from "commander";
import { runCycle } from "../pipeline/cycle.js";
import { openDb } from "../store/db.js";
import type { CommonFlags } from "./context.js";
import { loadFrameworkInputs, resolveConfig, withCollectOptions } from "./context.js";
import { createLogger } from "./log.js";
import { sayWaiting } from "./store.js";
import { resolveSource } from "./sources.js";
import { writeJson, writeOut } from "./terminal.js";

interface CollectFlags extends CommonFlags {
  source?: string;
  wait?: boolean;
}

export function registerCollect(program: Command): void {
  withCollectOptions(
    program.command("collect").description("collect evidence, evaluate every check and the configured frameworks, and store the run"),
  )
    .option("--json", "print the run summary as JSON")
    .option("--wait", "if another sageaudit run is collecting into the same database, wait for it instead of failing")
    .option("--verbose", "log each step")
    .action(async (flags: CollectFlags) => {
      const config = resolveConfig(flags);
      const frameworks = config.frameworks.map((id) => loadFrameworkInputs(id, config));
      const logger = createLogger({ verbose: flags.verbose, quiet: flags.json });
      const source = await resolveSource(flags.source ?? "aws", config, { logger, json: Boolean(flags.json), verbose: Boolean(flags.verbose) });
      const db = openDb(config.db);
      try {
        const { run, models } = await runCycle({ db, source, frameworks, logger, lock: { dbPath: config.db, wait: Boolean(flags.wait), onWait: sayWaiting } });
        const scores = models.map((m) => ({ framework: m.framework.id, score: m.summary.score, controls: m.summary.controls }));
        const summary = { runId: run.id, status: run.status, evidence: run.evidenceCount, gaps: run.gaps, frameworks: scores };
        if (flags.json) writeJson(summary);
        else {
          writeOut(`run ${run.id} [${run.status}] ${run.evidenceCount} evidence records, ${run.gaps.length} gaps\n`);
          for (const s of scores) {
            writeOut(`  ${s.framework.padEnd(8)} score ${s.score}%  PASS ${s.controls.PASS}  FAIL ${s.controls.FAIL}  NO_DATA ${s.controls.NO_DATA}  MANUAL ${s.controls.MANUAL}  ATTESTED ${s.controls.ATTESTED}\n`);
          }
        }
      } finally {
        db.close();
      }
    });
}
