import type { Command } from "commander";
import cron from "node-cron";
import { UsageError } from "../errors.js";
import { startDaemon } from "../daemon/daemon.js";
import { runCycle } from "../pipeline/cycle.js";
import { openDb } from "../store/db.js";
import { markRunningIncomplete } from "../store/runs.js";
import type { CommonFlags } from "./context.js";
import { loadFrameworkInputs, parseFormats, resolveConfig, withCollectOptions } from "./context.js";
import { createLogger } from "./log.js";
import { resolveSource } from "./sources.js";

interface DaemonFlags extends CommonFlags {
  schedule?: string;
  runNow?: boolean;
  listen?: string;
  source?: string;
  out?: string;
  format?: string;
}

export function parseListen(value: string): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || port > 65535) throw new UsageError(`--listen: expected HOST:PORT, got "${value}"`);
  return { host: (match[1] as string).replace(/^\[(.*)\]$/, "$1"), port };
}

export function registerDaemon(program: Command): void {
  withCollectOptions(program.command("daemon").description("collect and report on a schedule (UTC), with /healthz and /metrics"))
    .option("--schedule <cron>", 'cron expression (default from config, "0 */6 * * *")')
    .option("--run-now", "start a run immediately, then follow the schedule")
    .option("--listen <host:port>", "serve /healthz and /metrics (default off)")
    .option("--out <dir>", "report directory (default from config)")
    .option("--format <list>", "report formats (default from config)")
    .option("--verbose", "log each step")
    .action(async (flags: DaemonFlags) => {
      const config = resolveConfig(flags);
      const schedule = flags.schedule ?? config.schedule;
      if (!cron.validate(schedule)) throw new UsageError(`--schedule: "${schedule}" is not a valid cron expression`);
      const listen = flags.listen ? parseListen(flags.listen) : undefined;
      const frameworks = config.frameworks.map((id) => loadFrameworkInputs(id, config));
      const formats = parseFormats(flags.format, config.output.formats);
      const logger = createLogger({ verbose: flags.verbose, toStdout: true });
      // No live progress in the daemon: its output is a log stream, not a terminal.
      const source = await resolveSource(flags.source ?? "aws", config, { logger, json: true });
      const db = openDb(config.db);
      const daemon = await startDaemon({
        schedule,
        runNow: Boolean(flags.runNow),
        ...(listen ? { listen } : {}),
        cycle: () => runCycle({ db, source, frameworks, output: { dir: flags.out ?? config.output.dir, formats }, logger }),
        abandonRun: () => markRunningIncomplete(db, new Date().toISOString()),
        logger,
        graceMs: Number(process.env.SAGEAUDIT_SHUTDOWN_GRACE_MS ?? 25_000),
        healthMaxAgeSeconds: Number(process.env.SAGEAUDIT_HEALTH_MAX_AGE_SECONDS ?? 24 * 3600),
      });
      for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void daemon.shutdown(signal));
      await daemon.done;
      db.close();
    });
}
