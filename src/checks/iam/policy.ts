/**
 * A pure reader of IAM policy documents as AWS Config records them (URL-encoded JSON strings) or
 * as plain JSON, and the "grants too much" judgement the least-privilege check makes of them.
 */

export interface Statement {
  /** Sid, or `#n` (1-based position) when the statement has none. */
  label: string;
  effect: "Allow" | "Deny";
  actions?: string[];
  notActions?: string[];
  resources?: string[];
  notResources?: string[];
  hasCondition: boolean;
  /** Condition block as written: operator → key → value(s). */
  condition: Record<string, Record<string, unknown>>;
  principal?: unknown;
}

const list = (v: unknown): string[] | undefined =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : undefined;

/** Decodes a policy document: an object, a JSON string, or a URL-encoded JSON string (Config items). */
export function parsePolicyDocument(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === "string") {
    const text = doc.trimStart().startsWith("{") ? doc : decodeURIComponent(doc);
    doc = JSON.parse(text) as unknown;
  }
  if (doc === null || typeof doc !== "object") throw new Error("policy document is not a JSON object");
  const raw = (doc as { Statement?: unknown }).Statement;
  const statements = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return statements.map((s: unknown, i) => {
    const st = (s ?? {}) as Record<string, unknown>;
    const effect = st.Effect === "Deny" ? "Deny" : "Allow";
    const actions = list(st.Action);
    const notActions = list(st.NotAction);
    const resources = list(st.Resource);
    const notResources = list(st.NotResource);
    return {
      label: typeof st.Sid === "string" && st.Sid !== "" ? `"${st.Sid}"` : `#${i + 1}`,
      effect,
      ...(actions ? { actions } : {}),
      ...(notActions ? { notActions } : {}),
      ...(resources ? { resources } : {}),
      ...(notResources ? { notResources } : {}),
      hasCondition: st.Condition !== undefined && Object.keys(st.Condition as object).length > 0,
      condition: (st.Condition ?? {}) as Record<string, Record<string, unknown>>,
      ...(st.Principal !== undefined ? { principal: st.Principal } : {}),
    };
  });
}

/** IAM wildcard matching: `*` any run, `?` one character, case-insensitive (action names are). */
export function iamMatches(pattern: string, value: string): boolean {
  const regex = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${regex}$`, "i").test(value);
}

/** Services whose full wildcard on every resource is an administrator of that service. */
export const SENSITIVE_SERVICES = ["sagemaker", "s3", "iam", "kms"] as const;

/** What an action pattern grants in full: "*" (everything) or a sensitive service's `svc:*`. */
function fullGrant(pattern: string): string | undefined {
  if (pattern === "*" || pattern === "*:*") return "*";
  const [service = "", action = ""] = pattern.split(":");
  if (action !== "*") return undefined;
  return SENSITIVE_SERVICES.find((s) => iamMatches(service, s)) ? pattern : undefined;
}

/** `*`, or an ARN whose resource part is a bare wildcard (every bucket, every key, …). */
const everyResource = (r: string): boolean => r === "*" || /^arn:[^:]+:[^:]*:[^:]*:[^:]*:\*(\/\*)?$/.test(r);

export interface BroadGrant {
  statement: string;
  grant: string;
}

/**
 * The statements of a policy that allow `*`, a sensitive service's `svc:*`, or everything but a
 * few actions (NotAction), on every resource. An Allow is discounted when an unconditional Deny
 * of the same actions on every resource sits in the same policy.
 */
export function broadGrants(statements: readonly Statement[]): BroadGrant[] {
  const denies = statements.filter((s) => s.effect === "Deny" && !s.hasCondition && (s.resources ?? []).some(everyResource));
  const denied = (pattern: string): boolean => denies.some((d) => (d.actions ?? []).some((a) => iamMatches(a, pattern)));
  const out: BroadGrant[] = [];
  for (const s of statements) {
    if (s.effect !== "Allow") continue;
    const onEverything = s.notResources !== undefined || (s.resources ?? []).some(everyResource);
    if (!onEverything) continue;
    const where = s.notResources ? `NotResource ${JSON.stringify(s.notResources)}` : `Resource "*"`;
    for (const action of s.actions ?? []) {
      const full = fullGrant(action);
      if (full && !denied(action)) out.push({ statement: s.label, grant: `Allow Action "${action}" on ${where}` });
    }
    if (s.notActions && !denied("*")) {
      out.push({ statement: s.label, grant: `Allow NotAction ${JSON.stringify(s.notActions)} on ${where} (every other action)` });
    }
  }
  return out;
}
