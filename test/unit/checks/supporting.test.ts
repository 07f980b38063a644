import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, ROLE_ARN, SG, SUBNET, configItem, described, findingsOf, gapRecord, only, record } from "./estate.js";

// Supporting resources are judged where SageMaker uses them: the estate is one notebook (role, key,
// security group) and one model (artefact bucket) plus the AWS Config items of what they reference.

const notebook = described("AWS::SageMaker::NotebookInstance", "nb", {
  NotebookInstanceStatus: "InService",
  SubnetId: SUBNET,
  SecurityGroups: [SG],
  RoleArn: ROLE_ARN,
  KmsKeyId: KEY_ARN,
  DirectInternetAccess: "Disabled",
  RootAccess: "Disabled",
});
const model = described("AWS::SageMaker::Model", "risk", {
  PrimaryContainer: { Image: "111122223333.dkr.ecr.us-east-1.amazonaws.com/risk:1", ModelDataUrl: "s3://ml-artifacts/risk/model.tar.gz" },
  ExecutionRoleArn: ROLE_ARN,
});
const configDenied = gapRecord("config", "SelectResourceConfig", { Expression: "SELECT …" });
const configDeniedGlobal = gapRecord("config", "SelectResourceConfig", { Expression: "SELECT … IAM" }, "AccessDeniedException", { region: "global" });

const encoded = (doc: unknown): string => encodeURIComponent(JSON.stringify({ Version: "2012-10-17", Statement: doc }));
const role = (policies: { inline?: unknown[]; attached?: { policyName: string; policyArn: string }[] }): EvidenceRecord =>
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
      rolePolicyList: (policies.inline ?? []).map((doc, i) => ({ policyName: `inline-${i}`, policyDocument: encoded(doc) })),
      attachedManagedPolicies: policies.attached ?? [],
    },
    { resourceId: "AROAEXAMPLEID", region: "global" },
  );
const CUSTOMER_POLICY = `arn:aws:iam::${ACCOUNT}:policy/ml-data-access`;
const customerPolicy = (statements: unknown): EvidenceRecord =>
  configItem(
    "AWS::IAM::Policy",
    CUSTOMER_POLICY,
    "ml-data-access",
    { policyName: "ml-data-access", arn: CUSTOMER_POLICY, defaultVersionId: "v2", policyVersionList: [{ versionId: "v1", isDefaultVersion: false, document: encoded([{ Effect: "Allow", Action: "*", Resource: "*" }]) }, { versionId: "v2", isDefaultVersion: true, document: encoded(statements) }] },
    { resourceId: "ANPAEXAMPLE", region: "global" },
  );
