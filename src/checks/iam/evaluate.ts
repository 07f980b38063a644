/**
 * A pure IAM policy evaluator, following the IAM policy evaluation logic
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * a statement applies to a request when its Action/NotAction, Resource/NotResource,
 * Principal/NotPrincipal and every condition match; an explicit Deny in any policy wins; else an
 * Allow in an identity (or resource-based) policy allows, and when the principal has a
 * permissions boundary the boundary must allow it too
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html).
 *
 * Two uses: `evaluateRequest` decides one concrete request; `effectiveGrants` answers, for one
 * action on one resource whatever the request's context, which Allow statements grant it and are
 * not cancelled by a Deny — the question a least-privilege review asks.
 */

import { evaluateConditions, isNegated } from "./conditions.js";
import type { RequestContext } from "./conditions.js";
import { iamMatches, resourceMatches } from "./policy.js";
import type { ConditionClause, PrincipalSpec, Statement } from "./policy.js";

/** A parsed policy with the name reasons use for it (`inline policy data-access`, `AWS managed policy AdministratorAccess`). */
export interface NamedPolicy {
  name: string;
  statements: readonly Statement[];
}

/** Who makes the request: `{ AWS: "arn:aws:iam::111122223333:role/x" }`, `{ Service: "sagemaker.amazonaws.com" }`, or anonymous. */
export type RequestPrincipal = { AWS: string } | { Service: string } | { Federated: string } | { CanonicalUser: string } | "anonymous";

export interface Request {
  action: string;
  resource: string;
  principal?: RequestPrincipal;
  context?: RequestContext;
}

/** Action / NotAction (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notaction.html). */
export function actionApplies(s: Statement, action: string): boolean {
  if (s.actions) return s.actions.some((p) => iamMatches(p, action));
  return !(s.notActions ?? []).some((p) => iamMatches(p, action));
}

/**
 * Resource / NotResource (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html).
 * A statement with neither (a trust policy's) applies to the resource the policy is attached to.
 */
export function resourceApplies(s: Statement, resource: string, context: RequestContext = {}): boolean {
  if (s.resources) return s.resources.some((p) => resourceMatches(p, resource, context, s.variables));
  if (s.notResources) return !s.notResources.some((p) => resourceMatches(p, resource, context, s.variables));
  return true;
}

const ACCOUNT_ID = /^\d{12}$/;

/** The account an AWS principal ARN belongs to. */
const accountOf = (arn: string): string | undefined => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/** An assumed-role session ARN's role name: `arn:aws:sts::1:assumed-role/name/session` → name. */
const sessionRole = (arn: string): string | undefined => /^arn:[^:]+:sts::\d{12}:assumed-role\/([^/]+)\//.exec(arn)?.[1];

/** Whether one Principal entry names the requester (account ids and `:root` mean every principal of that account). */
function principalEntryMatches(kind: string, id: string, who: RequestPrincipal): boolean {
  // `{"AWS": "*"}` is the same as `"*"`: every principal, anonymous included.
  if (kind === "AWS" && id === "*") return true;
  if (who === "anonymous") return false;
  const [whoKind, whoId] = Object.entries(who)[0] ?? ["", ""];
  if (kind !== whoKind) return false;
  if (id === "*" || id === whoId) return true;
  if (kind !== "AWS") return false;
  const account = ACCOUNT_ID.test(id) ? id : /^arn:[^:]+:iam::(\d{12}):root$/.exec(id)?.[1];
  if (account) return accountOf(whoId) === account;
  // A role ARN in a Principal matches that role's sessions.
  const role = /^arn:[^:]+:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(id);
  return role !== null && accountOf(whoId) === role[1] && sessionRole(whoId) === role[2];
}

function principalSpecMatches(spec: PrincipalSpec, who: RequestPrincipal): boolean {
  if (spec === "*") return true;
  return Object.entries(spec).some(([kind, ids]) => ids.some((id) => principalEntryMatches(kind, id, who)));
}

/**
 * Principal / NotPrincipal (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notprincipal.html).
 * Identity policies have neither: they apply to the principal they are attached to.
 */
export function principalApplies(s: Statement, who: RequestPrincipal | undefined): boolean {
  if (s.principal) return who !== undefined && principalSpecMatches(s.principal, who);
  if (s.notPrincipal) return who === undefined || !principalSpecMatches(s.notPrincipal, who);
  return true;
}

/** Whether a statement applies to a concrete request (every element, every condition). */
export function statementApplies(s: Statement, request: Request): boolean {
  const context = request.context ?? {};
  return actionApplies(s, request.action) && resourceApplies(s, request.resource, context) && principalApplies(s, request.principal) && evaluateConditions(s.conditions, context, s.variables);
}

