import type { CheckPeers, Finding, FindingStatus, Severity, Waiver } from "../checks/types.js";
import type { Attestation, ControlStatus, InvalidWaiver } from "../frameworks/types.js";

/** The report model: built once (pure) from the store, read by every renderer. report.json is this object. */
export interface ReportModel {
  schemaVersion: 1;
  generatedAt: string;
  tool: { name: "sageaudit"; version: string };
  framework: { id: string; title: string; version: string; mappingSha256: string };
  run: ReportRun;
  summary: {
    controls: Record<ControlStatus, number>;
    findings: Record<FindingStatus, number>;
    /** Percentage of controls demonstrated (PASS or ATTESTED) among all controls, one decimal. */
    score: number;
    /** Resources that pass every applicable mapped check, among the framework's applicable resources. */
    resources: ResourceShare;
  };
  /**
   * Score of this and earlier runs, oldest first, for the trend chart; `resourceShare` is that run's
   * summary resource share (null where no resource applied or the run's results are not stored).
   */
  trend: { runId: string; at: string; score: number; resourceShare: number | null }[];
  topFailingChecks: { checkId: string; title: string; severity: Severity; failing: number }[];
  controls: ReportControl[];
  changes: { previousRunId: string | null; newlyFailing: ChangedFinding[]; resolved: ChangedFinding[] };
  /** `invalid`: entries of the waivers file that do not apply (malformed, unknown check), with their position. */
  waivers: { active: ReportWaiver[]; expired: ReportWaiver[]; invalid: InvalidWaiver[] };
  attestations: Attestation[];
  checks: ReportCheck[];
  evidenceIndex: ReportEvidence[];
}

export interface ReportRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  status: string;
  source: string;
  accounts: string[];
  regions: string[];
  evidenceCount: number;
  merkleRoot: string;
  gaps: { source: string; operation: string; account: string; region: string; error: string; evidenceId: string }[];
}

export interface ReportControl {
  id: string;
  title: string;
  description: string;
  requirement?: "Required" | "Addressable";
  manual: boolean;
  status: ControlStatus;
  reason: string;
  checks: string[];
  findings: ReportFinding[];
  attestation?: Attestation;
  /** Share of this control's applicable resources that pass, with the share in earlier runs. */
  resources: ResourceShare & { trend: ShareTrendPoint[] };
}

/**
 * Resources that pass, among those a set of findings applies to. A resource is applicable when at
 * least one of its findings is PASS, FAIL or ERROR (NOT_APPLICABLE and WAIVED ones are left out, as
 * control status leaves them out), and passes when all of those are PASS: a FAIL or an evidence gap
 * (ERROR) keeps it from passing.
 */
export interface ResourceShare {
  passing: number;
  applicable: number;
  /** passing / applicable as a percentage with one decimal; null when no resource applies. */
  share: number | null;
}

/** Oldest first, ending with the current run. */
export interface ShareTrendPoint {
  runId: string;
  at: string;
  share: number | null;
}

/** A finding as reports show it: its evidence ids resolved to id + SHA-256. */
export interface ReportFinding extends Omit<Finding, "evidenceIds"> {
  evidence: { id: string; sha256: string }[];
}

export interface ChangedFinding {
  checkId: string;
  resourceArn: string;
  status: FindingStatus;
  reason: string;
}

export interface ReportWaiver extends Waiver {
  matched: number;
}

export interface ReportCheck {
  id: string;
  title: string;
  severity: Severity;
  resourceType: string;
  rationale: string;
  remediation: string;
  awsConfigRule?: string;
  /** Controls of peer tools judging the same concept (Security Hub, Prowler, Checkov). */
  peers?: CheckPeers;
}

/** A run's evidence index as the report reads it: one record's id, hash and origin, by id. */
export type EvidenceLookup = Pick<ReadonlyMap<string, ReportEvidence>, "get">;

export interface ReportEvidence {
  id: string;
  sha256: string;
  source: string;
  operation: string;
  account: string;
  region: string;
  error?: string;
}
