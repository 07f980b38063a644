import { join } from "node:path";
import { CATALOGUE } from "../checks/catalogue.js";
import type { Waiver } from "../checks/types.js";
import type { Attestation, FrameworkMapping, InvalidWaiver } from "../frameworks/types.js";
import { applyWaivers } from "../frameworks/waivers.js";
import { buildReportModel } from "../report/model.js";
import type { RunControlFindings } from "../report/model.js";
import type { ReportModel } from "../report/types.js";
import { controlRows } from "../store/chain.js";
import type { Db } from "../store/db.js";
import { evidenceIndex } from "../store/evidence.js";
import { loadFindings, previousRun, saveFrameworkResults, scoreTrend } from "../store/runs.js";
import type { RunRow } from "../store/runs.js";
import { evaluateFrameworkAt, runTime } from "./evaluate.js";
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
 * Evaluates a framework over a stored run (waivers and attestations judged at the run's end time),
 * records the control results, and builds the report model. No AWS call.
 */
export function evaluateStoredRun(
  db: Db,
  run: RunRow,
  inputs: FrameworkInputs,
  generatedAt: string,
  toolVersion: string,
  options: { persist?: boolean } = {},
): ReportModel {
  const at = runTime(run);
  const { waived, results, score } = evaluateFrameworkAt(inputs.mapping, loadFindings(db, run.id), inputs.waivers, inputs.attestations, at);
  // A read-only store (report --run on a read-only file) is rendered without recording the results.
  if (options.persist !== false) {
    saveFrameworkResults(db, run.id, {
      mapping: inputs.mapping,
      results,
      score,
      evaluatedAt: generatedAt,
      waivers: inputs.waivers,
      attestations: inputs.attestations,
    });
  }
  const previous = previousRun(db, run.id);
  const trend = scoreTrend(db, inputs.mapping.framework, run.id, 11);
  return buildReportModel({
    generatedAt,
    toolVersion,
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: at,
      status: run.status,
      source: run.source,
      accounts: run.accounts,
      regions: run.regions,
      evidenceCount: run.evidenceCount,
      merkleRoot: run.merkleRoot ?? "",
      gaps: run.gaps.map((g) => ({ source: g.source, operation: g.operation, account: g.account, region: g.region, error: g.error, evidenceId: g.evidenceId })),
    },
    mapping: inputs.mapping,
    results,
    evidence: evidenceIndex(db, run.id),
    checks: CATALOGUE,
    ...(previous ? { previous: { runId: previous.id, findings: applyWaivers(loadFindings(db, previous.id), inputs.waivers, runTime(previous)).findings } } : {}),
    trend,
    resourceHistory: trend.map((p) => storedControlFindings(db, p.runId, inputs.mapping.framework)),
    waivers: { active: waived.active, expired: waived.expired, invalid: inputs.invalidWaivers ?? [] },
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
