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

/*
 * The JSON text of findings, built from fragments. The store writes every finding of every run as
 * JSON and seals the rows: `JSON.stringify` through `toJSON` built an object and escaped ten members
 * per finding, about 2–3 µs, a sixth of an unchanged run's store at 100,000 jobs (700,000 findings).
 * Here a rule's members are escaped once per check, and the values many findings repeat (resource
 * type, account, region, status, the interned reasons) once per value, in a bounded table; only the
 * ARN, the name and the evidence list are escaped per finding. Nothing is remembered per resource:
 * at 500,000 jobs a text per subject would be some 200 MB held through the store. Each fragment is
 * `JSON.stringify` of the same value, so the text is the same to the byte; anything else (a plain
 * finding, an annotation, a member that is not a string) is left to `JSON.stringify` itself.
 */
const json = JSON.stringify;
const ruleTexts = new WeakMap<FindingRule, readonly [checkId: string, severity: string]>();
const REPEATED_TEXTS = 4096;
const repeatedTexts = new Map<string, string>();

/** The JSON of a rule's id and severity, once per rule. */
function ruleJson(rule: FindingRule): readonly [string, string] {
  let texts = ruleTexts.get(rule);
  if (texts === undefined) {
    texts = [json(rule.id), json(rule.severity)];
    ruleTexts.set(rule, texts);
  }
  return texts;
}

/** The JSON of a string that many findings repeat; the table starts over when full. */
function repeatedJson(value: string): string {
  let text = repeatedTexts.get(value);
  if (text === undefined) {
    text = json(value);
    if (repeatedTexts.size >= REPEATED_TEXTS) repeatedTexts.clear();
    repeatedTexts.set(value, text);
  }
  return text;
}

const text = (v: unknown): boolean => typeof v === "string";
/** Whether the fragments write this finding: every member a string, the list an array, no annotation. */
const hasPlainMembers = (f: SharedFinding): boolean => {
  const s = f.subject;
  return (
    text(f.rule.id) && text(f.rule.severity) && text(s.arn) && text(s.type) && text(s.name) && text(s.account) && text(s.region) && text(f.status) && text(f.reason) &&
    Array.isArray(f.evidenceIds) && f.lastChange === undefined && f.configRule === undefined && f.waiver === undefined
  );
};

/** `JSON.stringify(finding)`, byte for byte. */
export function findingJson(finding: Finding): string {
  if (!(finding instanceof SharedFinding) || !hasPlainMembers(finding)) return json(finding);
  const [checkId, severity] = ruleJson(finding.rule);
  const s = finding.subject;
  return (
    `{"checkId":${checkId},"resourceArn":${json(s.arn)},"resourceType":${repeatedJson(s.type)},"resourceName":${json(s.name)},` +
    `"account":${repeatedJson(s.account)},"region":${repeatedJson(s.region)},"severity":${severity},"status":${repeatedJson(finding.status)},` +
    `"reason":${repeatedJson(finding.reason)},"evidenceIds":${json(finding.evidenceIds)}}`
  );
}

/** `JSON.stringify(checkId) + "," + JSON.stringify(resourceArn)`: the key members of a finding's digest row. */
export function findingKeyJson(finding: Finding): string {
  const checkId = finding instanceof SharedFinding && typeof finding.rule.id === "string" ? ruleJson(finding.rule)[0] : json(finding.checkId);
  return `${checkId},${json(finding.resourceArn)}`;
}

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
