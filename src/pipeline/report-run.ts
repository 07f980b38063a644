import { join } from "node:path";
import { CATALOGUE } from "../checks/catalogue.js";
import type { Finding, Waiver } from "../checks/types.js";
import type { Attestation, FrameworkMapping, InvalidWaiver } from "../frameworks/types.js";
import { applyWaivers } from "../frameworks/waivers.js";
import { buildReportModel } from "../report/model.js";
import type { RunControlFindings } from "../report/model.js";
import type { EvidenceLookup, ReportModel } from "../report/types.js";
import { controlRows } from "../store/chain.js";
import type { Db } from "../store/db.js";
import { evidenceIndex } from "../store/evidence.js";
import { loadFindings, previousRun, saveFrameworkResults, scoreTrend } from "../store/runs.js";
import type { FrameworkResultsEntry, RunRow } from "../store/runs.js";
import { evaluateFrameworkAt, runTime } from "./evaluate.js";
import type { FrameworkEvaluation } from "./evaluate.js";
import { safeFileComponent } from "./output.js";

export type ReportFormat = "pdf" | "html" | "json" | "csv";
export const REPORT_FORMATS: readonly ReportFormat[] = ["pdf", "html", "json", "csv"];

export interface FrameworkInputs {
  mapping: FrameworkMapping;
  waivers: readonly Waiver[];
  /** Waiver entries that do not apply (malformed, unknown check): the report lists them. */
  invalidWaivers?: readonly InvalidWaiver[];
  attestations: readonly Attestation[];
}

/**
 * A run's own evaluation, as the report path needs it: held in memory by the pass that collected
 * it, or loaded once from the store for `report --run`. The report path never re-reads it.
 */
export interface EvaluatedRun {
  run: RunRow;
  findings: readonly Finding[];
  evidence: EvidenceLookup;
}

/** The stored form of a framework's evaluation. */
export function frameworkResultsEntry(inputs: FrameworkInputs, evaluation: FrameworkEvaluation, evaluatedAt: string): FrameworkResultsEntry {
  return {
    mapping: inputs.mapping,
    results: evaluation.results,
    score: evaluation.score,
    evaluatedAt,
    waivers: inputs.waivers,
    attestations: inputs.attestations,
  };
}

/**
 * `report --run`, package and tests: evaluates a framework over a stored run (waivers and
 * attestations judged at the run's end time), records the control results, and builds the report
 * model through the same path as a run collected now. No AWS call.
 */
export function evaluateStoredRun(
  db: Db,
  run: RunRow,
  inputs: FrameworkInputs,
  generatedAt: string,
  toolVersion: string,
  options: { persist?: boolean } = {},
): ReportModel {
  const evaluated: EvaluatedRun = { run, findings: loadFindings(db, run.id), evidence: evidenceIndex(db, run.id) };
  const evaluation = evaluateFrameworkAt(inputs.mapping, evaluated.findings, inputs.waivers, inputs.attestations, runTime(run));
  // A read-only store (report --run on a read-only file) is rendered without recording the results.
  if (options.persist !== false) saveFrameworkResults(db, run.id, frameworkResultsEntry(inputs, evaluation, generatedAt));
  return buildRunReport(db, evaluated, inputs, evaluation, generatedAt, toolVersion);
}

/**
 * The report model of an evaluated run. The store is read only for history: the previous run's
 * findings (changes since) and earlier runs' scores and control results (trends).
 */
export function buildRunReport(
  db: Db,
  evaluated: EvaluatedRun,
  inputs: FrameworkInputs,
  evaluation: FrameworkEvaluation,
  generatedAt: string,
  toolVersion: string,
): ReportModel {
  const { run } = evaluated;
  const previous = previousRun(db, run.id);
  const trend = scoreTrend(db, inputs.mapping.framework, run.id, 11);
  return buildReportModel({
    generatedAt,
    toolVersion,
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: runTime(run),
      status: run.status,
      source: run.source,
      accounts: run.accounts,
      regions: run.regions,
      evidenceCount: run.evidenceCount,
      merkleRoot: run.merkleRoot ?? "",
      gaps: run.gaps.map((g) => ({ source: g.source, operation: g.operation, account: g.account, region: g.region, error: g.error, evidenceId: g.evidenceId })),
    },
    mapping: inputs.mapping,
    results: evaluation.results,
    score: evaluation.score,
    evidence: evaluated.evidence,
    checks: CATALOGUE,
    ...(previous ? { previous: { runId: previous.id, findings: applyWaivers(loadFindings(db, previous.id), inputs.waivers, runTime(previous)).findings } } : {}),
    trend,
    resourceHistory: trend.map((p) => storedControlFindings(db, p.runId, inputs.mapping.framework)),
    waivers: { active: evaluation.waived.active, expired: evaluation.waived.expired, invalid: inputs.invalidWaivers ?? [] },
    attestations: inputs.attestations,
  });
}

/** The finding keys and statuses (after waivers) that a run's stored control results counted. */
function storedControlFindings(db: Db, runId: string, framework: string): RunControlFindings {
  return {
    runId,
    controls: controlRows(db, runId, framework).map((row) => ({
      controlId: row.controlId,
      findings: (JSON.parse(row.body) as { findings: RunControlFindings["controls"][number]["findings"] }).findings,
    })),
  };
}

/** `<out>/<framework>-<run-id>.<format>`, both names made safe for a file name first. */
export function reportPaths(outDir: string, framework: string, runId: string, formats: readonly ReportFormat[]): Record<ReportFormat, string> {
  const base = `${safeFileComponent(framework)}-${safeFileComponent(runId)}`;
  return Object.fromEntries(formats.map((f) => [f, join(outDir, `${base}.${f}`)])) as Record<ReportFormat, string>;
}
