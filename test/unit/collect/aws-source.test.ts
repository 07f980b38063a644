import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import {
  DescribeModelCommand,
  DescribeNotebookInstanceCommand,
  DescribeTrainingJobCommand,
  ListModelsCommand,
  ListNotebookInstancesCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
} from "@aws-sdk/client-sagemaker";
import { GetResourcesCommand } from "@aws-sdk/client-resource-groups-tagging-api";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { TAGGING_RESOURCE_TYPE_FILTERS } from "../../../src/evidence/sagemaker-registry.js";
import { CATALOGUE } from "../../../src/checks/catalogue.js";
import { evaluateChecks } from "../../../src/checks/engine.js";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { InMemoryCollectorMemory } from "../../../src/collect/memory.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { verifyEvidenceHash } from "../../../src/evidence/record.js";
import { redactionFingerprint, redactionPolicyWith } from "../../../src/evidence/redact.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, NOW, awsError, fakeClock, mockAws, regionOf, testConfig } from "./aws-fixtures.js";

const notebook = (region: string, name: string, direct: "Enabled" | "Disabled") => ({
  NotebookInstanceName: name,
  NotebookInstanceArn: `arn:aws:sagemaker:${region}:${ACCOUNT}:notebook-instance/${name}`,
  DirectInternetAccess: direct,
  RootAccess: "Disabled" as const,
  KmsKeyId: "1234abcd-12ab-34cd-56ef-1234567890ab",
  SubnetId: "subnet-1",
});

