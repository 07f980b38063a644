import { readdirSync, readFileSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { IncomingHttpHeaders, Server } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createAwsSource } from "../../src/collect/aws/index.js";
import { configSchema } from "../../src/config/schema.js";
import { SAGEMAKER_RESOURCE_TYPES } from "../../src/evidence/sagemaker-registry.js";
import type { MotoServer } from "../helpers/moto.js";
import { motoPlan, startMoto } from "../helpers/moto.js";
import { EAST, MOTO_ACCOUNT, WEST, seedEstate } from "./moto-estate.js";

// examples/iam-policy.json, checked against what the collectors really send: every request of a
// collection against a seeded moto goes through a recording proxy, and the policy must list
// exactly the operations the collectors' source can send (each SDK command or paginator it
// imports), all of them read-only metadata reads.

const FIXED = new Date("2026-11-27T10:00:00.000Z");

/** IAM prefix of each SDK client package. */
const SERVICE_OF: Record<string, string> = {
  sagemaker: "sagemaker",
  "config-service": "config",
  cloudtrail: "cloudtrail",
  sts: "sts",
  iam: "iam",
  kms: "kms",
  s3: "s3",
  "s3-control": "s3control",
  ec2: "ec2",
  "resource-groups-tagging-api": "tagging",
};

/**
 * Operations authorised by an action of another name: S3's bucket subresources
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html:
 * s3:GetEncryptionConfiguration; API_GetPublicAccessBlock.html: s3:GetBucketPublicAccessBlock;
 * API_control_GetPublicAccessBlock.html: s3:GetAccountPublicAccessBlock).
 */
const ACTION_OF: Record<string, string> = {
  "s3:GetBucketEncryption": "s3:GetEncryptionConfiguration",
  "s3:GetPublicAccessBlock": "s3:GetBucketPublicAccessBlock",
  "s3control:GetPublicAccessBlock": "s3:GetAccountPublicAccessBlock",
  // The Resource Groups Tagging API signs as `tagging` and is authorised as `tag:`.
  "tagging:GetResources": "tag:GetResources",
};
const actionOf = (operation: string): string => ACTION_OF[operation] ?? operation;

/** The IAM action of every SDK command and paginator the files under `dirs` import. */
function actionsInSource(dirs: string[]): string[] {
  const found = new Set<string>();
  for (const dir of dirs) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith(".ts"))) {
      const text = readFileSync(join(dir, name), "utf8");
      for (const m of text.matchAll(/import\s*(type\s*)?\{([^}]*)\}\s*from\s*"@aws-sdk\/client-([a-z0-9-]+)"/g)) {
        const service = SERVICE_OF[m[3] ?? ""];
        if (m[1] || !service) continue;
        // `X as Y`: the SDK's own name X is the operation.
        for (const imported of (m[2] ?? "").split(",").map((x) => x.trim().split(/\s+as\s+/)[0] ?? "")) {
          const op = /^(\w+)Command$/.exec(imported)?.[1] ?? /^paginate(\w+)$/.exec(imported)?.[1];
          if (op) found.add(actionOf(`${service}:${op}`));
        }
      }
    }
  }
  return [...found].sort();
}

/** The SageMaker collector binds its list and describe calls from the registry by name, not by import. */
const registryActions = (): string[] => SAGEMAKER_RESOURCE_TYPES.flatMap((t) => [`sagemaker:${t.listOperation}`, `sagemaker:${t.describeOperation}`]);

/** S3 REST requests by their subresource (the query key) or path. */
const S3_REST: [RegExp, string][] = [
  [/^\/v20180820\/configuration\/publicAccessBlock/, "s3:GetAccountPublicAccessBlock"],
  [/[?&]location(=|&|$)/, "s3:GetBucketLocation"],
  [/[?&]encryption(=|&|$)/, "s3:GetEncryptionConfiguration"],
  [/[?&]policy(=|&|$)/, "s3:GetBucketPolicy"],
  [/[?&]publicAccessBlock(=|&|$)/, "s3:GetBucketPublicAccessBlock"],
];

/**
 * The IAM action of one signed request: the service from the SigV4 credential scope
 * (`…/us-east-1/sagemaker/aws4_request`), the operation from `X-Amz-Target` (JSON protocols), the
 * `Action` form field (query protocols: STS, IAM, EC2) or, for S3, the REST subresource.
 */
function iamActionOf(headers: IncomingHttpHeaders, url: string, body: string): string {
  const service = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(headers.authorization ?? ""))?.[1] ?? "unsigned";
  if (service === "s3") return S3_REST.find(([pattern]) => pattern.test(url))?.[1] ?? `s3:unknown ${url}`;
  const target = headers["x-amz-target"];
  const operation = (typeof target === "string" ? target.split(".").pop() : undefined) ?? new URLSearchParams(body).get("Action") ?? `unknown ${url}`;
  return actionOf(`${service}:${operation}`);
}

/**
 * Operations of the core collectors that only follow a list moto cannot answer (it lacks those APIs:
 * feature groups, inference components and experiments, spaces, labeling jobs, workforces, flow
 * definitions, MLflow), or whose resources moto cannot create (AutoML V2 jobs, model cards).
 */
