import type { FindingStatus, LastChange, Severity } from "../checks/types.js";
import { peersText } from "../checks/peers.js";
import { hashCanonical } from "../evidence/canonical.js";
import type { Attestation, ControlStatus } from "../frameworks/types.js";
import { formatScore } from "./chart.js";
import type { ChangedFinding, ReportControl, ReportFinding, ReportModel, ReportWaiver, ResourceShare, ShareTrendPoint } from "./types.js";

/**
 * The report as the renderers present it: every optional field made explicit (null or empty), labels,
 * anchors and display formats computed once. Handlebars runs in strict mode, so a template can only
 * read fields that exist here; the PDF renderer reads the same view so both documents agree.
 */
export interface ReportView {
  title: string;
  framework: ReportModel["framework"];
  tool: ReportModel["tool"];
  run: {
    id: string;
    status: string;
    source: string;
    startedAt: string;
    finishedAt: string;
    accounts: string;
    regions: string;
    evidenceCount: number;
    merkleRoot: string;
  };
  generatedAt: string;
  reportSha256: string;
  summary: { score: string; totalControls: number; controls: StatusCount[]; findings: StatusCount[]; resources: ShareView };
  trend: ReportModel["trend"];
  topFailingChecks: { checkId: string; title: string; severity: SeverityView; failing: number; anchor: string }[];
  controls: ControlView[];
  manualControls: ControlView[];
  /** Choices of the HTML findings filter: the values the findings hold, in display order. */
  filters: {
    statuses: StatusView[];
    checks: { id: string; title: string }[];
    severities: SeverityView[];
    accounts: string[];
    regions: string[];
    /** Finding rows across all controls (a finding mapped to two controls has two rows). */
    rows: number;
  };
  changes: { previousRunId: string | null; newlyFailing: ChangeView[]; resolved: ChangeView[] };
  gaps: { source: string; operation: string; account: string; region: string; error: string; evidence: EvidenceRef }[];
  waivers: { active: WaiverView[]; expired: WaiverView[]; invalid: { where: string; message: string }[] };
  attestations: AttestationView[];
  methodology: readonly string[];
  checks: { id: string; anchor: string; title: string; severity: SeverityView; resourceType: string; rationale: string; remediation: string; awsConfigRule: string | null; peers: string | null }[];
  evidence: { id: string; anchor: string; sha256: string; source: string; operation: string; account: string; region: string; error: string | null }[];
}

/** A resource share for display: "75%" and "3 of 4 resources pass", with the change since the last run that had one. */
export interface ShareView {
  share: string;
  caption: string;
  /** "+25 pts", "-5 pts", "no change" against the latest earlier run with a share; null without one. */
  delta: string | null;
  trend: ShareTrendPoint[];
}

export interface StatusView {
  code: ControlStatus | FindingStatus;
  label: string;
  css: string;
}
interface StatusCount extends StatusView {
  count: number;
}
interface SeverityView {
  code: Severity;
  label: string;
  css: string;
}
export interface EvidenceRef {
  id: string;
  sha256: string;
  short: string;
  /** Null when the evidence index does not list the record, so no link points nowhere. */
  href: string | null;
}
export interface ControlView {
  id: string;
  anchor: string;
  title: string;
  description: string;
  requirement: string | null;
  manual: boolean;
  status: StatusView;
  reason: string;
  resources: ShareView;
  checks: { id: string; title: string; anchor: string }[];
  findingSummary: string;
  /**
   * The control's finding rows, built when called: a renderer draws one control at a time and drops
   * its rows after, so a report of tens of thousands of findings never holds every row at once.
   */
  groups: () => FindingGroup[];
  attestation: AttestationView | null;
}
export interface FindingGroup {
  checkId: string;
  checkAnchor: string;
  title: string;
  severity: SeverityView;
  remediation: string | null;
  rows: FindingRow[];
}
export interface FindingRow {
  status: StatusView;
  name: string;
  arn: string;
  account: string;
  region: string;
  reason: string;
  lastChange: { eventName: string; time: string; principal: string; sourceIp: string } | null;
  configRule: { name: string; compliance: string; evidenceId: string } | null;
  waiver: { reason: string; approvedBy: string; expires: string } | null;
  evidence: EvidenceRef[];
}
interface ChangeView {
  checkId: string;
  resourceArn: string;
  status: StatusView;
  reason: string;
}
/** Dates formatted for display; otherwise the waiver and attestation as the model holds them. */
type WaiverView = ReportWaiver;
type AttestationView = Attestation;

