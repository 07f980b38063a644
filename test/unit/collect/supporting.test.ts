import { DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { BatchGetResourceConfigCommand } from "@aws-sdk/client-config-service";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import type { DescribeSecurityGroupsCommandInput } from "@aws-sdk/client-ec2";
import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from "@aws-sdk/client-iam";
import { DescribeKeyCommand, GetKeyRotationStatusCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import type { DescribeKeyCommandInput, DescribeKeyCommandOutput } from "@aws-sdk/client-kms";
import { GetBucketEncryptionCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import { DescribeNotebookInstanceCommand, DescribeProcessingJobCommand, ListNotebookInstancesCommand, ListProcessingJobsCommand } from "@aws-sdk/client-sagemaker";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CATALOGUE } from "../../../src/checks/catalogue.js";
import { evaluateFindings } from "../../../src/checks/findings.js";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { InMemoryCollectorMemory } from "../../../src/collect/memory.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { ACCOUNT, NOW, awsError, fakeClock, mockAws, regionOf, testConfig } from "./aws-fixtures.js";

// The supporting collectors against aws-sdk-client-mock: the error codes AWS documents as answers,
// the ones that are gaps, and the resolution rules moto cannot exercise (aliases of another
// account, UnsupportedOperationException, InvalidGroup.NotFound inside a batch).

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/${KEY_ID}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/ml-exec`;
const metadata = (keyId: string, manager: "CUSTOMER" | "AWS", extra: Record<string, unknown> = {}): DescribeKeyCommandOutput => ({
  KeyMetadata: {
    AWSAccountId: ACCOUNT,
    KeyId: keyId,
    Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${keyId}`,
    KeyManager: manager,
    KeyState: "Enabled",
    Origin: "AWS_KMS",
    KeySpec: "SYMMETRIC_DEFAULT",
    KeyUsage: "ENCRYPT_DECRYPT",
    Enabled: true,
    MultiRegion: false,
    ...extra,
  },
} as DescribeKeyCommandOutput);

