import {
  BatchGetResourceConfigCommand,
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  GetComplianceDetailsByConfigRuleCommand,
  ListDiscoveredResourcesCommand,
  SelectAggregateResourceConfigCommand,
} from "@aws-sdk/client-config-service";
import type { BatchGetResourceConfigCommandInput, GetComplianceDetailsByConfigRuleCommandInput } from "@aws-sdk/client-config-service";
import { GetRoleCommand } from "@aws-sdk/client-iam";
import { DescribeNotebookInstanceCommand, ListNotebookInstancesCommand } from "@aws-sdk/client-sagemaker";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { ACCOUNT, NOW, fakeClock, mockAws, testConfig } from "./aws-fixtures.js";

const evaluation = (rule: string, id: string, compliance: string) => ({
  EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: rule, ResourceType: "AWS::SageMaker::NotebookInstance", ResourceId: id } },
  ComplianceType: compliance,
});

describe("AWS Config collection", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => aws.restore());

  const collect = (overrides: Record<string, unknown> = {}) =>
    createAwsSource(testConfig(overrides), { now: () => NOW, limiterClock: fakeClock() }).collect();

  test("rule compliance is paginated to the end: rules, compliance by rule, details per rule with Limit 100", async () => {
    aws.config
      .on(DescribeConfigRulesCommand)
      .resolves({ ConfigRules: [{ ConfigRuleName: "nb-no-internet", Source: { Owner: "AWS" } }], NextToken: "rules-2" })
      .on(DescribeConfigRulesCommand, { NextToken: "rules-2" })
      .resolves({ ConfigRules: [{ ConfigRuleName: "nb-kms", Source: { Owner: "AWS" } }] });
    aws.config
      .on(DescribeComplianceByConfigRuleCommand)
      .resolves({ ComplianceByConfigRules: [{ ConfigRuleName: "nb-no-internet" }], NextToken: "c-2" })
      .on(DescribeComplianceByConfigRuleCommand, { NextToken: "c-2" })
      .resolves({ ComplianceByConfigRules: [{ ConfigRuleName: "nb-kms" }] });
    // The SDK paginator reuses one input object across pages, so inputs are copied as they arrive.
    const details: GetComplianceDetailsByConfigRuleCommandInput[] = [];
    aws.config.on(GetComplianceDetailsByConfigRuleCommand).callsFake((input: GetComplianceDetailsByConfigRuleCommandInput) => {
      details.push({ ...input });
      const rule = input.ConfigRuleName ?? "";
      if (input.NextToken === undefined) return { EvaluationResults: [evaluation(rule, "nb-1", "COMPLIANT")], NextToken: `${rule}-2` };
      return { EvaluationResults: [evaluation(rule, "nb-2", "NON_COMPLIANT")] };
    });

    const collection = await collect();
    expect(details).toHaveLength(4);
    expect(details.every((d) => d.Limit === 100)).toBe(true);
    expect(details.filter((d) => d.NextToken !== undefined).map((d) => d.NextToken).sort()).toEqual(["nb-kms-2", "nb-no-internet-2"]);
    // Each page is its own record, with the exact input that produced it.
    const pages = collection.records.filter((r) => r.operation === "GetComplianceDetailsByConfigRule").map((r) => r.params);
    expect(pages).toContainEqual({ ConfigRuleName: "nb-kms", Limit: 100, NextToken: "nb-kms-2" });
    expect(pages).toContainEqual({ ConfigRuleName: "nb-kms", Limit: 100 });
    expect(aws.config.commandCalls(DescribeComplianceByConfigRuleCommand)).toHaveLength(2);
    const verdicts = buildInventory(collection.records).configVerdicts.map((v) => `${v.configRuleName} ${v.resourceId} ${v.compliance}`);
    expect(verdicts).toEqual(["nb-kms nb-1 COMPLIANT", "nb-kms nb-2 NON_COMPLIANT", "nb-no-internet nb-1 COMPLIANT", "nb-no-internet nb-2 NON_COMPLIANT"]);
  });

  test("configuration items of exactly the referenced role, key, bucket and security group", async () => {
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: "nb-1", NotebookInstanceArn: "arn:nb-1" }] });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).resolves({
      NotebookInstanceName: "nb-1",
      NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb-1`,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/ml-exec`,
      KmsKeyId: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      SecurityGroups: ["sg-0123456789abcdef0"],
      DefaultCodeRepository: "s3://ml-data-bucket/code/",
    });
    aws.config.on(ListDiscoveredResourcesCommand, { resourceType: "AWS::IAM::Role" }).resolves({
      resourceIdentifiers: [{ resourceType: "AWS::IAM::Role", resourceId: "AROAROLEID", resourceName: "ml-exec" }],
    });
    aws.config.on(BatchGetResourceConfigCommand).callsFake((input: BatchGetResourceConfigCommandInput) => ({
      baseConfigurationItems: (input.resourceKeys ?? [])
        .filter((k) => k.resourceType === "AWS::IAM::Role")
        .map(() => ({
          resourceType: "AWS::IAM::Role",
          resourceId: "AROAROLEID",
          resourceName: "ml-exec",
          arn: `arn:aws:iam::${ACCOUNT}:role/service-role/ml-exec`,
          awsRegion: "global",
          accountId: ACCOUNT,
          configuration: JSON.stringify({ roleName: "ml-exec", attachedManagedPolicies: [{ policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" }] }),
        })),
      unprocessedResourceKeys: [],
    }));

    // supportingEvidence: config reads supporting resources from AWS Config items only.
    const collection = await collect({ collection: { supportingEvidence: "config" } });
    expect(aws.iam.commandCalls(GetRoleCommand)).toEqual([]);
    expect(aws.config.commandCalls(ListDiscoveredResourcesCommand).map((c) => c.args[0].input)).toEqual([
      { resourceType: "AWS::IAM::Role", resourceName: "ml-exec", limit: 100 },
    ]);
    const keys = aws.config.commandCalls(BatchGetResourceConfigCommand).flatMap((c) => c.args[0].input.resourceKeys ?? []);
    expect(keys).toEqual(
      expect.arrayContaining([
        { resourceType: "AWS::KMS::Key", resourceId: "1234abcd-12ab-34cd-56ef-1234567890ab" },
        { resourceType: "AWS::S3::Bucket", resourceId: "ml-data-bucket" },
        { resourceType: "AWS::EC2::SecurityGroup", resourceId: "sg-0123456789abcdef0" },
        { resourceType: "AWS::IAM::Role", resourceId: "AROAROLEID" },
        // Buckets are judged with the account-level Block Public Access, AWS Config's item keyed by the account id.
        { resourceType: "AWS::S3::AccountPublicAccessBlock", resourceId: ACCOUNT },
      ]),
    );
    expect(keys).toHaveLength(5);
    const role = buildInventory(collection.records).resources.find((r) => r.type === "AWS::IAM::Role");
    expect(role?.config).toMatchObject({ roleName: "ml-exec" });
    // Items the recorder does not hold are absent, not invented: the unmatched keys leave no resource.
    expect(buildInventory(collection.records).resources.filter((r) => r.type === "AWS::KMS::Key")).toEqual([]);
  });

  test("aggregator mode: items and rule compliance across accounts through the aggregator APIs, none per region", async () => {
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: [{ NotebookInstanceName: "nb-1", NotebookInstanceArn: "arn:nb-1" }] });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).resolves({
      NotebookInstanceName: "nb-1",
      NotebookInstanceArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/nb-1`,
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/ml-exec`,
    });
    aws.config.on(SelectAggregateResourceConfigCommand).callsFake((input: { Expression?: string; NextToken?: string }) => {
      if (!input.Expression?.includes("AWS::IAM::Role")) return { Results: [] };
      const item = { resourceType: "AWS::IAM::Role", resourceName: "ml-exec", resourceId: "AROA1", arn: `arn:aws:iam::${ACCOUNT}:role/ml-exec`, accountId: ACCOUNT, awsRegion: "global", configuration: { roleName: "ml-exec" } };
      return { Results: [JSON.stringify(item)] };
    });
    aws.config
      .on(DescribeAggregateComplianceByConfigRulesCommand)
      .resolves({ AggregateComplianceByConfigRules: [{ ConfigRuleName: "nb-kms", AccountId: "444455556666", AwsRegion: "eu-west-1" }], NextToken: "agg-2" })
      .on(DescribeAggregateComplianceByConfigRulesCommand, { NextToken: "agg-2" })
      .resolves({ AggregateComplianceByConfigRules: [{ ConfigRuleName: "nb-kms", AccountId: ACCOUNT, AwsRegion: "us-east-1" }] });
    aws.config.on(GetAggregateComplianceDetailsByConfigRuleCommand).callsFake((input: { AccountId: string; AwsRegion: string }) => ({
      AggregateEvaluationResults: [
        { ...evaluation("nb-kms", `nb-${input.AccountId}`, "NON_COMPLIANT"), AccountId: input.AccountId, AwsRegion: input.AwsRegion },
      ],
    }));

    const collection = await collect({ aggregator: { name: "org", region: "us-east-1" } });
    expect(aws.config.commandCalls(DescribeComplianceByConfigRuleCommand)).toHaveLength(0);
    expect(aws.config.commandCalls(BatchGetResourceConfigCommand)).toHaveLength(0);
    const expression = aws.config.commandCalls(SelectAggregateResourceConfigCommand).map((c) => c.args[0].input.Expression);
    expect(expression).toContain("SELECT * WHERE resourceType = 'AWS::IAM::Role' AND resourceName IN ('ml-exec')");
    expect(aws.config.commandCalls(GetAggregateComplianceDetailsByConfigRuleCommand).map((c) => c.args[0].input)).toEqual([
      { ConfigurationAggregatorName: "org", ConfigRuleName: "nb-kms", AccountId: ACCOUNT, AwsRegion: "us-east-1", Limit: 100 },
      { ConfigurationAggregatorName: "org", ConfigRuleName: "nb-kms", AccountId: "444455556666", AwsRegion: "eu-west-1", Limit: 100 },
    ]);
    const inventory = buildInventory(collection.records);
    expect(inventory.configVerdicts.map((v) => `${v.account}/${v.region} ${v.resourceId}`)).toEqual([
      `${ACCOUNT}/us-east-1 nb-${ACCOUNT}`,
      "444455556666/eu-west-1 nb-444455556666",
    ]);
    expect(inventory.resources.find((r) => r.type === "AWS::IAM::Role")?.arn).toBe(`arn:aws:iam::${ACCOUNT}:role/ml-exec`);
  });
});
