/**
 * IAM condition evaluation against a request context, as the IAM User Guide defines it:
 *
 * - operators: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 *   (String*, Numeric*, Date*, Bool, BinaryEquals, IpAddress/NotIpAddress, Arn*, Null, the
 *   `IfExists` suffix). A key absent from the request context makes a condition false, except
 *   for negated operators (true), `...IfExists` (true) and `Null`, which tests presence.
 * - several operators, several keys: AND; several values of one key: OR, or NOR for a negated
 *   operator: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 * - `ForAllValues:` (true when every request value matches — and when the key is absent or
 *   empty) and `ForAnyValue:` (true when at least one matches; false when the key is absent):
 *   https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
 * - condition key names are case-insensitive, values case-sensitive unless the operator says
 *   otherwise: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html
 * - policy variables in String and Arn values: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
 */

export type ContextValue = string | readonly string[];
/** Request context: condition key → value(s). Keys are matched case-insensitively. */
export type RequestContext = Readonly<Record<string, ContextValue | undefined>>;

type Family = "String" | "Numeric" | "Date" | "Bool" | "Binary" | "Ip" | "Arn" | "Null";

interface OperatorSpec {
  family: Family;
  /** Positive comparison of one request value with one policy value. */
  test: (request: string, policy: string) => boolean;
  negated: boolean;
  /** Whether policy variables are substituted in the values (String and Arn operators). */
  variables: boolean;
}

/** `*` any run, `?` one character; case-sensitive unless `flags` says otherwise. */
function wildcard(pattern: string, value: string, flags = ""): boolean {
  const source = pattern.split("").map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${source}$`, `s${flags}`).test(value);
}

const num = (s: string): number => (/^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s) ? Number(s) : Number.NaN);

/** Dates: ISO 8601 or epoch seconds (aws:EpochTime form). */
function date(s: string): number {
  if (/^\d+$/.test(s)) return Number(s) * 1000;
  return /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : Number.NaN;
}

function compare(parse: (s: string) => number, op: (a: number, b: number) => boolean) {
  return (request: string, policy: string): boolean => {
    const a = parse(request);
    const b = parse(policy);
    return !Number.isNaN(a) && !Number.isNaN(b) && op(a, b);
  };
}

/** IPv4 / IPv6 address as a bit string, or undefined. */
function ipBits(address: string): string | undefined {
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) {
    const octets = address.split(".").map(Number);
    if (octets.some((o) => o > 255)) return undefined;
    return octets.map((o) => o.toString(2).padStart(8, "0")).join("");
  }
  if (!address.includes(":")) return undefined;
  let text = address;
  const v4 = /(\d{1,3}(\.\d{1,3}){3})$/.exec(text);
  if (v4?.[1]) {
    const bits = ipBits(v4[1]);
    if (!bits) return undefined;
    text = `${text.slice(0, -v4[1].length)}${parseInt(bits.slice(0, 16), 2).toString(16)}:${parseInt(bits.slice(16), 2).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  const fill = halves.length === 2 ? 8 - head.length - tail.length : 0;
  if (fill < 0 || (halves.length === 1 && head.length !== 8)) return undefined;
  const groups = [...head, ...Array<string>(fill).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16).toString(2).padStart(16, "0")).join("");
}

/** Whether `address` lies in `cidr` (a bare address is a /32 or /128). */
export function inCidr(address: string, cidr: string): boolean {
  const [base = "", prefix] = cidr.split("/");
  const a = ipBits(address.trim());
  const b = ipBits(base.trim());
  if (!a || !b || a.length !== b.length) return false;
  const length = prefix === undefined ? b.length : Number(prefix);
  if (!Number.isInteger(length) || length < 0 || length > b.length) return false;
  return a.slice(0, length) === b.slice(0, length);
}

/** ArnEquals / ArnLike: each of the six colon-delimited parts compared separately, with wildcards. */
function arnLike(request: string, policy: string): boolean {
  const split = (arn: string): string[] => {
    const parts = arn.split(":");
    return parts.length < 6 ? parts : [...parts.slice(0, 5), parts.slice(5).join(":")];
  };
  const r = split(request);
  const p = split(policy);
  if (p.length === 1 && p[0] === "*") return true;
  return r.length === 6 && p.length === 6 && p.every((seg, i) => wildcard(seg, r[i] ?? ""));
}