describe("supporting evidence from IAM, KMS, S3 and EC2", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => aws.restore());

  const collect = (overrides: Record<string, unknown> = {}) =>
    createAwsSource(testConfig(overrides), { now: () => NOW, memory: new InMemoryCollectorMemory(), limiterClock: fakeClock() }).collect();

  /** Processing jobs whose describe responses name the given keys, role, bucket and groups. */
  const jobs = (specs: { name: string; output?: string; volume?: string; groups?: string[]; bucket?: string }[]) => {
    aws.sagemaker.on(ListProcessingJobsCommand).resolves({
      ProcessingJobSummaries: specs.map((s) => ({ ProcessingJobName: s.name, ProcessingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:processing-job/${s.name}`, ProcessingJobStatus: "InProgress", CreationTime: NOW })),
    });
    for (const s of specs) {
      aws.sagemaker.on(DescribeProcessingJobCommand, { ProcessingJobName: s.name }).resolves({
        ProcessingJobName: s.name,
        ProcessingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:processing-job/${s.name}`,
        ProcessingJobStatus: "InProgress",
        CreationTime: NOW,
        RoleArn: ROLE,
        AppSpecification: { ImageUri: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/p:1` },
        ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large", VolumeSizeInGB: 30, ...(s.volume ? { VolumeKmsKeyId: s.volume } : {}) } },
        ProcessingOutputConfig: { Outputs: [{ OutputName: "out", S3Output: { S3Uri: `s3://${s.bucket ?? "ml-data"}/out/`, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }], ...(s.output ? { KmsKeyId: s.output } : {}) },
        NetworkConfig: { EnableNetworkIsolation: true, ...(s.groups ? { VpcConfig: { SecurityGroupIds: s.groups, Subnets: ["subnet-1"] } } : {}) },
      });
    }
  };

  test("S3's documented 'no such configuration' codes are answers, AccessDenied a gap; buckets are read in their own region", async () => {
    jobs([{ name: "p1", bucket: "ml-data" }, { name: "p2", bucket: "eu-data" }]);
    aws.s3.on(GetBucketLocationCommand, { Bucket: "ml-data" }).resolves({});
    aws.s3.on(GetBucketLocationCommand, { Bucket: "eu-data" }).resolves({ LocationConstraint: "EU" });
    const regions: string[] = [];
    aws.s3.on(GetBucketEncryptionCommand).callsFake(async (_i, getClient) => {
      regions.push(await regionOf(getClient));
      throw awsError("ServerSideEncryptionConfigurationNotFoundError", "The server side encryption configuration was not found", 404);
    });
    aws.s3.on(GetBucketPolicyCommand, { Bucket: "ml-data" }).rejects(awsError("NoSuchBucketPolicy", "The bucket policy does not exist", 404));
    aws.s3.on(GetBucketPolicyCommand, { Bucket: "eu-data" }).rejects(awsError("AccessDenied", "Access Denied", 403));
    aws.s3.on(GetPublicAccessBlockCommand).rejects(awsError("NoSuchPublicAccessBlockConfiguration", "The public access block configuration was not found", 404));
    aws.s3control.on(GetAccountPublicAccessBlockCommand).resolves({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    });

    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(regions.sort()).toEqual(["eu-west-1", "us-east-1"]);
    const gaps = collection.records.filter((r) => r.error).map((r) => `${r.source}:${r.operation} ${String(r.params.Bucket)} ${r.error?.code}`);
    expect(gaps).toEqual(["s3:GetBucketPolicy eu-data AccessDenied"]);
    const answer = collection.records.find((r) => r.operation === "GetBucketPolicy" && r.params.Bucket === "ml-data");
    expect(answer?.response).toEqual({ AnswerError: { Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist" } });
    // Config is not asked in api mode.
    expect(aws.config.commandCalls(BatchGetResourceConfigCommand)).toEqual([]);

    const findings = evaluateFindings(buildInventory(collection.records), CATALOGUE).filter((f) => f.checkId.startsWith("s3."));
    const verdict = (check: string, bucket: string) => findings.find((f) => f.checkId === check && f.resourceName === bucket);
    expect(verdict("s3.sagemaker-bucket.tls-only", "ml-data")).toMatchObject({ status: "FAIL", reason: expect.stringMatching(/no bucket policy/) });
    expect(verdict("s3.sagemaker-bucket.tls-only", "eu-data")).toMatchObject({ status: "ERROR", region: "eu-west-1", reason: expect.stringMatching(/GetBucketPolicy failed \(AccessDenied/) });
    // No default encryption configuration: S3's SSE-S3 baseline, never a KMS key (the check judges it).
    const euData = buildInventory(collection.records).resources.find((r) => r.type === "AWS::S3::Bucket" && r.name === "eu-data");
    expect(euData?.config?.supplementaryConfiguration).toMatchObject({ ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], s3Baseline: true } });
    expect(verdict("s3.sagemaker-bucket.encrypted", "eu-data")?.reason).not.toMatch(/aws:kms/);
    // Neither bucket has its own block, the account blocks everything: in effect.
    expect(verdict("s3.sagemaker-bucket.public-access-blocked", "ml-data")).toMatchObject({ status: "PASS", reason: expect.stringMatching(/on the account/) });
  });

  test("a key named by alias, alias ARN, key id and key ARN is described once and judged once; alias/aws/* needs no call", async () => {
    jobs([
      { name: "p1", output: "alias/ml-data", volume: KEY_ID },
      { name: "p2", output: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/ml-data`, volume: KEY_ARN },
      { name: "p3", output: "alias/aws/sagemaker", volume: "alias/other-account-style" },
    ]);
    aws.kms.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: "alias/ml-data", TargetKeyId: KEY_ID }], Truncated: false });
    aws.kms.on(DescribeKeyCommand).callsFake((input: DescribeKeyCommandInput) => {
      if (input.KeyId === KEY_ID) return metadata(KEY_ID, "CUSTOMER");
      if (input.KeyId === "alias/other-account-style") return metadata("9999abcd-12ab-34cd-56ef-1234567890ab", "AWS");
      throw awsError("NotFoundException", `Key '${String(input.KeyId)}' does not exist`);
    });
    aws.kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });

    const collection = await collect({ collection: { supportingEvidence: "api" } });
    // The alias ListAliases does not list is resolved by DescribeKey on the alias itself.
    expect(aws.kms.commandCalls(DescribeKeyCommand).map((c) => c.args[0].input.KeyId).sort()).toEqual(["1234abcd-12ab-34cd-56ef-1234567890ab", "alias/other-account-style"]);
    // Rotation is asked of the customer managed key only: AWS managed keys always rotate.
    expect(aws.kms.commandCalls(GetKeyRotationStatusCommand).map((c) => c.args[0].input.KeyId)).toEqual([KEY_ID]);

    const findings = evaluateFindings(buildInventory(collection.records), CATALOGUE);
    const managed = findings.filter((f) => f.checkId === "kms.sagemaker-key.customer-managed").map((f) => [f.resourceArn, f.status]);
    expect(managed).toEqual([
      [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sagemaker`, "FAIL"],
      [KEY_ARN, "PASS"],
      [`arn:aws:kms:us-east-1:${ACCOUNT}:key/9999abcd-12ab-34cd-56ef-1234567890ab`, "FAIL"],
    ]);
    const cited = findings.find((f) => f.checkId === "kms.sagemaker-key.customer-managed" && f.resourceArn === KEY_ARN);
    expect(cited?.reason).toBe(`alias/ml-data (${KEY_ID}) has KeyManager CUSTOMER`);
    const output = (job: string) => findings.find((f) => f.checkId === "sagemaker.processing-job.output-kms-encrypted" && f.resourceName === job);
    expect(output("p1")).toMatchObject({ status: "PASS", reason: expect.stringMatching(/customer managed key arn:aws:kms/) });
    expect(output("p3")).toMatchObject({ status: "FAIL", reason: "ProcessingOutputConfig.KmsKeyId is alias/aws/sagemaker: an AWS managed key (alias/aws/sagemaker), not a customer managed key" });
    const volume = findings.find((f) => f.checkId === "sagemaker.processing-job.volume-kms-encrypted" && f.resourceName === "p3");
    expect(volume).toMatchObject({ status: "FAIL", reason: expect.stringMatching(/has KeyManager AWS/) });
  });

  test("a multi-Region key named by its mrk- id and by its ARN is collected (once) and judged: no finding waits on an uncollected key", async () => {
    const mrk = "mrk-1234abcd12ab34cd56ef1234567890ab";
    jobs([{ name: "p1", output: mrk, volume: `arn:aws:kms:us-east-1:${ACCOUNT}:key/${mrk}` }]);
    aws.kms.on(DescribeKeyCommand, { KeyId: mrk }).resolves(metadata(mrk, "CUSTOMER", { MultiRegion: true }));
    aws.kms.on(GetKeyRotationStatusCommand).resolves({ KeyRotationEnabled: true });
    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(aws.kms.commandCalls(DescribeKeyCommand).map((c) => c.args[0].input.KeyId)).toEqual([mrk]);
    const kms = evaluateFindings(buildInventory(collection.records), CATALOGUE).filter((f) => f.checkId.startsWith("kms."));
    expect(kms.map((f) => [f.checkId, f.resourceArn, f.status])).toEqual([
      ["kms.sagemaker-key.customer-managed", `arn:aws:kms:us-east-1:${ACCOUNT}:key/${mrk}`, "PASS"],
      ["kms.sagemaker-key.rotation-enabled", `arn:aws:kms:us-east-1:${ACCOUNT}:key/${mrk}`, "PASS"],
    ]);
  });

  test("a key that cannot rotate automatically answers UnsupportedOperationException: rotation is NOT_APPLICABLE, not a gap; a denied rotation call is ERROR for rotation only", async () => {
    const other = "5678abcd-12ab-34cd-56ef-1234567890ab";
    jobs([{ name: "p1", output: KEY_ID, volume: other }]);
    aws.kms.on(DescribeKeyCommand, { KeyId: KEY_ID }).resolves(metadata(KEY_ID, "CUSTOMER", { KeySpec: "RSA_2048", KeyUsage: "SIGN_VERIFY" }));
    aws.kms.on(DescribeKeyCommand, { KeyId: other }).resolves(metadata(other, "CUSTOMER"));
    aws.kms.on(GetKeyRotationStatusCommand, { KeyId: KEY_ID }).rejects(awsError("UnsupportedOperationException", "not supported for asymmetric keys"));
    aws.kms.on(GetKeyRotationStatusCommand, { KeyId: other }).rejects(awsError("AccessDeniedException", "not authorized to perform kms:GetKeyRotationStatus"));
    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(collection.records.filter((r) => r.error).map((r) => `${r.operation} ${String(r.params.KeyId)}`)).toEqual([`GetKeyRotationStatus ${other}`]);
    const findings = evaluateFindings(buildInventory(collection.records), CATALOGUE);
    const of = (check: string, id: string) => findings.find((f) => f.checkId === check && f.resourceName === id);
    expect(of("kms.sagemaker-key.rotation-enabled", KEY_ID)?.status).toBe("NOT_APPLICABLE");
    expect(of("kms.sagemaker-key.rotation-enabled", other)).toMatchObject({ status: "ERROR", reason: expect.stringMatching(/GetKeyRotationStatus failed \(AccessDeniedException/) });
    expect(of("kms.sagemaker-key.customer-managed", other)?.status).toBe("PASS");
  });

  test("security groups in GroupIds batches; a deleted group makes its batch fall back to one request per group", async () => {
    jobs([{ name: "p1", groups: ["sg-0aaaaaaaaaaaaaaa1", "sg-0aaaaaaaaaaaaaaa2"] }]);
    aws.ec2.on(DescribeSecurityGroupsCommand).callsFake((input: DescribeSecurityGroupsCommandInput) => {
      const ids = input.GroupIds ?? [];
      if (ids.includes("sg-0aaaaaaaaaaaaaaa2")) throw awsError("InvalidGroup.NotFound", "The security group 'sg-0aaaaaaaaaaaaaaa2' does not exist");
      return {
        SecurityGroups: ids.map((id) => ({
          GroupId: id,
          GroupName: "ml",
          OwnerId: ACCOUNT,
          IpPermissions: [{ IpProtocol: "tcp", FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: "0.0.0.0/0" }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }],
        })),
      };
    });
    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(aws.ec2.commandCalls(DescribeSecurityGroupsCommand).map((c) => c.args[0].input.GroupIds)).toEqual([
      ["sg-0aaaaaaaaaaaaaaa1", "sg-0aaaaaaaaaaaaaaa2"],
      ["sg-0aaaaaaaaaaaaaaa1"],
      ["sg-0aaaaaaaaaaaaaaa2"],
    ]);
    const findings = evaluateFindings(buildInventory(collection.records), CATALOGUE).filter((f) => f.checkId === "ec2.sagemaker-security-group.no-open-ingress");
    expect(findings.map((f) => [f.resourceName, f.status])).toEqual([
      ["sg-0aaaaaaaaaaaaaaa1", "FAIL"],
      ["sg-0aaaaaaaaaaaaaaa2", "ERROR"],
    ]);
    expect(findings[0]?.reason).toBe("inbound rule open to the internet: tcp 22 from 0.0.0.0/0");
    expect(findings[1]?.reason).toMatch(/InvalidGroup\.NotFound/);
  });

  test("each role and each policy once per account whatever the regions; AWS managed policies read by their document; a failed inline read is ERROR", async () => {
    const notebook = (region: string) => ({
      NotebookInstanceName: "nb",
      NotebookInstanceArn: `arn:aws:sagemaker:${region}:${ACCOUNT}:notebook-instance/nb`,
      RoleArn: ROLE,
    });
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: "nb", NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb` }] });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).callsFake(async (_i, getClient) => notebook(await regionOf(getClient)));
    aws.iam.on(GetRoleCommand).resolves({ Role: { RoleName: "ml-exec", RoleId: "AROA1", Arn: ROLE, Path: "/service-role/", CreateDate: NOW, AssumeRolePolicyDocument: "%7B%7D", PermissionsBoundary: { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary` } } });
    aws.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["inline-a", "inline-b"], IsTruncated: false });
    aws.iam.on(GetRolePolicyCommand, { PolicyName: "inline-a" }).resolves({ RoleName: "ml-exec", PolicyName: "inline-a", PolicyDocument: "%7B%22Statement%22%3A%5B%5D%7D" });
    aws.iam.on(GetRolePolicyCommand, { PolicyName: "inline-b" }).rejects(awsError("AccessDenied", "not authorized to perform iam:GetRolePolicy"));
    aws.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: "AmazonSageMakerFullAccess", PolicyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" }], IsTruncated: false });
    aws.iam.on(GetPolicyCommand).callsFake((input: { PolicyArn?: string }) => ({ Policy: { PolicyName: input.PolicyArn?.split("/").at(-1), Arn: input.PolicyArn, DefaultVersionId: "v3" } }));
    aws.iam.on(GetPolicyVersionCommand).resolves({ PolicyVersion: { Document: "%7B%22Statement%22%3A%5B%5D%7D", VersionId: "v3", IsDefaultVersion: true } });

    const collection = await collect({ regions: ["us-east-1", "eu-west-1"], collection: { supportingEvidence: "api" } });
    expect(aws.iam.commandCalls(GetRoleCommand)).toHaveLength(1);
    expect(aws.iam.commandCalls(GetPolicyCommand).map((c) => c.args[0].input.PolicyArn).sort()).toEqual([
      `arn:aws:iam::${ACCOUNT}:policy/boundary`,
      "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess",
    ]);
    expect(aws.iam.commandCalls(GetPolicyVersionCommand).map((c) => c.args[0].input.VersionId)).toEqual(["v3", "v3"]);
    const inventory = buildInventory(collection.records);
    const policy = inventory.resources.find((r) => r.arn === "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess");
    expect(policy?.config).toMatchObject({ policyName: "AmazonSageMakerFullAccess", defaultVersionId: "v3", awsManaged: true, policyVersionList: [{ versionId: "v3", isDefaultVersion: true }] });
    const role = inventory.resources.find((r) => r.type === "AWS::IAM::Role");
    expect(role?.config).toBeUndefined();
    const finding = evaluateFindings(inventory, CATALOGUE).find((f) => f.checkId === "iam.sagemaker-role.least-privilege");
    expect(finding).toMatchObject({ status: "ERROR", reason: expect.stringMatching(/GetRolePolicy failed \(AccessDenied/) });
  });

  test("a role of another account is not looked up by name in this one", async () => {
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: "nb", NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb` }] });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).resolves({ NotebookInstanceName: "nb", NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb`, RoleArn: "arn:aws:iam::999988887777:role/ml-exec" });
    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(aws.iam.commandCalls(GetRoleCommand)).toEqual([]);
    const finding = evaluateFindings(buildInventory(collection.records), CATALOGUE).find((f) => f.checkId === "iam.sagemaker-role.least-privilege");
    expect(finding).toMatchObject({ status: "ERROR", account: "999988887777" });
  });

    test("the trail's key and log bucket are supporting resources too", async () => {
    aws.cloudtrail.on(DescribeTrailsCommand).resolves({
      trailList: [{ Name: "org", TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/org`, HomeRegion: "us-east-1", S3BucketName: "trail-logs", KmsKeyId: KEY_ARN, IsMultiRegionTrail: true }],
    });
    aws.kms.on(DescribeKeyCommand).resolves(metadata(KEY_ID, "CUSTOMER"));
    const collection = await collect({ collection: { supportingEvidence: "api" } });
    expect(aws.kms.commandCalls(DescribeKeyCommand).map((c) => c.args[0].input.KeyId)).toEqual([KEY_ID]);
    expect(aws.s3.commandCalls(GetBucketLocationCommand).map((c) => c.args[0].input.Bucket)).toEqual(["trail-logs"]);
    const findings = evaluateFindings(buildInventory(collection.records), CATALOGUE);
    expect(findings.find((f) => f.checkId === "cloudtrail.kms-encrypted")).toMatchObject({ status: "PASS", reason: expect.stringMatching(/customer managed key/) });
    expect(findings.find((f) => f.checkId === "kms.sagemaker-key.customer-managed")?.resourceArn).toBe(KEY_ARN);
  });

  test("auto: the API answer is judged and the AWS Config item that disagrees with it is named on the finding", async () => {
    jobs([{ name: "p1", groups: ["sg-0aaaaaaaaaaaaaaa1"] }]);
    aws.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [{ GroupId: "sg-0aaaaaaaaaaaaaaa1", GroupName: "ml", OwnerId: ACCOUNT, IpPermissions: [] }] });
    aws.config.on(BatchGetResourceConfigCommand).resolves({
      baseConfigurationItems: [
        {
          resourceType: "AWS::EC2::SecurityGroup",
          resourceId: "sg-0aaaaaaaaaaaaaaa1",
          arn: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0aaaaaaaaaaaaaaa1`,
          accountId: ACCOUNT,
          awsRegion: "us-east-1",
          configurationItemStatus: "OK",
          configuration: JSON.stringify({ groupId: "sg-0aaaaaaaaaaaaaaa1", ipPermissions: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, ipv4Ranges: [{ cidrIp: "0.0.0.0/0" }] }] }),
        },
      ],
    });
    const collection = await collect();
    const finding = evaluateFindings(buildInventory(collection.records), CATALOGUE).find((f) => f.checkId === "ec2.sagemaker-security-group.no-open-ingress");
    expect(finding).toMatchObject({
      status: "PASS",
      reason: "0 inbound rule(s), none from 0.0.0.0/0 or ::/0; the AWS Config configuration item disagrees (FAIL: inbound rule open to the internet: tcp 22 from 0.0.0.0/0)",
    });
    const configRecord = collection.records.find((r) => r.operation === "BatchGetResourceConfig");
    expect(finding?.evidenceIds).toContain(configRecord?.id);
  });

  test("config: no call to IAM, KMS, S3 or EC2 at all", async () => {
    jobs([{ name: "p1", output: KEY_ARN, groups: ["sg-0aaaaaaaaaaaaaaa1"] }]);
    const collection = await collect({ collection: { supportingEvidence: "config" } });
    expect(collection.records.filter((r) => ["iam", "kms", "s3", "s3control", "ec2"].includes(r.source))).toEqual([]);
  });
});
