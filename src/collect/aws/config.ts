import {
  BatchGetResourceConfigCommand,
  DescribeConfigurationRecorderStatusCommand,
  DescribeConfigurationRecordersCommand,
  DescribeDeliveryChannelStatusCommand,
  DescribeDeliveryChannelsCommand,
  paginateDescribeAggregateComplianceByConfigRules,
  paginateDescribeComplianceByConfigRule,
  paginateDescribeConfigRules,
  paginateDescribeConformancePackCompliance,
  paginateDescribeConformancePacks,
  paginateGetAggregateComplianceDetailsByConfigRule,
  paginateGetComplianceDetailsByConfigRule,
  paginateListDiscoveredResources,
  paginateSelectAggregateResourceConfig,
} from "@aws-sdk/client-config-service";
import type { ConfigServiceClient, ConfigServicePaginationConfiguration } from "@aws-sdk/client-config-service";
import type { CallScope, Output } from "./call.js";
import type { References } from "./references.js";

/** Most list calls of AWS Config cap their page at 100. */
const PAGE = 100;
/** DescribeConformancePacks allows at most 20. */
const PACK_PAGE = 20;
/** BatchGetResourceConfig takes at most 100 resource keys. */
const BATCH = 100;

type Paginate = (input: Output) => AsyncIterable<unknown>;
const pager =
  <I>(client: ConfigServiceClient, paginate: (config: ConfigServicePaginationConfiguration, input: I) => AsyncIterable<unknown>): Paginate =>
  (input) =>
    paginate({ client, stopOnSameToken: true }, input as I);

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);