const METHODOLOGY: readonly string[] = [
  "Evidence. Every API response collected from Amazon SageMaker, AWS Config and AWS CloudTrail is kept as an evidence record together with the SHA-256 of its canonical JSON. Values that can hold secrets are redacted before hashing. The evidence Merkle root on the cover commits to every record of the run, and the store keeps every record, so the root can be recomputed from the evidence at any time.",
  "Checks. Each check is a deterministic function of the evidence and yields PASS, FAIL, NOT_APPLICABLE or ERROR for each resource. ERROR means that evidence the check needs could not be collected (an evidence gap): a missing piece of evidence is never a pass. A failing finding covered by an unexpired waiver is reported as WAIVED; an expired waiver no longer applies.",
  "Control status. FAIL when any mapped finding is FAIL (waived findings are excluded); PASS when at least one mapped finding passed and none failed or errored; NO_DATA when no applicable resource was found or evidence gaps prevent a verdict; MANUAL for a control without automated checks and without a valid attestation; ATTESTED when it has a valid, unexpired attestation.",
  "Score. The score is the share of controls demonstrated, (PASS + ATTESTED) / all controls, as a percentage with one decimal. The trend shows the score of this run and of earlier runs of the same framework.",
  "Resources passing. Because one failing resource fails a whole control, each control and the summary also show the share of resources that pass: a resource counts as applicable when at least one of its mapped findings is PASS, FAIL or ERROR (not-applicable and waived findings are left out, as control status leaves them out), and as passing when all of those are PASS. An evidence gap (ERROR) keeps a resource from passing. The summary counts every resource of the framework once; the trend shows the share in earlier runs from their stored results.",
  "Change attribution. For a failing resource, the latest CloudTrail event in the collection window that created or modified it is shown (event name, time, principal, source IP). Where an AWS Config managed rule judges the same resource differently from our check, the disagreement is shown next to the finding.",
];

const STATUS_LABELS: Record<ControlStatus | FindingStatus, string> = {
  PASS: "Pass",
  FAIL: "Fail",
  NO_DATA: "No data",
  MANUAL: "Manual",
  ATTESTED: "Attested",
  WAIVED: "Waived",
  ERROR: "Error",
  NOT_APPLICABLE: "Not applicable",
};
const CONTROL_ORDER: readonly ControlStatus[] = ["FAIL", "NO_DATA", "MANUAL", "ATTESTED", "PASS"];
/** Findings that need action first, then the ones that explain themselves. */
const FINDING_ORDER: readonly FindingStatus[] = ["FAIL", "ERROR", "WAIVED", "PASS", "NOT_APPLICABLE"];

/** Finding rows an auditor must see: always listed in the HTML and the PDF, however many there are. */
export const NEEDS_ACTION: ReadonlySet<string> = new Set<FindingStatus>(["FAIL", "ERROR", "WAIVED"]);
const SHORT_HASH = 12;

export function reportView(model: ReportModel): ReportView {
  // A run with thousands of gaps must not search the whole index for each one.
  const evidenceHashes = new Map(model.evidenceIndex.map((e) => [e.id, e.sha256]));
  const checkAnchors = anchorMap("check", model.checks.map((c) => c.id));
  const evidenceAnchors = anchorMap("evidence", model.evidenceIndex.map((e) => e.id));
  // `control-<slug>`: HTML ids and PDF named destinations alike.
  const controlAnchors = anchorMap("control", model.controls.map((c) => c.id));
  const ctx: ViewContext = { model, checkAnchors, evidenceAnchors, controlAnchors };
  const controls = model.controls.map((c) => controlView(c, ctx));
  return {
    title: `${model.framework.title}: compliance report`,
    framework: model.framework,
    tool: model.tool,
    run: {
      id: model.run.id,
      status: model.run.status,
      source: model.run.source,
      startedAt: formatTime(model.run.startedAt),
      finishedAt: formatTime(model.run.finishedAt),
      accounts: model.run.accounts.join(", ") || "none",
      regions: model.run.regions.join(", ") || "none",
      evidenceCount: model.run.evidenceCount,
      merkleRoot: model.run.merkleRoot,
    },
    generatedAt: formatTime(model.generatedAt),
    reportSha256: reportDigest(model),
    summary: {
      score: formatScore(model.summary.score),
      totalControls: model.controls.length,
      controls: CONTROL_ORDER.map((s) => ({ ...statusView(s), count: model.summary.controls[s] })),
      findings: FINDING_ORDER.map((s) => ({ ...statusView(s), count: model.summary.findings[s] })),
      resources: shareView(model.summary.resources, model.trend.map((p) => ({ runId: p.runId, at: p.at, share: p.resourceShare }))),
    },
    trend: model.trend,
    topFailingChecks: model.topFailingChecks.map((c) => ({
      checkId: c.checkId,
      title: c.title,
      severity: severityView(c.severity),
      failing: c.failing,
      anchor: checkAnchors.get(c.checkId) ?? "",
    })),
    controls,
    manualControls: controls.filter((c) => c.manual),
    filters: filterChoices(model),
    changes: {
      previousRunId: model.changes.previousRunId,
      newlyFailing: model.changes.newlyFailing.map(changeView),
      resolved: model.changes.resolved.map(changeView),
    },
    gaps: model.run.gaps.map((g) => ({
      source: g.source,
      operation: g.operation,
      account: g.account,
      region: g.region,
      error: g.error,
      evidence: evidenceRef(g.evidenceId, evidenceHashes.get(g.evidenceId) ?? "", ctx),
    })),
    waivers: {
      active: model.waivers.active.map(waiverView),
      expired: model.waivers.expired.map(waiverView),
      invalid: model.waivers.invalid.map((w) => ({ where: `${w.file}:${w.line}:${w.col}`, message: w.message })),
    },
    attestations: model.attestations.map(attestationView),
    methodology: METHODOLOGY,
    checks: model.checks.map((c) => ({
      id: c.id,
      anchor: checkAnchors.get(c.id) ?? "",
      title: c.title,
      severity: severityView(c.severity),
      resourceType: c.resourceType,
      rationale: c.rationale,
      remediation: c.remediation,
      awsConfigRule: c.awsConfigRule ?? null,
      peers: peersText(c.peers) ?? null,
    })),
    evidence: model.evidenceIndex.map((e) => ({
      id: e.id,
      anchor: evidenceAnchors.get(e.id) ?? "",
      sha256: e.sha256,
      source: e.source,
      operation: e.operation,
      account: e.account,
      region: e.region,
      error: e.error ?? null,
    })),
  };
}

