import type { Command } from "commander";
import cron from "node-cron";
import { UsageError } from "../errors.js";
import { startDaemon } from "../daemon/daemon.js";
import { WorkerCycles } from "../daemon/worker-cycle.js";
import { ownTempTargets, removeOwnTemps, sweepStaleTemps, validateOutDir } from "../pipeline/output.js";
import { openDb } from "../store/db.js";
import { acquireDaemonLease, releaseOwnCollectLock } from "../store/lock.js";
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
    .option("--listen <host:port>", "serve /healthz and /metrics (default SAGEAUDIT_LISTEN, else off)")
    .option("--out <dir>", "report directory (default from config)")
    .option("--format <list>", "report formats (default from config)")
    .option("--verbose", "log each step")
    .action(async (flags: DaemonFlags) => {
      const config = resolveConfig(flags);
      const schedule = flags.schedule ?? config.schedule;
      if (!cron.validate(schedule)) throw new UsageError(`--schedule: "${schedule}" is not a valid cron expression`);
      // SAGEAUDIT_LISTEN lets the container image serve /healthz (its HEALTHCHECK) by default.
      const listenSpec = flags.listen ?? (process.env.SAGEAUDIT_LISTEN || undefined);
      const listen = listenSpec ? parseListen(listenSpec) : undefined;
      const frameworks = config.frameworks.map((id) => loadFrameworkInputs(id, config));
      const formats = parseFormats(flags.format, config.output.formats);
      const outDir = flags.out ?? config.output.dir;
      validateOutDir(outDir);
      const graceMs = Number(process.env.SAGEAUDIT_SHUTDOWN_GRACE_MS ?? 25_000);
      if (!Number.isFinite(graceMs) || graceMs < 0) throw new UsageError(`SAGEAUDIT_SHUTDOWN_GRACE_MS: "${process.env.SAGEAUDIT_SHUTDOWN_GRACE_MS}" is not a number of milliseconds`);
      const maxAge = process.env.SAGEAUDIT_HEALTH_MAX_AGE_SECONDS;
      if (maxAge !== undefined && !(Number(maxAge) > 0)) throw new UsageError(`SAGEAUDIT_HEALTH_MAX_AGE_SECONDS: "${maxAge}" is not a positive number of seconds`);
      const logger = createLogger({ verbose: flags.verbose, toStdout: true });
      const sourceSpec = flags.source ?? "aws";
      // Validated here (a bad snapshot or region is exit 2 now); each cycle's worker resolves it again.
      await resolveSource(sourceSpec, config, { logger, json: true });
      const db = openDb(config.db);
      let lease;
      try {
        lease = acquireDaemonLease(db, config.db, { command: `daemon --source ${sourceSpec}` });
      } catch (error) {
        db.close();
        throw error;
      }
      for (const path of sweepStaleTemps(outDir)) logger.info({ path }, "removed a temp file a killed report left behind");
      const cycles = new WorkerCycles({ config, source: sourceSpec, frameworks, output: { dir: outDir, formats }, verbose: Boolean(flags.verbose) });
      // Handlers go in before the daemon starts: "daemon started" is logged from inside
      // startDaemon, and a SIGTERM sent on seeing it must reach our shutdown, not Node's default
      // (which kills the process without releasing the lease). A signal that comes before the
      // daemon exists is kept and delivered to it once it does.
      const signals: { stop?: (signal: NodeJS.Signals) => void; early?: NodeJS.Signals } = {};
      const onSignal = (signal: NodeJS.Signals): void => (signals.stop ? signals.stop(signal) : void (signals.early ??= signal));
      for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, onSignal);
      let daemon;
      try {
        daemon = await startDaemon({
          schedule,
          runNow: Boolean(flags.runNow),
          ...(listen ? { listen } : {}),
          cycle: (signal) => cycles.run(signal),
          abandonRun: async () => {
            // Mid-render or mid-write: stop the thread, then record what it leaves behind.
            await cycles.terminate();
            removeOwnTemps(ownTempTargets(outDir));
            releaseOwnCollectLock(db);
            markRunningIncomplete(db, new Date().toISOString());
          },
          logger,
          graceMs,
          ...(maxAge !== undefined ? { healthMaxAgeSeconds: Number(maxAge) } : {}),
        });
      } catch (error) {
        for (const signal of ["SIGTERM", "SIGINT"] as const) process.removeListener(signal, onSignal);
        lease.release();
        db.close();
        throw error;
      }
      const running = daemon;
      signals.stop = (signal) => void running.shutdown(signal);
      if (signals.early) signals.stop(signals.early);
      await running.done;
      lease.release();
      db.close();
    });
}
