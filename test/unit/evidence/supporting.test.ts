import { describe, expect, it } from "vitest";
import { buildInventory } from "../../../src/evidence/inventory.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, gapRecord, record } from "../../helpers/evidence.js";

// The API answers of IAM, KMS, S3 and EC2 become the AWS Config item shapes (camelCase) the checks
// read: the IAM policy judgement and every supporting check rely on exactly these shapes. Responses
// are shaped like the SDK's outputs (dates already ISO strings, as sealed evidence holds them).

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/ml-exec`;
const POLICY_ARN = `arn:aws:iam::${ACCOUNT}:policy/ml-data`;
const BOUNDARY_ARN = `arn:aws:iam::${ACCOUNT}:policy/boundary`;
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const global = { region: "global" };

const roleRecords: EvidenceRecord[] = [
  record("iam", "GetRole", { RoleName: "ml-exec" }, {
    Role: {
      Path: "/service-role/",
      RoleName: "ml-exec",
      RoleId: "AROAEXAMPLE",
      Arn: ROLE_ARN,
      CreateDate: "2026-01-01T00:00:00.000Z",
      AssumeRolePolicyDocument: "%7B%22Statement%22%3A%5B%5D%7D",
      PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: BOUNDARY_ARN },
      MaxSessionDuration: 3600,
    },
  }, global),
  record("iam", "ListRolePolicies", { RoleName: "ml-exec", MaxItems: 1000 }, { PolicyNames: ["b-inline", "a-inline"], IsTruncated: false }, global),
  record("iam", "GetRolePolicy", { RoleName: "ml-exec", PolicyName: "a-inline" }, { RoleName: "ml-exec", PolicyName: "a-inline", PolicyDocument: "%7B%22a%22%3A1%7D" }, global),
  record("iam", "GetRolePolicy", { RoleName: "ml-exec", PolicyName: "b-inline" }, { RoleName: "ml-exec", PolicyName: "b-inline", PolicyDocument: "%7B%22b%22%3A1%7D" }, global),
  record("iam", "ListAttachedRolePolicies", { RoleName: "ml-exec", MaxItems: 1000 }, {
    AttachedPolicies: [
      { PolicyName: "ml-data", PolicyArn: POLICY_ARN },
      { PolicyName: "AmazonSageMakerReadOnly", PolicyArn: "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly" },
    ],
    IsTruncated: false,
  }, global),
  record("iam", "GetPolicy", { PolicyArn: POLICY_ARN }, { Policy: { PolicyName: "ml-data", PolicyId: "ANPA1", Arn: POLICY_ARN, Path: "/", DefaultVersionId: "v2", AttachmentCount: 1, IsAttachable: true } }, global),
  record("iam", "GetPolicyVersion", { PolicyArn: POLICY_ARN, VersionId: "v2" }, { PolicyVersion: { Document: "%7B%22v%22%3A2%7D", VersionId: "v2", IsDefaultVersion: true, CreateDate: "2026-02-01T00:00:00.000Z" } }, global),
];

const keyRecords: EvidenceRecord[] = [
  record("kms", "ListAliases", { Limit: 100 }, { Aliases: [{ AliasName: "alias/ml-data", AliasArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/ml-data`, TargetKeyId: KEY_ID }], Truncated: false }),
  record("kms", "DescribeKey", { KeyId: "alias/ml-other-name" }, {
    KeyMetadata: {
      AWSAccountId: ACCOUNT, KeyId: KEY_ID, Arn: KEY_ARN, Enabled: true, KeyUsage: "ENCRYPT_DECRYPT", KeyState: "PendingDeletion", DeletionDate: "2026-12-24T00:00:00.000Z",
      Origin: "AWS_KMS", KeyManager: "CUSTOMER", KeySpec: "SYMMETRIC_DEFAULT", MultiRegion: false, Description: "ml data",
    },
  }),
  record("kms", "GetKeyRotationStatus", { KeyId: KEY_ID }, { KeyRotationEnabled: false, KeyId: KEY_ARN }),
];

