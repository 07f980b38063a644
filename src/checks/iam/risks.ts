/**
 * What a least-privilege review of an ML execution role looks for, kept as data: each risk is a
 * set of probe requests — an action on a resource no scoped statement would name — and a
 * policy that grants the probe grants the risk. A resource pattern that covers every resource of
 * a type (`arn:aws:iam::123456789012:role/*`, `arn:aws:s3:::*`, `arn:aws:kms:*:*:key/*`) matches
 * the probe exactly as `*` does, so it is judged as broad as `*`.
 *
 * Sources: the actions of the Service Authorization Reference
 * (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsidentityandaccessmanagementiam.html,
 * …/list_awssecuritytokenservice.html, …/list_awskeymanagementservice.html, …/list_amazons3.html),
 * the IAM escalation paths that policy-writing, credential-creating and role-passing actions open
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html), and
 * the SageMaker guidance to scope execution roles
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html).
 */

import { effectiveGrants } from "./evaluate.js";
import type { Grant, NamedPolicy } from "./evaluate.js";

export type RiskCategory = "admin-equivalent" | "privilege escalation" | "full access to data stores and keys";

/** Where the probes are built: the audited role and the accounts/regions it works in. */
export interface ProbeScope {
  partition: string;
  account: string;
  regions: readonly string[];
  roleArn: string;
}

export interface Probe {
  action: string;
  resource: string;
  /** How the resource reads in a reason: "every role", "this role itself". */
  on: string;
}

export interface Risk {
  id: string;
  category: RiskCategory;
  /** Short name in reasons: `iam:PassRole`, `s3:*`. */
  label: string;
  probes: (scope: ProbeScope) => Probe[];
  /** How many probes must be granted (default 1). */
  threshold?: number;
  /** Whether the first probe must be among them. */
  firstRequired?: boolean;
}

/** A name no scoped policy would use: only wildcards reach it. */
const P = "zz-sageaudit-probe";

const perRegion = (scope: ProbeScope, build: (region: string) => string): string[] => (scope.regions.length > 0 ? scope.regions : ["us-east-1"]).map(build);

