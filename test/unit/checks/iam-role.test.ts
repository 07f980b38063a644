import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, ROLE_ARN, configItem, described, only } from "./estate.js";

// iam.sagemaker-role.least-privilege over AWS Config items shaped like the real ones:
// AWS::IAM::Role (https://github.com/awslabs/aws-config-resource-schema/blob/master/config/properties/resource-types/AWS::IAM::Role.properties.json)
// and AWS::IAM::Policy with its policyVersionList (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html),
// documents URL-encoded as Config records them.

const CHECK = "iam.sagemaker-role.least-privilege";
const notebook = described("AWS::SageMaker::NotebookInstance", "nb", { NotebookInstanceStatus: "InService", RoleArn: ROLE_ARN, DirectInternetAccess: "Disabled" });
const doc = (statements: unknown): Record<string, unknown> => ({ Version: "2012-10-17", Statement: statements });
const encoded = (statements: unknown): string => encodeURIComponent(JSON.stringify(doc(statements)));

interface RoleSpec {
  inline?: unknown[];
  attached?: string[];
  boundary?: string;
}
const role = ({ inline = [], attached = [], boundary }: RoleSpec): EvidenceRecord =>
  configItem(
    "AWS::IAM::Role",
    ROLE_ARN,
    "AmazonSageMaker-ExecutionRole-ml",
    {
      path: "/service-role/",
      roleName: "AmazonSageMaker-ExecutionRole-ml",
      roleId: "AROAEXAMPLEID",
      arn: ROLE_ARN,
      assumeRolePolicyDocument: encoded([{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }]),
      rolePolicyList: inline.map((statements, i) => ({ policyName: `inline-${i}`, policyDocument: encoded(statements) })),
      attachedManagedPolicies: attached.map((arn) => ({ policyName: arn.split("/").at(-1), policyArn: arn })),
      permissionsBoundary: boundary ? { permissionsBoundaryType: "PermissionsBoundaryPolicy", permissionsBoundaryArn: boundary } : null,
    },
    { resourceId: "AROAEXAMPLEID", region: "global" },
  );

/** An AWS::IAM::Policy item; `versions[0]` is the default unless `defaultVersion` says otherwise. */
const managed = (arn: string, versions: unknown[], document: (statements: unknown) => unknown = encoded): EvidenceRecord =>
  configItem(
    "AWS::IAM::Policy",
    arn,
    arn.split("/").at(-1) ?? arn,
    {
      policyName: arn.split("/").at(-1),
      arn,
      defaultVersionId: "v1",
      policyVersionList: versions.map((statements, i) => ({ versionId: `v${i + 1}`, isDefaultVersion: i === 0, document: document(statements) })),
    },
    { resourceId: `ANPA${arn.length}`, region: "global" },
  );

