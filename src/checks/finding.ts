/**
 * Findings as the engine makes them. A training job has seven findings, and each repeated its
 * resource's type, name, account and region and its check's severity: at 500,000 jobs those
 * slots were some 100 MB of the run's peak heap (a heap snapshot put a finding at 104 bytes, ten
 * fields). Here the findings of one resource share one subject, those of one check share the
 * check's rule, and a finding holds five fields; the members the `Finding` interface names are read
 * through the prototype, and `toJSON` writes them in the order a plain finding has, so stored
 * bodies, report files and the findings digest are byte for byte what they were.
 *
 * Such a finding has no own `resourceArn` (or `checkId`, …): spreading it (`{ ...f }`) would lose
 * them. `amendFinding` is the one way to derive a finding from another.
 */
import type { ConfigRuleDisagreement, Finding, FindingStatus, LastChange, Severity, Waiver } from "./types.js";

/** What a finding is about; one per resource, shared by its findings. */
export interface FindingSubject {
  readonly arn: string;
  readonly type: string;
  readonly name: string;
  readonly account: string;
  readonly region: string;
}

/** The check a finding comes from; a `Check` is one. */
export interface FindingRule {
  readonly id: string;
  readonly severity: Severity;
}

/** What a later stage changes in a finding: never what it is about. */
export type FindingAmendment = Partial<Pick<Finding, "status" | "reason" | "evidenceIds" | "lastChange" | "configRule" | "waiver">>;

const ANNOTATIONS: ReadonlySet<string> = new Set(["lastChange", "configRule", "waiver"]);
/** Own fields set by the constructor; annotations, when a finding has any, follow them. */
const OWN_FIELDS = 5;

class SharedFinding implements Finding {
  declare lastChange?: LastChange;
  declare configRule?: ConfigRuleDisagreement;
  declare waiver?: Waiver;

  constructor(
    readonly rule: FindingRule,
    readonly subject: FindingSubject,
    readonly status: FindingStatus,
    readonly reason: string,
    readonly evidenceIds: readonly string[],
  ) {}

  get checkId(): string {
    return this.rule.id;
  }
  get resourceArn(): string {
    return this.subject.arn;
  }
  get resourceType(): string {
    return this.subject.type;
  }
  get resourceName(): string {
    return this.subject.name;
  }
  get account(): string {
    return this.subject.account;
  }
  get region(): string {
    return this.subject.region;
  }
  get severity(): Severity {
    return this.rule.severity;
  }

  /** The plain finding's members in its order, annotations in the order they were added (as `{ ...f, x }` did). */
  toJSON(): Record<string, unknown> {
    const s = this.subject;
    const json: Record<string, unknown> = {
      checkId: this.rule.id,
      resourceArn: s.arn,
      resourceType: s.type,
      resourceName: s.name,
      account: s.account,
      region: s.region,
      severity: this.rule.severity,
      status: this.status,
      reason: this.reason,
      evidenceIds: this.evidenceIds,
    };
    if (this.lastChange === undefined && this.configRule === undefined && this.waiver === undefined) return json;
    for (const key of annotationKeys(this)) json[key] = (this as unknown as Record<string, unknown>)[key];
    return json;
  }
}

const annotationKeys = (f: SharedFinding): string[] => Object.keys(f).slice(OWN_FIELDS);

export function newFinding(rule: FindingRule, subject: FindingSubject, status: FindingStatus, reason: string, evidenceIds: readonly string[]): Finding {
  return new SharedFinding(rule, subject, status, reason, evidenceIds);
}

/** A resource's identity as a subject, for a resource met once (the engine shares one per resource). */
export function subjectOf(resource: Pick<FindingSubject, "arn" | "type" | "name" | "account" | "region">): FindingSubject {
  return { arn: resource.arn, type: resource.type, name: resource.name, account: resource.account, region: resource.region };
}

/**
 * `{ ...finding, ...amendment }` for every kind of finding: members keep their places, an
 * annotation the finding lacks goes last. A finding the engine made keeps its shared subject and rule.
 */
export function amendFinding(finding: Finding, amendment: FindingAmendment): Finding {
  if (!(finding instanceof SharedFinding)) return { ...finding, ...amendment };
  const next = new SharedFinding(
    finding.rule,
    finding.subject,
    amendment.status ?? finding.status,
    amendment.reason ?? finding.reason,
    amendment.evidenceIds ?? finding.evidenceIds,
  ) as unknown as Record<string, unknown>;
  const source = finding as unknown as Record<string, unknown>;
  const patch = amendment as Record<string, unknown>;
  for (const key of annotationKeys(finding)) next[key] = key in patch ? patch[key] : source[key];
  for (const key of Object.keys(patch)) if (ANNOTATIONS.has(key) && !(key in next)) next[key] = patch[key];
  return next as unknown as Finding;
}
