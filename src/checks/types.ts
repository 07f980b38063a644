import type { Inventory, Resource } from "../evidence/inventory.js";
import type { EvidenceGap } from "../evidence/types.js";

export type Severity = "critical" | "high" | "medium" | "low" | "informational";
export type FindingStatus = "PASS" | "FAIL" | "NOT_APPLICABLE" | "ERROR" | "WAIVED";
export type CheckStatus = Exclude<FindingStatus, "WAIVED">;

export interface Verdict {
  status: CheckStatus;
  reason: string;
  /** Evidence read beyond the resource's own records (related roles, schedules, events). */
  evidenceIds?: string[];
}

/** A supporting resource some SageMaker resource uses, resolved (or not) to its collected configuration. */
export interface CheckTarget {
  arn: string;
  name: string;
  account: string;
  region: string;
  /** ARNs of the SageMaker resources that reference it. */
  referencedBy: string[];
  /** Evidence of the referencing resources: it is how we know the target is in scope. */
  evidenceIds: string[];
  resource?: Resource;
  /** Why the reference could not be resolved, when that is known better than "not collected". */
  unresolved?: string;
}

export interface CheckContext<C> {
  resource: Resource<C>;
  inventory: Inventory;
  /** Failed calls in the resource's scope that the check needs; only handed over to checks that judge them. */
  scopeGaps: readonly EvidenceGap[];
}

/**
 * Peer controls an auditor reconciles a finding with. Only ids verified in the peer's own source
 * (Security Hub CSPM control reference, AWS Config managed rule pages, prowler-cloud/prowler,
 * bridgecrewio/checkov) are recorded; a peer that judges a narrower or slightly different thing is
 * named in the check's doc comment with the difference.
 */
export interface CheckPeers {
  /** AWS Security Hub CSPM control ids: `SageMaker.9`, `CloudTrail.1`. */
  securityHub?: readonly string[];
  /**
   * AWS Config managed rule identifiers beyond `awsConfigRule`: rules that judge the concept on one
   * of several resource types the check covers, or judge it differently, so they are not used for
   * the finding-level cross-check.
   */
  awsConfig?: readonly string[];
  /** Prowler check ids (`sagemaker_…`). */
  prowler?: readonly string[];
  /** Checkov policy ids (`CKV_AWS_…`). */
  checkov?: readonly string[];
}

export interface CheckDefinition<C = Record<string, unknown>> {
  id: string;
  title: string;
  resourceType: string;
  /**
   * For a check that judges one concept on several resource types (a monitoring job configured in a
   * job definition or inline in a schedule): every type it evaluates. `resourceType` stays the
   * primary type, named on scope-gap findings. Absent: `[resourceType]`.
   */
  resourceTypes?: readonly string[];
  severity: Severity;
  rationale: string;
  remediation: string;
  /**
   * AWS Config managed rule (identifier) that judges the same thing on the same resource: its
   * verdicts are cross-checked against the findings. Other related rules go in `peers.awsConfig`.
   */
  awsConfigRule?: string;
  /**
   * The controls of peer tools that judge the same concept, so an auditor can reconcile reports:
   * AWS Security Hub CSPM control ids (`SageMaker.1`), further AWS Config rules, Prowler check ids,
   * Checkov ids. Shown by `checks list`, `checks list --json` and the report appendix.
   */
  peers?: CheckPeers;
  /** `source:Operation` calls the check reads; a failure of any of them makes its findings ERROR. */
  evidence: readonly string[];
  /**
   * For checks over supporting resources: the resources in scope, i.e. those SageMaker resources
   * reference. Only they are evaluated; one whose configuration was not collected yields ERROR.
   */
  targets?: (inventory: Inventory) => CheckTarget[];
  /**
   * The check decides itself what failed calls in its scope mean (e.g. a multi-region trail seen
   * logging covers a region whose DescribeTrails failed; a tampering event seen is a FAIL whatever
   * else is missing). Without it, any such gap makes the finding ERROR before evaluate runs.
   */
  judgesScopeGaps?: boolean;
  evaluate: (config: C, ctx: CheckContext<C>) => Verdict;
}

/** Check with its configuration type erased, as the catalogue holds it. */
export type Check = CheckDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LastChange {
  eventName: string;
  eventTime: string;
  principal: string;
  sourceIp: string;
  eventId: string;
}

export interface ConfigRuleDisagreement {
  configRuleName: string;
  compliance: string;
  evidenceId: string;
}

export interface Waiver {
  check: string;
  resource: string;
  reason: string;
  approvedBy: string;
  expires: string;
}

export interface Finding {
  checkId: string;
  resourceArn: string;
  resourceType: string;
  resourceName: string;
  account: string;
  region: string;
  severity: Severity;
  status: FindingStatus;
  reason: string;
  /** Sorted and unique; shared between findings of one resource, so never mutated (see engine.ts). */
  evidenceIds: readonly string[];
  lastChange?: LastChange;
  configRule?: ConfigRuleDisagreement;
  waiver?: Waiver;
}