const arn = {
  role: (s: ProbeScope): string => `arn:${s.partition}:iam::${s.account}:role/${P}`,
  user: (s: ProbeScope): string => `arn:${s.partition}:iam::${s.account}:user/${P}`,
  group: (s: ProbeScope): string => `arn:${s.partition}:iam::${s.account}:group/${P}`,
  policy: (s: ProbeScope): string => `arn:${s.partition}:iam::${s.account}:policy/${P}`,
  bucket: (s: ProbeScope): string => `arn:${s.partition}:s3:::${P}`,
  object: (s: ProbeScope): string => `arn:${s.partition}:s3:::${P}/${P}/data.csv`,
  key: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:kms:${r}:${s.account}:key/${P}`),
  secret: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:secretsmanager:${r}:${s.account}:secret:${P}-AbCdEf`),
  table: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:dynamodb:${r}:${s.account}:table/${P}`),
  parameter: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:ssm:${r}:${s.account}:parameter/${P}`),
  sagemaker: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:sagemaker:${r}:${s.account}:training-job/${P}`),
  notebook: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:sagemaker:${r}:${s.account}:notebook-instance/${P}`),
  lambda: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:lambda:${r}:${s.account}:function:${P}`),
  glue: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:glue:${r}:${s.account}:devEndpoint/${P}`),
  ec2: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:ec2:${r}:${s.account}:instance/${P}`),
  other: (s: ProbeScope): string[] => perRegion(s, (r) => `arn:${s.partition}:zzprobe:${r}:${s.account}:thing/${P}`),
};

const on = (what: string, resources: string[]): ((action: string) => Probe[]) => (action) => resources.map((resource) => ({ action, resource, on: what }));

/**
 * Admin-equivalent: the grant reaches an action of a service no policy names (only `*`, `*:*` or
 * a NotAction does) and nearly every one of a spread of sensitive actions across services, on
 * resources of every type — what `*` on `*`, or a NotAction that leaves almost everything
 * (PowerUserAccess: all but iam/organizations/account), gives.
 */
const ADMIN_SAMPLE: readonly [string, (s: ProbeScope) => string | string[]][] = [
  ["zzprobe:ZzSageauditProbeAction", arn.other],
  ["iam:CreateUser", arn.user],
  ["iam:AttachRolePolicy", arn.role],
  ["organizations:LeaveOrganization", () => "*"],
  ["sts:AssumeRole", arn.role],
  ["s3:GetObject", arn.object],
  ["s3:PutBucketPolicy", arn.bucket],
  ["kms:Decrypt", arn.key],
  ["kms:ScheduleKeyDeletion", arn.key],
  ["secretsmanager:GetSecretValue", arn.secret],
  ["dynamodb:Scan", arn.table],
  ["ssm:GetParameter", arn.parameter],
  ["sagemaker:CreateTrainingJob", arn.sagemaker],
  ["lambda:UpdateFunctionCode", arn.lambda],
  ["ec2:RunInstances", arn.ec2],
  ["ec2:AuthorizeSecurityGroupIngress", () => "*"],
  ["cloudtrail:StopLogging", () => "*"],
  ["config:StopConfigurationRecorder", () => "*"],
  ["logs:DeleteLogGroup", () => "*"],
  ["glue:UpdateDevEndpoint", arn.glue],
];

const admin: Risk = {
  id: "admin-equivalent",
  category: "admin-equivalent",
  label: "every action on every resource",
  probes: (scope) =>
    ADMIN_SAMPLE.map(([action, resource]) => {
      const r = resource(scope);
      return { action, resource: Array.isArray(r) ? (r[0] as string) : r, on: "every resource" };
    }),
  // The unnamed service's action and all but three of the others (PowerUserAccess leaves out three).
  threshold: ADMIN_SAMPLE.length - 3,
  firstRequired: true,
};

interface Escalation {
  action: string;
  /** Resource kinds; `self` is the audited role, for actions that rewrite the role's own permissions. */
  targets: ("role" | "self" | "user" | "group" | "policy" | "lambda" | "glue" | "notebook")[];
}

/** Actions that let the role give itself, or a principal it controls, more permissions. */
const ESCALATIONS: readonly Escalation[] = [
  { action: "iam:PassRole", targets: ["role"] },
  { action: "sts:AssumeRole", targets: ["role"] },
  { action: "iam:CreatePolicyVersion", targets: ["policy"] },
  { action: "iam:SetDefaultPolicyVersion", targets: ["policy"] },
  { action: "iam:CreatePolicy", targets: ["policy"] },
  { action: "iam:PutRolePolicy", targets: ["role", "self"] },
  { action: "iam:AttachRolePolicy", targets: ["role", "self"] },
  { action: "iam:UpdateAssumeRolePolicy", targets: ["role", "self"] },
  { action: "iam:PutRolePermissionsBoundary", targets: ["role", "self"] },
  { action: "iam:DeleteRolePermissionsBoundary", targets: ["role", "self"] },
  { action: "iam:DeleteRolePolicy", targets: ["self"] },
  { action: "iam:DetachRolePolicy", targets: ["self"] },
  { action: "iam:CreateRole", targets: ["role"] },
  { action: "iam:PutUserPolicy", targets: ["user"] },
  { action: "iam:AttachUserPolicy", targets: ["user"] },
  { action: "iam:PutGroupPolicy", targets: ["group"] },
  { action: "iam:AttachGroupPolicy", targets: ["group"] },
  { action: "iam:AddUserToGroup", targets: ["group"] },
  { action: "iam:CreateUser", targets: ["user"] },
  { action: "iam:CreateAccessKey", targets: ["user"] },
  { action: "iam:CreateLoginProfile", targets: ["user"] },
  { action: "iam:UpdateLoginProfile", targets: ["user"] },
  { action: "lambda:UpdateFunctionCode", targets: ["lambda"] },
  { action: "glue:UpdateDevEndpoint", targets: ["glue"] },
  { action: "sagemaker:CreatePresignedNotebookInstanceUrl", targets: ["notebook"] },
];

const TARGET: Record<Escalation["targets"][number], [string, (s: ProbeScope) => string[]]> = {
  role: ["every role", (s) => [arn.role(s)]],
  self: ["this role itself", (s) => [s.roleArn]],
  user: ["every user", (s) => [arn.user(s)]],
  group: ["every group", (s) => [arn.group(s)]],
  policy: ["every managed policy", (s) => [arn.policy(s)]],
  lambda: ["every function", arn.lambda],
  glue: ["every dev endpoint", arn.glue],
  notebook: ["every notebook instance", arn.notebook],
};

const escalations: Risk[] = ESCALATIONS.map((e) => ({
  id: `escalation:${e.action}`,
  category: "privilege escalation",
  label: e.action,
  probes: (scope) => e.targets.flatMap((t) => on(TARGET[t][0], TARGET[t][1](scope))(e.action)),
}));

/** Full access to a data store or key service (its `svc:*`), or its most sensitive action on every resource. */
const DATA: readonly { label: string; action: string; resources: (s: ProbeScope) => string[]; on: string }[] = [
  { label: "s3:*", action: "s3:ZzSageauditProbeAction", resources: (s) => [arn.bucket(s), arn.object(s)], on: "every bucket" },
  { label: "kms:*", action: "kms:ZzSageauditProbeAction", resources: arn.key, on: "every key" },
  { label: "sagemaker:*", action: "sagemaker:ZzSageauditProbeAction", resources: arn.sagemaker, on: "every SageMaker resource" },
  { label: "secretsmanager:*", action: "secretsmanager:ZzSageauditProbeAction", resources: arn.secret, on: "every secret" },
  { label: "dynamodb:*", action: "dynamodb:ZzSageauditProbeAction", resources: arn.table, on: "every table" },
  { label: "ssm:*", action: "ssm:ZzSageauditProbeAction", resources: arn.parameter, on: "every parameter" },
  { label: "s3:GetObject", action: "s3:GetObject", resources: (s) => [arn.object(s)], on: "every bucket's objects" },
  { label: "s3:PutObject", action: "s3:PutObject", resources: (s) => [arn.object(s)], on: "every bucket's objects" },
  { label: "s3:DeleteObject", action: "s3:DeleteObject", resources: (s) => [arn.object(s)], on: "every bucket's objects" },
  { label: "s3:PutBucketPolicy", action: "s3:PutBucketPolicy", resources: (s) => [arn.bucket(s)], on: "every bucket" },
  { label: "kms:Decrypt", action: "kms:Decrypt", resources: arn.key, on: "every key" },
  { label: "kms:CreateGrant", action: "kms:CreateGrant", resources: arn.key, on: "every key" },
  { label: "kms:PutKeyPolicy", action: "kms:PutKeyPolicy", resources: arn.key, on: "every key" },
  { label: "secretsmanager:GetSecretValue", action: "secretsmanager:GetSecretValue", resources: arn.secret, on: "every secret" },
  { label: "dynamodb:Scan", action: "dynamodb:Scan", resources: arn.table, on: "every table" },
  { label: "ssm:GetParameter", action: "ssm:GetParameter", resources: arn.parameter, on: "every parameter" },
];

const data: Risk[] = DATA.map((d) => ({
  id: `data:${d.label}`,
  category: "full access to data stores and keys",
  label: d.label,
  probes: (scope) => on(d.on, d.resources(scope))(d.action),
}));

/** The catalogue of risks, most severe first. */
export const RISKS: readonly Risk[] = [admin, ...escalations, ...data];

/** Condition keys that narrow a grant to a network, an account or an organisation: worth naming in a reason. */
export const RESTRICTING_KEYS: readonly string[] = [
  "aws:SourceVpc",
  "aws:SourceVpce",
  "aws:SourceIp",
  "aws:VpcSourceIp",
  "aws:ResourceAccount",
  "aws:ResourceOrgID",
  "aws:ResourceOrgPaths",
  "aws:PrincipalOrgID",
  "aws:SourceAccount",
  "aws:SourceArn",
  "aws:CalledVia",
  "iam:PassedToService",
  "kms:ViaService",
  "s3:ResourceAccount",
];

/** A statement that grants a risk, and which of the risk's probes it reaches. */
export interface RiskGrant {
  grant: Grant;
  /** The resource descriptions of the probes it grants ("every role", "this role itself"). */
  on: string[];
}

/** One risk the role's policies grant, with the granting statements. */
export interface RiskHit {
  risk: Risk;
  grants: RiskGrant[];
}

/**
 * The risks `identity` grants (after Denies and the boundary), each with the granting statements.
 * A risk with a threshold counts a probe as granted when any statement grants it; with
 * `firstRequired`, the statements named are those that grant the first probe (for admin-equivalent:
 * the statements that reach an action of any service).
 */
export function findRisks(identity: readonly NamedPolicy[], scope: ProbeScope, boundary?: NamedPolicy): RiskHit[] {
  const hits: RiskHit[] = [];
  for (const risk of RISKS) {
    const probes = risk.probes(scope);
    const granted = probes.map((p) => effectiveGrants(identity, { action: p.action, resource: p.resource }, boundary));
    const count = granted.filter((g) => g.length > 0).length;
    if (count < (risk.threshold ?? 1)) continue;
    if (risk.firstRequired && (granted[0]?.length ?? 0) === 0) continue;
    const byStatement = new Map<string, RiskGrant>();
    probes.forEach((probe, i) => {
      if (risk.firstRequired && i > 0) return;
      for (const g of granted[i] ?? []) {
        const key = `${g.policy}\u0000${g.statement.label}`;
        const entry = byStatement.get(key) ?? { grant: g, on: [] };
        if (!entry.on.includes(probe.on)) entry.on.push(probe.on);
        byStatement.set(key, entry);
      }
    });
    hits.push({ risk, grants: [...byStatement.values()] });
  }
  return hits;
}
