import { readFileSync } from "node:fs";
import { DescribeTrailsCommand } from "@aws-sdk/client-cloudtrail";
import { DescribeSecurityGroupsCommand } from "@aws-sdk/client-ec2";
import { GetPolicyCommand, GetRoleCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand } from "@aws-sdk/client-iam";
import { DescribeKeyCommand, ListAliasesCommand } from "@aws-sdk/client-kms";
import { GetBucketLocationCommand } from "@aws-sdk/client-s3";
import { DescribeNotebookInstanceCommand, ListNotebookInstancesCommand } from "@aws-sdk/client-sagemaker";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { InMemoryCollectorMemory } from "../../../src/collect/memory.js";
import { ACCOUNT, NOW, fakeClock, mockAws, testConfig } from "./aws-fixtures.js";

// examples/iam-policy.json must allow every call the collectors send, and its statements for the
// supporting services must list exactly what they send: the operations are derived from a real
// collection (every collector driven through aws-sdk-client-mock), not from a list kept by hand.

interface Statement {
  Sid: string;
  Effect: string;
  Action: string[];
}
const policy = JSON.parse(readFileSync("examples/iam-policy.json", "utf8")) as { Statement: Statement[] };

/**
 * The IAM action an API operation is authorised by. Mostly `service:Operation`; S3's bucket
 * subresource operations are not (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html:
 * s3:GetEncryptionConfiguration; API_GetPublicAccessBlock.html: s3:GetBucketPublicAccessBlock;
 * API_control_GetPublicAccessBlock.html: s3:GetAccountPublicAccessBlock).
 */
const ACTION_OF: Record<string, string> = {
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
  // The Resource Groups Tagging API's IAM prefix is `tag` (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
  "tagging:GetResources": "tag:GetResources",
};
const actionOf = (call: string): string => ACTION_OF[call] ?? call;

const matches = (pattern: string, action: string): boolean =>
  new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i").test(action);

describe("examples/iam-policy.json", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => aws.restore());

  test("allows every operation the collectors send, and the supporting statements list exactly those", async () => {
    // An estate that makes every collector send every call it has: a notebook with role, key
    // (by alias), bucket and security group; a trail with its key and bucket.
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: "nb", NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb` }] });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).resolves({
      NotebookInstanceName: "nb",
      NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb`,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/ml-exec`,
      KmsKeyId: "alias/ml-data",
      SecurityGroups: ["sg-0123456789abcdef0"],
      DefaultCodeRepository: "s3://ml-code/repo/",
    });
    aws.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [{ Name: "t", TrailARN: `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/t`, HomeRegion: "us-east-1", S3BucketName: "logs" }] });
    aws.iam.on(GetRoleCommand).resolves({ Role: { RoleName: "ml-exec", Arn: `arn:aws:iam::${ACCOUNT}:role/ml-exec`, Path: "/", RoleId: "AROA1", CreateDate: NOW } });
    aws.iam.on(ListRolePoliciesCommand).resolves({ PolicyNames: ["inline"] });
    aws.iam.on(ListAttachedRolePoliciesCommand).resolves({ AttachedPolicies: [{ PolicyName: "p", PolicyArn: `arn:aws:iam::${ACCOUNT}:policy/p` }] });
    aws.iam.on(GetPolicyCommand).resolves({ Policy: { PolicyName: "p", Arn: `arn:aws:iam::${ACCOUNT}:policy/p`, DefaultVersionId: "v1" } });
    aws.kms.on(ListAliasesCommand).resolves({ Aliases: [{ AliasName: "alias/ml-data", TargetKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab" }] });
    aws.kms.on(DescribeKeyCommand).resolves({ KeyMetadata: { KeyId: "1234abcd-12ab-34cd-56ef-1234567890ab", Arn: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, KeyManager: "CUSTOMER" } });
    aws.s3.on(GetBucketLocationCommand).resolves({});
    aws.ec2.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });

    const collection = await createAwsSource(testConfig(), { now: () => NOW, memory: new InMemoryCollectorMemory(), limiterClock: fakeClock() }).collect();
    const sent = Object.keys(collection.apiCalls).map(actionOf).sort();

    const allowed = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action);
    expect(sent.filter((action) => !allowed.some((pattern) => matches(pattern, action)))).toEqual([]);

    const supporting = ["iam", "kms", "s3", "ec2"];
    const listed = policy.Statement.flatMap((s) => s.Action).filter((a) => supporting.includes(a.split(":")[0] ?? "")).sort();
    expect(listed).toEqual(sent.filter((a) => supporting.includes(a.split(":")[0] ?? "")));
    // Read-only, and no wildcard: the supporting services are the ones that hold secrets and data.
    expect(listed.filter((a) => a.includes("*") || !/:(Get|List|Describe)/.test(a))).toEqual([]);
  });
});