const NOT_REACHED_IN_MOTO = [
  "config:DescribeConformancePackCompliance",
  "config:GetAggregateComplianceDetailsByConfigRule",
  "sagemaker:DescribeAutoMLJobV2",
  "sagemaker:DescribeFeatureGroup",
  "sagemaker:DescribeFlowDefinition",
  "sagemaker:DescribeInferenceComponent",
  "sagemaker:DescribeInferenceExperiment",
  "sagemaker:DescribeLabelingJob",
  "sagemaker:DescribeMlflowApp",
  "sagemaker:DescribeMlflowTrackingServer",
  "sagemaker:DescribeModelBiasJobDefinition",
  "sagemaker:DescribeModelCard",
  "sagemaker:DescribeModelExplainabilityJobDefinition",
  "sagemaker:DescribeModelQualityJobDefinition",
  "sagemaker:DescribeMonitoringSchedule",
  "sagemaker:DescribeSpace",
  "sagemaker:DescribeUserProfile",
  "sagemaker:DescribeWorkforce",
];

const plan = motoPlan();

describe.skipIf(plan.skip)("examples/iam-policy.json against a recorded moto run", () => {
  let moto: MotoServer | undefined;
  let proxy: Server | undefined;
  const sent = new Set<string>();

  beforeAll(async () => {
    if (!plan.path) throw new Error(`CI=true requires the moto integration tests: ${plan.reason}`);
    moto = await startMoto(plan.path);
    for (const [key, value] of Object.entries(moto.env)) vi.stubEnv(key, value);
    await seedEstate(moto.endpoint);
    const upstream = new URL(moto.endpoint);
    proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        sent.add(iamActionOf(req.headers, req.url ?? "/", body.toString("utf8")));
        const forward = httpRequest({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        forward.on("error", () => res.destroy());
        forward.end(body);
      });
    });
    const server = proxy;
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const address = server.address();
    vi.stubEnv("AWS_ENDPOINT_URL", `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
    // Both collection modes: per-account reads, and a member role assumed with an external id
    // reading through a Config aggregator.
    await createAwsSource(configSchema.parse({ regions: [EAST, WEST], collection: { maxAttempts: 1 } }), { now: () => FIXED }).collect();
    const member = { id: MOTO_ACCOUNT, roleArn: `arn:aws:iam::${MOTO_ACCOUNT}:role/sageaudit-reader`, externalId: "sageaudit-test" };
    const viaAggregator = configSchema.parse({ regions: [EAST], accounts: [member], aggregator: { name: "org", region: EAST }, collection: { maxAttempts: 1 } });
    await createAwsSource(viaAggregator, { now: () => FIXED }).collect();
  });

  afterAll(async () => {
    vi.unstubAllEnvs();
    proxy?.closeAllConnections();
    await new Promise<void>((r) => (proxy ? proxy.close(() => r()) : r()));
    await moto?.stop();
  });

  const policy = JSON.parse(readFileSync("examples/iam-policy.json", "utf8")) as { Statement: { Sid: string; Effect: string; Action: string[]; Resource: string }[] };
  const allowed = policy.Statement.filter((s) => s.Effect === "Allow").flatMap((s) => s.Action);

  test("lists exactly the operations the collectors can send; every request moto saw is one of them", () => {
    const possible = [...new Set([...actionsInSource(["src/collect/aws", "src/aws"]), ...registryActions()])].sort();
    expect([...allowed].sort()).toEqual(possible);
    expect([...sent].filter((a) => !possible.includes(a))).toEqual([]);
    const core = new Set(["sagemaker", "config", "cloudtrail", "sts"]);
    expect(possible.filter((a) => core.has(a.split(":")[0] ?? "") && !sent.has(a))).toEqual(NOT_REACHED_IN_MOTO);
    expect(sent.has("sts:AssumeRole")).toBe(true);
  });

  test("is read-only and metadata-only: no wildcard, no data reads, AssumeRole only on the member audit roles", () => {
    expect(allowed.filter((a) => a.includes("*"))).toEqual([]);
    expect(allowed.filter((a) => ["s3:GetObject", "kms:Decrypt", "kms:GenerateDataKey", "secretsmanager:GetSecretValue"].includes(a))).toEqual([]);
    expect(allowed.filter((a) => a !== "sts:AssumeRole" && !/^[a-z0-9]+:(List|Describe|Get|BatchGet|Select|LookupEvents)[A-Za-z0-9]*$/.test(a))).toEqual([]);
    const assume = policy.Statement.filter((s) => s.Action.includes("sts:AssumeRole"));
    expect(assume.map((s) => [s.Action, s.Resource])).toEqual([[["sts:AssumeRole"], "arn:aws:iam::*:role/sageaudit-reader"]]);
    const trust = JSON.parse(readFileSync("examples/trust-policy.json", "utf8")) as { Statement: { Action: string; Condition: { StringEquals: Record<string, string> } }[] };
    expect(trust.Statement.map((s) => [s.Action, Object.keys(s.Condition.StringEquals)])).toEqual([["sts:AssumeRole", ["sts:ExternalId"]]]);
  });
});