const S = (test: OperatorSpec["test"], negated = false): OperatorSpec => ({ family: "String", test, negated, variables: true });
const N = (test: OperatorSpec["test"], negated = false): OperatorSpec => ({ family: "Numeric", test, negated, variables: false });
const D = (test: OperatorSpec["test"], negated = false): OperatorSpec => ({ family: "Date", test, negated, variables: false });
const A = (negated: boolean): OperatorSpec => ({ family: "Arn", test: arnLike, negated, variables: true });
const equalsIgnoreCase = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: S((a, b) => a === b),
  StringNotEquals: S((a, b) => a === b, true),
  StringEqualsIgnoreCase: S(equalsIgnoreCase),
  StringNotEqualsIgnoreCase: S(equalsIgnoreCase, true),
  StringLike: S((a, b) => wildcard(b, a)),
  StringNotLike: S((a, b) => wildcard(b, a), true),
  NumericEquals: N(compare(num, (a, b) => a === b)),
  NumericNotEquals: N(compare(num, (a, b) => a === b), true),
  NumericLessThan: N(compare(num, (a, b) => a < b)),
  NumericLessThanEquals: N(compare(num, (a, b) => a <= b)),
  NumericGreaterThan: N(compare(num, (a, b) => a > b)),
  NumericGreaterThanEquals: N(compare(num, (a, b) => a >= b)),
  DateEquals: D(compare(date, (a, b) => a === b)),
  DateNotEquals: D(compare(date, (a, b) => a === b), true),
  DateLessThan: D(compare(date, (a, b) => a < b)),
  DateLessThanEquals: D(compare(date, (a, b) => a <= b)),
  DateGreaterThan: D(compare(date, (a, b) => a > b)),
  DateGreaterThanEquals: D(compare(date, (a, b) => a >= b)),
  Bool: { family: "Bool", test: equalsIgnoreCase, negated: false, variables: true },
  // Base-64 encoded bytes compared as given.
  BinaryEquals: { family: "Binary", test: (a, b) => a.replace(/=+$/, "") === b.replace(/=+$/, ""), negated: false, variables: false },
  IpAddress: { family: "Ip", test: (a, b) => inCidr(a, b), negated: false, variables: false },
  NotIpAddress: { family: "Ip", test: (a, b) => inCidr(a, b), negated: true, variables: false },
  ArnEquals: A(false),
  ArnLike: A(false),
  ArnNotEquals: A(true),
  ArnNotLike: A(true),
  Null: { family: "Null", test: () => false, negated: false, variables: false },
};

export const CONDITION_OPERATORS = Object.keys(OPERATORS);

export interface ParsedOperator {
  base: string;
  spec: OperatorSpec;
  ifExists: boolean;
  set?: "ForAllValues" | "ForAnyValue";
}

/** Splits `ForAnyValue:StringLikeIfExists` into qualifier, base operator and suffix; undefined when unknown. */
export function parseOperator(operator: string): ParsedOperator | undefined {
  const m = /^(?:(ForAllValues|ForAnyValue):)?(.+?)(IfExists)?$/i.exec(operator);
  if (!m) return undefined;
  const base = Object.keys(OPERATORS).find((k) => k.toLowerCase() === (m[2] ?? "").toLowerCase());
  const spec = base ? OPERATORS[base] : undefined;
  if (!base || !spec || (base === "Null" && m[3])) return undefined;
  const set = m[1] ? (m[1].toLowerCase() === "forallvalues" ? "ForAllValues" : "ForAnyValue") : undefined;
  return { base, spec, ifExists: m[3] !== undefined, ...(set ? { set } : {}) };
}

/** Whether an operator is a negated one (StringNotEquals, NotIpAddress, ArnNotLike …). */
export const isNegated = (operator: string): boolean => parseOperator(operator)?.spec.negated ?? false;

/** Context lookup with case-insensitive keys; `[]` and undefined both mean absent. */
export function contextValues(context: RequestContext, key: string): string[] | undefined {
  const lower = key.toLowerCase();
  for (const [k, v] of Object.entries(context)) {
    if (k.toLowerCase() !== lower || v === undefined) continue;
    const values = typeof v === "string" ? [v] : [...v];
    return values.length === 0 ? undefined : values;
  }
  return undefined;
}

export interface TextPart {
  text: string;
  /** True for text that came from a variable (or `${*}`): its `*` and `?` are literal. */
  literal: boolean;
}

