import type { Command } from "commander";
import { diffRuns } from "../store/history.js";
import type { FindingChange, FindingTimeline } from "../store/history.js";
import type { CommonFlags } from "./context.js";
import { loadFrameworkInputs, resolveConfig } from "./context.js";
import { openExistingDb, resolveRunRef } from "./store.js";
import { writeJson, writeOut } from "./terminal.js";

interface DiffFlags extends CommonFlags {
  framework?: string;
}

/** "3d 4h", "2h 5m", "45s": remediation times read at a glance. */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m`;
  return `${s}s`;
}

export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("what changed between two runs: newly failing, resolved and still failing findings, control status changes, changed evidence")
    .argument("<run-a>", "earlier run: latest | previous | <run-id>")
    .argument("<run-b>", "later run: latest | previous | <run-id>")
    .option("--framework <id>", "only the checks this framework maps, plus its control status changes")
    .option("--json", "print JSON (includes first-failed / resolved times and time to remediate per finding)")
    .option("--config <file>", "config file (default ./sageaudit.config.yaml)")
    .option("--db <file>", "SQLite store (default ./data/sageaudit.db)")
    .option("--mappings <dir>", "extra directory of framework mapping files")
    .action((refA: string, refB: string, flags: DiffFlags) => {
      const config = resolveConfig(flags);
      const mapping = flags.framework ? loadFrameworkInputs(flags.framework, config).mapping : undefined;
      const db = openExistingDb(config.db, { readonly: true });
      try {
        const a = resolveRunRef(db, refA, config.db);
        const b = resolveRunRef(db, refB, config.db);
        const diff = diffRuns(db, a, b, mapping ? { framework: mapping.framework, checkIds: new Set(mapping.controls.flatMap((c) => c.checks)) } : {});
        if (flags.json) {
          writeJson(diff);
          return;
        }
        const timelines = new Map(diff.timelines.map((t) => [`${t.checkId}\u0000${t.resourceArn}`, t]));
        const since = (c: FindingChange): FindingTimeline | undefined => timelines.get(`${c.checkId}\u0000${c.resourceArn}`);
        const lines = [`diff ${a.id} -> ${b.id}${mapping ? ` (${mapping.framework})` : ""}`];
        const section = (title: string, changes: FindingChange[], note: (c: FindingChange) => string): void => {
          lines.push(`${title} (${changes.length})`);
          for (const c of changes) lines.push(`  ${c.checkId}  ${c.resourceArn}  ${note(c)}`);
        };
        section("Newly failing", diff.newlyFailing, (c) => `${c.before} -> FAIL: ${c.reason}`);
        section("Resolved", diff.resolved, (c) => {
          const ep = since(c)?.episodes.at(-1);
          return `FAIL -> ${c.after}${ep?.timeToRemediateMs != null ? ` (fixed after ${formatDuration(ep.timeToRemediateMs)})` : ""}`;
        });
        section("Still failing", diff.stillFailing, (c) => {
          const ep = since(c)?.episodes.at(-1);
          return `since ${ep?.failedAt ?? "?"}: ${c.reason}`;
        });
        if (diff.controls) {
          lines.push(`Controls changed (${diff.controls.length})`);
          for (const c of diff.controls) lines.push(`  ${c.controlId}  ${c.before} -> ${c.after}`);
        }
        lines.push(`Evidence: ${diff.evidence.changed} changed, ${diff.evidence.added} added, ${diff.evidence.removed} removed`);
        for (const e of diff.evidence.changes.slice(0, 20)) lines.push(`  ${e.change.padEnd(7)} ${e.evidenceId}  ${e.source}:${e.operation} ${e.account}/${e.region}`);
        if (diff.evidence.changes.length > 20) lines.push(`  … and ${diff.evidence.changes.length - 20} more (--json lists all)`);
        writeOut(`${lines.join("\n")}\n`);
      } finally {
        db.close();
      }
    });
}
