import type { Logger } from "pino";
import type { Check } from "../checks/types.js";
import type { Collection, CollectOptions, CollectorMemory } from "../collect/source.js";
import { evidenceIndexOf } from "../evidence/record.js";
import { redactionFingerprint } from "../evidence/redact.js";
import type { Db } from "../store/db.js";
import { storeMemory } from "../store/evidence.js";
import { acquireLock } from "../store/lock.js";
import { reRedactStore } from "../store/redaction.js";
import type { LockHolder } from "../store/lock.js";
import { completeRun, failRun, Handover, markRunIncomplete, startRun } from "../store/runs.js";
import type { RunContent } from "../store/runs.js";
import { evaluateEvidence, evaluateFrameworkAt } from "./evaluate.js";
import type { FrameworkEvaluation } from "./evaluate.js";
import { frameworkResultsEntry } from "./report-run.js";
import type { EvaluatedRun, FrameworkInputs } from "./report-run.js";
import { renderTime } from "./time.js";
import { newRunId } from "./ids.js";

export interface CollectRunOptions {
  db: Db;
  sourceName: string;
  /**
   * Gathers the evidence. It is handed the store's memory of earlier completed runs (CloudTrail
   * cursors, stored evidence of immutable resources) for incremental collection; sources that
   * replay a snapshot ignore it.
   */
  collect: (memory: CollectorMemory, options?: CollectOptions) => Promise<Collection>;
  toolVersion: string;
  now?: () => Date;
  logger?: Logger;
  checks?: readonly Check[];
  /** Shown in lock errors; the database file the run writes to. */
  dbPath?: string;
  /** Wait for another collecting process to finish instead of failing. */
  wait?: boolean;
  onWait?: (holder: LockHolder) => void;
  /** Aborts in-flight AWS calls (daemon shutdown); an aborted run is stored `incomplete`. */
  signal?: AbortSignal;
  /** Frameworks evaluated in the same pass; their control results are stored with the run. */
  frameworks?: readonly FrameworkInputs[];
  /** When the frameworks are evaluated (reports' `generatedAt`); called once the evidence is in. Default: renderTime(). */
  evaluatedAt?: () => string;
  /** Told as each phase ends (the benchmark times the phases and measures the heap between them). */
  onPhase?: (phase: RunPhase) => void;
}

export type RunPhase = "collected" | "evaluated" | "stored";

/**
 * A run as the pass that collected it holds it: stored once, never read back. The findings and
 * evidence index feed the report model directly; `frameworks` are in the order they were given.
 */
export interface CollectedRun extends EvaluatedRun {
  evaluatedAt: string;
  frameworks: readonly FrameworkEvaluation[];
}

/** The run was stored `failed` because nothing usable was collected: a runtime failure (exit 1). */
export class RunFailedError extends Error {
  constructor(
    readonly runId: string,
    readonly reason: string,
  ) {
    super(`run ${runId} failed: ${reason}`);
    this.name = "RunFailedError";
  }
}

/** Shutdown aborted the collection; the run is stored `incomplete`. */
export class RunAbortedError extends Error {
  constructor(readonly runId: string) {
    super(`run ${runId} aborted at shutdown: stored as incomplete`);
    this.name = "RunAbortedError";
  }
}

/**
 * Why a collection is unusable, or undefined when it holds evidence to evaluate. An empty source
 * (empty snapshot, a scope that matches nothing) and a collection where every call failed
 * (endpoint down, credentials refused, region disabled) must not read as a run that found
 * nothing wrong: evaluated, every check would be ERROR or NOT_APPLICABLE and no control FAIL.
 * The identity call (STS GetCallerIdentity) alone is not evidence about the estate, nor are the
 * account-wide records (S3 Control's account public-access block, IAM) that every region shares:
 * a scope whose regions hold nothing is empty whatever the account settings say.
 */
