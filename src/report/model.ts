import type { Check, Finding, FindingStatus } from "../checks/types.js";
import { CONTROL_STATUSES } from "../frameworks/types.js";
import type { Attestation, ControlResult, ControlStatus, FrameworkMapping, InvalidWaiver } from "../frameworks/types.js";
import type { WaiverOutcome } from "../frameworks/waivers.js";
import type { ChangedFinding, EvidenceLookup, ReportEvidence, ReportFinding, ReportModel, ReportRun, ResourceShare, ShareTrendPoint } from "./types.js";

export const FINDING_STATUSES: readonly FindingStatus[] = ["PASS", "FAIL", "WAIVED", "ERROR", "NOT_APPLICABLE"];

export interface ReportInput {
  generatedAt: string;
  toolVersion: string;
  run: ReportRun;
  mapping: FrameworkMapping;
  results: readonly ControlResult[];
  /** The framework's score over `results`, as the evaluation computed it (see controlScore). */
  score: number;
  /** Every evidence record of the run, by id (only the cited ones reach the index). */
  evidence: EvidenceLookup;
  checks: readonly Check[];
  previous?: { runId: string; findings: readonly Finding[] };
  /** Scores of earlier runs, oldest first; this run's point is appended. */
  trend: readonly TrendInput[];
  /**
   * The stored control results of the trend's earlier runs (finding keys and statuses after
   * waivers), for the resource-share trend; a run missing here has no share in the trend.
   */
  resourceHistory?: readonly RunControlFindings[];
  waivers: Pick<WaiverOutcome, "active" | "expired"> & { invalid?: readonly InvalidWaiver[] };
  attestations: readonly Attestation[];
}

/**
 * An earlier run of the trend. Its resource shares come from `resourceHistory` when the stored
 * findings are at hand, else from the shares given here (a package verified offline holds only
 * what its report.json says of earlier runs).
 */
export interface TrendInput {
  runId: string;
  at: string;
  score: number;
  resourceShare?: number | null;
  controlShares?: Readonly<Record<string, number | null>>;
}

export interface RunControlFindings {
  runId: string;
  controls: readonly { controlId: string; findings: readonly Pick<Finding, "checkId" | "resourceArn" | "status">[] }[];
}

/** See {@link ResourceShare}: grouped by resource ARN, so a resource several checks judge counts once. */
export function resourceShare(findings: Iterable<Pick<Finding, "resourceArn" | "status">>): ResourceShare {
  const passes = new Map<string, boolean>();
  for (const f of findings) {
    if (f.status === "NOT_APPLICABLE" || f.status === "WAIVED") continue;
    passes.set(f.resourceArn, (passes.get(f.resourceArn) ?? true) && f.status === "PASS");
  }
  let passing = 0;
  for (const ok of passes.values()) if (ok) passing += 1;
  const applicable = passes.size;
  return { passing, applicable, share: applicable === 0 ? null : Math.round((1000 * passing) / applicable) / 10 };
}

/** The findings of every control of a run, each finding once. */
function uniqueAcross(controls: RunControlFindings["controls"]): Pick<Finding, "checkId" | "resourceArn" | "status">[] {
  const unique = new Map<string, Pick<Finding, "checkId" | "resourceArn" | "status">>();
  for (const c of controls) for (const f of c.findings) unique.set(key(f), f);
  return [...unique.values()];
}

export function controlScore(statuses: readonly ControlStatus[]): number {
  if (statuses.length === 0) return 0;
  const shown = statuses.filter((s) => s === "PASS" || s === "ATTESTED").length;
  return Math.round((1000 * shown) / statuses.length) / 10;
}

const key = (f: Pick<Finding, "checkId" | "resourceArn">): string => `${f.checkId}\u0000${f.resourceArn}`;

function changesSince(current: readonly Finding[], previous: ReportInput["previous"]): ReportModel["changes"] {
  if (!previous) return { previousRunId: null, newlyFailing: [], resolved: [] };
  const before = new Map(previous.findings.map((f) => [key(f), f]));
  const now = new Map(current.map((f) => [key(f), f]));
  const brief = (f: Finding): ChangedFinding => ({ checkId: f.checkId, resourceArn: f.resourceArn, status: f.status, reason: f.reason });
  const newlyFailing = current.filter((f) => f.status === "FAIL" && before.get(key(f))?.status !== "FAIL").map(brief);
  const resolved = previous.findings
    .filter((f) => f.status === "FAIL" && now.get(key(f))?.status !== "FAIL")
    .map((f) => {
      const after = now.get(key(f));
      return after ? brief(after) : { ...brief(f), status: "NOT_APPLICABLE" as const, reason: "resource no longer present" };
    });
  return { previousRunId: previous.runId, newlyFailing, resolved };
}

function countBy<T extends string>(all: readonly T[], values: readonly T[]): Record<T, number> {
  const counts = Object.fromEntries(all.map((s) => [s, 0])) as Record<T, number>;
  for (const v of values) counts[v] += 1;
  return counts;
}

/**
 * The report model: a pure function of a stored run and a framework's control results. Every
 * renderer reads this object, and report.json is this object.
 */