// Real AWS managed policy documents, from the AWS Managed Policy Reference:
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AdministratorAccess.html
const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";
const administratorAccess = managed(ADMIN, [[{ Effect: "Allow", Action: "*", Resource: "*" }]]);
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/PowerUserAccess.html (v12)
const POWER = "arn:aws:iam::aws:policy/PowerUserAccess";
const powerUserAccess = managed(POWER, [
  [
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    {
      Effect: "Allow",
      Action: ["account:GetAccountInformation", "account:GetGovCloudAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeEffectivePolicy", "organizations:DescribeOrganization"],
      Resource: "*",
    },
  ],
]);
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AmazonSageMakerFullAccess.html (v26, first four statements; the rest trimmed)
const SM_FULL = "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess";
const sageMakerFullAccess = managed(
  SM_FULL,
  [
    [
      { Sid: "AllowAllNonAdminSageMakerActions", Effect: "Allow", Action: ["sagemaker:*", "sagemaker-geospatial:*"], NotResource: ["arn:aws:sagemaker:*:*:domain/*", "arn:aws:sagemaker:*:*:user-profile/*", "arn:aws:sagemaker:*:*:app/*", "arn:aws:sagemaker:*:*:space/*", "arn:aws:sagemaker:*:*:flow-definition/*"] },
      { Sid: "AllowAddTagsForSpace", Effect: "Allow", Action: ["sagemaker:AddTags"], Resource: ["arn:aws:sagemaker:*:*:space/*"], Condition: { StringEquals: { "sagemaker:TaggingAction": "CreateSpace" } } },
      { Sid: "AllowAddTagsForApp", Effect: "Allow", Action: ["sagemaker:AddTags"], Resource: ["arn:aws:sagemaker:*:*:app/*"] },
      { Sid: "AllowStudioActions", Effect: "Allow", Action: ["sagemaker:CreatePresignedDomainUrl", "sagemaker:DescribeDomain", "sagemaker:ListDomains", "sagemaker:DescribeUserProfile", "sagemaker:ListUserProfiles", "sagemaker:DescribeSpace", "sagemaker:ListSpaces", "sagemaker:DescribeApp", "sagemaker:ListApps"], Resource: "*" },
    ],
  ],
  // The managed policy reference prints the document as JSON: store it as a JSON string here.
  (statements) => JSON.stringify(doc(statements)),
);
const CUSTOMER = `arn:aws:iam::${ACCOUNT}:policy/ml-data-access`;
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/ml-boundary`;
const LOGS = "arn:aws:iam::aws:policy/CloudWatchLogsFullAccess";

const scoped = [
  { Sid: "Data", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::ml-data/*" },
  { Sid: "Key", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` },
  { Sid: "Read", Effect: "Allow", Action: ["sagemaker:Describe*", "sagemaker:List*"], Resource: "*" },
];
const passScoped = { Sid: "PassOwn", Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-*`, Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } } };

interface Case {
  label: string;
  records: EvidenceRecord[];
  status: string;
  reason: RegExp;
}

const cases: Case[] = [
  // Hand-written against https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  { label: "scoped inline policy", records: [role({ inline: [scoped] })], status: "PASS", reason: /^no statement of inline policy inline-0 grants admin-equivalent/ },
  { label: "scoped PassRole with an iam:PassedToService condition", records: [role({ inline: [[...scoped, passScoped]] })], status: "PASS", reason: /no statement/ },
  { label: "a role without policies", records: [role({})], status: "PASS", reason: /its policies \(it has none\)/ },
  {
    label: "Allow * on * beside a Deny on IAM resources",
    // The Logs statement reaches one of the sampled actions too, but only "All" reaches every service: only it is named.
    records: [role({ inline: [[{ Sid: "Logs", Effect: "Allow", Action: "logs:*", Resource: "*" }, { Sid: "All", Effect: "Allow", Action: "*", Resource: "*" }, { Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "arn:aws:iam::*:*" }]] })],
    status: "FAIL",
    reason: /^inline policy inline-0 statement "All" \(Allow Action "\*" on Resource "\*"\) grants admin-equivalent: every action on every resource$/,
  },
  { label: "iam:* on every resource", records: [role({ inline: [[{ Sid: "Iam", Effect: "Allow", Action: "iam:*", Resource: "*" }]] })], status: "FAIL", reason: /statement "Iam" .* grants privilege escalation: iam:PassRole on every role, .*iam:PutRolePolicy on every role and this role itself.*iam:CreateAccessKey on every user/ },
  { label: "iam:PassRole on role/*", records: [role({ inline: [[{ Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }]] })], status: "FAIL", reason: /^inline policy inline-0 statement #1 \(Allow Action "iam:PassRole" on Resource "arn:aws:iam::\d{12}:role\/\*"\) grants privilege escalation: iam:PassRole on every role$/ },
  {
    label: "iam:PassRole on every role, conditioned on iam:PassedToService",
    records: [role({ inline: [[{ ...passScoped, Resource: "*" }]] })],
    status: "FAIL",
    reason: /statement "PassOwn" \(Allow Action "iam:PassRole" on Resource "\*" when StringEquals iam:PassedToService = sagemaker\.amazonaws\.com; iam:PassedToService narrows it but does not remove it\) grants privilege escalation: iam:PassRole on every role/,
  },
  {
    label: "each statement is named with the probes it reaches",
    records: [role({ inline: [[{ Sid: "Self", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: ROLE_ARN }, { Sid: "Any", Effect: "Allow", Action: "iam:PutRolePolicy", Resource: `arn:aws:iam::${ACCOUNT}:role/*` }]] })],
    status: "FAIL",
    reason: /^inline policy inline-0 statement "Any" \([^)]*\) grants privilege escalation: iam:PutRolePolicy on every role and this role itself; inline policy inline-0 statement "Self" \([^)]*\) grants privilege escalation: iam:PutRolePolicy on this role itself$/,
  },
  { label: "policy writing on the role itself", records: [role({ inline: [[{ Effect: "Allow", Action: ["iam:PutRolePolicy", "iam:AttachRolePolicy"], Resource: ROLE_ARN }]] })], status: "FAIL", reason: /iam:PutRolePolicy on this role itself, iam:AttachRolePolicy on this role itself/ },
  { label: "iam:Create*/Put*/Attach* policy actions by wildcard", records: [role({ inline: [[{ Effect: "Allow", Action: ["iam:Create*", "iam:Attach*Policy"], Resource: "*" }]] })], status: "FAIL", reason: /iam:CreatePolicyVersion on every managed policy.*iam:AttachUserPolicy on every user.*iam:CreateAccessKey on every user/ },
  { label: "sts:AssumeRole on *", records: [role({ inline: [[{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }]] })], status: "FAIL", reason: /privilege escalation: sts:AssumeRole on every role/ },
  { label: "NotAction on every resource", records: [role({ inline: [[{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }]] })], status: "FAIL", reason: /NotAction \["iam:\*","organizations:\*"\] \(every other action\) on Resource "\*"\) grants admin-equivalent/ },
  { label: "s3:* with NotResource", records: [role({ inline: [[{ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::audit/*" }]] })], status: "FAIL", reason: /NotResource "arn:aws:s3:::audit\/\*" \(every other resource\)\) grants full access to data stores and keys: s3:\* on every bucket, s3:GetObject/ },
  { label: "s3:* on every object (arn:*:s3:::*/*)", records: [role({ inline: [[{ Effect: "Allow", Action: "s3:*", Resource: "arn:*:s3:::*/*" }]] })], status: "FAIL", reason: /s3:\* on every bucket, s3:GetObject on every bucket's objects/ },
  { label: "kms:Decrypt on every key (arn:aws:kms:*:*:key/*)", records: [role({ inline: [[{ Effect: "Allow", Action: "kms:Decrypt", Resource: "arn:aws:kms:*:*:key/*" }]] })], status: "FAIL", reason: /grants full access to data stores and keys: kms:Decrypt on every key$/ },
  { label: "kms:Decrypt on every key of the region", records: [role({ inline: [[{ Effect: "Allow", Action: "kms:Decrypt", Resource: `arn:aws:kms:us-east-1:${ACCOUNT}:key/*` }]] })], status: "FAIL", reason: /kms:Decrypt on every key/ },
  { label: "secretsmanager:GetSecretValue on *", records: [role({ inline: [[{ Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" }]] })], status: "FAIL", reason: /secretsmanager:GetSecretValue on every secret/ },
  { label: "dynamodb:* on every table", records: [role({ inline: [[{ Effect: "Allow", Action: "dynamodb:*", Resource: `arn:aws:dynamodb:*:${ACCOUNT}:table/*` }]] })], status: "FAIL", reason: /dynamodb:\* on every table, dynamodb:Scan on every table/ },
  {
    label: "a conditional Deny does not cancel an unconditional Allow",
    records: [role({ inline: [[{ Sid: "S3", Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }]] })],
    status: "FAIL",
    reason: /statement "S3" .* s3:\* on every bucket/,
  },
  { label: "an unconditional Deny of the same actions cancels", records: [role({ inline: [[{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" }]] })], status: "PASS", reason: /no statement/ },
  { label: "a Deny in another policy cancels too", records: [role({ inline: [[{ Effect: "Allow", Action: "kms:*", Resource: "*" }], [{ Effect: "Deny", Action: "kms:*", Resource: "*" }]] })], status: "PASS", reason: /inline-0, inline policy inline-1/ },
  {
    label: "a conditional Allow is still a grant, its VPC condition noted",
    records: [role({ inline: [[{ Effect: "Allow", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:SourceVpc": "vpc-0abc" } } }]] })],
    status: "FAIL",
    reason: /when StringEquals aws:SourceVpc = vpc-0abc; aws:SourceVpc narrows it but does not remove it\) grants full access/,
  },
  { label: "malformed inline policy", records: [role({ inline: [[{ Effect: "Permit", Action: "*", Resource: "*" }]] })], status: "ERROR", reason: /not evaluated: inline policy inline-0 \(malformed: statement #1 has Effect "Permit"/ },

  // AWS managed policies judged by their documents (AWS Managed Policy Reference, above).
  { label: "AdministratorAccess", records: [role({ attached: [ADMIN] }), administratorAccess], status: "FAIL", reason: /^AWS managed policy AdministratorAccess statement #1 \(Allow Action "\*" on Resource "\*"\) grants admin-equivalent/ },
  { label: "PowerUserAccess (NotAction iam/organizations/account)", records: [role({ attached: [POWER] }), powerUserAccess], status: "FAIL", reason: /^AWS managed policy PowerUserAccess statement #1 \(Allow NotAction \["iam:\*","organizations:\*","account:\*"\].* grants admin-equivalent/ },
  { label: "AmazonSageMakerFullAccess", records: [role({ attached: [SM_FULL] }), sageMakerFullAccess], status: "FAIL", reason: /AWS managed policy AmazonSageMakerFullAccess statement "AllowAllNonAdminSageMakerActions" .* grants privilege escalation: sagemaker:CreatePresignedNotebookInstanceUrl on every notebook instance; full access to data stores and keys: sagemaker:\* on every SageMaker resource$/ },
  { label: "an AWS managed policy not recorded, beside a proven FAIL", records: [role({ inline: [[{ Effect: "Allow", Action: "*", Resource: "*" }]], attached: [LOGS] })], status: "FAIL", reason: /admin-equivalent.*; not evaluated: AWS managed policy CloudWatchLogsFullAccess \(arn:aws:iam::aws:policy\/CloudWatchLogsFullAccess: no AWS::IAM::Policy configuration item was collected\)$/ },
  { label: "an AWS managed policy not recorded, nothing else wrong", records: [role({ inline: [scoped], attached: [LOGS] })], status: "ERROR", reason: /^evidence gap: no recorded policy grants .* but this one was not evaluated: AWS managed policy CloudWatchLogsFullAccess/ },
  { label: "two policies not recorded", records: [role({ attached: [LOGS, CUSTOMER] })], status: "ERROR", reason: /these were not evaluated: AWS managed policy CloudWatchLogsFullAccess .*; managed policy ml-data-access/ },
  { label: "customer managed: the default version is judged", records: [role({ attached: [CUSTOMER] }), managed(CUSTOMER, [scoped, [{ Effect: "Allow", Action: "*", Resource: "*" }]])], status: "PASS", reason: /managed policy ml-data-access/ },
  { label: "customer managed with s3:*", records: [role({ attached: [CUSTOMER] }), managed(CUSTOMER, [[{ Effect: "Allow", Action: "s3:*", Resource: "*" }]])], status: "FAIL", reason: /^managed policy ml-data-access statement #1/ },
  { label: "customer managed, document as an object", records: [role({ attached: [CUSTOMER] }), managed(CUSTOMER, [[{ Effect: "Allow", Action: "kms:*", Resource: "*" }]], doc)], status: "FAIL", reason: /kms:\* on every key/ },
  { label: "customer managed, malformed", records: [role({ attached: [CUSTOMER] }), managed(CUSTOMER, [[{ Effect: "Allow", Resource: "*" }]])], status: "ERROR", reason: /ml-data-access version v1 is malformed: statement #1 must have exactly one of Action and NotAction/ },

  // Permissions boundaries: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  { label: "a boundary confines Allow * to scoped data access", records: [role({ inline: [[{ Effect: "Allow", Action: "*", Resource: "*" }]], boundary: BOUNDARY }), managed(BOUNDARY, [scoped])], status: "PASS", reason: /\(permissions boundary ml-boundary applied\)$/ },
  { label: "a boundary that lets s3:* through", records: [role({ inline: [[{ Effect: "Allow", Action: "*", Resource: "*" }]], boundary: BOUNDARY }), managed(BOUNDARY, [[{ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }]])], status: "FAIL", reason: /s3:\* on every bucket.* \(within permissions boundary ml-boundary\)$/ },
  { label: "boundary not recorded, a grant found", records: [role({ inline: [[{ Effect: "Allow", Action: "*", Resource: "*" }]], boundary: BOUNDARY })], status: "ERROR", reason: /admin-equivalent.* unless the permissions boundary blocks it, whose document is missing: permissions boundary ml-boundary/ },
  { label: "boundary not recorded, nothing found", records: [role({ inline: [scoped], boundary: BOUNDARY })], status: "ERROR", reason: /not evaluated: permissions boundary ml-boundary \(arn:aws:iam::\d{12}:policy\/ml-boundary: no AWS::IAM::Policy/ },
];

describe("iam.sagemaker-role.least-privilege", () => {
  it.each(cases)("$label → $status", ({ records, status, reason }) => {
    const f = only(CHECK, [...notebook, ...records]);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });

  it("cites the evidence of the managed policies it read", () => {
    const f = only(CHECK, [...notebook, role({ attached: [ADMIN] }), administratorAccess]);
    expect(f.evidenceIds).toContain(administratorAccess.id);
  });
});
