import type { Command } from "commander";
import { pruneRuns } from "../store/retention.js";
import type { CommonFlags } from "./context.js";
import { resolveConfig } from "./context.js";
import { openExistingDb } from "./store.js";
import { writeJson, writeOut } from "./terminal.js";

export function registerPrune(program: Command): void {
  program
    .command("prune")
    .description("apply retention.days (default 2190 days, six years): remove older runs and evidence no remaining run uses; the hash chain stays verifiable")
    .option("--dry-run", "show what would be removed, remove nothing")
    .option("--json", "print JSON")
    .option("--config <file>", "config file (default ./sageaudit.config.yaml)")
    .option("--db <file>", "SQLite store (default ./data/sageaudit.db)")
    .action((flags: CommonFlags & { dryRun?: boolean }) => {
      const config = resolveConfig(flags);
      const db = openExistingDb(config.db);
      try {
        const plan = pruneRuns(db, { days: config.retention.days, now: new Date(), dryRun: Boolean(flags.dryRun) });
        if (flags.json) {
          writeJson({ dryRun: Boolean(flags.dryRun), retentionDays: config.retention.days, ...plan });
          return;
        }
        const verb = flags.dryRun ? "would remove" : "removed";
        writeOut(
          `retention ${config.retention.days} days (before ${plan.cutoff}): ${verb} ${plan.runs.length} run(s), ${plan.evidence} evidence record(s), ${plan.events} CloudTrail event(s), ${plan.resources} resource(s) not seen since\n`,
        );
        for (const r of plan.runs) writeOut(`  ${r.id}  ${r.status}  ${r.startedAt}\n`);
      } finally {
        db.close();
      }
    });
}