const scoped = [{ Sid: "Data", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::ml-data/*" }];

const key = (fields: Record<string, unknown>): EvidenceRecord =>
  configItem("AWS::KMS::Key", KEY_ARN, "1234abcd-12ab-34cd-56ef-1234567890ab", { keyId: "1234abcd-12ab-34cd-56ef-1234567890ab", arn: KEY_ARN, keyManager: "CUSTOMER", keyState: "Enabled", origin: "AWS_KMS", keySpec: "SYMMETRIC_DEFAULT", ...fields }, { resourceId: "1234abcd-12ab-34cd-56ef-1234567890ab" });

const BUCKET_ARN = "arn:aws:s3:::ml-artifacts";
const tlsPolicy = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } }],
});
/** The standard TLS-only statement with some fields replaced (undefined removes one). */
const tls = (fields: Record<string, unknown>): string => {
  const statement: Record<string, unknown> = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [BUCKET_ARN, `${BUCKET_ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } }, ...fields };
  return JSON.stringify({ Version: "2012-10-17", Statement: [Object.fromEntries(Object.entries(statement).filter(([, v]) => v !== undefined))] });
};
const allBlocked = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const bucket = (supplementary: Record<string, unknown>): EvidenceRecord => configItem("AWS::S3::Bucket", BUCKET_ARN, "ml-artifacts", { name: "ml-artifacts", owner: { id: "abc" }, creationDate: "2026-01-01T00:00:00.000Z" }, { supplementary });
/** The account-level block: AWS Config's AWS::S3::AccountPublicAccessBlock item, or S3 Control's answer. */
const accountBlock = (configuration: Record<string, unknown>): EvidenceRecord =>
  configItem("AWS::S3::AccountPublicAccessBlock", `arn:aws:s3::${ACCOUNT}:account`, ACCOUNT, configuration, { resourceId: ACCOUNT });
const noAccountBlock = record("s3control", "GetPublicAccessBlock", { AccountId: ACCOUNT }, { AnswerError: { Code: "NoSuchPublicAccessBlockConfiguration", Message: "The public access block configuration was not found" } }, { region: "global" });
const accountBlockDenied = gapRecord("s3control", "GetPublicAccessBlock", { AccountId: ACCOUNT }, "AccessDenied", { region: "global" });
const sse = { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: KEY_ARN }, bucketKeyEnabled: true }] } };

const SG_ARN = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/${SG}`;
const securityGroup = (ipPermissions: unknown[]): EvidenceRecord =>
  configItem("AWS::EC2::SecurityGroup", SG_ARN, SG, { groupId: SG, groupName: "ml-notebooks", vpcId: "vpc-0abc", ipPermissions, ipPermissionsEgress: [] }, { resourceId: SG });
const fromSg = { ipProtocol: "tcp", fromPort: 443, toPort: 443, userIdGroupPairs: [{ groupId: "sg-0aaa" }], ipv4Ranges: [], ipv6Ranges: [], ipRanges: [] };

interface Case {
  label: string;
  records: EvidenceRecord[];
  status: string;
  reason: RegExp;
}

const table: Record<string, Case[]> = {
  // More cases, with real AWS managed policy documents: iam-role.test.ts.
  "iam.sagemaker-role.least-privilege": [
    { label: "scoped inline policy", records: [...notebook, role({ inline: [scoped] })], status: "PASS", reason: /^no statement of inline policy inline-0 grants/ },
    { label: "Allow * on *", records: [...notebook, role({ inline: [[...scoped, { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" }]] })], status: "FAIL", reason: /^inline policy inline-0 statement "Everything" \(Allow Action "\*" on Resource "\*"\) grants admin-equivalent/ },
    { label: "AWS managed policy whose document was not collected", records: [...notebook, role({ attached: [{ policyName: "AdministratorAccess", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] })], status: "ERROR", reason: /not evaluated: AWS managed policy AdministratorAccess \(arn:aws:iam::aws:policy\/AdministratorAccess: no AWS::IAM::Policy configuration item was collected\)/ },
    { label: "customer managed policy, default version scoped", records: [...notebook, role({ attached: [{ policyName: "ml-data-access", policyArn: CUSTOMER_POLICY }] }), customerPolicy(scoped)], status: "PASS", reason: /managed policy ml-data-access grants no|no statement of managed policy ml-data-access/ },
    { label: "customer managed policy with s3:*", records: [...notebook, role({ attached: [{ policyName: "ml-data-access", policyArn: CUSTOMER_POLICY }] }), customerPolicy([{ Effect: "Allow", Action: "s3:*", Resource: "*" }])], status: "FAIL", reason: /^managed policy ml-data-access statement #1 \(Allow Action "s3:\*" on Resource "\*"\) grants full access to data stores and keys: s3:\*/ },
    { label: "customer managed policy not collected", records: [...notebook, role({ attached: [{ policyName: "ml-data-access", policyArn: CUSTOMER_POLICY }] })], status: "ERROR", reason: /not evaluated: managed policy ml-data-access \(arn:aws:iam::\d{12}:policy\/ml-data-access: no AWS::IAM::Policy configuration item/ },
    { label: "role not collected", records: notebook, status: "ERROR", reason: /no AWS Config configuration item was collected for AmazonSageMaker-ExecutionRole-ml.*referenced by arn:aws:sagemaker/ },
    { label: "Config query denied", records: [...notebook, configDeniedGlobal], status: "ERROR", reason: /config:SelectResourceConfig .*failed/ },
  ],
  "kms.sagemaker-key.rotation-enabled": [
    { label: "rotating", records: [...notebook, key({ keyRotationEnabled: true })], status: "PASS", reason: /rotation is enabled/ },
    { label: "rotation off", records: [...notebook, key({ keyRotationEnabled: false })], status: "FAIL", reason: /rotation is disabled/ },
    { label: "pending deletion", records: [...notebook, key({ keyRotationEnabled: true, keyState: "PendingDeletion", deletionDate: "2026-12-05T00:00:00.000Z" })], status: "FAIL", reason: /PendingDeletion \(deletion on 2026-12-05/ },
    { label: "AWS managed key", records: [...notebook, key({ keyManager: "AWS" })], status: "NOT_APPLICABLE", reason: /AWS rotates it/ },
    { label: "rotation status not recorded", records: [...notebook, key({})], status: "ERROR", reason: /does not record the key's rotation status/ },
    { label: "key not collected", records: notebook, status: "ERROR", reason: /no AWS Config configuration item/ },
    { label: "Config query denied", records: [...notebook, configDenied], status: "ERROR", reason: /config:SelectResourceConfig/ },
  ],
  "s3.sagemaker-bucket.encrypted": [
    { label: "SSE-KMS", records: [...model, bucket(sse)], status: "PASS", reason: /default encryption aws:kms/ },
    { label: "SSE-S3 only", records: [...model, bucket({ ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } })], status: "FAIL", reason: /default encryption is AES256/ },
    { label: "encryption not recorded", records: [...model, bucket({})], status: "ERROR", reason: /was not recorded/ },
    { label: "not collected", records: model, status: "ERROR", reason: /no AWS Config configuration item was collected for ml-artifacts/ },
  ],
  "s3.sagemaker-bucket.tls-only": [
    { label: "Deny on SecureTransport false", records: [...model, bucket({ BucketPolicy: { policyText: tlsPolicy } })], status: "PASS", reason: /"DenyInsecureTransport" denies/ },
    { label: "no bucket policy", records: [...model, bucket({ BucketPolicy: { policyText: null } })], status: "FAIL", reason: /no bucket policy/ },
    { label: "policy without the Deny", records: [...model, bucket({ BucketPolicy: { policyText: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: { AWS: ROLE_ARN }, Action: "s3:GetObject", Resource: `${BUCKET_ARN}/*` }] }) } })], status: "FAIL", reason: /no Deny for aws:SecureTransport/ },
    // Source: https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit and the IAM
    // condition operators reference (BoolIfExists holds when the key is absent; conditions are ANDed).
    { label: "BoolIfExists on SecureTransport, listed value", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Condition: { BoolIfExists: { "aws:SecureTransport": ["false"] } } }) } })], status: "PASS", reason: /statement "DenyInsecureTransport" denies s3:GetObject and s3:PutObject .* to every principal/ },
    { label: "Principal {AWS: *}, Action s3:*Object", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Principal: { AWS: "*" }, Action: ["s3:*Object"], Resource: `${BUCKET_ARN}/*` }) } })], status: "PASS", reason: /denies/ },
    { label: "a Deny with another condition ANDed", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Condition: { Bool: { "aws:SecureTransport": "false" }, StringNotEquals: { "aws:SourceVpce": "vpce-0abc" } } }) } })], status: "FAIL", reason: /statement "DenyInsecureTransport" denies only when also StringNotEquals aws:SourceVpce = vpce-0abc, so other insecure requests are allowed/ },
    { label: "a Deny for one principal only", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Principal: { AWS: ROLE_ARN } }) } })], status: "FAIL", reason: /does not apply to every principal/ },
    { label: "a Deny with NotPrincipal", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Principal: undefined, NotPrincipal: { AWS: ROLE_ARN } }) } })], status: "FAIL", reason: /NotPrincipal exempts \{"AWS":\["arn:aws:iam::/ },
    { label: "a Deny on the bucket, not its objects", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Resource: BUCKET_ARN }) } })], status: "FAIL", reason: /does not cover the bucket's objects/ },
    { label: "a Deny of uploads only", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Action: "s3:PutObject" }) } })], status: "FAIL", reason: /does not cover s3:GetObject/ },
    { label: "a Deny when SecureTransport is true", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Condition: { Bool: { "aws:SecureTransport": "true" } } }) } })], status: "FAIL", reason: /does not apply when aws:SecureTransport is false/ },
    { label: "an Allow on SecureTransport true is no Deny", records: [...model, bucket({ BucketPolicy: { policyText: tls({ Effect: "Allow", Condition: { Bool: { "aws:SecureTransport": "true" } } }) } })], status: "FAIL", reason: /^the bucket policy has no Deny for aws:SecureTransport = false covering object reads and writes by every principal$/ },
    { label: "unreadable bucket policy", records: [...model, bucket({ BucketPolicy: { policyText: "{not json" } })], status: "ERROR", reason: /bucket policy of ml-artifacts cannot be read/ },
    { label: "not collected", records: model, status: "ERROR", reason: /ml-artifacts/ },
  ],
  "s3.sagemaker-bucket.public-access-blocked": [
    { label: "all four on", records: [...model, bucket({ PublicAccessBlockConfiguration: allBlocked })], status: "PASS", reason: /all four/ },
    { label: "one off, no account-level block", records: [...model, bucket({ PublicAccessBlockConfiguration: { ...allBlocked, restrictPublicBuckets: false } }), noAccountBlock], status: "FAIL", reason: /bucket-level restrictPublicBuckets is not true, and the account has no account-level Block Public Access/ },
    { label: "none on the bucket, account-level all off", records: [...model, bucket({}), accountBlock({ blockPublicAcls: false, ignorePublicAcls: false, blockPublicPolicy: false, restrictPublicBuckets: false })], status: "FAIL", reason: /no bucket-level PublicAccessBlockConfiguration, and not true at account level either/ },
    { label: "none on the bucket, all on for the account", records: [...model, bucket({}), accountBlock(allBlocked)], status: "PASS", reason: /in effect \(on the account\)/ },
    { label: "split between bucket and account", records: [...model, bucket({ PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true } }), accountBlock({ blockPublicPolicy: true, restrictPublicBuckets: true })], status: "PASS", reason: /between the bucket and the account/ },
    { label: "one off on the bucket, account-level unknown", records: [...model, bucket({ PublicAccessBlockConfiguration: { ...allBlocked, restrictPublicBuckets: false } })], status: "ERROR", reason: /account-level Block Public Access, which could still block them, was not collected/ },
    { label: "account-level call denied", records: [...model, bucket({}), accountBlockDenied], status: "ERROR", reason: /s3control:GetPublicAccessBlock failed: AccessDenied/ },
    { label: "not collected", records: model, status: "ERROR", reason: /ml-artifacts/ },
  ],
  "ec2.sagemaker-security-group.no-open-ingress": [
    { label: "ingress from a security group", records: [...notebook, securityGroup([fromSg])], status: "PASS", reason: /none from 0\.0\.0\.0\/0/ },
    { label: "SSH from anywhere", records: [...notebook, securityGroup([fromSg, { ipProtocol: "tcp", fromPort: 22, toPort: 22, ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }], ipRanges: ["0.0.0.0/0"] }])], status: "FAIL", reason: /^inbound rule open to the internet: tcp 22 from 0\.0\.0\.0\/0$/ },
    { label: "all traffic from ::/0", records: [...notebook, securityGroup([{ ipProtocol: "-1", ipv6Ranges: [{ cidrIpv6: "::/0" }] }])], status: "FAIL", reason: /all traffic from ::\/0/ },
    { label: "not collected", records: notebook, status: "ERROR", reason: /sg-0123456789abcdef0/ },
  ],
};