/** Readable, sortable and unambiguous: ISO instants are shown as `YYYY-MM-DD HH:MM:SS UTC`. */
const digests = new WeakMap<ReportModel, string>();

/**
 * The report's digest, once per model: every format shows it, and hashing the canonical form of a
 * model with a hundred thousand findings takes seconds. Models are not changed once built.
 */
function reportDigest(model: ReportModel): string {
  let digest = digests.get(model);
  if (digest === undefined) {
    digest = hashCanonical(model);
    digests.set(model, digest);
  }
  return digest;
}

function formatTime(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

function statusView(status: ControlStatus | FindingStatus): StatusView {
  return { code: status, label: STATUS_LABELS[status], css: `st-${status.toLowerCase().replace("_", "-")}` };
}

interface ViewContext {
  model: ReportModel;
  checkAnchors: Map<string, string>;
  evidenceAnchors: Map<string, string>;
  controlAnchors: Map<string, string>;
}

function controlView(control: ReportControl, ctx: ViewContext): ControlView {
  return {
    id: control.id,
    anchor: ctx.controlAnchors.get(control.id) ?? "",
    title: control.title,
    description: control.description,
    requirement: control.requirement ?? null,
    manual: control.manual,
    status: statusView(control.status),
    reason: control.reason,
    resources: shareView(control.resources, control.resources.trend),
    checks: control.checks.map((id) => ({
      id,
      title: ctx.model.checks.find((c) => c.id === id)?.title ?? id,
      anchor: ctx.checkAnchors.get(id) ?? "",
    })),
    findingSummary: findingSummary(control.findings),
    groups: () => findingGroups(control, ctx),
    attestation: control.attestation ? attestationView(control.attestation) : null,
  };
}

/** One group per mapped check, so each check's remediation is stated once rather than on every row. */
function findingGroups(control: ReportControl, ctx: ViewContext): FindingGroup[] {
  const byCheck = new Map<string, ReportFinding[]>(control.checks.map((id) => [id, []]));
  for (const f of control.findings) {
    const group = byCheck.get(f.checkId);
    if (group) group.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  return [...byCheck].flatMap(([checkId, findings]) => {
    if (findings.length === 0) return [];
    const check = ctx.model.checks.find((c) => c.id === checkId);
    return [
      {
        checkId,
        checkAnchor: ctx.checkAnchors.get(checkId) ?? "",
        title: check?.title ?? checkId,
        severity: severityView(check?.severity ?? findings[0]?.severity ?? "informational"),
        remediation: check?.remediation ?? null,
        rows: sortFindings(findings).map((f) => findingRow(f, ctx)),
      },
    ];
  });
}

function sortFindings(findings: readonly ReportFinding[]): ReportFinding[] {
  return findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => FINDING_ORDER.indexOf(a.f.status) - FINDING_ORDER.indexOf(b.f.status) || a.index - b.index)
    .map(({ f }) => f);
}

function findingRow(f: ReportFinding, ctx: ViewContext): FindingRow {
  return {
    status: statusView(f.status),
    name: f.resourceName,
    arn: f.resourceArn,
    account: f.account,
    region: f.region,
    reason: f.reason,
    lastChange: f.lastChange ? lastChangeView(f.lastChange) : null,
    configRule: f.configRule
      ? { name: f.configRule.configRuleName, compliance: f.configRule.compliance, evidenceId: f.configRule.evidenceId }
      : null,
    waiver: f.waiver ? { reason: f.waiver.reason, approvedBy: f.waiver.approvedBy, expires: formatTime(f.waiver.expires) } : null,
    evidence: f.evidence.map((e) => evidenceRef(e.id, e.sha256, ctx)),
  };
}

function lastChangeView(change: LastChange): NonNullable<FindingRow["lastChange"]> {
  return { eventName: change.eventName, time: formatTime(change.eventTime), principal: change.principal, sourceIp: change.sourceIp };
}

function evidenceRef(id: string, sha256: string, ctx: ViewContext): EvidenceRef {
  const anchor = ctx.evidenceAnchors.get(id);
  return {
    id,
    sha256,
    short: sha256.length > SHORT_HASH ? `${sha256.slice(0, SHORT_HASH)}…` : sha256,
    href: anchor ? `#${anchor}` : null,
  };
}

function findingSummary(findings: readonly ReportFinding[]): string {
  if (findings.length === 0) return "No findings";
  const counts = FINDING_ORDER.flatMap((s) => {
    const n = findings.filter((f) => f.status === s).length;
    return n > 0 ? [`${n} ${STATUS_LABELS[s].toLowerCase()}`] : [];
  });
  return `${findings.length} ${findings.length === 1 ? "finding" : "findings"}: ${counts.join(", ")}`;
}

function changeView(c: ChangedFinding): ChangeView {
  return { checkId: c.checkId, resourceArn: c.resourceArn, status: statusView(c.status), reason: c.reason };
}

function waiverView(w: ReportWaiver): WaiverView {
  return { check: w.check, resource: w.resource, reason: w.reason, approvedBy: w.approvedBy, expires: formatTime(w.expires), matched: w.matched };
}

function attestationView(a: Attestation): AttestationView {
  return {
    control: a.control,
    statement: a.statement,
    attestedBy: a.attestedBy,
    date: formatTime(a.date),
    expires: formatTime(a.expires),
    evidence: a.evidence,
  };
}

const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low", "informational"];

function filterChoices(model: ReportModel): ReportView["filters"] {
  const findings = model.controls.flatMap((c) => c.findings);
  const present = <T extends string>(values: Iterable<T>): Set<T> => new Set(values);
  const statuses = present(findings.map((f) => f.status));
  const checks = present(findings.map((f) => f.checkId));
  const severities = present(findings.map((f) => model.checks.find((c) => c.id === f.checkId)?.severity ?? f.severity));
  const sorted = (values: Iterable<string>): string[] => [...new Set(values)].sort();
  return {
    statuses: FINDING_ORDER.filter((s) => statuses.has(s)).map(statusView),
    checks: model.checks.filter((c) => checks.has(c.id)).map((c) => ({ id: c.id, title: c.title })),
    severities: SEVERITY_ORDER.filter((s) => severities.has(s)).map(severityView),
    accounts: sorted(findings.map((f) => f.account)),
    regions: sorted(findings.map((f) => f.region)),
    rows: findings.length,
  };
}

export function shareView(share: ResourceShare, trend: readonly ShareTrendPoint[]): ShareView {
  const resources = (n: number): string => `${n} ${n === 1 ? "resource" : "resources"}`;
  const caption = share.applicable === 0 ? "no applicable resources" : `${share.passing} of ${resources(share.applicable)} pass`;
  const before = trend.slice(0, -1).findLast((p) => p.share !== null)?.share ?? null;
  let delta: string | null = null;
  if (share.share !== null && before !== null) {
    const d = Math.round((share.share - before) * 10) / 10;
    delta = d === 0 ? "no change" : `${d > 0 ? "+" : "-"}${Math.abs(d)} pts`;
  }
  return { share: share.share === null ? "n/a" : formatScore(share.share), caption, delta, trend: [...trend] };
}

function severityView(severity: Severity): SeverityView {
  return { code: severity, label: severity.charAt(0).toUpperCase() + severity.slice(1), css: `sev-${severity}` };
}

/** Readable anchors, unique even when two ids slug alike. */
function anchorMap(prefix: string, ids: readonly string[]): Map<string, string> {
  const used = new Set<string>();
  const anchors = new Map<string, string>();
  for (const id of ids) {
    if (anchors.has(id)) continue;
    const base = `${prefix}-${slug(id)}`;
    let anchor = base;
    for (let n = 2; used.has(anchor); n++) anchor = `${base}-${n}`;
    used.add(anchor);
    anchors.set(id, anchor);
  }
  return anchors;
}

function slug(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";
}