export interface Decision {
  decision: "Allow" | "ExplicitDeny" | "ImplicitDeny";
  /** The statements that decided it (the Denies, or the Allows). */
  by: { policy: string; statement: string }[];
}

export interface PolicySet {
  identity: readonly NamedPolicy[];
  /** The permissions boundary's policy, when the principal has one. */
  boundary?: NamedPolicy;
  /** A resource-based policy (bucket, key …) of the same account. */
  resource?: NamedPolicy;
}

const matching = (policies: readonly NamedPolicy[], effect: "Allow" | "Deny", request: Request): { policy: string; statement: string }[] =>
  policies.flatMap((p) => p.statements.filter((s) => s.effect === effect && statementApplies(s, request)).map((s) => ({ policy: p.name, statement: s.label })));

/** Decides one request as IAM does within one account. */
export function evaluateRequest(set: PolicySet, request: Request): Decision {
  const all = [...set.identity, ...(set.boundary ? [set.boundary] : []), ...(set.resource ? [set.resource] : [])];
  const denies = matching(all, "Deny", request);
  if (denies.length > 0) return { decision: "ExplicitDeny", by: denies };
  const resourceAllows = set.resource ? matching([set.resource], "Allow", request) : [];
  // The boundary limits what identity policies grant; a same-account resource-based policy that
  // names the principal itself (a user, a role session) grants outside it.
  const withinBoundary = !set.boundary || matching([set.boundary], "Allow", request).length > 0;
  const allows = [...(withinBoundary ? matching(set.identity, "Allow", request) : []), ...resourceAllows];
  return allows.length > 0 ? { decision: "Allow", by: allows } : { decision: "ImplicitDeny", by: [] };
}

/**
 * Whether condition block `general` holds whenever `specific` does (so a Deny with `general`
 * cancels every request an Allow with `specific` lets through). Decided clause by clause, which
 * is sound but not complete: every clause of `general` must follow from a clause of `specific`
 * with the same operator and key — for a positive operator the specific clause's values are a
 * subset (OR across values), for a negated one a superset (NOR). An empty `general` always holds.
 */
export function conditionsImply(specific: readonly ConditionClause[], general: readonly ConditionClause[]): boolean {
  return general.every((g) =>
    specific.some((s) => {
      if (s.operator.toLowerCase() !== g.operator.toLowerCase() || s.key.toLowerCase() !== g.key.toLowerCase()) return false;
      const [small, large] = isNegated(g.operator) ? [g.values, s.values] : [s.values, g.values];
      return small.every((v) => large.includes(v));
    }),
  );
}

/** One Allow statement that grants an (action, resource) and that no Deny cancels. */
export interface Grant {
  policy: string;
  statement: Statement;
  /** Conditions the grant is subject to (the statement's, and the boundary's when it has some). */
  conditions: ConditionClause[];
}

export interface GrantQuery {
  action: string;
  resource: string;
  /** Context the Resource elements' policy variables resolve against (usually empty). */
  context?: RequestContext;
}

const appliesIgnoringConditions = (s: Statement, q: GrantQuery): boolean => actionApplies(s, q.action) && resourceApplies(s, q.resource, q.context ?? {}) && !s.principal && !s.notPrincipal;

/**
 * The Allow statements of `identity` that grant `action` on `resource`, for some request, after
 * explicit Denies (of every policy, the boundary's included) and the permissions boundary:
 *
 * - a Deny cancels an Allow only when it matches the same action and resource and its
 *   conditions are at least as general (`conditionsImply`): a conditional Deny does not cancel
 *   an unconditional Allow;
 * - with a boundary, an Allow counts only when a boundary Allow also matches; the boundary's
 *   conditions then join the grant's.
 *
 * A conditional Allow still grants (for the requests its conditions admit): its conditions are
 * returned with it.
 */
export function effectiveGrants(identity: readonly NamedPolicy[], query: GrantQuery, boundary?: NamedPolicy): Grant[] {
  const all = [...identity, ...(boundary ? [boundary] : [])];
  const denies = all.flatMap((p) => p.statements.filter((s) => s.effect === "Deny" && appliesIgnoringConditions(s, query)));
  const boundaryAllows = boundary ? boundary.statements.filter((s) => s.effect === "Allow" && appliesIgnoringConditions(s, query)) : undefined;
  const out: Grant[] = [];
  for (const policy of identity) {
    for (const s of policy.statements) {
      if (s.effect !== "Allow" || !appliesIgnoringConditions(s, query)) continue;
      const through = boundaryAllows === undefined ? [[] as ConditionClause[]] : boundaryAllows.map((b) => b.conditions);
      for (const extra of through) {
        const conditions = [...s.conditions, ...extra];
        if (denies.some((d) => conditionsImply(conditions, d.conditions))) continue;
        out.push({ policy: policy.name, statement: s, conditions });
        break;
      }
    }
  }
  return out;
}
