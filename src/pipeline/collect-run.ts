import type { Logger } from "pino";
import type { Check } from "../checks/types.js";
import type { Collection, CollectorMemory } from "../collect/source.js";
import { redactionFingerprint } from "../evidence/redact.js";
import type { Db } from "../store/db.js";
import { storeMemory } from "../store/evidence.js";
import { acquireLock } from "../store/lock.js";
import { reRedactStore } from "../store/redaction.js";
import type { LockHolder } from "../store/lock.js";
import { completeRun, failRun, startRun } from "../store/runs.js";
import type { RunRow } from "../store/runs.js";
import { evaluateEvidence } from "./evaluate.js";
import { newRunId } from "./ids.js";

export interface CollectRunOptions {
  db: Db;
  sourceName: string;
  /**
   * Gathers the evidence. It is handed the store's memory of earlier completed runs (CloudTrail
   * cursors, stored evidence of immutable resources) for incremental collection; sources that
   * replay a snapshot ignore it.
   */
  collect: (memory: CollectorMemory) => Promise<Collection>;
  toolVersion: string;
  now?: () => Date;
  logger?: Logger;
  checks?: readonly Check[];
  /** Shown in lock errors; the database file the run writes to. */
  dbPath?: string;
  /** Wait for another collecting process to finish instead of failing. */
  wait?: boolean;
  onWait?: (holder: LockHolder) => void;
}

/**
 * One run: collect → inventory → checks → store, under the database's collect lock. The run row
 * exists from the start (status running) so a crash leaves a trace; its content lands in one
 * transaction at the end.
 */
export async function collectRun(options: CollectRunOptions): Promise<RunRow> {
  const now = options.now ?? (() => new Date());
  const lock = await acquireLock(options.db, options.dbPath ?? options.db.name, {
    command: `collect --source ${options.sourceName}`,
    now,
    ...(options.wait !== undefined ? { wait: options.wait } : {}),
    ...(options.onWait ? { onWait: options.onWait } : {}),
  });
  try {
    return await collectLocked(options, now);
  } finally {
    lock.release();
  }
}

async function collectLocked(options: CollectRunOptions, now: () => Date): Promise<RunRow> {
  const started = now();
  const runId = newRunId(started);
  startRun(options.db, { id: runId, startedAt: started.toISOString(), source: options.sourceName, accounts: [], regions: [], toolVersion: options.toolVersion });
  options.logger?.info({ runId, source: options.sourceName }, "run started");
  try {
    const collection = await options.collect(storeMemory(options.db));
    const { inventory, findings } = evaluateEvidence(collection.records, options.checks);
    if (collection.redaction) {
      // Evidence stored under another redaction policy is brought under this one before the run lands.
      const pass = reRedactStore(options.db, collection.redaction, now().toISOString());
      if (pass.rows > 0) options.logger?.info({ rows: pass.rows, runs: pass.runs.length }, "stored evidence re-redacted under the current redaction policy");
    }
    const run = completeRun(options.db, runId, {
      finishedAt: now().toISOString(),
      accounts: collection.accounts,
      regions: collection.regions,
      records: collection.records,
      findings,
      resources: inventory.resources,
      events: inventory.events,
      gaps: inventory.gaps,
      apiCalls: collection.apiCalls,
      ...(collection.cursors ? { cursors: collection.cursors } : {}),
      ...(collection.redaction ? { redactionFingerprint: redactionFingerprint(collection.redaction) } : {}),
    });
    options.logger?.info({ runId, status: run.status, evidence: run.evidenceCount, findings: findings.length, gaps: run.gaps.length }, "run finished");
    return run;
  } catch (error) {
    failRun(options.db, runId, now().toISOString(), error instanceof Error ? error.message : String(error));
    throw error;
  }
}