const bucketRecords: EvidenceRecord[] = [
  record("s3", "GetBucketLocation", { Bucket: "ml-data" }, { LocationConstraint: "eu-west-1" }),
  record("s3", "GetBucketEncryption", { Bucket: "ml-data" }, { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: KEY_ARN }, BucketKeyEnabled: true }] } }, { region: "eu-west-1" }),
  record("s3", "GetBucketPolicy", { Bucket: "ml-data" }, { AnswerError: { Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist" } }, { region: "eu-west-1" }),
  record("s3", "GetPublicAccessBlock", { Bucket: "ml-data" }, { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: true } }, { region: "eu-west-1" }),
  record("s3control", "GetPublicAccessBlock", { AccountId: ACCOUNT }, { AnswerError: { Code: "NoSuchPublicAccessBlockConfiguration", Message: "not found" } }, global),
];

const groupRecords: EvidenceRecord[] = [
  record("ec2", "DescribeSecurityGroups", { GroupIds: ["sg-0123456789abcdef0"] }, {
    SecurityGroups: [{
      GroupId: "sg-0123456789abcdef0", GroupName: "ml", Description: "ml", VpcId: "vpc-1", OwnerId: ACCOUNT,
      SecurityGroupArn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`,
      IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0", Description: "ssh" }], Ipv6Ranges: [{ CidrIpv6: "::/0" }], PrefixListIds: [], UserIdGroupPairs: [{ GroupId: "sg-0aaa", UserId: ACCOUNT }] }],
      IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
    }],
  }),
];

const resource = (records: EvidenceRecord[], type: string) => buildInventory(records).resources.find((r) => r.type === type);

describe("supporting resources from their own APIs, in AWS Config item shapes", () => {
  it("AWS::IAM::Role: inline policies, attached policies, boundary, trust policy (documents stay URL-encoded)", () => {
    const role = resource(roleRecords, "AWS::IAM::Role");
    expect(role).toMatchObject({ arn: ROLE_ARN, account: ACCOUNT, region: "global", name: "ml-exec", gaps: [] });
    expect(role?.config).toEqual({
      roleName: "ml-exec",
      roleId: "AROAEXAMPLE",
      arn: ROLE_ARN,
      path: "/service-role/",
      createDate: "2026-01-01T00:00:00.000Z",
      assumeRolePolicyDocument: "%7B%22Statement%22%3A%5B%5D%7D",
      rolePolicyList: [
        { policyName: "a-inline", policyDocument: "%7B%22a%22%3A1%7D" },
        { policyName: "b-inline", policyDocument: "%7B%22b%22%3A1%7D" },
      ],
      attachedManagedPolicies: [
        { policyName: "ml-data", policyArn: POLICY_ARN },
        { policyName: "AmazonSageMakerReadOnly", policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerReadOnly" },
      ],
      permissionsBoundary: { permissionsBoundaryType: "PermissionsBoundaryPolicy", permissionsBoundaryArn: BOUNDARY_ARN },
    });
    expect(role?.evidenceIds).toEqual(roleRecords.filter((r) => r.operation !== "GetPolicy" && r.operation !== "GetPolicyVersion").map((r) => r.id).sort());
  });

  it("AWS::IAM::Policy: the default version's document", () => {
    expect(resource(roleRecords, "AWS::IAM::Policy")?.config).toEqual({
      policyName: "ml-data",
      policyId: "ANPA1",
      arn: POLICY_ARN,
      path: "/",
      defaultVersionId: "v2",
      attachmentCount: 1,
      isAttachable: true,
      awsManaged: false,
      policyVersionList: [{ document: "%7B%22v%22%3A2%7D", versionId: "v2", isDefaultVersion: true, createDate: "2026-02-01T00:00:00.000Z" }],
    });
  });

  it("a role whose inline policy could not be read has no item, only its gap", () => {
    const denied = [...roleRecords.filter((r) => !(r.operation === "GetRolePolicy" && r.params.PolicyName === "b-inline")), gapRecord("iam", "GetRolePolicy", { RoleName: "ml-exec", PolicyName: "b-inline" }, "AccessDenied", global)];
    const role = resource(denied, "AWS::IAM::Role");
    expect(role?.config).toBeUndefined();
    expect(role?.gaps).toEqual([expect.objectContaining({ source: "iam", operation: "GetRolePolicy", error: expect.stringMatching(/^AccessDenied/) })]);
    // A failed call about one role is that role's gap, not a gap over the whole account.
    expect(buildInventory(denied).scopeGaps).toEqual([]);
  });

  it("AWS::KMS::Key: metadata, rotation, and every alias (listed, or the one DescribeKey was asked by)", () => {
    const key = resource(keyRecords, "AWS::KMS::Key");
    expect(key).toMatchObject({ arn: KEY_ARN, region: "us-east-1", name: KEY_ID });
    expect(key?.config).toEqual({
      keyId: KEY_ID,
      arn: KEY_ARN,
      awsAccountId: ACCOUNT,
      description: "ml data",
      enabled: true,
      keyManager: "CUSTOMER",
      keyState: "PendingDeletion",
      keyUsage: "ENCRYPT_DECRYPT",
      keySpec: "SYMMETRIC_DEFAULT",
      origin: "AWS_KMS",
      deletionDate: "2026-12-24T00:00:00.000Z",
      multiRegion: false,
      keyRotationEnabled: false,
      aliases: ["alias/ml-data", "alias/ml-other-name"],
    });
    expect(key?.evidenceIds).toEqual(keyRecords.map((r) => r.id).sort());
  });

  it("AWS::S3::Bucket: supplementary configuration, the bucket's region, 'no policy' as a null policyText, the account-level block", () => {
    const bucket = resource(bucketRecords, "AWS::S3::Bucket");
    expect(bucket).toMatchObject({ arn: "arn:aws:s3:::ml-data", region: "eu-west-1", gaps: [] });
    expect(bucket?.config).toEqual({
      name: "ml-data",
      supplementaryConfiguration: {
        ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: KEY_ARN }, bucketKeyEnabled: true }] },
        BucketPolicy: { policyText: null },
        PublicAccessBlockConfiguration: { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: false, restrictPublicBuckets: true },
      },
      accountPublicAccessBlock: null,
    });
  });

  it("AWS::EC2::SecurityGroup: ingress and egress in Config's camelCase", () => {
    const group = resource(groupRecords, "AWS::EC2::SecurityGroup");
    expect(group).toMatchObject({ arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`, name: "sg-0123456789abcdef0" });
    expect(group?.config).toEqual({
      groupId: "sg-0123456789abcdef0",
      groupName: "ml",
      description: "ml",
      vpcId: "vpc-1",
      ownerId: ACCOUNT,
      ipPermissions: [{
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        ipv4Ranges: [{ cidrIp: "0.0.0.0/0", description: "ssh" }],
        ipv6Ranges: [{ cidrIpv6: "::/0" }],
        prefixListIds: [],
        userIdGroupPairs: [{ groupId: "sg-0aaa", userId: ACCOUNT }],
      }],
      ipPermissionsEgress: [{ ipProtocol: "-1", ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }], ipv6Ranges: [], prefixListIds: [], userIdGroupPairs: [] }],
    });
  });

  it("where AWS Config holds the same resource, the API answer is what checks read and the item is kept for the cross-check", () => {
    const item = record("config", "BatchGetResourceConfig", { resourceKeys: [] }, {
      baseConfigurationItems: [{ resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0123456789abcdef0", arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`, accountId: ACCOUNT, awsRegion: "us-east-1", configuration: JSON.stringify({ groupId: "sg-0123456789abcdef0", ipPermissions: [] }) }],
    });
    const inventory = buildInventory([...groupRecords, item]);
    const group = inventory.resources.find((r) => r.type === "AWS::EC2::SecurityGroup");
    expect((group?.config as { ipPermissions: unknown[] }).ipPermissions).toHaveLength(1);
    expect(inventory.configItems?.get(`AWS::EC2::SecurityGroup|${group?.arn ?? ""}`)).toEqual({ config: { groupId: "sg-0123456789abcdef0", ipPermissions: [], resourceId: "sg-0123456789abcdef0", supplementaryConfiguration: {} }, evidenceIds: [item.id] });
  });
});