export function unusableReason(collection: Collection): string | undefined {
  const { records } = collection;
  const scope = collection.scope ? ` for ${collection.scope}` : "";
  if (!records.some((r) => r.region !== "global")) {
    return `collected no evidence from ${collection.source}${scope}: the source is empty or the scope matched nothing`;
  }
  if (records.some((r) => !r.error && r.source !== "sts" && r.region !== "global")) return undefined;
  const gaps = records.filter((r) => r.error);
  const codes = new Map<string, number>();
  for (const g of gaps) codes.set(g.error?.code ?? "UnknownError", (codes.get(g.error?.code ?? "UnknownError") ?? 0) + 1);
  const summary = [...codes].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} x${n}`).join(", ");
  const first = gaps[0];
  const example = first ? `; first: ${first.source}:${first.operation} ${first.account}/${first.region}: ${first.error?.message ?? ""}` : "";
  return `no usable evidence from ${collection.source}${scope}: every one of ${records.length} call(s) failed or only the caller identity answered (${summary || "no errors"})${example}`;
}

/** The source's collection, boxed for evaluateCollection to take (see collectLocked). */
async function collectBoxed(options: CollectRunOptions): Promise<Handover<Collection>> {
  return new Handover(await options.collect(storeMemory(options.db), options.signal ? { signal: options.signal } : {}));
}

/** The collected evidence evaluated, and the run's content as the store takes it. */
function evaluateCollection(options: CollectRunOptions, runId: string, now: () => Date, box: Handover<Collection>) {
  const collection = box.take();
  if (options.signal?.aborted) throw new RunAbortedError(runId);
  options.onPhase?.("collected");
  const unusable = unusableReason(collection);
  if (unusable) throw new RunFailedError(runId, unusable);
  const { inventory, findings } = evaluateEvidence(collection.records, options.checks);
  options.onPhase?.("evaluated");
  const { redaction } = collection;
  if (redaction) {
    // Evidence stored under another redaction policy is brought under this one before the run lands.
    const pass = reRedactStore(options.db, redaction, now().toISOString());
    if (pass.rows > 0) options.logger?.info({ rows: pass.rows, runs: pass.runs.length }, "stored evidence re-redacted under the current redaction policy");
  }
  const finishedAt = now().toISOString();
  const evaluatedAt = options.evaluatedAt?.() ?? renderTime();
  // Waivers and attestations are judged at the run's finish time, as `report --run` judges them.
  const frameworks = (options.frameworks ?? []).map((inputs) => evaluateFrameworkAt(inputs.mapping, findings, inputs.waivers, inputs.attestations, finishedAt));
  const content: RunContent = {
    finishedAt,
    accounts: collection.accounts,
    regions: collection.regions,
    evidence: new Handover({ records: collection.records, resources: inventory.resources, events: inventory.events }),
    findings,
    gaps: inventory.gaps,
    apiCalls: collection.apiCalls,
    ...(collection.cursors ? { cursors: collection.cursors } : {}),
    ...(redaction ? { redactionFingerprint: redactionFingerprint(redaction) } : {}),
    frameworks: (options.frameworks ?? []).map((inputs, i) => frameworkResultsEntry(inputs, frameworks[i] as FrameworkEvaluation, evaluatedAt)),
  };
  return { content, findings, evidence: evidenceIndexOf(collection.records), evaluatedAt, frameworks };
}

/**
 * One run in one pass: collect → inventory → checks → frameworks → store, under the database's
 * collect lock. The run row exists from the start (status running) so a crash leaves a trace; its
 * content, with the frameworks' control results, lands in one transaction at the end.
 */
export async function collectRun(options: CollectRunOptions): Promise<CollectedRun> {
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

async function collectLocked(options: CollectRunOptions, now: () => Date): Promise<CollectedRun> {
  const started = now();
  const runId = newRunId(started);
  startRun(options.db, { id: runId, startedAt: started.toISOString(), source: options.sourceName, accounts: [], regions: [], toolVersion: options.toolVersion });
  options.logger?.info({ runId, source: options.sourceName }, "run started");
  try {
    // Boxed by collectBoxed and unboxed only in evaluateCollection, whose frames end before the
    // store: no frame of this function holds the records or the inventory while the findings are
    // stored (src/store/runs.ts RunContent.evidence). An async function keeps the values it awaited
    // in its saved registers, so the collection must not be awaited here.
    const { content, findings, evidence, evaluatedAt, frameworks } = evaluateCollection(options, runId, now, await collectBoxed(options));
    const run = completeRun(options.db, runId, content);
    options.onPhase?.("stored");
    options.logger?.info({ runId, status: run.status, evidence: run.evidenceCount, findings: findings.length, gaps: run.gaps.length }, "run finished");
    return { run, findings, evidence, evaluatedAt, frameworks };
  } catch (error) {
    if (error instanceof RunAbortedError || options.signal?.aborted) {
      markRunIncomplete(options.db, runId, now().toISOString(), "aborted at shutdown");
      throw error instanceof RunAbortedError ? error : new RunAbortedError(runId);
    }
    const reason = error instanceof RunFailedError ? error.reason : error instanceof Error ? error.message : String(error);
    failRun(options.db, runId, now().toISOString(), reason);
    options.logger?.error({ runId, reason }, "run failed");
    throw error;
  }
}
