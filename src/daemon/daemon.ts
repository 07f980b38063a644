import { createServer } from "node:http";
import type { Server } from "node:http";
import type { Logger } from "pino";
import cron from "node-cron";
import type { ScheduledTask } from "node-cron";
import type { CycleResult } from "../pipeline/cycle.js";
import { LockHeldError } from "../store/lock.js";
import type { DaemonState } from "./metrics.js";
import { health, renderMetrics } from "./metrics.js";

export interface DaemonOptions {
  schedule: string;
  runNow: boolean;
  listen?: { host: string; port: number };
  /** One cycle: collect, store, evaluate, report. */
  cycle: () => Promise<CycleResult>;
  /** Called when shutdown gives up on a run still going: mark it incomplete. */
  abandonRun: () => void;
  logger: Logger;
  graceMs: number;
  healthMaxAgeSeconds: number;
}

export interface RunningDaemon {
  /** Resolves once the daemon has shut down. */
  done: Promise<void>;
  /** Bound address of the health server, if any. */
  address?: { host: string; port: number };
  shutdown: (signal: string) => Promise<void>;
}

/**
 * The scheduler: one run at a time (a tick that finds a run still going is skipped and logged), a
 * health/metrics server, and an orderly shutdown — stop scheduling, let the current run finish
 * within the grace period or mark it incomplete, then close.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { logger } = options;
  const state: DaemonState = { startedAt: new Date(), running: false, runsByStatus: {}, skippedTicks: 0 };
  let current: Promise<void> | undefined;
  let stopping = false;

  const tick = (reason: string): void => {
    if (stopping) return;
    if (current) {
      state.skippedTicks += 1;
      logger.warn({ reason }, "previous run still going: tick skipped");
      return;
    }
    state.running = true;
    const startedAt = new Date();
    current = options
      .cycle()
      .then((result) => {
        state.last = { result, startedAt, finishedAt: new Date() };
        state.runsByStatus[result.run.status] = (state.runsByStatus[result.run.status] ?? 0) + 1;
      })
      .catch((error: unknown) => {
        if (error instanceof LockHeldError) {
          // Another process (a manual collect) is writing this database: this tick is simply skipped.
          state.skippedTicks += 1;
          logger.warn({ reason, holder: error.message }, "another process holds the collect lock: tick skipped");
          return;
        }
        const message = error instanceof Error ? error.message : String(error);
        state.last = { error: message, startedAt, finishedAt: new Date() };
        state.runsByStatus.failed = (state.runsByStatus.failed ?? 0) + 1;
        logger.error({ err: message }, "run failed");
      })
      .finally(() => {
        state.running = false;
        current = undefined;
      });
  };

  const task: ScheduledTask = cron.schedule(options.schedule, () => tick("scheduled"), { timezone: "Etc/UTC" });
  logger.info({ schedule: options.schedule, next: task.getNextRun()?.toISOString() }, "daemon started");

  let server: Server | undefined;
  let address: RunningDaemon["address"];
  if (options.listen) {
    server = createServer((req, res) => {
      if (req.url === "/healthz") {
        const h = health(state, new Date(), options.healthMaxAgeSeconds);
        res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify(h.body));
      } else if (req.url === "/metrics") {
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(renderMetrics(state));
      } else res.writeHead(404).end();
    });
    const srv = server;
    await new Promise<void>((resolveListen, reject) => {
      srv.once("error", reject);
      srv.listen(options.listen?.port, options.listen?.host, () => resolveListen());
    });
    const bound = srv.address();
    if (bound && typeof bound === "object") address = { host: bound.address, port: bound.port };
    logger.info({ address }, "health and metrics server listening");
  }

  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new runs");
    await task.stop();
    await task.destroy();
    if (current) {
      const finished = await Promise.race([
        current.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), options.graceMs).unref()),
      ]);
      if (!finished) {
        logger.warn({ graceMs: options.graceMs }, "run did not finish within the grace period: marked incomplete");
        options.abandonRun();
      }
    }
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    logger.info("daemon stopped");
    resolveDone();
  };

  if (options.runNow) tick("run-now");
  return { done, shutdown, ...(address ? { address } : {}) };
}