export function buildReportModel(input: ReportInput): ReportModel {
  const { mapping, results } = input;
  const frameworkChecks = new Set(mapping.controls.flatMap((c) => c.checks));
  const checkMeta = input.checks.filter((c) => frameworkChecks.has(c.id));
  const byControl = new Map(results.map((r) => [r.controlId, r]));

  // A finding mapped to several controls is counted once.
  const unique = new Map<string, Finding>();
  for (const r of results) for (const f of r.findings) unique.set(key(f), f);
  const findings = [...unique.values()].sort((a, b) => a.checkId.localeCompare(b.checkId) || a.resourceArn.localeCompare(b.resourceArn));

  const cited = new Set<string>(input.run.gaps.map((g) => g.evidenceId));
  const toReportFinding = (f: Finding): ReportFinding => {
    for (const id of f.evidenceIds) cited.add(id);
    return {
      checkId: f.checkId,
      resourceArn: f.resourceArn,
      resourceType: f.resourceType,
      resourceName: f.resourceName,
      account: f.account,
      region: f.region,
      severity: f.severity,
      status: f.status,
      reason: f.reason,
      evidence: f.evidenceIds.map((id) => ({ id, sha256: input.evidence.get(id)?.sha256 ?? "" })),
      ...(f.lastChange ? { lastChange: f.lastChange } : {}),
      ...(f.configRule ? { configRule: f.configRule } : {}),
      ...(f.waiver ? { waiver: f.waiver } : {}),
    };
  };

  const history = new Map((input.resourceHistory ?? []).map((h) => [h.runId, h]));
  const earlier = input.trend.filter((p) => p.runId !== input.run.id);
  const shareTrend = (controlId: string, now: ResourceShare): ShareTrendPoint[] => [
    ...earlier.map((p) => {
      const run = history.get(p.runId);
      const control = run?.controls.find((c) => c.controlId === controlId);
      const share = run ? (control ? resourceShare(control.findings).share : null) : (p.controlShares?.[controlId] ?? null);
      return { runId: p.runId, at: p.at, share };
    }),
    { runId: input.run.id, at: input.run.finishedAt, share: now.share },
  ];

  const controls = mapping.controls.map((c) => {
    const result = byControl.get(c.id);
    if (!result) throw new Error(`no result for control ${c.id}`);
    const resources = resourceShare(result.findings);
    return {
      id: c.id,
      title: c.title,
      description: c.description ?? "",
      ...(c.requirement ? { requirement: c.requirement } : {}),
      manual: c.manual,
      status: result.status,
      reason: result.reason,
      checks: c.checks,
      findings: result.findings.map(toReportFinding),
      ...(result.attestation ? { attestation: result.attestation } : {}),
      resources: { ...resources, trend: shareTrend(c.id, resources) },
    };
  });

  const controlStatuses = results.map((r) => r.status);
  const { score } = input;
  const summaryResources = resourceShare(findings);
  const failingByCheck = new Map<string, number>();
  for (const f of findings) if (f.status === "FAIL") failingByCheck.set(f.checkId, (failingByCheck.get(f.checkId) ?? 0) + 1);
  const topFailingChecks = checkMeta
    .filter((c) => failingByCheck.has(c.id))
    .map((c) => ({ checkId: c.id, title: c.title, severity: c.severity, failing: failingByCheck.get(c.id) ?? 0 }))
    .sort((a, b) => b.failing - a.failing || a.checkId.localeCompare(b.checkId))
    .slice(0, 10);

  return {
    schemaVersion: 1,
    generatedAt: input.generatedAt,
    tool: { name: "sageaudit", version: input.toolVersion },
    framework: { id: mapping.framework, title: mapping.title, version: mapping.version, mappingSha256: mapping.sha256 },
    run: input.run,
    summary: {
      controls: countBy(CONTROL_STATUSES, controlStatuses),
      findings: countBy(FINDING_STATUSES, findings.map((f) => f.status)),
      score,
      resources: summaryResources,
    },
    trend: [
      ...earlier.map(({ runId, at, score: earlierScore, resourceShare: given }) => {
        const run = history.get(runId);
        return { runId, at, score: earlierScore, resourceShare: run ? resourceShare(uniqueAcross(run.controls)).share : (given ?? null) };
      }),
      { runId: input.run.id, at: input.run.finishedAt, score, resourceShare: summaryResources.share },
    ],
    topFailingChecks,
    controls,
    changes: changesSince(findings, input.previous && { ...input.previous, findings: input.previous.findings.filter((f) => frameworkChecks.has(f.checkId)) }),
    waivers: { active: input.waivers.active, expired: input.waivers.expired, invalid: [...(input.waivers.invalid ?? [])] },
    attestations: [...input.attestations],
    checks: checkMeta.map((c) => ({
      id: c.id,
      title: c.title,
      severity: c.severity,
      resourceType: c.resourceType,
      rationale: c.rationale,
      remediation: c.remediation,
      ...(c.awsConfigRule ? { awsConfigRule: c.awsConfigRule } : {}),
      ...(c.peers ? { peers: c.peers } : {}),
    })),
    evidenceIndex: [...cited]
      .sort()
      .map((id) => input.evidence.get(id))
      .filter((e): e is ReportEvidence => e !== undefined),
  };
}
