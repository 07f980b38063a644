/**
 * A pure reader of IAM policy documents — identity policies, permissions boundaries, bucket and
 * trust policies — as AWS Config records them (URL-encoded JSON strings), as JSON strings or as
 * objects, and the wildcard matching IAM applies to their Action and Resource elements.
 *
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 * Elements: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html
 */

import { CONDITION_OPERATORS, parseOperator, substituteVariables } from "./conditions.js";
import type { RequestContext } from "./conditions.js";

/** A document that is not a valid IAM policy (bad JSON, unknown Effect or operator, missing Action). */
export class PolicyDocumentError extends Error {}

/** One clause of a Condition block: operator → key → values (OR across values). */
export interface ConditionClause {
  /** The operator as written, e.g. `ForAnyValue:StringLikeIfExists`. */
  operator: string;
  key: string;
  values: string[];
}

/** Principal / NotPrincipal: `"*"` or `{ AWS | Service | Federated | CanonicalUser: [...] }`. */
export type PrincipalSpec = "*" | Readonly<Record<string, readonly string[]>>;

export interface Statement {
  /** Sid, or `#n` (1-based position) when the statement has none. */
  label: string;
  effect: "Allow" | "Deny";
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  principal?: PrincipalSpec;
  notPrincipal?: PrincipalSpec;
  hasCondition: boolean;
  /**
   * Whether `${…}` are policy variables: only in documents of version 2012-10-17; in 2008-10-17
   * documents (or without Version) they are literal text
   * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
   */
  variables: boolean;
  /** Condition block as clauses; AND across clauses. */
  conditions: ConditionClause[];
}

const strings = (v: unknown, where: string): string[] | undefined => {
  if (v === undefined) return undefined;
  const items = Array.isArray(v) ? v : [v];
  if (!items.every((x) => typeof x === "string")) throw new PolicyDocumentError(`${where} must be a string or a list of strings`);
  return items;
};

const scalar = (v: unknown, where: string): string => {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  throw new PolicyDocumentError(`${where} must hold strings, numbers or booleans`);
};

function principalOf(v: unknown, where: string): PrincipalSpec | undefined {
  if (v === undefined) return undefined;
  if (v === "*") return "*";
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new PolicyDocumentError(`${where} must be "*" or an object`);
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([kind, ids]) => [kind, strings(ids, `${where}.${kind}`) ?? []]));
}

function conditionsOf(v: unknown, where: string): ConditionClause[] {
  if (v === undefined) return [];
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new PolicyDocumentError(`${where} must be an object`);
  const out: ConditionClause[] = [];
  for (const [operator, keys] of Object.entries(v as Record<string, unknown>)) {
    if (!parseOperator(operator)) throw new PolicyDocumentError(`${where} uses unknown condition operator ${operator} (known: ${CONDITION_OPERATORS.join(", ")}, with IfExists and ForAllValues:/ForAnyValue:)`);
    if (keys === null || typeof keys !== "object" || Array.isArray(keys)) throw new PolicyDocumentError(`${where}.${operator} must map condition keys to values`);
    for (const [key, values] of Object.entries(keys as Record<string, unknown>)) {
      const list = Array.isArray(values) ? values : [values];
      out.push({ operator, key, values: list.map((x) => scalar(x, `${where}.${operator}.${key}`)) });
    }
  }
  return out;
}

/**
 * Decodes a policy document: an object, a JSON string, or a URL-encoded JSON string. AWS Config
 * records IAM policy documents URL-encoded (RFC 3986, as GetRolePolicy/GetPolicyVersion return
 * them: https://docs.aws.amazon.com/IAM/latest/APIReference/API_GetPolicyVersion.html), where a
 * `+` may stand for a space as in form encoding. Throws PolicyDocumentError when the document is
 * not a policy: a statement with an Effect other than Allow/Deny, without Action/NotAction, with
 * both Action and NotAction (or Resource and NotResource), or with an unknown condition operator.
 */