async function drain(pages: AsyncIterable<Output>): Promise<Output[]> {
  const out: Output[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Recorders and delivery channels: whether AWS Config watches this region at all. */
export async function collectRecording(scope: CallScope, client: ConfigServiceClient): Promise<void> {
  await Promise.all([
    scope.call("DescribeConfigurationRecorders", {}, () => client.send(new DescribeConfigurationRecordersCommand({}))),
    scope.call("DescribeConfigurationRecorderStatus", {}, () => client.send(new DescribeConfigurationRecorderStatusCommand({}))),
    scope.call("DescribeDeliveryChannels", {}, () => client.send(new DescribeDeliveryChannelsCommand({}))),
    scope.call("DescribeDeliveryChannelStatus", {}, () => client.send(new DescribeDeliveryChannelStatusCommand({}))),
  ]);
}

/** Config rules with their compliance per rule and per resource, and conformance packs. */
export async function collectCompliance(scope: CallScope, client: ConfigServiceClient): Promise<void> {
  const rulePages = await drain(scope.pages("DescribeConfigRules", {}, pager(client, paginateDescribeConfigRules)));
  const rules = rulePages.flatMap((p) => arr(p.ConfigRules)).map((r) => str(r.ConfigRuleName)).filter((n): n is string => n !== undefined);
  scope.progress(rules.length);
  const packs = async (): Promise<void> => {
    const pages = await drain(scope.pages("DescribeConformancePacks", { Limit: PACK_PAGE }, pager(client, paginateDescribeConformancePacks)));
    const names = pages.flatMap((p) => arr(p.ConformancePackDetails)).map((p) => str(p.ConformancePackName)).filter((n): n is string => n !== undefined);
    await Promise.all(
      names.map((name) =>
        drain(scope.pages("DescribeConformancePackCompliance", { ConformancePackName: name, Limit: PAGE }, pager(client, paginateDescribeConformancePackCompliance))),
      ),
    );
  };
  await Promise.all([
    drain(scope.pages("DescribeComplianceByConfigRule", {}, pager(client, paginateDescribeComplianceByConfigRule))),
    ...rules.map((rule) =>
      drain(scope.pages("GetComplianceDetailsByConfigRule", { ConfigRuleName: rule, Limit: PAGE }, pager(client, paginateGetComplianceDetailsByConfigRule))),
    ),
    packs(),
  ]);
}

/**
 * Configuration items of the supporting resources SageMaker resources reference. KMS keys,
 * buckets and security groups are keyed by what SageMaker names (key id, bucket name, group id);
 * an IAM role's item is keyed by its role id, which only AWS Config knows, so each referenced role
 * name is looked up with ListDiscoveredResources first. Customer-managed policies attached to those
 * roles follow the same way. Items the recorder does not hold are simply absent from the recorded
 * responses (unprocessed or not found): the checks that need them see no item, never a clean one.
 */
export async function collectSupportingItems(scope: CallScope, client: ConfigServiceClient, refs: References): Promise<void> {
  const keys: { resourceType: string; resourceId: string }[] = [
    ...[...refs.kmsKeys].sort().map((id) => ({ resourceType: "AWS::KMS::Key", resourceId: id })),
    ...[...refs.buckets].sort().map((id) => ({ resourceType: "AWS::S3::Bucket", resourceId: id })),
    ...[...refs.securityGroups].sort().map((id) => ({ resourceType: "AWS::EC2::SecurityGroup", resourceId: id })),
    // The account-level Block Public Access, which S3 combines with each bucket's own (its resource id is the account id).
    ...(refs.buckets.size > 0 ? [{ resourceType: "AWS::S3::AccountPublicAccessBlock", resourceId: scope.account }] : []),
  ];
  const roleItems = async (): Promise<void> => {
    const roleIds = await discover(scope, client, "AWS::IAM::Role", [...refs.roles].sort());
    const roles = await batchGet(scope, client, roleIds.map((id) => ({ resourceType: "AWS::IAM::Role", resourceId: id })));
    const policyNames = new Set<string>();
    for (const item of roles) {
      const configuration = parse(item.configuration);
      for (const attached of arr(configuration.attachedManagedPolicies)) {
        const arn = str(attached.policyArn);
        // AWS-managed policies are not recorded by AWS Config; their name is what checks judge.
        if (arn && !arn.includes(":iam::aws:policy/")) policyNames.add(arn.split("/").pop() ?? arn);
      }
    }
    const policyIds = await discover(scope, client, "AWS::IAM::Policy", [...policyNames].sort());
    await batchGet(scope, client, policyIds.map((id) => ({ resourceType: "AWS::IAM::Policy", resourceId: id })));
  };
  await Promise.all([batchGet(scope, client, keys), roleItems()]);
}

function parse(value: unknown): Output {
  if (typeof value !== "string") return value !== null && typeof value === "object" ? (value as Output) : {};
  try {
    return JSON.parse(value) as Output;
  } catch {
    return {};
  }
}

async function discover(scope: CallScope, client: ConfigServiceClient, resourceType: string, names: string[]): Promise<string[]> {
  const ids = await Promise.all(
    names.map(async (name) => {
      const pages = await drain(
        scope.pages("ListDiscoveredResources", { resourceType, resourceName: name, limit: PAGE }, pager(client, paginateListDiscoveredResources), { tokenKey: "nextToken" }),
      );
      return pages.flatMap((p) => arr(p.resourceIdentifiers)).map((r) => str(r.resourceId)).filter((id): id is string => id !== undefined);
    }),
  );
  return [...new Set(ids.flat())].sort();
}

async function batchGet(scope: CallScope, client: ConfigServiceClient, keys: { resourceType: string; resourceId: string }[]): Promise<Output[]> {
  const pages = await Promise.all(
    chunks(keys, BATCH).map((resourceKeys) => {
      const params = { resourceKeys };
      return scope.call("BatchGetResourceConfig", params, () => client.send(new BatchGetResourceConfigCommand(params as never)));
    }),
  );
  const items = pages.flatMap((p) => arr(p?.baseConfigurationItems));
  scope.progress(items.length);
  return items;
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Organisation mode: configuration items and rule compliance from the AWS Config aggregator, one
 * process for every account the aggregator covers. Per-region recorder status is still asked of
 * each account (the aggregator does not expose it).
 */
export async function collectAggregator(
  scope: CallScope,
  client: ConfigServiceClient,
  aggregator: string,
  refs: References,
): Promise<void> {
  const select = (expression: string): Promise<Output[]> =>
    drain(
      scope.pages(
        "SelectAggregateResourceConfig",
        { ConfigurationAggregatorName: aggregator, Expression: expression, Limit: PAGE },
        pager(client, paginateSelectAggregateResourceConfig),
      ),
    );
  const selectIn = async (resourceType: string, field: "resourceName" | "resourceId", values: Set<string>): Promise<Output[]> => {
    // Long IN lists are split so an expression stays well inside the query size limit.
    const pages = await Promise.all(
      chunks([...values].sort(), BATCH).map((part) =>
        select(`SELECT * WHERE resourceType = '${resourceType}' AND ${field} IN (${part.map(quote).join(", ")})`),
      ),
    );
    const items = pages.flat().flatMap((p) => arr(p.Results)).map((r) => parse(r));
    scope.progress(items.length);
    return items;
  };

  const items = async (): Promise<void> => {
    const [roles] = await Promise.all([
      selectIn("AWS::IAM::Role", "resourceName", refs.roles),
      selectIn("AWS::KMS::Key", "resourceId", refs.kmsKeys),
      selectIn("AWS::S3::Bucket", "resourceName", refs.buckets),
      selectIn("AWS::EC2::SecurityGroup", "resourceId", refs.securityGroups),
    ]);
    const policies = new Set<string>();
    for (const role of roles) {
      for (const attached of arr(parse(role.configuration).attachedManagedPolicies)) {
        const arn = str(attached.policyArn);
        if (arn && !arn.includes(":iam::aws:policy/")) policies.add(arn.split("/").pop() ?? arn);
      }
    }
    await selectIn("AWS::IAM::Policy", "resourceName", policies);
  };

  const compliance = async (): Promise<void> => {
    const pages = await drain(
      scope.pages(
        "DescribeAggregateComplianceByConfigRules",
        { ConfigurationAggregatorName: aggregator, Limit: PAGE },
        pager(client, paginateDescribeAggregateComplianceByConfigRules),
      ),
    );
    const targets = new Map<string, Output>();
    for (const rule of pages.flatMap((p) => arr(p.AggregateComplianceByConfigRules))) {
      const name = str(rule.ConfigRuleName);
      const account = str(rule.AccountId);
      const region = str(rule.AwsRegion);
      if (name && account && region) targets.set(`${name}|${account}|${region}`, { ConfigRuleName: name, AccountId: account, AwsRegion: region });
    }
    await Promise.all(
      [...targets.keys()].sort().map((key) =>
        drain(
          scope.pages(
            "GetAggregateComplianceDetailsByConfigRule",
            { ConfigurationAggregatorName: aggregator, ...targets.get(key), Limit: PAGE },
            pager(client, paginateGetAggregateComplianceDetailsByConfigRule),
          ),
        ),
      ),
    );
  };

  await Promise.all([items(), compliance()]);
}
