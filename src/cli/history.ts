import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { frameworkHistory } from "../store/history.js";
import { lockHolder } from "../store/lock.js";
import type { CommonFlags } from "./context.js";
import { resolveConfig } from "./context.js";
import { openExistingDb } from "./store.js";
import { writeJson, writeOut } from "./terminal.js";

interface HistoryFlags extends CommonFlags {
  framework: string;
  limit?: string;
}

export function registerHistory(program: Command): void {
  program
    .command("history")
    .description("compliance of one framework over time: each run's status, score, controls by status and evidence gaps")
    .requiredOption("--framework <id>", "framework id, e.g. hipaa or gdpr")
    .option("--limit <n>", "number of runs, newest first (default 20)")
    .option("--json", "print JSON")
    .option("--config <file>", "config file (default ./sageaudit.config.yaml)")
    .option("--db <file>", "SQLite store (default ./data/sageaudit.db)")
    .action((flags: HistoryFlags) => {
      const limit = flags.limit === undefined ? 20 : Number(flags.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: "${flags.limit}" is not a positive whole number`);
      const config = resolveConfig(flags);
      const db = openExistingDb(config.db, { readonly: true });
      try {
        // Opened read-only, the store is not repaired: a run left `running` by a process that is gone
        // (no live lock holder) is shown as what it is, incomplete, without writing that down.
        const live = lockHolder(db) !== undefined;
        const entries = frameworkHistory(db, flags.framework, limit).map((e) => (e.status === "running" && !live ? { ...e, status: "incomplete" as const } : e));
        const stored = db.prepare(`SELECT DISTINCT framework FROM framework_runs ORDER BY framework`).pluck().all() as string[];
        // A mistyped id would otherwise print every run with no score, which reads like a broken store.
        if (stored.length > 0 && !stored.includes(flags.framework)) {
          throw new UsageError(`no stored results for framework "${flags.framework}"; the store has ${stored.join(", ")}`);
        }
        if (flags.json) {
          writeJson({ framework: flags.framework, runs: entries });
          return;
        }
        if (entries.length === 0) {
          writeOut(`no runs in ${config.db}\n`);
          return;
        }
        const rows = [
          ["TIME", "RUN", "STATUS", "SCORE", "PASS", "FAIL", "NO_DATA", "MANUAL", "ATTESTED", "GAPS"],
          ...entries.map((e) => [
            e.finishedAt ?? e.startedAt,
            e.runId,
            e.status,
            e.score === null ? "-" : `${e.score}%`,
            ...(["PASS", "FAIL", "NO_DATA", "MANUAL", "ATTESTED"] as const).map((s) => (e.controls ? String(e.controls[s]) : "-")),
            String(e.gaps),
          ]),
        ];
        const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length)));
        writeOut(`${rows.map((r) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd()).join("\n")}\n`);
      } finally {
        db.close();
      }
    });
}