describe.each(Object.entries(table))("%s", (checkId, cases) => {
  it.each(cases)("$label → $status", ({ records, status, reason }) => {
    const f = only(checkId, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

describe("scope of supporting-resource checks", () => {
  it("judges only resources SageMaker references", () => {
    const unrelated = configItem("AWS::S3::Bucket", "arn:aws:s3:::marketing-site", "marketing-site", { name: "marketing-site" });
    expect(findingsOf("s3.sagemaker-bucket.encrypted", [...notebook, unrelated])).toEqual([]);
  });

  it("judges a resource referenced many times once, citing every referrer's evidence", () => {
    const f = only("iam.sagemaker-role.least-privilege", [...notebook, ...model, role({ inline: [scoped] })]);
    expect(f.resourceArn).toBe(ROLE_ARN);
    // The role's item and both describe responses that name it.
    expect(f.evidenceIds).toEqual(expect.arrayContaining([notebook[1]!.id, model[1]!.id]));
    expect(f.evidenceIds).toHaveLength(3);
  });

  it("resolves a bare key id in the referrer's account and region", () => {
    const byId = described("AWS::SageMaker::NotebookInstance", "nb2", { RoleArn: ROLE_ARN, KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
    expect(only("kms.sagemaker-key.rotation-enabled", [...byId, key({ keyRotationEnabled: true })]).status).toBe("PASS");
  });

  it("resolves the same bare key id in each referrer's own account and region: another region's referrer names another key", () => {
    const here = described("AWS::SageMaker::NotebookInstance", "nb-here", { RoleArn: ROLE_ARN, KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" });
    const there = described("AWS::SageMaker::NotebookInstance", "nb-there", { RoleArn: ROLE_ARN, KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }, "eu-west-1");
    const findings = findingsOf("kms.sagemaker-key.rotation-enabled", [...here, ...there, key({ keyRotationEnabled: true })]);
    expect(findings.map((f) => [f.resourceArn, f.status])).toEqual([
      ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "ERROR"],
      [KEY_ARN, "PASS"],
    ]);
  });

  it("cannot resolve a customer alias without its key and says so; AWS managed aliases are AWS managed keys by name", () => {
    const alias = described("AWS::SageMaker::NotebookInstance", "nb3", { KmsKeyId: "alias/ml-data" });
    expect(only("kms.sagemaker-key.rotation-enabled", alias).reason).toMatch(/alias\/ml-data is an alias/);
    const awsAlias = described("AWS::SageMaker::NotebookInstance", "nb4", { KmsKeyId: "alias/aws/sagemaker" });
    expect(only("kms.sagemaker-key.rotation-enabled", awsAlias)).toMatchObject({ status: "NOT_APPLICABLE", resourceName: "alias/aws/sagemaker" });
    expect(only("kms.sagemaker-key.customer-managed", awsAlias)).toMatchObject({ status: "FAIL", reason: expect.stringMatching(/alias\/aws\/sagemaker has KeyManager AWS/) });
  });
});

describe("evidence gaps around supporting resources", () => {
  it("still judges a collected item when a Config query failed elsewhere", () => {
    const elsewhere = gapRecord("config", "SelectResourceConfig", { Expression: "SELECT … eu" }, "AccessDeniedException", { region: "eu-west-1" });
    expect(only("ec2.sagemaker-security-group.no-open-ingress", [...notebook, securityGroup([fromSg]), elsewhere]).status).toBe("PASS");
  });

  it("blames the failed query of the referrer's region for an item it hid", () => {
    const elsewhere = gapRecord("config", "SelectResourceConfig", { Expression: "SELECT … eu" }, "AccessDeniedException", { region: "eu-west-1" });
    const f = only("ec2.sagemaker-security-group.no-open-ingress", [...notebook, elsewhere, configDenied]);
    expect([f.status, f.reason]).toEqual(["ERROR", expect.stringMatching(/in 111122223333\/us-east-1 failed/)]);
  });
});