/**
 * Replaces policy variables: `${aws:username}`, `${aws:PrincipalTag/team}`, the escapes `${*}`,
 * `${?}`, `${$}`, and defaults `${aws:username, 'guest'}`. Undefined when a variable has no value
 * in the context and no default: the element then matches nothing.
 */
export function substituteVariables(text: string, context: RequestContext): TextPart[] | undefined {
  const parts: TextPart[] = [];
  const re = /\$\{([^}]*)\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push({ text: text.slice(last, m.index), literal: false });
    last = m.index + m[0].length;
    const inner = (m[1] ?? "").trim();
    if (inner === "*" || inner === "?" || inner === "$") {
      parts.push({ text: inner, literal: true });
      continue;
    }
    const d = /^(.*?)\s*,\s*'([^']*)'$/.exec(inner);
    const key = d ? (d[1] ?? "") : inner;
    const values = contextValues(context, key);
    const value = values && values.length === 1 ? values[0] : d ? d[2] : undefined;
    if (value === undefined) return undefined;
    parts.push({ text: value, literal: true });
  }
  if (last < text.length) parts.push({ text: text.slice(last), literal: false });
  return parts;
}

/** `*`/`?` wildcards of the non-literal parts; a variable's value is literal text. `segment` keeps `*` inside an ARN segment. */
function partsMatch(parts: readonly TextPart[], value: string, segment: boolean): boolean {
  const any = segment ? "[^:]*" : ".*";
  const one = segment ? "[^:]" : ".";
  const source = parts
    .map((p) => (p.literal ? escapeRegex(p.text) : p.text.split("").map((c) => (c === "*" ? any : c === "?" ? one : escapeRegex(c))).join("")))
    .join("");
  return new RegExp(`^${source}$`, "s").test(value);
}

const escapeRegex = (s: string): string => s.replace(/[.+^${}()|[\]\\*?]/g, "\\$&");

/**
 * Whether one request value matches any of a clause's values, before negation. Variables are
 * replaced first (String and Arn operators); a variable's value is literal text even where the
 * operator takes wildcards, and a value whose variable has no value matches nothing.
 */
function anyPolicyValue(spec: OperatorSpec, request: string, values: readonly string[], context: RequestContext, variables: boolean): boolean {
  return values.some((raw) => {
    if (!variables || !spec.variables || !raw.includes("${")) return spec.test(request, raw);
    const parts = substituteVariables(raw, context);
    if (!parts) return false;
    const literalWildcard = parts.some((p) => p.literal && /[*?]/.test(p.text));
    const wildcardOperator = spec.family === "Arn" || spec.test === OPERATORS.StringLike?.test || spec.test === OPERATORS.StringNotLike?.test;
    if (!literalWildcard || !wildcardOperator) return spec.test(request, parts.map((p) => p.text).join(""));
    return partsMatch(parts, request, spec.family === "Arn");
  });
}

/**
 * Evaluates one condition clause (operator, key, values) against a request context. `variables`
 * is false for documents of policy language version 2008-10-17 (or none), where `${…}` is
 * literal text (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html).
 */
export function evaluateClause(operator: string, key: string, values: readonly string[], context: RequestContext, variables = true): boolean {
  const op = parseOperator(operator);
  if (!op) return false;
  const { spec, ifExists, set } = op;
  const present = contextValues(context, key);
  if (spec.family === "Null") {
    // "true": the key must be absent; "false": present. Several values: OR.
    return values.some((v) => (v.toLowerCase() === "true" ? present === undefined : v.toLowerCase() === "false" ? present !== undefined : false));
  }
  const holds = (request: string): boolean => {
    const matched = anyPolicyValue(spec, request, values, context, variables);
    return spec.negated ? !matched : matched;
  };
  if (set === "ForAllValues") return present === undefined ? true : present.every(holds);
  if (set === "ForAnyValue") return present === undefined ? false : present.some(holds);
  if (present === undefined) return ifExists || spec.negated;
  return present.some(holds);
}

/** Evaluates a whole Condition block: AND across clauses; an empty block holds. */
export function evaluateConditions(clauses: readonly { operator: string; key: string; values: readonly string[] }[], context: RequestContext, variables = true): boolean {
  return clauses.every((c) => evaluateClause(c.operator, c.key, c.values, context, variables));
}