export function parsePolicyDocument(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    let text = doc.trim();
    try {
      if (!text.startsWith("{")) text = decodeURIComponent(text.replace(/\+/g, " "));
      doc = JSON.parse(text) as unknown;
    } catch (e) {
      throw new PolicyDocumentError(`not JSON (${(e as Error).message})`);
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) throw new PolicyDocumentError("the policy document is not a JSON object");
  const version = (doc as { Version?: unknown }).Version;
  if (version !== undefined && version !== "2012-10-17" && version !== "2008-10-17") throw new PolicyDocumentError(`Version ${JSON.stringify(version)} is not a policy language version (2012-10-17 or 2008-10-17)`);
  const variables = version === "2012-10-17";
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((s: unknown, i): Statement => {
    if (s === null || typeof s !== "object" || Array.isArray(s)) throw new PolicyDocumentError(`statement #${i + 1} is not an object`);
    const st = s as Record<string, unknown>;
    const label = typeof st.Sid === "string" && st.Sid !== "" ? `"${st.Sid}"` : `#${i + 1}`;
    const where = `statement ${label}`;
    if (st.Effect !== "Allow" && st.Effect !== "Deny") throw new PolicyDocumentError(`${where} has Effect ${JSON.stringify(st.Effect)} (must be Allow or Deny)`);
    const actions = strings(st.Action, `${where} Action`);
    const notActions = strings(st.NotAction, `${where} NotAction`);
    const resources = strings(st.Resource, `${where} Resource`);
    const notResources = strings(st.NotResource, `${where} NotResource`);
    if ((actions === undefined) === (notActions === undefined)) throw new PolicyDocumentError(`${where} must have exactly one of Action and NotAction`);
    if (resources !== undefined && notResources !== undefined) throw new PolicyDocumentError(`${where} has both Resource and NotResource`);
    const principal = principalOf(st.Principal, `${where} Principal`);
    const notPrincipal = principalOf(st.NotPrincipal, `${where} NotPrincipal`);
    const conditions = conditionsOf(st.Condition, `${where} Condition`);
    return {
      label,
      effect: st.Effect,
      ...(actions ? { actions } : {}),
      ...(notActions ? { notActions } : {}),
      ...(resources ? { resources } : {}),
      ...(notResources ? { notResources } : {}),
      ...(principal ? { principal } : {}),
      ...(notPrincipal ? { notPrincipal } : {}),
      hasCondition: conditions.length > 0,
      variables,
      conditions,
    };
  });
}

const escape = (s: string): string => s.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");
const regexCache = new Map<string, RegExp>();

function cached(key: string, build: () => RegExp): RegExp {
  let re = regexCache.get(key);
  if (!re) {
    if (regexCache.size > 10_000) regexCache.clear();
    re = build();
    regexCache.set(key, re);
  }
  return re;
}

/**
 * Action matching: `*` any run, `?` one character, case-insensitive, as the Action element
 * defines (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html).
 */
export function iamMatches(pattern: string, value: string): boolean {
  const re = cached(`a\u0000${pattern}`, () => new RegExp(`^${pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : escape(c))).join("")}$`, "is"));
  return re.test(value);
}

/**
 * Resource matching as the Resource element defines it
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html):
 * case-sensitive; `*` and `?` within a colon-separated segment, and a `*` that ends a segment
 * may expand beyond the colon boundaries. Policy variables (`${aws:username}`, `${*}` …) are
 * replaced from the request context first; a variable the context lacks makes the pattern match
 * nothing (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html).
 */
export function resourceMatches(pattern: string, arn: string, context: RequestContext = {}, variables = true): boolean {
  if (!variables || !pattern.includes("${")) return cached(`p\u0000${pattern}`, () => resourceRegex([{ text: pattern, literal: false }])).test(arn);
  const parts = substituteVariables(pattern, context);
  return parts !== undefined && cached(`r\u0000${JSON.stringify(parts)}`, () => resourceRegex(parts)).test(arn);
}

/** The regex of a resource pattern whose variables were replaced (their text is literal). */
function resourceRegex(parts: readonly { text: string; literal: boolean }[]): RegExp {
  let source = "";
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part === undefined) continue;
    if (part.literal) source += escape(part.text);
    else {
      for (let j = 0; j < part.text.length; j++) {
        const c = part.text[j] as string;
        if (c === "*") {
          const next = part.text[j + 1] ?? (parts[i + 1]?.text[0] ?? "");
          source += next === ":" || next === "" ? ".*" : "[^:]*";
        } else if (c === "?") source += "[^:]";
        else source += escape(c);
      }
    }
  }
  return new RegExp(`^${source}$`, "s");
}

/** Display of a statement's grant: `Allow Action "s3:*" on Resource "*"`. */
export function describeStatement(s: Statement): string {
  const list = (xs: readonly string[]): string => (xs.length === 1 ? JSON.stringify(xs[0]) : JSON.stringify(xs));
  const what = s.actions ? `Action ${list(s.actions)}` : `NotAction ${list(s.notActions ?? [])} (every other action)`;
  const where = s.resources ? `Resource ${list(s.resources)}` : s.notResources ? `NotResource ${list(s.notResources)} (every other resource)` : "every resource";
  return `${s.effect} ${what} on ${where}`;
}

/** Display of a Condition block: `StringEquals iam:PassedToService = sagemaker.amazonaws.com`. */
export function describeConditions(clauses: readonly ConditionClause[]): string {
  return clauses.map((c) => `${c.operator} ${c.key} = ${c.values.length === 1 ? (c.values[0] ?? "") : `[${c.values.join(", ")}]`}`).join(" AND ");
}
