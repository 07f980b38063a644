import type { Inventory, Resource } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { referencedRoles } from "../references.js";
import { fail, gap, pass } from "../verdict.js";
import type { Grant, NamedPolicy } from "./evaluate.js";
import { PolicyDocumentError, describeConditions, describeStatement, parsePolicyDocument } from "./policy.js";
import { RESTRICTING_KEYS, findRisks } from "./risks.js";
import type { RiskHit } from "./risks.js";

/**
 * The parts of an `AWS::IAM::Role` configuration item this check reads (AWS Config resource
 * schema: https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::IAM::Role.properties.json;
 * the fields mirror GetAccountAuthorizationDetails' RoleDetail:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_RoleDetail.html).
 */
export interface RoleItem {
  roleName?: string;
  arn?: string;
  path?: string;
  /** Inline policies; `policyDocument` URL-encoded JSON. */
  rolePolicyList?: { policyName?: string; policyDocument?: unknown }[];
  attachedManagedPolicies?: { policyName?: string; policyArn?: string }[];
  /** Absent or null when the role has none (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachedPermissionsBoundary.html). */
  permissionsBoundary?: { permissionsBoundaryType?: string; permissionsBoundaryArn?: string } | null;
  assumeRolePolicyDocument?: unknown;
}

/**
 * The parts of an `AWS::IAM::Policy` configuration item — customer managed
 * (`arn:aws:iam::<account>:policy/…`) or AWS managed (`arn:aws:iam::aws:policy/…`) — with the
 * versions as GetPolicyVersion returns them (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html):
 * `document` URL-encoded JSON, a JSON string or an object; the default version is the one in force.
 */
export interface PolicyItem {
  policyName?: string;
  arn?: string;
  defaultVersionId?: string;
  policyVersionList?: { document?: unknown; versionId?: string; isDefaultVersion?: boolean }[];
}

const CONFIG_EVIDENCE = [
  "config:SelectResourceConfig",
  "config:BatchGetResourceConfig",
  "config:SelectAggregateResourceConfig",
  "iam:GetRole",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
];
const POLICY_TYPE = "AWS::IAM::Policy";
const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\//;

const policyIndex = new WeakMap<Inventory, Map<string, Resource>>();

/** The `AWS::IAM::Policy` items of the inventory by ARN (built once per inventory). */
function policiesByArn(inventory: Inventory): Map<string, Resource> {
  let index = policyIndex.get(inventory);
  if (!index) {
    index = new Map(inventory.resources.filter((r) => r.type === POLICY_TYPE && r.config !== undefined).map((r) => [r.arn, r]));
    policyIndex.set(inventory, index);
  }
  return index;
}

type Loaded = { ok: true; policy: NamedPolicy; evidenceIds: string[] } | { ok: false; missing: string; evidenceIds: string[] };

/** Reads the default version of a managed policy from its configuration item. */
function loadManaged(inventory: Inventory, arn: string, name: string): Loaded {
  const item = policiesByArn(inventory).get(arn);
  if (!item) return { ok: false, missing: `${name} (${arn}: no AWS::IAM::Policy configuration item was collected)`, evidenceIds: [] };
  const config = item.config as PolicyItem;
  const version = config.policyVersionList?.find((v) => v.isDefaultVersion === true) ?? config.policyVersionList?.find((v) => v.versionId === config.defaultVersionId);
  if (version?.document === undefined || version.document === null) {
    return { ok: false, missing: `${name} (${arn}: its item holds no document for the default version ${config.defaultVersionId ?? "(defaultVersionId not recorded)"})`, evidenceIds: item.evidenceIds };
  }
  try {
    return { ok: true, policy: { name, statements: parsePolicyDocument(version.document) }, evidenceIds: item.evidenceIds };
  } catch (e) {
    if (!(e instanceof PolicyDocumentError)) throw e;
    return { ok: false, missing: `${name} (${arn} version ${version.versionId ?? "?"} is malformed: ${e.message})`, evidenceIds: item.evidenceIds };
  }
}

const conditionNote = (hit: Grant): string => {
  if (hit.conditions.length === 0) return "";
  const restricting = [...new Set(hit.conditions.map((c) => RESTRICTING_KEYS.find((k) => k.toLowerCase() === c.key.toLowerCase())).filter((k): k is string => k !== undefined))];
  const narrowed = restricting.length > 0 ? `; ${restricting.join(", ")} narrows it but does not remove it` : "";
  return ` when ${describeConditions(hit.conditions)}${narrowed}`;
};

/** Problems grouped by granting statement: `inline policy x statement #1 (Allow …) grants privilege escalation: iam:PassRole on every role`. */
function describeHits(hits: readonly RiskHit[]): string[] {
  const adminStatements = new Set(hits.filter((h) => h.risk.category === "admin-equivalent").flatMap((h) => h.grants.map(({ grant: g }) => `${g.policy}\u0000${g.statement.label}`)));
  const groups = new Map<string, { head: string; byCategory: Map<string, string[]> }>();
  for (const hit of hits) {
    for (const { grant: g, on } of hit.grants) {
      const id = `${g.policy}\u0000${g.statement.label}`;
      if (hit.risk.category !== "admin-equivalent" && adminStatements.has(id)) continue;
      const key = `${id}\u0000${describeConditions(g.conditions)}`;
      const group = groups.get(key) ?? { head: `${g.policy} statement ${g.statement.label} (${describeStatement(g.statement)}${conditionNote(g)})`, byCategory: new Map<string, string[]>() };
      const items = group.byCategory.get(hit.risk.category) ?? [];
      items.push(hit.risk.category === "admin-equivalent" ? hit.risk.label : `${hit.risk.label} on ${on.join(" and ")}`);
      group.byCategory.set(hit.risk.category, items);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ head, byCategory }) => `${head} grants ${[...byCategory].map(([category, items]) => `${category}: ${items.join(", ")}`).join("; ")}`);
}

