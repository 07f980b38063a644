import { parentPort, workerData } from "node:worker_threads";
import { createLogger } from "../cli/log.js";
import { resolveSource } from "../cli/sources.js";
import { runCycle } from "../pipeline/cycle.js";
import { openDb } from "../store/db.js";
import type { CycleWorkerData, CycleWorkerMessage } from "./worker-cycle.js";
import { outcomeOf } from "./worker-cycle.js";

/**
 * One daemon cycle in a worker thread: collect, store, evaluate and render with the thread's own
 * database connection, so the daemon's event loop stays free for /healthz and signals, and
 * shutdown can stop a render that outlives the grace period by terminating the thread.
 */
const data = workerData as CycleWorkerData;
const port = parentPort;
const controller = new AbortController();
port?.on("message", (message: { type: string }) => {
  if (message.type === "abort") controller.abort();
});
// The port must not keep the thread alive once the cycle is over.
port?.unref();

const post = (message: CycleWorkerMessage): void => port?.postMessage(message);
const logger = createLogger({ verbose: data.verbose, toStdout: true });
try {
  const source = await resolveSource(data.source, data.config, { logger, json: true });
  const db = openDb(data.config.db);
  try {
    const result = await runCycle({ db, source, frameworks: data.frameworks, output: data.output, logger, signal: controller.signal });
    post({ type: "done", outcome: outcomeOf(result) });
  } finally {
    db.close();
  }
} catch (error) {
  post({ type: "error", name: error instanceof Error ? error.name : "Error", message: error instanceof Error ? error.message : String(error) });
}