describe("aws source", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => {
    aws.restore();
    vi.unstubAllEnvs();
  });

  const source = (overrides: Record<string, unknown> = {}, memory = new InMemoryCollectorMemory()) =>
    createAwsSource(testConfig(overrides), { now: () => NOW, memory, limiterClock: fakeClock() });

  test("AccessDenied in one region is a gap there: the other region is collected, the run goes on, that region's checks are ERROR", async () => {
    aws.sagemaker.on(ListNotebookInstancesCommand).callsFake(async (_input, getClient) => {
      const region = await regionOf(getClient);
      if (region === "eu-central-1") throw awsError("AccessDeniedException", "User is not authorized to perform: sagemaker:ListNotebookInstances");
      return { NotebookInstances: [{ NotebookInstanceName: "nb-1", NotebookInstanceArn: `arn:aws:sagemaker:${region}:${ACCOUNT}:notebook-instance/nb-1` }] };
    });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).callsFake(async (_input, getClient) => notebook(await regionOf(getClient), "nb-1", "Enabled"));

    const collection = await source({ regions: ["us-east-1", "eu-central-1"] }).collect();
    const gaps = collection.records.filter((r) => r.error);
    expect(gaps.map((r) => [r.operation, r.region, r.error?.code])).toEqual([["ListNotebookInstances", "eu-central-1", "AccessDeniedException"]]);
    // Everything else in that region was still asked.
    expect(collection.records.some((r) => r.region === "eu-central-1" && r.operation === "DescribeTrails")).toBe(true);

    const findings = evaluateChecks(CATALOGUE, buildInventory(collection.records)).filter((f) => f.checkId === "sagemaker.notebook.direct-internet-disabled");
    expect(findings.map((f) => [f.region, f.status])).toEqual([
      ["eu-central-1", "ERROR"],
      ["us-east-1", "FAIL"],
    ]);
    expect(findings[0]?.reason).toContain("AccessDeniedException");
  });

  test("any kind of failure becomes a gap record: a code-less error, a socket error, a timeout", async () => {
    aws.sagemaker.on(ListModelsCommand).rejects(Object.assign(new SyntaxError("Unexpected token '<'"), { $metadata: { httpStatusCode: 500 } }));
    aws.sagemaker.on(ListTrainingJobsCommand).rejects(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }));
    aws.sagemaker.on(ListNotebookInstancesCommand).rejects(Object.assign(new Error("Connection timed out after 30000 ms"), { name: "TimeoutError" }));
    const collection = await source().collect();
    const byOp = Object.fromEntries(collection.records.filter((r) => r.error).map((r) => [r.operation, r.error?.code]));
    expect(byOp).toEqual({ ListModels: "UnrecognizedResponse", ListTrainingJobs: "ECONNREFUSED", ListNotebookInstances: "TimeoutError" });
    expect(collection.records.every((r) => verifyEvidenceHash(r))).toBe(true);
  });

  test("each account's role is assumed through STS (with its external id) and its calls use those credentials", async () => {
    const accounts = [
      { id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/auditor", externalId: "ext-111" },
      { id: "222222222222", roleArn: "arn:aws:iam::222222222222:role/auditor" },
    ];
    aws.sts.on(AssumeRoleCommand).callsFake((input: AssumeRoleCommandInput) => ({
      Credentials: {
        AccessKeyId: `ASIA${(input.RoleArn ?? "").split(":")[4]}`,
        SecretAccessKey: "assumed-secret-key",
        SessionToken: "assumed-session-token",
        Expiration: new Date(NOW.getTime() + 3_600_000),
      },
    }));
    const accountOf = async (getClient: () => { config: { credentials: () => Promise<{ accessKeyId: string }> } }) =>
      (await getClient().config.credentials()).accessKeyId.slice(4);
    aws.sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => ({ Account: await accountOf(getClient) }));
    aws.sagemaker.on(ListNotebookInstancesCommand).callsFake(async (_input, getClient) => ({
      NotebookInstances: [{ NotebookInstanceName: `nb-of-${await accountOf(getClient)}` }],
    }));

    const collection = await source({ accounts }).collect();
    const assumed = aws.sts.commandCalls(AssumeRoleCommand).map((c) => c.args[0].input);
    expect(assumed).toEqual([
      { RoleArn: accounts[0]!.roleArn, RoleSessionName: "sageaudit", DurationSeconds: 3600, ExternalId: "ext-111" },
      { RoleArn: accounts[1]!.roleArn, RoleSessionName: "sageaudit", DurationSeconds: 3600 },
    ]);
    const described = collection.records.filter((r) => r.operation === "DescribeNotebookInstance").map((r) => [r.account, r.params.NotebookInstanceName]);
    expect(described).toEqual(
      expect.arrayContaining([
        ["111111111111", "nb-of-111111111111"],
        ["222222222222", "nb-of-222222222222"],
      ]),
    );
    expect(collection.accounts).toEqual(["111111111111", "222222222222"]);
    const text = JSON.stringify(collection);
    expect(text).not.toContain("assumed-secret-key");
    expect(text).not.toContain("assumed-session-token");
    expect(text).not.toContain("ext-111");
  });

  test("a role that cannot be assumed turns that account's calls into gaps; the other account is collected", async () => {
    const accounts = [{ id: "111111111111", roleArn: "arn:aws:iam::111111111111:role/auditor" }, { id: "222222222222" }];
    aws.sts.on(AssumeRoleCommand).rejects(awsError("AccessDenied", "not authorized to perform sts:AssumeRole"));
    const credentialed = async (getClient: () => { config: { credentials: () => Promise<unknown> } }) => {
      await getClient().config.credentials();
    };
    aws.sts.on(GetCallerIdentityCommand).callsFake(async (_input, getClient) => {
      await credentialed(getClient);
      return { Account: "222222222222" };
    });
    aws.sagemaker.on(ListNotebookInstancesCommand).callsFake(async (_input, getClient) => {
      await credentialed(getClient);
      return { NotebookInstances: [] };
    });
    // The account without a role uses the default chain; give it something to find.
    vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
    const collection = await source({ accounts }).collect();
    const gaps = collection.records.filter((r) => r.error).map((r) => `${r.account} ${r.source}:${r.operation} ${r.error?.code}`);
    expect(gaps).toEqual(expect.arrayContaining(["111111111111 sts:GetCallerIdentity AccessDenied", "111111111111 sagemaker:ListNotebookInstances AccessDenied"]));
    expect(gaps.filter((g) => g.startsWith("222222222222"))).toEqual([]);
    // Assume-role failures are remembered: STS is not asked again for every call of the account.
    expect(aws.sts.commandCalls(AssumeRoleCommand)).toHaveLength(1);
  });

  test("the same estate collected twice with a fixed clock gives identical records and hashes", async () => {
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({
      NotebookInstances: ["nb-1", "nb-2"].map((name) => ({ NotebookInstanceName: name, NotebookInstanceArn: notebook("us-east-1", name, "Enabled").NotebookInstanceArn })),
    });
    aws.sagemaker.on(DescribeNotebookInstanceCommand, { NotebookInstanceName: "nb-1" }).resolves(notebook("us-east-1", "nb-1", "Enabled"));
    aws.sagemaker.on(DescribeNotebookInstanceCommand, { NotebookInstanceName: "nb-2" }).resolves(notebook("us-east-1", "nb-2", "Disabled"));
    aws.sagemaker.on(ListTagsCommand).resolves({ Tags: [{ Key: "team", Value: "ml" }] });
    const first = await source().collect();
    const second = await source().collect();
    expect(second.records).toEqual(first.records);
    expect(second.records.map((r) => r.sha256)).toEqual(first.records.map((r) => r.sha256));
    expect(second.apiCalls).toEqual(first.apiCalls);
  });

  test("tags in bulk: GetResources pages of 100 filtered to the registry's types, following PaginationToken; no ListTags per resource", async () => {
    const names = Array.from({ length: 150 }, (_, i) => `nb-${i}`);
    const arn = (name: string) => notebook("us-east-1", name, "Disabled").NotebookInstanceArn;
    aws.sagemaker.on(ListNotebookInstancesCommand).resolves({ NotebookInstances: names.map((name) => ({ NotebookInstanceName: name, NotebookInstanceArn: arn(name) })) });
    aws.sagemaker.on(DescribeNotebookInstanceCommand).callsFake((input: { NotebookInstanceName: string }) => notebook("us-east-1", input.NotebookInstanceName, "Disabled"));
    // 120 of the 150 are tagged; the listing pages them 100 + 20.
    const tagged = names.slice(0, 120).map((name) => ({ ResourceARN: arn(name), Tags: [{ Key: "team", Value: name }] }));
    aws.tagging.on(GetResourcesCommand).callsFake((input: { PaginationToken?: string }) =>
      input.PaginationToken === "page-2" ? { ResourceTagMappingList: tagged.slice(100), PaginationToken: "" } : { ResourceTagMappingList: tagged.slice(0, 100), PaginationToken: "page-2" },
    );
    const collection = await source().collect();

    // The SDK paginator writes the token into the one input object it sends (the mock's history holds
    // that object), so the requests are read from the evidence records, each with its exact input.
    expect(aws.tagging.commandCalls(GetResourcesCommand)).toHaveLength(2);
    const requests = collection.records.filter((r) => r.operation === "GetResources").map((r) => [r.source, r.params]);
    expect(requests).toEqual(
      expect.arrayContaining([
        ["tagging", { ResourceTypeFilters: [...TAGGING_RESOURCE_TYPE_FILTERS], ResourcesPerPage: 100 }],
        ["tagging", { ResourceTypeFilters: [...TAGGING_RESOURCE_TYPE_FILTERS], ResourcesPerPage: 100, PaginationToken: "page-2" }],
      ]),
    );
    expect(requests).toHaveLength(2);
    expect(TAGGING_RESOURCE_TYPE_FILTERS).toEqual(expect.arrayContaining(["sagemaker:notebook-instance", "sagemaker:training-job", "sagemaker:automl-job", "sagemaker:hyper-parameter-tuning-job"]));
    expect(aws.sagemaker.commandCalls(ListTagsCommand)).toHaveLength(0);
    expect(collection.apiCalls["tagging:GetResources"]).toBe(2);
    const inventory = buildInventory(collection.records);
    const tagsOf = (name: string) => inventory.resources.find((r) => r.arn === arn(name));
    expect([tagsOf("nb-0")?.tags, tagsOf("nb-119")?.tags, tagsOf("nb-149")?.tags]).toEqual([{ team: "nb-0" }, { team: "nb-119" }, {}]);
    expect(tagsOf("nb-149")?.tagSource?.kind).toBe("untagged");
  });

  test("the list does not run ahead of the describes: a page is asked only once all but the last two pages' jobs are described", async () => {
    // List pages and describes queue for the same concurrency slots, first come first served, so
    // the next page waits behind the describes of the one before: the items of a 500,000-job listing
    // are never all pending at once.
    const pagesTotal = 8;
    let described = 0;
    const describedWhenListed: number[] = [];
    aws.sagemaker.on(ListTrainingJobsCommand).callsFake((input: { NextToken?: string }) => {
      const page = Number(input.NextToken ?? 0);
      describedWhenListed.push(described);
      const jobs = Array.from({ length: 100 }, (_, k) => ({ TrainingJobName: `job-${page * 100 + k}`, TrainingJobStatus: "Completed", CreationTime: NOW }));
      return { TrainingJobSummaries: jobs, ...(page + 1 < pagesTotal ? { NextToken: String(page + 1) } : {}) };
    });
    // A describe answers later than a list page, as it does against AWS for a page of 100.
    aws.sagemaker.on(DescribeTrainingJobCommand).callsFake(async (input: { TrainingJobName: string }) => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      described++;
      return { TrainingJobName: input.TrainingJobName, TrainingJobStatus: "Completed", CreationTime: NOW };
    });
    const collection = await source().collect();
    expect(collection.records.filter((r) => r.operation === "DescribeTrainingJob")).toHaveLength(pagesTotal * 100);
    expect(describedWhenListed).toHaveLength(pagesTotal);
    describedWhenListed.forEach((done, page) => expect(done).toBeGreaterThanOrEqual(Math.max(0, page - 2) * 100));
  });

  test("secrets are redacted before sealing, with the configured extra keys on top of the built-in ones", async () => {
    aws.sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [{ TrainingJobName: "job-1", TrainingJobArn: "arn:job-1", TrainingJobStatus: "InProgress", CreationTime: NOW }] });
    aws.sagemaker.on(DescribeTrainingJobCommand).resolves({
      TrainingJobName: "job-1",
      TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/job-1`,
      TrainingJobStatus: "InProgress",
      CreationTime: NOW,
      Environment: { DB_PASSWORD: "env-secret-value" },
      HyperParameters: { api_key: "hyper-secret-value", epochs: "3" },
    });
    const collection = await source({ redaction: { mapKeys: ["HyperParameters"], valueKeys: [] } }).collect();
    const job = collection.records.find((r) => r.operation === "DescribeTrainingJob");
    expect(job?.redactions).toEqual(["response.Environment.DB_PASSWORD (password)", "response.HyperParameters.api_key (api-key)", "response.HyperParameters.epochs (policy)"]);
    expect(JSON.stringify(collection)).not.toMatch(/env-secret-value|hyper-secret-value/);
    expect(verifyEvidenceHash(job!)).toBe(true);
  });

  test("immutable resources: described once per (name, creation time), reused from memory; re-created or unfinished ones described again", async () => {
    const created = new Date("2026-11-01T00:00:00.000Z");
    aws.sagemaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: "m-1", CreationTime: created, ModelArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/m-1` }] });
    aws.sagemaker.on(DescribeModelCommand).resolves({ ModelName: "m-1", ModelArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/m-1`, CreationTime: created });
    aws.sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [{ TrainingJobName: "running", TrainingJobArn: "arn:running", TrainingJobStatus: "InProgress", CreationTime: created }] });
    aws.sagemaker.on(DescribeTrainingJobCommand).resolves({ TrainingJobName: "running", TrainingJobStatus: "InProgress", CreationTime: created });
    const memory = new InMemoryCollectorMemory();
    const src = source({}, memory);
    memory.remember(await src.collect());
    const second = await src.collect();
    expect(second.apiCalls["sagemaker:DescribeModel"]).toBeUndefined();
    expect(second.records.filter((r) => r.operation === "DescribeModel")).toHaveLength(1);
    // A job still running can change: it is described every time.
    expect(second.apiCalls["sagemaker:DescribeTrainingJob"]).toBe(1);

    // Same name, new creation time: a different model, described afresh.
    aws.sagemaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: "m-1", ModelArn: "arn:m-1", CreationTime: NOW }] });
    const third = await src.collect();
    expect(third.apiCalls["sagemaker:DescribeModel"]).toBe(1);
  });

  test("reused evidence of an immutable resource is redacted under the current policy, never handed on as stored", async () => {
    const created = new Date("2026-11-01T00:00:00.000Z");
    const arn = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/m-1`;
    aws.sagemaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: "m-1", CreationTime: created, ModelArn: arn }] });
    aws.sagemaker.on(DescribeModelCommand).resolves({ ModelName: "m-1", ModelArn: arn, CreationTime: created, InternalNote: "note-secret-value" } as never);
    const memory = new InMemoryCollectorMemory();
    memory.remember(await source({}, memory).collect());
    // The operator adds a redaction key afterwards: the model is not described again, but what is reused obeys it.
    const second = await source({ redaction: { mapKeys: [], valueKeys: ["InternalNote"] } }, memory).collect();
    expect(second.apiCalls["sagemaker:DescribeModel"]).toBeUndefined();
    const reused = second.records.find((r) => r.operation === "DescribeModel");
    expect(JSON.stringify(reused)).not.toContain("note-secret-value");
    expect(reused?.redactions).toEqual(["response.InternalNote (policy)"]);
    expect(verifyEvidenceHash(reused!)).toBe(true);
  });

  test("reused evidence the memory says was stored under this very policy is handed on as it is; under any other, redacted again", async () => {
    const created = new Date("2026-11-01T00:00:00.000Z");
    const arn = `arn:aws:sagemaker:us-east-1:${ACCOUNT}:model/m-1`;
    aws.sagemaker.on(ListModelsCommand).resolves({ Models: [{ ModelName: "m-1", CreationTime: created, ModelArn: arn }] });
    aws.sagemaker.on(DescribeModelCommand).resolves({ ModelName: "m-1", ModelArn: arn, CreationTime: created, InternalNote: "note-value" } as never);
    const strict = { mapKeys: [], valueKeys: ["InternalNote"] };
    // The memory vouches that its records were stored under `strict` (the store knows this per row).
    // This record was not, so whether it comes back redacted shows whether its word was taken.
    class FingerprintedMemory extends InMemoryCollectorMemory {
      redactedUnder = (_record: EvidenceRecord): string => redactionFingerprint(redactionPolicyWith(strict));
    }
    const memory = new FingerprintedMemory();
    memory.remember(await source({}, memory).collect());
    const model = (records: readonly EvidenceRecord[]): EvidenceRecord | undefined => records.find((r) => r.operation === "DescribeModel");
    const stored = memory.storedEvidence(model((await source({}, memory).collect()).records)!.id);
    const trusted = model((await source({ redaction: strict }, memory).collect()).records);
    expect(trusted).toBe(stored);
    // Another policy: the fingerprints differ, so the reused record is redacted under it.
    const other = model((await source({ redaction: { mapKeys: [], valueKeys: ["InternalNote", "Other"] } }, memory).collect()).records);
    expect(other).not.toBe(stored);
    expect(JSON.stringify(other)).not.toContain("note-value");
    expect(verifyEvidenceHash(other!)).toBe(true);
  });

  test("scope: --regions/config first, AWS_REGION otherwise, none is a usage error", () => {
    expect(() => createAwsSource(testConfig({ regions: [] }), { env: {} })).toThrow(/needs a region/);
    expect(() => createAwsSource(testConfig({ regions: [] }), { env: { AWS_REGION: "eu-west-1" } })).not.toThrow();
  });
});
