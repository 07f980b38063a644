import { Worker } from "node:worker_threads";
import type { Config } from "../config/schema.js";
import type { CycleResult } from "../pipeline/cycle.js";
import type { FrameworkInputs, ReportFormat } from "../pipeline/report-run.js";
import type { CycleOutcome } from "./metrics.js";

/** Everything a cycle needs, as plain data (it crosses into the worker thread by structured clone). */
export interface CycleWorkerData {
  config: Config;
  source: string;
  frameworks: readonly FrameworkInputs[];
  output: { dir: string; formats: readonly ReportFormat[] };
  verbose: boolean;
}

export type CycleWorkerMessage = { type: "done"; outcome: CycleOutcome } | { type: "error"; name: string; message: string };

export function outcomeOf(result: CycleResult): CycleOutcome {
  return {
    run: result.run,
    frameworks: result.models.map((m) => ({ id: m.framework.id, score: m.summary.score, controls: { ...m.summary.controls } })),
  };
}

/** An error from the worker, with its class name kept so the daemon can tell a held lock from a failure. */
class WorkerCycleError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/**
 * Runs cycles in worker threads, one at a time. `abort` is forwarded to the worker's AbortSignal
 * (in-flight AWS calls stop); `terminate` stops the thread wherever it is (mid-render), for a
 * shutdown whose grace period is over.
 */
export class WorkerCycles {
  private worker: Worker | undefined;

  constructor(private readonly data: CycleWorkerData) {}

  run(signal: AbortSignal): Promise<CycleOutcome> {
    return new Promise<CycleOutcome>((resolve, reject) => {
      const worker = new Worker(new URL("./cycle-worker.js", import.meta.url), { workerData: this.data });
      this.worker = worker;
      let settled = false;
      const settle = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        this.worker = undefined;
        fn();
      };
      const onAbort = (): void => worker.postMessage({ type: "abort" });
      if (signal.aborted) onAbort();
      else signal.addEventListener("abort", onAbort, { once: true });
      worker.on("message", (message: CycleWorkerMessage) => {
        if (message.type === "done") settle(() => resolve(message.outcome));
        else settle(() => reject(new WorkerCycleError(message.name, message.message)));
      });
      worker.on("error", (error) => settle(() => reject(error)));
      worker.on("exit", (code) => settle(() => reject(new WorkerCycleError("RunAbortedError", `the cycle's worker thread stopped (exit code ${code}) before the run finished`))));
    });
  }

  /** Stops the running cycle's thread, if any, and waits until it is gone. */
  async terminate(): Promise<void> {
    const worker = this.worker;
    if (worker) await worker.terminate();
  }
}