/**
 * Compliant when no policy of a SageMaker execution role — inline, customer managed or AWS
 * managed, each judged by the document of its default version — grants, after explicit Denies
 * and the permissions boundary, an admin-equivalent permission, a privilege-escalation path
 * (`iam:PassRole` / `sts:AssumeRole` on every role, policy-writing and credential-creating IAM
 * actions, rewriting the role itself), or full access to data stores and keys (`s3:*`, `kms:*`,
 * `kms:Decrypt` on every key, …), where a resource pattern covering every resource of a type
 * counts as `*`. Evaluation follows https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 * (see ./evaluate.ts); the risks are data in ./risks.ts.
 *
 * Verdict: a proven problem is FAIL, even when another attached policy was not collected (the
 * reason says so); no problem and every policy and the boundary collected is PASS; no problem
 * among the recorded ones but some unrecorded or unreadable is ERROR naming each. Problems found
 * while the boundary's document is missing are ERROR: the boundary may block them.
 */
export const iamSageMakerRoleLeastPrivilege = defineCheck<RoleItem>({
  id: "iam.sagemaker-role.least-privilege",
  title: "SageMaker execution roles follow least privilege",
  resourceType: "AWS::IAM::Role",
  severity: "high",
  rationale:
    "Everything a notebook, job or endpoint runs acts with its execution role; admin-equivalent grants, a way to escalate (passing or assuming any role, writing IAM policies, creating credentials) or full access to every bucket, key or secret let one compromised container read all data and take over the account.",
  remediation:
    "Detach AdministratorAccess/PowerUserAccess/AmazonSageMakerFullAccess and replace wildcard statements with the actions the workload needs on its own buckets, keys and resources (start from IAM Access Analyzer policy generation on the role's CloudTrail activity); scope iam:PassRole to the roles the workload passes with an iam:PassedToService condition; add a permissions boundary.",
  peers: { securityHub: ["IAM.1"], prowler: ["iam_aws_attached_policy_no_administrative_privileges", "sagemaker_full_access_policy_attached"] },
  evidence: CONFIG_EVIDENCE,
  targets: referencedRoles,
  evaluate: (role, { inventory, resource }) => {
    const read: string[] = [];
    const identity: NamedPolicy[] = [];
    const missing: string[] = [];
    for (const p of role.rolePolicyList ?? []) {
      const name = `inline policy ${p.policyName ?? "(unnamed)"}`;
      try {
        identity.push({ name, statements: parsePolicyDocument(p.policyDocument ?? "") });
      } catch (e) {
        if (!(e instanceof PolicyDocumentError)) throw e;
        missing.push(`${name} (malformed: ${e.message})`);
      }
    }
    for (const attached of role.attachedManagedPolicies ?? []) {
      const arn = attached.policyArn ?? "";
      const name = `${AWS_MANAGED.test(arn) ? "AWS managed policy" : "managed policy"} ${attached.policyName ?? arn.split("/").at(-1) ?? arn}`;
      const loaded = loadManaged(inventory, arn, name);
      read.push(...loaded.evidenceIds);
      if (loaded.ok) identity.push(loaded.policy);
      else missing.push(loaded.missing);
    }
    let boundary: NamedPolicy | undefined;
    let boundaryMissing: string | undefined;
    const boundaryArn = role.permissionsBoundary?.permissionsBoundaryArn;
    if (boundaryArn) {
      const loaded = loadManaged(inventory, boundaryArn, `permissions boundary ${boundaryArn.split("/").at(-1) ?? boundaryArn}`);
      read.push(...loaded.evidenceIds);
      if (loaded.ok) boundary = loaded.policy;
      else boundaryMissing = loaded.missing;
    }

    const roleArn = role.arn ?? resource.arn;
    const [, partition = "aws", account = resource.account] = /^arn:([^:]+):iam::(\d{12}):/.exec(roleArn) ?? [];
    const regions = inventory.regions.length > 0 ? inventory.regions : [resource.region];
    const hits = findRisks(identity, { partition, account, regions, roleArn }, boundary);
    const problems = describeHits(hits);
    const evidence = [...new Set(read)].sort();
    const unread = missing.length > 0 ? `; not evaluated: ${missing.join("; ")}` : "";

    if (problems.length > 0 && boundaryMissing) {
      return gap(`evidence gap: ${problems.join("; ")} — unless the permissions boundary blocks it, whose document is missing: ${boundaryMissing}${unread}`, evidence);
    }
    if (problems.length > 0) return fail(`${problems.join("; ")}${boundary ? ` (within ${boundary.name})` : ""}${unread}`, evidence);
    const gaps = [...missing, ...(boundaryMissing ? [boundaryMissing] : [])];
    if (gaps.length > 0) {
      return gap(`evidence gap: no recorded policy grants admin-equivalent access, privilege escalation or full data/key access, but ${gaps.length === 1 ? "this one was" : "these were"} not evaluated: ${gaps.join("; ")}`, evidence);
    }
    const names = identity.map((p) => p.name);
    return pass(
      `no statement of ${names.length === 0 ? "its policies (it has none)" : names.join(", ")} grants admin-equivalent access, privilege escalation or full access to data stores and keys${boundary ? ` (${boundary.name} applied)` : ""}`,
      evidence,
    );
  },
});
