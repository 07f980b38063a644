import { defineCheck } from "../define.js";
import { referencedRoles } from "../references.js";
import { fail, gap, pass } from "../verdict.js";
import { broadGrants, parsePolicyDocument } from "./policy.js";

/** The parts of an `AWS::IAM::Role` configuration item this check reads. */
export interface RoleItem {
  roleName?: string;
  rolePolicyList?: { policyName?: string; policyDocument?: string }[];
  attachedManagedPolicies?: { policyName?: string; policyArn?: string }[];
}

/** The parts of an `AWS::IAM::Policy` (customer managed) configuration item. */
export interface PolicyItem {
  policyName?: string;
  defaultVersionId?: string;
  policyVersionList?: { document?: string; versionId?: string; isDefaultVersion?: boolean }[];
}

/**
 * AWS managed policies are not recorded by AWS Config, so the ones that grant a service or
 * everything on `*` are known by name.
 */
export const BROAD_AWS_MANAGED: Readonly<Record<string, string>> = {
  AdministratorAccess: 'Allow "*" on "*"',
  PowerUserAccess: 'Allow NotAction iam/organizations/account on "*"',
  AmazonSageMakerFullAccess: 'Allow "sagemaker:*" on "*"',
  AmazonS3FullAccess: 'Allow "s3:*" on "*"',
  IAMFullAccess: 'Allow "iam:*" on "*"',
};

const CONFIG_EVIDENCE = [
  "config:SelectResourceConfig",
  "config:BatchGetResourceConfig",
  "config:SelectAggregateResourceConfig",
  "iam:GetRole",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
];

/** Compliant when an execution role of a SageMaker resource grants no wildcard administration. */
export const iamSageMakerRoleLeastPrivilege = defineCheck<RoleItem>({
  id: "iam.sagemaker-role.least-privilege",
  title: "SageMaker execution roles follow least privilege",
  resourceType: "AWS::IAM::Role",
  severity: "high",
  rationale:
    "Everything a notebook, job or endpoint runs acts with its execution role; `*`, `sagemaker:*` or `s3:*` on every resource, or AdministratorAccess/AmazonSageMakerFullAccess, lets one compromised container read all data and change the platform.",
  remediation:
    "Detach AdministratorAccess/AmazonSageMakerFullAccess and replace wildcard statements with the actions the workload needs on its own buckets, keys and resources (start from IAM Access Analyzer policy generation on the role's CloudTrail activity); add a permissions boundary.",
  evidence: CONFIG_EVIDENCE,
  targets: referencedRoles,
  evaluate: (role, { inventory, resource }) => {
    const problems: string[] = [];
    const read: string[] = [];
    const unevaluated: string[] = [];
    for (const p of role.rolePolicyList ?? []) {
      for (const g of broadGrants(parsePolicyDocument(p.policyDocument ?? "{}"))) problems.push(`inline policy ${p.policyName ?? "?"} statement ${g.statement}: ${g.grant}`);
    }
    for (const attached of role.attachedManagedPolicies ?? []) {
      const arn = attached.policyArn ?? "";
      const name = attached.policyName ?? arn.split("/").at(-1) ?? arn;
      if (/^arn:aws[a-z-]*:iam::aws:policy\//.test(arn)) {
        const broad = BROAD_AWS_MANAGED[name];
        if (broad) problems.push(`AWS managed policy ${name} attached: ${broad}`);
        else unevaluated.push(name);
        continue;
      }
      const item = inventory.resources.find((r) => r.type === "AWS::IAM::Policy" && r.arn === arn);
      const config = item?.config as PolicyItem | undefined;
      if (!config) return gap(`evidence gap: customer managed policy ${arn} attached to ${resource.name} has no AWS Config configuration item`);
      read.push(...(item?.evidenceIds ?? []));
      const version = config.policyVersionList?.find((v) => v.isDefaultVersion === true || v.versionId === config.defaultVersionId);
      if (!version?.document) return gap(`evidence gap: the default version of ${arn} is not in its configuration item`, read);
      for (const g of broadGrants(parsePolicyDocument(version.document))) problems.push(`managed policy ${name} statement ${g.statement}: ${g.grant}`);
    }
    if (problems.length > 0) return fail(problems.join("; "), read);
    const note = unevaluated.length > 0 ? `; AWS managed ${unevaluated.join(", ")} not evaluated (AWS Config does not record AWS managed policy documents)` : "";
    return pass(`no statement grants *, sagemaker:*, s3:*, iam:* or kms:* on every resource${note}`, read);
  },
});
