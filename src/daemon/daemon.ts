import { createServer } from "node:http";
import type { Server } from "node:http";
import type { Logger } from "pino";
import cron from "node-cron";
import type { ScheduledTask } from "node-cron";
import { UsageError } from "../errors.js";
import { RunAbortedError } from "../pipeline/collect-run.js";
import { LockHeldError } from "../store/lock.js";
import type { CycleOutcome, DaemonState } from "./metrics.js";
import { health, renderMetrics } from "./metrics.js";

export interface DaemonOptions {
  schedule: string;
  runNow: boolean;
  listen?: { host: string; port: number };
  /** One cycle: collect, store, evaluate, report; `signal` aborts its in-flight AWS calls. */
  cycle: (signal: AbortSignal) => Promise<CycleOutcome>;
  /** Called when shutdown gives up on a run still going (grace period over): stop it, mark it incomplete. */
  abandonRun: () => Promise<void> | void;
  logger: Logger;
  graceMs: number;
  /** /healthz turns 503 when the last run is older; default two schedule periods. */
  healthMaxAgeSeconds?: number;
}

export interface RunningDaemon {
  /** Resolves once the daemon has shut down. */
  done: Promise<void>;
  /** Bound address of the health server, if any. */
  address?: { host: string; port: number };
  shutdown: (signal: string) => Promise<void>;
}

/** A health request is answered or dropped within this time; a slow client never holds the server. */
const HTTP_TIMEOUT_MS = 5_000;

/**
 * The longest gap between two consecutive ticks of the schedule, over its next runs (a schedule
 * like "0 9 * * 1-5" has a longer gap over the weekend than during the week).
 */
export function schedulePeriodSeconds(expression: string): number {
  const probe = cron.createTask(expression, () => undefined, { timezone: "Etc/UTC" });
  const runs = probe.getNextRuns(12).map((d) => d.getTime());
  void probe.destroy();
  let longest = 0;
  for (let i = 1; i < runs.length; i++) longest = Math.max(longest, (runs[i] as number) - (runs[i - 1] as number));
  return Math.max(1, Math.round(longest / 1000));
}

/** Binds the health server, or fails with a usage error (exit 2) naming the address: before any collection. */
async function listen(server: Server, at: { host: string; port: number }): Promise<{ host: string; port: number }> {
  await new Promise<void>((resolveListen, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const why = error.code === "EADDRINUSE" ? "the address is already in use" : error.code === "EACCES" ? "permission denied" : error.code === "EADDRNOTAVAIL" ? "no such local address" : error.message;
      reject(new UsageError(`--listen ${at.host}:${at.port}: cannot listen: ${why} (${error.code ?? "error"})`));
    };
    server.once("error", onError);
    server.listen(at.port, at.host, () => {
      server.off("error", onError);
      resolveListen();
    });
  });
  const bound = server.address();
  return bound && typeof bound === "object" ? { host: bound.address, port: bound.port } : at;
}

/**
 * The scheduler: one run at a time (a tick that finds a run still going is skipped and logged), a
 * health/metrics server, and an orderly shutdown — stop scheduling, abort in-flight AWS calls, let
 * the current run finish within the grace period or stop it and mark it incomplete, close every
 * HTTP connection, then resolve `done`.
 *
 * The health server binds before the schedule starts: a daemon whose port is taken fails at once
 * (exit 2) instead of collecting headless. Cycles should not block the event loop (the CLI runs
 * them in a worker thread), so /healthz answers while a large report renders.
 */
export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { logger } = options;
  const state: DaemonState = { startedAt: new Date(), running: false, runsByStatus: {}, skippedTicks: 0 };
  let current: Promise<void> | undefined;
  let controller: AbortController | undefined;
  let stopping = false;
  let maxAgeSeconds = options.healthMaxAgeSeconds ?? 0;

  let server: Server | undefined;
  let address: RunningDaemon["address"];
  if (options.listen) {
    server = createServer((req, res) => {
      if (req.url === "/healthz") {
        const h = health(state, new Date(), maxAgeSeconds);
        res.writeHead(h.ok ? 200 : 503, { "content-type": "application/json", connection: "close" }).end(JSON.stringify(h.body));
      } else if (req.url === "/metrics") {
        res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(renderMetrics(state));
      } else res.writeHead(404).end();
    });
    // A client that connects and sends nothing (or trickles bytes) is cut off, never waited for.
    server.headersTimeout = HTTP_TIMEOUT_MS;
    server.requestTimeout = HTTP_TIMEOUT_MS;
    server.keepAliveTimeout = 1_000;
    server.setTimeout(HTTP_TIMEOUT_MS, (socket) => socket.destroy());
    address = await listen(server, options.listen);
  }

  const tick = (reason: string): void => {
    if (stopping) return;
    if (current) {
      state.skippedTicks += 1;
      logger.warn({ reason }, "previous run still going: tick skipped");
      return;
    }
    state.running = true;
    const startedAt = new Date();
    const abort = new AbortController();
    controller = abort;
    current = options
      .cycle(abort.signal)
      .then((result) => {
        state.last = { result, startedAt, finishedAt: new Date() };
        state.runsByStatus[result.run.status] = (state.runsByStatus[result.run.status] ?? 0) + 1;
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (error instanceof LockHeldError || (error as { name?: string }).name === "LockHeldError") {
          // Another process (a manual collect) is writing this database: this tick is simply skipped.
          state.skippedTicks += 1;
          logger.warn({ reason, holder: message }, "another process holds the collect lock: tick skipped");
          return;
        }
        if (error instanceof RunAbortedError || (error as { name?: string }).name === "RunAbortedError") {
          logger.warn({ err: message }, "run aborted at shutdown");
          return;
        }
        state.last = { error: message, startedAt, finishedAt: new Date() };
        state.runsByStatus.failed = (state.runsByStatus.failed ?? 0) + 1;
        logger.error({ err: message }, "run failed");
      })
      .finally(() => {
        state.running = false;
        current = undefined;
        controller = undefined;
      });
  };

  const task: ScheduledTask = cron.schedule(options.schedule, () => tick("scheduled"), { timezone: "Etc/UTC" });
  if (options.healthMaxAgeSeconds === undefined) maxAgeSeconds = 2 * schedulePeriodSeconds(options.schedule);
  logger.info({ schedule: options.schedule, next: task.getNextRun()?.toISOString(), healthMaxAgeSeconds: maxAgeSeconds }, "daemon started");
  if (address) logger.info({ address }, "health and metrics server listening");

  let resolveDone: () => void = () => undefined;
  const done = new Promise<void>((r) => (resolveDone = r));

  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new runs");
    await task.stop();
    await task.destroy();
    // Idle keep-alive connections and slow clients must not hold the exit.
    const closed = new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server?.closeAllConnections();
    if (current) {
      controller?.abort();
      const finished = await Promise.race([
        current.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), options.graceMs).unref()),
      ]);
      if (!finished) {
        logger.warn({ graceMs: options.graceMs }, "run did not finish within the grace period: stopped and marked incomplete");
        await options.abandonRun();
      }
    }
    await closed;
    logger.info("daemon stopped");
    resolveDone();
  };

  if (options.runNow) tick("run-now");
  return { done, shutdown, ...(address ? { address } : {}) };
}
