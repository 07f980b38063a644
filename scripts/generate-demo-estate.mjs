// Generates the bundled demo estate: examples/demo-estate/{manifest.json,evidence.jsonl}.
//
//   npm run demo:generate        (= npm run build && node scripts/generate-demo-estate.mjs)
//
// The estate is Northwind Health, a fictional healthcare company: account 111122223333 (production
// ML, us-east-1 + eu-west-1) and 444455556666 (research sandbox, us-east-1). Every record is what
// the AWS collector would store for one API page: SDK v3 output shape (dates as ISO strings, no
// $metadata), passed through the project's own redact() and sealEvidence() from dist/.
//
// Fully deterministic: no clock, no Math.random. Ids come from SHA-256 of fixed seeds and the
// CloudTrail noise from a seeded PRNG, so running this twice gives byte-identical files. Commit the
// regenerated files together with any change here.
//
// To extend the estate, edit the tables in "THE ESTATE" below: one object per resource, with an
// intent comment saying which checks it is meant to pass or fail. The builders further down turn
// the tables into API responses; the intent table at the very end documents check coverage.
import { Buffer } from "node:buffer";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sealEvidence } from "../dist/evidence/record.js";
import { redact } from "../dist/evidence/redact.js";
import { SAGEMAKER_RESOURCE_TYPES, childTypesOf, describeParamsOf } from "../dist/evidence/sagemaker-registry.js";

const OUT_DIR = fileURLToPath(new URL("../examples/demo-estate/", import.meta.url));

// ---------------------------------------------------------------------------------------------
// Fixed time and small deterministic helpers
// ---------------------------------------------------------------------------------------------

/** When the demo collection "ran". Everything else is relative to it. */
const COLLECTED_AT = "2026-11-27T09:00:00.000Z";
/** CloudTrail look-back: the 7 days before collection (the collector's default first-run window). */
const WINDOW_START = "2026-11-20T09:00:00.000Z";

const iso = (s) => new Date(s.endsWith("Z") ? s : `${s}Z`).toISOString();
const ms = (s) => new Date(iso(s)).getTime();
const plus = (s, seconds) => new Date(ms(s) + seconds * 1000).toISOString();
/** CloudTrail writes eventTime without milliseconds. */
const ctTime = (s) => iso(s).replace(/\.\d{3}Z$/, "Z");

const sha = (seed) => createHash("sha256").update(seed).digest("hex");
const hex = (seed, n) => sha(seed).slice(0, n);
const uuid = (seed) => {
  const h = sha(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** IAM-style unique ids: role ids AROA + 17 characters, temporary access keys ASIA + 16. */
const iamId = (prefix, seed, length = prefix === "ASIA" ? 16 : 17) =>
  prefix +
  Array.from(sha(seed).slice(0, 2 * length).match(/../g), (b) => B32[parseInt(b, 16) % 32]).join("");
/** Opaque pagination token, as services hand them out. */
const token = (seed) => Buffer.from(sha(`token:${seed}`) + sha(`token2:${seed}`), "hex").toString("base64");

/** mulberry32: small seeded PRNG for the CloudTrail noise. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const pick = (rand, list) => list[Math.floor(rand() * list.length)];

/** Drops undefined members so optional fields are absent, as in SDK output. */
const clean = (o) => JSON.parse(JSON.stringify(o));

// ---------------------------------------------------------------------------------------------
// THE ESTATE
// ---------------------------------------------------------------------------------------------

const PROD = "111122223333"; // Northwind Health production ML
const RESEARCH = "444455556666"; // Northwind Health research sandbox
const USE1 = "us-east-1";
const EUW1 = "eu-west-1";

/** Account-regions the collector covers. Account-level checks: PROD passes, RESEARCH fails. */
const SCOPES = [
  { account: PROD, region: USE1 },
  { account: PROD, region: EUW1 },
  { account: RESEARCH, region: USE1 },
];

const NETWORK = {
  [`${PROD}/${USE1}`]: {
    vpc: "vpc-0a7d3c91e4b25f610",
    subnets: { "private-a": "subnet-0c41d2a7e98b3f501", "private-b": "subnet-0c41d2a7e98b3f502" },
  },
  [`${PROD}/${EUW1}`]: {
    vpc: "vpc-0e52b8a1c7d94f320",
    subnets: { "private-a": "subnet-0e9f13b6a2c4d8701", "private-b": "subnet-0e9f13b6a2c4d8702" },
  },
  [`${RESEARCH}/${USE1}`]: {
    vpc: "vpc-0b19e4f7a3c28d550",
    subnets: { "default-a": "subnet-0b77a1c5e3d92f401", "default-b": "subnet-0b77a1c5e3d92f402" },
  },
};

/** Standard tags: team, data-classification (phi | pii | public), cost-center, environment. */
const tags = (team, classification, costCenter, extra = {}) => [
  { Key: "team", Value: team },
  { Key: "data-classification", Value: classification },
  { Key: "cost-center", Value: costCenter },
  ...Object.entries(extra).map(([Key, Value]) => ({ Key, Value })),
];

// --- EC2 security groups (AWS Config items) -------------------------------------------------
// ec2.sagemaker-security-group.no-open-ingress
const SECURITY_GROUPS = [
  { id: "sg-0d3f5a7c9e1b20001", name: "nw-ml-private", account: PROD, region: USE1, // PASSES: VPC CIDR only
    description: "SageMaker workloads, HTTPS from the ML VPC only",
    ingress: [{ protocol: "tcp", from: 443, to: 443, cidrs: ["10.20.0.0/16"] }] },
  { id: "sg-0d3f5a7c9e1b20002", name: "nw-ml-training", account: PROD, region: USE1, // PASSES: self-referencing only
    description: "Distributed training: nodes talk to each other only",
    ingress: [{ protocol: "-1", self: true }] },
  { id: "sg-0d3f5a7c9e1b20003", name: "nw-notebook-ssh-temp", account: PROD, region: USE1, // FAILS: SSH from 0.0.0.0/0
    description: "TEMP ssh for debugging - remove after ticket MLP-1182", changed: "2026-11-21T13:14:02Z",
    ingress: [{ protocol: "tcp", from: 22, to: 22, cidrs: ["0.0.0.0/0"] }, { protocol: "tcp", from: 443, to: 443, cidrs: ["10.20.0.0/16"] }] },
  { id: "sg-0e8a2c4f6b1d30001", name: "nw-eu-ml-private", account: PROD, region: EUW1, // PASSES: VPC CIDR only
    description: "SageMaker workloads (EU), HTTPS from the ML VPC only",
    ingress: [{ protocol: "tcp", from: 443, to: 443, cidrs: ["10.40.0.0/16"] }] },
  { id: "sg-0b5c7e9a1d3f40001", name: "research-default", account: RESEARCH, region: USE1, // PASSES: private CIDR
    description: "Research sandbox default",
    ingress: [{ protocol: "tcp", from: 0, to: 65535, cidrs: ["172.31.0.0/16"] }] },
  { id: "sg-0b5c7e9a1d3f40002", name: "research-jupyter-open", account: RESEARCH, region: USE1, // FAILS: Jupyter from ::/0
    description: "jupyter access for workshop",
    ingress: [{ protocol: "tcp", from: 8888, to: 8888, cidrs: ["172.31.0.0/16"], ipv6: ["::/0"] }] },
];

// --- KMS customer-managed keys (AWS Config items) ---------------------------------------------
// kms.sagemaker-key.rotation-enabled. Rotation is carried as supplementaryConfiguration.KeyRotationStatus
// (a JSON string "true"/"false"), see the manifest description.
const KMS_KEYS = [
  { alias: "nw-ml-data", account: PROD, region: USE1, rotation: true, state: "Enabled", // PASSES
    description: "SageMaker notebooks, volumes and endpoints (PHI)", created: "2024-02-12T16:20:00Z" },
  { alias: "nw-ml-artifacts", account: PROD, region: USE1, rotation: false, state: "Enabled", // FAILS: rotation disabled (DisableKeyRotation in the window)
    description: "Model artifacts and job outputs", created: "2024-02-12T16:24:00Z", changed: "2026-11-22T14:05:12Z" },
  { alias: "nw-eu-ml-data", account: PROD, region: EUW1, rotation: true, state: "Enabled", // PASSES
    description: "SageMaker EU workloads (GDPR)", created: "2024-05-06T09:10:00Z" },
  { alias: "nw-eu-legacy-notebooks", account: PROD, region: EUW1, rotation: true, state: "PendingDeletion", // FAILS: pending deletion, still used by nw-eu-legacy-nb
    description: "Legacy notebook volumes (to be retired)", created: "2022-09-19T11:00:00Z", deletion: "2026-12-22T14:31:00Z", changed: "2026-11-22T14:33:40Z" },
  { alias: "research-sandbox", account: RESEARCH, region: USE1, rotation: false, state: "Enabled", // FAILS: rotation disabled
    description: "Research sandbox", created: "2025-08-30T13:45:00Z" },
];

// --- S3 buckets (AWS Config items) ------------------------------------------------------------
// s3.sagemaker-bucket.encrypted / .tls-only / .public-access-blocked
const PAB_ALL = { blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true };
const BUCKETS = [
  { name: "northwind-ml-training-data-111122223333", account: PROD, region: USE1, // PASSES all three
    encryption: { kms: "nw-ml-data" }, publicAccessBlock: PAB_ALL, tlsDeny: true, created: "2024-02-12T16:40:00Z" },
  { name: "northwind-ml-artifacts-111122223333", account: PROD, region: USE1, // PASSES all three
    encryption: { kms: "nw-ml-artifacts" }, publicAccessBlock: PAB_ALL, tlsDeny: true, created: "2024-02-12T16:42:00Z" },
  { name: "northwind-ml-datacapture-111122223333", account: PROD, region: USE1, // FAILS encrypted: DeleteBucketEncryption in the window reverted it to SSE-S3, S3's baseline
    encryption: { sse: "AES256" }, publicAccessBlock: PAB_ALL, tlsDeny: true, created: "2025-01-20T10:05:00Z", changed: "2026-11-23T19:46:55Z" },
  { name: "northwind-ml-batch-111122223333", account: PROD, region: USE1, // FAILS tls-only (no policy), public-access-blocked (2 of 4 off) and encrypted (SSE-S3 only)
    encryption: { sse: "AES256" }, publicAccessBlock: { ...PAB_ALL, blockPublicPolicy: false, restrictPublicBuckets: false }, tlsDeny: false, noPolicy: true, created: "2025-03-03T12:00:00Z" },
  { name: "northwind-ml-monitoring-111122223333", account: PROD, region: USE1, // PASSES all three
    encryption: { kms: "nw-ml-data" }, publicAccessBlock: PAB_ALL, tlsDeny: true, created: "2025-01-20T10:07:00Z" },
  { name: "northwind-ml-eu-111122223333", account: PROD, region: EUW1, // PASSES all three
    encryption: { kms: "nw-eu-ml-data" }, publicAccessBlock: PAB_ALL, tlsDeny: true, created: "2024-05-06T09:30:00Z" },
  { name: "northwind-research-sandbox-444455556666", account: RESEARCH, region: USE1, // FAILS tls-only (policy without SecureTransport deny), public-access-blocked (none) and encrypted (SSE-S3 only)
    encryption: { sse: "AES256" }, publicAccessBlock: null, tlsDeny: false, created: "2025-08-30T14:02:00Z" },
];

// --- IAM roles used as SageMaker execution roles (AWS Config items, region "global") ----------
// iam.sagemaker-role.least-privilege
const bucketArns = (...names) => names.flatMap((n) => [`arn:aws:s3:::${n}`, `arn:aws:s3:::${n}/*`]);
const ECR_PULL = [
  { Sid: "EcrAuth", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
  { Sid: "EcrPull", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"],
    Resource: [`arn:aws:ecr:*:${PROD}:repository/nw-*`, "arn:aws:ecr:*:683313688378:repository/*", "arn:aws:ecr:*:763104351884:repository/*", "arn:aws:ecr:*:141502667606:repository/*"] },
];
const LOGS = { Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
  Resource: `arn:aws:logs:*:${PROD}:log-group:/aws/sagemaker/*` };
const VPC_ENI = { Sid: "VpcEni", Effect: "Allow",
  Action: ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
  Resource: "*" };
const ROLES = [
  { name: "northwind-sagemaker-notebook", account: PROD, created: "2024-02-12T17:00:00Z", // PASSES: scoped S3/KMS/logs
    description: "Notebook and Studio execution role",
    inline: [{ name: "notebook-data-access", statements: [
      { Sid: "TrainingData", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-training-data-111122223333") },
      { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-artifacts-111122223333", "northwind-ml-eu-111122223333") },
      { Sid: "Kms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: ["nw-ml-data", "nw-eu-ml-data", "nw-eu-legacy-notebooks"].map(keyArn) },
      { Sid: "SageMakerRead", Effect: "Allow", Action: ["sagemaker:Describe*", "sagemaker:List*"], Resource: "*" },
      LOGS, VPC_ENI] }], managed: [] },
  { name: "northwind-sagemaker-training", account: PROD, created: "2024-02-12T17:02:00Z", // PASSES: scoped
    description: "Training and processing jobs",
    inline: [{ name: "training-job-access", statements: [
      { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-training-data-111122223333", "northwind-ml-eu-111122223333") },
      { Sid: "Write", Effect: "Allow", Action: ["s3:PutObject", "s3:AbortMultipartUpload"], Resource: bucketArns("northwind-ml-artifacts-111122223333", "northwind-ml-eu-111122223333") },
      { Sid: "Kms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: ["nw-ml-data", "nw-ml-artifacts", "nw-eu-ml-data"].map(keyArn) },
      { Sid: "KmsGrants", Effect: "Allow", Action: "kms:CreateGrant", Resource: ["nw-ml-data", "nw-ml-artifacts", "nw-eu-ml-data"].map(keyArn),
        Condition: { Bool: { "kms:GrantIsForAWSResource": "true" } } },
      ...ECR_PULL, LOGS, VPC_ENI] }], managed: [] },
  { name: "northwind-sagemaker-inference", account: PROD, created: "2024-02-12T17:04:00Z", // PASSES: scoped
    description: "Models behind production endpoints",
    inline: [{ name: "inference-access", statements: [
      { Sid: "ModelData", Effect: "Allow", Action: ["s3:GetObject"], Resource: bucketArns("northwind-ml-artifacts-111122223333", "northwind-ml-eu-111122223333") },
      { Sid: "Capture", Effect: "Allow", Action: ["s3:PutObject"], Resource: bucketArns("northwind-ml-datacapture-111122223333") },
      { Sid: "Secrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: `arn:aws:secretsmanager:us-east-1:${PROD}:secret:nw/sepsis/*` },
      ...ECR_PULL, LOGS, VPC_ENI] }], managed: [] },
  { name: "northwind-model-monitor", account: PROD, created: "2025-01-20T10:00:00Z", // PASSES: scoped
    description: "Model Monitor jobs",
    inline: [{ name: "monitor-access", statements: [
      { Sid: "Read", Effect: "Allow", Action: ["s3:GetObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-datacapture-111122223333", "northwind-ml-monitoring-111122223333", "northwind-ml-eu-111122223333") },
      { Sid: "Write", Effect: "Allow", Action: ["s3:PutObject"], Resource: bucketArns("northwind-ml-monitoring-111122223333", "northwind-ml-eu-111122223333") },
      ...ECR_PULL, LOGS] }], managed: [] },
  { name: "northwind-legacy-ml-admin", account: PROD, created: "2022-06-01T08:00:00Z", changed: "2026-11-21T10:17:03Z", // FAILS: inline "Action":"*" on "*"
    description: "Legacy role from the 2022 proof of concept",
    inline: [{ name: "break-glass-all", statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] }], managed: [] },
  { name: "northwind-sagemaker-fullaccess", account: PROD, created: "2023-04-17T12:30:00Z", // FAILS: AmazonSageMakerFullAccess attached
    description: "Created by the SageMaker console quick start",
    inline: [{ name: "s3-buckets", statements: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-artifacts-111122223333", "northwind-ml-datacapture-111122223333", "northwind-ml-batch-111122223333") }] }],
    managed: [{ policyName: "AmazonSageMakerFullAccess", policyArn: "arn:aws:iam::aws:policy/AmazonSageMakerFullAccess" }] },
  { name: "northwind-mlops-inference-wide", account: PROD, created: "2024-09-09T15:15:00Z", // FAILS: sagemaker:* on *
    description: "MLOps pipeline inference role (EU)",
    inline: [{ name: "pipeline-sagemaker", statements: [
      { Effect: "Allow", Action: "sagemaker:*", Resource: "*" },
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: bucketArns("northwind-ml-eu-111122223333", "northwind-ml-batch-111122223333") }] }], managed: [] },
  { name: "northwind-data-processing", account: PROD, created: "2024-11-02T10:45:00Z", // FAILS: Allow with NotAction (everything but IAM/Organizations)
    description: "Feature engineering jobs",
    inline: [{ name: "everything-but-iam", statements: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }] }], managed: [] },
  { name: "research-sandbox-admin", account: RESEARCH, created: "2025-08-30T13:30:00Z", // FAILS: AdministratorAccess attached
    description: "Research sandbox: everything allowed",
    inline: [], managed: [{ policyName: "AdministratorAccess", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }] },
  { name: "research-batch-eval", account: RESEARCH, created: "2025-09-15T09:00:00Z", // FAILS: kms:Decrypt on key/* of the region, i.e. every key
    description: "Batch evaluation and dataset processing",
    inline: [{ name: "batch-access", statements: [
      { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: bucketArns("northwind-research-sandbox-444455556666") },
      { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: `arn:aws:kms:us-east-1:${RESEARCH}:key/*` },
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:us-east-1:${RESEARCH}:log-group:/aws/sagemaker/*` }] }], managed: [] },
];

// --- SageMaker resources ------------------------------------------------------------------------
// `created` inside the CloudTrail window (after 2026-11-20T09:00Z) makes the generator emit the
// Create… event by principal `by`; other changes are listed in ACTIVITY further down.

// sagemaker.notebook.{direct-internet-disabled,in-vpc,kms-encrypted,root-access-disabled}
const NOTEBOOKS = [
  { name: "nw-clinical-nlp-nb", account: PROD, region: USE1, // PASSES all four
    status: "InService", instanceType: "ml.t3.xlarge", role: "northwind-sagemaker-notebook", subnet: "private-a", sgs: ["nw-ml-private"],
    kms: "nw-ml-data", directInternet: "Disabled", rootAccess: "Disabled", platform: "notebook-al2023-v1", volumeGb: 100,
    lifecycleConfig: "nw-conda-proxy-setup", created: "2026-06-02T15:04:18Z", modified: "2026-11-23T08:41:02Z",
    tags: tags("clinical-ml", "phi", "CC-4410", { owner: "dr.chen" }) },
  { name: "nw-claims-eda-nb", account: PROD, region: USE1, // FAILS: direct internet Enabled (AWS Config still says COMPLIANT: stale evaluation)
    status: "InService", instanceType: "ml.m5.xlarge", role: "northwind-sagemaker-fullaccess", subnet: "private-b", sgs: ["nw-ml-private"],
    kms: "nw-ml-data", directInternet: "Enabled", rootAccess: "Disabled", platform: "notebook-al2-v3", volumeGb: 50,
    created: "2026-11-25T10:12:47Z", by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120", { owner: "j.okafor" }) },
  { name: "nw-imaging-prototype-nb", account: PROD, region: USE1, // FAILS: no SubnetId (so direct internet is forced Enabled too)
    status: "Stopped", instanceType: "ml.g4dn.xlarge", role: "northwind-legacy-ml-admin",
    kms: "nw-ml-data", directInternet: "Enabled", rootAccess: "Disabled", platform: "notebook-al2-v2", volumeGb: 200,
    created: "2026-03-11T13:22:05Z", tags: tags("imaging-research", "phi", "CC-4470", { owner: "m.reyes" }) },
  { name: "nw-readmission-model-nb", account: PROD, region: USE1, // FAILS: no KmsKeyId; its security group opens SSH to 0.0.0.0/0
    status: "InService", instanceType: "ml.t3.large", role: "northwind-sagemaker-notebook", subnet: "private-a", sgs: ["nw-notebook-ssh-temp"],
    directInternet: "Disabled", rootAccess: "Disabled", platform: "notebook-al2023-v1", volumeGb: 50,
    created: "2026-11-21T13:30:09Z", by: "j.okafor", tags: tags("clinical-ml", "phi", "CC-4410", { owner: "j.okafor" }) },
  { name: "nw-eu-genomics-nb", account: PROD, region: EUW1, // FAILS: RootAccess Enabled (UpdateNotebookInstance in the window)
    status: "InService", instanceType: "ml.r5.2xlarge", role: "northwind-sagemaker-notebook", subnet: "private-a", sgs: ["nw-eu-ml-private"],
    kms: "nw-eu-ml-data", directInternet: "Disabled", rootAccess: "Enabled", platform: "notebook-al2023-v1", volumeGb: 500,
    created: "2026-10-14T08:55:31Z", modified: "2026-11-22T09:57:44Z", tags: tags("genomics-eu", "phi", "CC-6210", { owner: "l.moreau" }) },
  { name: "nw-eu-legacy-nb", account: PROD, region: EUW1, // PASSES the four checks, but: deprecated platform notebook-al1-v1, KMS key pending deletion
    status: "Stopped", instanceType: "ml.t2.medium", role: "northwind-sagemaker-notebook", subnet: "private-b", sgs: ["nw-eu-ml-private"],
    kms: "nw-eu-legacy-notebooks", directInternet: "Disabled", rootAccess: "Disabled", platform: "notebook-al1-v1", volumeGb: 20,
    created: "2023-05-02T10:11:12Z", tags: tags("genomics-eu", "pii", "CC-6210", { owner: "l.moreau" }) },
  { name: "research-sandbox-nb", account: RESEARCH, region: USE1, // FAILS: direct internet, no KMS, root access (sandbox defaults); open Jupyter SG
    status: "InService", instanceType: "ml.g5.2xlarge", role: "research-sandbox-admin", subnet: "default-a", sgs: ["research-jupyter-open"],
    directInternet: "Enabled", rootAccess: "Enabled", platform: "notebook-al2-v3", volumeGb: 250,
    created: "2026-11-20T15:20:33Z", by: "k.tanaka", tags: tags("research", "public", "CC-9000", { owner: "k.tanaka" }) },
  { name: "research-llm-eval-nb", account: RESEARCH, region: USE1, // PASSES all four
    status: "InService", instanceType: "ml.t3.xlarge", role: "research-batch-eval", subnet: "default-b", sgs: ["research-default"],
    kms: "research-sandbox", directInternet: "Disabled", rootAccess: "Disabled", platform: "notebook-al2023-v1", volumeGb: 100,
    created: "2026-09-01T09:30:00Z", tags: tags("research", "public", "CC-9000", { owner: "m.haddad" }) },
];

// sagemaker.domain.{vpc-only,kms-encrypted}
const DOMAINS = [
  { id: "d-8xq2mzk4v7ht", name: "nw-clinical-studio", account: PROD, region: USE1, // PASSES both: VpcOnly, KMS
    authMode: "SSO", network: "VpcOnly", kms: "nw-ml-data", subnets: ["private-a", "private-b"], sgs: ["nw-ml-private"], docker: "DISABLED", // PASSES docker-access-disabled
    executionRole: "northwind-sagemaker-notebook", efs: "fs-0c7a12e4b9d35f801", created: "2025-02-10T14:00:00Z", modified: "2026-11-24T16:02:10Z",
    spaceIdle: true, tags: tags("ml-platform", "phi", "CC-4400") },
  { id: "d-3jw9pe6ra1lc", name: "nw-eu-analytics-studio", account: PROD, region: EUW1, // FAILS kms-encrypted (no KmsKeyId); PASSES vpc-only
    authMode: "IAM", network: "VpcOnly", subnets: ["private-a", "private-b"], sgs: ["nw-eu-ml-private"],
    executionRole: "northwind-sagemaker-notebook", efs: "fs-0e2b94c1a7f36d802", created: "2026-11-22T11:05:40Z", by: "a.rivera",
    tags: tags("genomics-eu", "pii", "CC-6210") },
  { id: "d-5ty0nb8qs2kd", name: "research-studio", account: RESEARCH, region: USE1, // FAILS both: PublicInternetOnly, no KMS
    authMode: "IAM", network: "PublicInternetOnly", subnets: ["default-a", "default-b"], sgs: ["research-default"], docker: "ENABLED", // FAILS docker-access-disabled
    executionRole: "research-sandbox-admin", efs: "fs-0b4d61f8e2a97c803", created: "2025-09-02T10:20:00Z",
    tags: tags("research", "public", "CC-9000") },
];

const USER_PROFILES = [
  { domain: "d-8xq2mzk4v7ht", name: "dr-chen", ssoUser: "dr.chen@northwindhealth.example", sharingKms: "nw-ml-data", // PASSES user-profile-sharing-encrypted (output shared under a customer managed key)
    created: "2025-02-11T09:00:00Z",
    tags: tags("clinical-ml", "phi", "CC-4410") },
  { domain: "d-8xq2mzk4v7ht", name: "ml-platform-admin", ssoUser: "a.rivera@northwindhealth.example", executionRole: "northwind-sagemaker-fullaccess", // wide execution role override
    created: "2026-11-24T16:05:51Z", by: "a.rivera", tags: tags("ml-platform", "phi", "CC-4400") },
  { domain: "d-3jw9pe6ra1lc", name: "eu-analyst-01", sharing: { NotebookOutputOption: "Allowed", S3OutputPath: "s3://northwind-ml-eu-111122223333/shared-notebooks/" }, // FAILS user-profile-sharing-encrypted (output shared, no S3KmsKeyId)
    created: "2026-11-22T11:20:13Z", by: "a.rivera", tags: tags("genomics-eu", "pii", "CC-6210") },
  { domain: "d-5ty0nb8qs2kd", name: "k-tanaka", created: "2025-09-02T10:40:00Z", tags: tags("research", "public", "CC-9000") },
];

// Model registry. One package that is not approved is deployed (nw-sepsis-ew-v2 -> nw-sepsis-early-warning/2).
const MODEL_PACKAGE_GROUPS = [
  { name: "nw-sepsis-early-warning", account: PROD, region: USE1, description: "Sepsis early-warning score (ICU vitals)", created: "2026-08-19T13:00:00Z",
    tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-triage-bert", account: PROD, region: USE1, description: "ED triage note classifier", created: "2026-07-01T09:45:00Z",
    tags: tags("clinical-ml", "phi", "CC-4410") },
];
const MODEL_PACKAGES = [
  { group: "nw-sepsis-early-warning", version: 1, approval: "Approved", created: "2026-09-03T10:12:00Z", approvedAt: "2026-09-04T15:00:00Z",
    image: "ecr:nw-sepsis-lstm:1.4.0", data: "s3://northwind-ml-artifacts-111122223333/registry/sepsis/v1/model.tar.gz" },
  { group: "nw-sepsis-early-warning", version: 2, approval: "PendingManualApproval", created: "2026-11-21T16:40:27Z", by: "mlops-pipeline", // deployed although not approved
    image: "ecr:nw-sepsis-lstm:2.0.0", data: "s3://northwind-ml-artifacts-111122223333/registry/sepsis/v2/model.tar.gz" },
  { group: "nw-triage-bert", version: 1, approval: "Rejected", created: "2026-07-15T11:00:00Z", approvedAt: "2026-07-16T08:30:00Z",
    rejection: "Recall on ESI level 1 below 0.95 on the validation set", image: "hf-inference", data: "s3://northwind-ml-artifacts-111122223333/registry/triage/v1/model.tar.gz" },
  { group: "nw-triage-bert", version: 2, approval: "Approved", created: "2026-08-28T14:20:00Z", approvedAt: "2026-09-02T10:00:00Z",
    image: "hf-inference", data: "s3://northwind-ml-artifacts-111122223333/registry/triage/v2/model.tar.gz" },
];

// sagemaker.model.{network-isolation,in-vpc,no-plaintext-secrets}
const DEMO_SECRET = "hunter2-demo-secret"; // must never appear in the output (redaction)
const MODELS = [
  { name: "nw-readmission-xgb-v3", account: PROD, region: USE1, // PASSES all three
    role: "northwind-sagemaker-inference", isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-private"] },
    image: "xgboost", data: "s3://northwind-ml-artifacts-111122223333/readmission/xgb-2026-11-20-14-02-11/output/model.tar.gz",
    env: { SAGEMAKER_PROGRAM: "inference.py", SAGEMAKER_SUBMIT_DIRECTORY: "/opt/ml/model/code", SAGEMAKER_CONTAINER_LOG_LEVEL: "20", SAGEMAKER_REGION: "us-east-1" },
    created: "2026-11-24T15:10:22Z", by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-v7", account: PROD, region: USE1, // FAILS: network isolation off; literal DB_PASSWORD (redacted in evidence); PASSES in-vpc
    role: "northwind-sagemaker-fullaccess", isolation: false, vpc: { subnets: ["private-b"], sgs: ["nw-ml-private"] },
    image: "ecr:nw-claims-fraud:7.0.2", data: "s3://northwind-ml-artifacts-111122223333/claims-fraud/v7/model.tar.gz",
    env: { SAGEMAKER_PROGRAM: "serve.py", DB_HOST: "claims-db.cluster-c9xk2lq0v1ab.us-east-1.rds.amazonaws.com", DB_USER: "fraud_svc", DB_PASSWORD: DEMO_SECRET },
    created: "2026-11-22T10:31:05Z", by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-sepsis-ew-v2", account: PROD, region: USE1, // FAILS: not in a VPC; deploys a PendingManualApproval package; PASSES secrets (Secrets Manager reference)
    role: "northwind-sagemaker-inference", isolation: true, modelPackage: { group: "nw-sepsis-early-warning", version: 2 },
    env: { API_TOKEN: `arn:aws:secretsmanager:us-east-1:${PROD}:secret:nw/sepsis/ehr-api-token-Qx7T2b`, SAGEMAKER_CONTAINER_LOG_LEVEL: "20" },
    created: "2026-11-21T17:05:48Z", by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-triage-bert-v1", account: PROD, region: USE1, // PASSES all three (approved package)
    role: "northwind-sagemaker-inference", isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-private"] },
    modelPackage: { group: "nw-triage-bert", version: 2 }, env: { HF_TASK: "text-classification", SAGEMAKER_CONTAINER_LOG_LEVEL: "20" },
    created: "2026-09-03T11:50:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-eu-genomics-variant-v1", account: PROD, region: EUW1, // PASSES all three
    role: "northwind-sagemaker-inference", isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-eu-ml-private"] },
    image: "registry:nw-variant-caller:1.2.1", registry: "Vpc", data: "s3://northwind-ml-eu-111122223333/models/variant-caller/v1/model.tar.gz",
    env: { SAGEMAKER_PROGRAM: "predict.py", OMP_NUM_THREADS: "4" }, created: "2026-10-20T09:00:00Z", tags: tags("genomics-eu", "phi", "CC-6210") },
  { name: "nw-eu-churn-v2", account: PROD, region: EUW1, // FAILS: network isolation off, not in a VPC
    role: "northwind-mlops-inference-wide", isolation: false,
    image: "xgboost", data: "s3://northwind-ml-eu-111122223333/models/churn/v2/model.tar.gz",
    env: { SAGEMAKER_PROGRAM: "inference.py", SAGEMAKER_SUBMIT_DIRECTORY: "/opt/ml/model/code" },
    created: "2026-11-23T12:00:41Z", by: "mlops-pipeline", tags: tags("member-services-eu", "pii", "CC-6300") },
  { name: "research-llm-summarizer", account: RESEARCH, region: USE1, // FAILS: network isolation off, not in a VPC
    role: "research-sandbox-admin", isolation: false,
    image: "hf-tgi", data: "s3://northwind-research-sandbox-444455556666/models/flan-t5-large/model.tar.gz",
    env: { HF_MODEL_ID: "/opt/ml/model", HF_TASK: "summarization", SM_NUM_GPUS: "1" },
    created: "2026-11-21T11:40:16Z", by: "k.tanaka", tags: tags("research", "public", "CC-9000") },
];

// --- IAM policy evaluation (issue 8): managed policy documents, a permissions boundary, and ----
// execution roles that pass or fail iam.sagemaker-role.least-privilege in new ways. Each new role is
// used by one model, so it is in scope. AWS Config records customer managed policies
// (AWS::IAM::Policy); the AWS managed ones stand for what direct IAM collection (GetPolicy +
// GetPolicyVersion) records in the same item shape. Documents: AWS Managed Policy Reference,
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html (AmazonSageMakerFullAccess trimmed).
const MANAGED_POLICIES = [
  { name: "AdministratorAccess", aws: true, versionId: "v1", statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] },
  { name: "PowerUserAccess", aws: true, versionId: "v12", statements: [
    { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
    { Effect: "Allow", Action: ["account:GetAccountInformation", "account:GetGovCloudAccountInformation", "account:GetPrimaryEmail", "account:ListRegions", "iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeEffectivePolicy", "organizations:DescribeOrganization"], Resource: "*" }] },
  { name: "AmazonSageMakerFullAccess", aws: true, versionId: "v26", statements: [
    { Sid: "AllowAllNonAdminSageMakerActions", Effect: "Allow", Action: ["sagemaker:*", "sagemaker-geospatial:*"],
      NotResource: ["arn:aws:sagemaker:*:*:domain/*", "arn:aws:sagemaker:*:*:user-profile/*", "arn:aws:sagemaker:*:*:app/*", "arn:aws:sagemaker:*:*:space/*", "arn:aws:sagemaker:*:*:flow-definition/*"] },
    { Sid: "AllowStudioActions", Effect: "Allow", Action: ["sagemaker:CreatePresignedDomainUrl", "sagemaker:DescribeDomain", "sagemaker:ListDomains", "sagemaker:DescribeUserProfile", "sagemaker:ListUserProfiles", "sagemaker:DescribeSpace", "sagemaker:ListSpaces", "sagemaker:DescribeApp", "sagemaker:ListApps"], Resource: "*" }] },
  // Customer managed permissions boundary: whatever the role's own policies say, at most this.
  { name: "northwind-ml-workload-boundary", account: PROD, versionId: "v3", statements: [
    { Sid: "Data", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"], Resource: bucketArns("northwind-ml-artifacts-111122223333", "northwind-ml-training-data-111122223333") },
    { Sid: "Kms", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [keyArn("nw-ml-data"), keyArn("nw-ml-artifacts")] },
    LOGS, ...ECR_PULL] },
];
const managedPolicyArn = (p, account) => (p.aws ? `arn:aws:iam::aws:policy/${p.name}` : `arn:aws:iam::${p.account ?? account}:policy/${p.name}`);
const attach = (name, account) => ({ policyName: name, policyArn: managedPolicyArn(find(MANAGED_POLICIES, "name", name, "managed policy"), account) });
ROLES.push(
  { name: "northwind-pipeline-orchestrator", account: PROD, created: "2025-06-02T08:30:00Z", // FAILS: Allow * beside a Deny on IAM resources is still admin-equivalent
    description: "Pipeline orchestration (the Deny was meant to make it safe)",
    inline: [{ name: "orchestrate", statements: [
      { Sid: "Everything", Effect: "Allow", Action: "*", Resource: "*" },
      { Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "arn:aws:iam::*:*" }] }], managed: [] },
  { name: "northwind-batch-launcher", account: PROD, created: "2025-07-14T13:20:00Z", // FAILS: iam:PassRole on every role of the account
    description: "Launches batch transform jobs",
    inline: [{ name: "launch", statements: [
      { Sid: "Launch", Effect: "Allow", Action: ["sagemaker:CreateTransformJob", "sagemaker:DescribeTransformJob"], Resource: `arn:aws:sagemaker:us-east-1:${PROD}:transform-job/nw-*` },
      { Sid: "PassAnyRole", Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${PROD}:role/*` }, LOGS] }], managed: [] },
  { name: "northwind-registry-publisher", account: PROD, created: "2025-07-14T13:25:00Z", // PASSES: PassRole scoped to one role, only to SageMaker
    description: "Registers model packages and starts their evaluation jobs",
    inline: [{ name: "publish", statements: [
      { Sid: "Registry", Effect: "Allow", Action: ["sagemaker:CreateModelPackage", "sagemaker:DescribeModelPackage*", "sagemaker:CreateProcessingJob"], Resource: [`arn:aws:sagemaker:us-east-1:${PROD}:model-package*/nw-*`, `arn:aws:sagemaker:us-east-1:${PROD}:processing-job/nw-*`] },
      { Sid: "PassTrainingRole", Effect: "Allow", Action: "iam:PassRole", Resource: `arn:aws:iam::${PROD}:role/northwind-sagemaker-training`,
        Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } } },
      { Sid: "Artifacts", Effect: "Allow", Action: ["s3:GetObject"], Resource: bucketArns("northwind-ml-artifacts-111122223333") }, LOGS] }], managed: [] },
  { name: "northwind-bounded-experiments", account: PROD, created: "2025-09-01T09:00:00Z", // PASSES: Allow * on *, confined by its permissions boundary
    description: "Experimentation role under a permissions boundary",
    inline: [{ name: "experiments", statements: [{ Effect: "Allow", Action: "*", Resource: "*" }] }], managed: [], boundary: "northwind-ml-workload-boundary" },
  { name: "northwind-poweruser-legacy", account: PROD, created: "2023-01-09T10:00:00Z", // FAILS: PowerUserAccess, judged by its document (NotAction iam/organizations/account)
    description: "Legacy analytics role",
    inline: [], managed: [attach("PowerUserAccess", PROD)] },
);
MODELS.push(
  ...[
    ["nw-orchestrated-scorer-v1", "northwind-pipeline-orchestrator"],
    ["nw-batch-scorer-v4", "northwind-batch-launcher"],
    ["nw-registry-candidate-v2", "northwind-registry-publisher"],
    ["nw-experiment-gbm-v9", "northwind-bounded-experiments"],
    ["nw-legacy-risk-v1", "northwind-poweruser-legacy"],
  ].map(([name, role], i) => ({
    name, account: PROD, region: USE1, // PASSES the model checks; here for its execution role
    role, isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-private"] },
    image: "xgboost", data: `s3://northwind-ml-artifacts-111122223333/${name}/model.tar.gz`,
    env: { SAGEMAKER_PROGRAM: "inference.py", SAGEMAKER_CONTAINER_LOG_LEVEL: "20" },
    created: `2026-10-${String(10 + i).padStart(2, "0")}T09:00:00Z`, tags: tags("clinical-ml", "phi", "CC-4410") })),
);

// sagemaker.endpoint-config.{kms-encrypted,data-capture-encrypted,multi-instance}
const ENDPOINT_CONFIGS = [
  { name: "nw-readmission-prod-config-v3", account: PROD, region: USE1, // PASSES all three
    model: "nw-readmission-xgb-v3", instanceType: "ml.m5.xlarge", count: 2, kms: "nw-ml-data",
    capture: { uri: "s3://northwind-ml-datacapture-111122223333/readmission-prod", kms: "nw-ml-data", sampling: 20 },
    created: "2026-11-24T15:15:03Z", by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-prod-config-v7", account: PROD, region: USE1, // FAILS all three: no KMS, capture without KMS, 1 instance
    model: "nw-claims-fraud-v7", instanceType: "ml.c5.xlarge", count: 1,
    capture: { uri: "s3://northwind-ml-datacapture-111122223333/claims-fraud-prod", sampling: 100 },
    created: "2026-11-22T10:36:29Z", by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-sepsis-ew-prod-config-v2", account: PROD, region: USE1, // PASSES kms + multi-instance; no data capture (capture-encrypted not applicable)
    model: "nw-sepsis-ew-v2", instanceType: "ml.m5.2xlarge", count: 2, kms: "nw-ml-data",
    created: "2026-11-21T17:10:12Z", by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-triage-prod-config-v1", account: PROD, region: USE1, // FAILS multi-instance (1 instance); PASSES kms + capture-encrypted
    model: "nw-triage-bert-v1", instanceType: "ml.g5.xlarge", count: 1, kms: "nw-ml-data",
    capture: { uri: "s3://northwind-ml-datacapture-111122223333/triage-prod", kms: "nw-ml-data", sampling: 10 },
    created: "2026-09-03T12:00:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-eu-genomics-prod-config-v1", account: PROD, region: EUW1, // PASSES all three
    model: "nw-eu-genomics-variant-v1", instanceType: "ml.c5.2xlarge", count: 2, kms: "nw-eu-ml-data",
    async: { output: "s3://northwind-ml-eu-111122223333/async/genomics-prod/", kms: "nw-eu-ml-data" }, // PASSES async-output-kms-encrypted
    capture: { uri: "s3://northwind-ml-eu-111122223333/datacapture/genomics-prod", kms: "nw-eu-ml-data", sampling: 25 },
    created: "2026-10-20T09:10:00Z", tags: tags("genomics-eu", "phi", "CC-6210") },
  { name: "research-llm-summarizer-config", account: RESEARCH, region: USE1, // FAILS kms + multi-instance; no data capture
    model: "research-llm-summarizer", instanceType: "ml.g5.2xlarge", count: 1,
    async: { output: "s3://northwind-research-sandbox-444455556666/async/summarizer/" }, // FAILS async-output-kms-encrypted (no OutputConfig.KmsKeyId)
    created: "2026-11-21T11:45:02Z", by: "k.tanaka", tags: tags("research", "public", "CC-9000") },
];

// sagemaker.endpoint.{data-capture-enabled,model-monitor-scheduled}
const ENDPOINTS = [
  { name: "nw-readmission-prod", account: PROD, region: USE1, config: "nw-readmission-prod-config-v3", // PASSES both (Scheduled data-quality monitor)
    created: "2025-06-10T14:00:00Z", modified: "2026-11-24T15:32:40Z", tags: tags("clinical-ml", "phi", "CC-4410", { tier: "critical" }) },
  { name: "nw-claims-fraud-prod", account: PROD, region: USE1, config: "nw-claims-fraud-prod-config-v7", // PASSES capture; FAILS monitor (its schedule is Stopped)
    created: "2025-11-04T10:00:00Z", modified: "2026-11-22T10:49:55Z", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-sepsis-ew-prod", account: PROD, region: USE1, config: "nw-sepsis-ew-prod-config-v2", // FAILS both: no capture, no schedule (a model-quality definition exists but was never scheduled)
    created: "2026-11-21T17:14:30Z", by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410", { tier: "critical" }) },
  { name: "nw-triage-prod", account: PROD, region: USE1, config: "nw-triage-prod-config-v1", captureStatus: "Stopped", // FAILS capture (enabled, but CaptureStatus Stopped); PASSES monitor (Scheduled model-quality monitor)
    created: "2026-09-03T12:05:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-eu-genomics-prod", account: PROD, region: EUW1, config: "nw-eu-genomics-prod-config-v1", // PASSES both
    created: "2026-10-20T09:20:00Z", tags: tags("genomics-eu", "phi", "CC-6210") },
  { name: "research-llm-summarizer-ep", account: RESEARCH, region: USE1, config: "research-llm-summarizer-config", // FAILS both (its schedule was deleted in the window)
    created: "2026-11-21T11:50:37Z", by: "k.tanaka", tags: tags("research", "public", "CC-9000") },
];

// sagemaker.training-job.{inter-container-encryption,network-isolation,in-vpc,volume-kms-encrypted,output-kms-encrypted}
const TRAINING_JOBS = [
  { name: "nw-readmission-xgb-2026-11-20-14-02-11", account: PROD, region: USE1, status: "Completed", // PASSES all five
    role: "northwind-sagemaker-training", image: "xgboost", ice: true, isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] },
    volumeKms: "nw-ml-data", outputKms: "nw-ml-artifacts", input: "s3://northwind-ml-training-data-111122223333/readmission/2026-11/",
    output: "s3://northwind-ml-artifacts-111122223333/readmission/", instanceType: "ml.m5.2xlarge", instances: 2, seconds: 1843,
    hyper: { objective: "binary:logistic", num_round: "300", max_depth: "6", eta: "0.1" }, by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-xgb-2026-11-21-09-15-40", account: PROD, region: USE1, status: "Completed", // FAILS inter-container, isolation, output KMS (VolumeKmsKeyId set, OutputDataConfig.KmsKeyId unset); PASSES vpc, volume KMS
    role: "northwind-sagemaker-fullaccess", image: "xgboost", ice: false, isolation: false, vpc: { subnets: ["private-b"], sgs: ["nw-ml-training"] },
    volumeKms: "nw-ml-data", input: "s3://northwind-ml-training-data-111122223333/claims/2026-q4/",
    output: "s3://northwind-ml-artifacts-111122223333/claims-fraud/", instanceType: "ml.m5.4xlarge", instances: 2, seconds: 2710,
    hyper: { objective: "binary:logistic", num_round: "500", max_depth: "8", scale_pos_weight: "37" }, by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-sepsis-lstm-2026-11-22-16-48-03", account: PROD, region: USE1, status: "Failed", // FAILS vpc + volume KMS (OutputDataConfig.KmsKeyId set, VolumeKmsKeyId unset); PASSES inter-container, isolation, output KMS
    role: "northwind-sagemaker-training", image: "ecr:nw-sepsis-lstm:2.0.0", ice: true, isolation: true,
    outputKms: "nw-ml-artifacts", input: "s3://northwind-ml-training-data-111122223333/sepsis/icu-vitals-2026-11/",
    output: "s3://northwind-ml-artifacts-111122223333/sepsis/", instanceType: "ml.p3.2xlarge", instances: 1, seconds: 412,
    failure: "AlgorithmError: RuntimeError: CUDA out of memory. Tried to allocate 2.00 GiB (GPU 0; 15.78 GiB total capacity), exit code: 1",
    hyper: { epochs: "40", batch_size: "512", hidden_size: "256" }, by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-triage-bert-finetune-2026-11-23-08-30-00", account: PROD, region: USE1, status: "Stopped", // FAILS isolation; PASSES the other four
    role: "northwind-sagemaker-training", image: "hf-training", ice: true, isolation: false, vpc: { subnets: ["private-a"], sgs: ["nw-ml-training"] },
    volumeKms: "nw-ml-data", outputKms: "nw-ml-artifacts", input: "s3://northwind-ml-training-data-111122223333/triage/notes-2026-10/",
    output: "s3://northwind-ml-artifacts-111122223333/triage/", instanceType: "ml.g5.12xlarge", instances: 1, seconds: 3600,
    hyper: { epochs: "3", model_name_or_path: "emilyalsentzer/Bio_ClinicalBERT", learning_rate: "2e-5" }, by: "dr.chen", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-triage-bert-finetune-2026-11-27-07-45-12", account: PROD, region: USE1, status: "InProgress", // PASSES all five
    role: "northwind-sagemaker-training", image: "hf-training", ice: true, isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] },
    volumeKms: "nw-ml-data", outputKms: "nw-ml-artifacts", input: "s3://northwind-ml-training-data-111122223333/triage/notes-2026-11/",
    output: "s3://northwind-ml-artifacts-111122223333/triage/", instanceType: "ml.g5.12xlarge", instances: 1,
    hyper: { epochs: "3", model_name_or_path: "emilyalsentzer/Bio_ClinicalBERT", learning_rate: "2e-5" }, by: "dr.chen", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-imaging-resnet-2026-11-24-19-05-27", account: PROD, region: USE1, status: "Completed", remoteDebug: true, // FAILS inter-container, volume KMS, output KMS, remote-debug-disabled; PASSES isolation, vpc
    role: "northwind-legacy-ml-admin", image: "ecr:nw-imaging-resnet:0.9.3", ice: false, isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] },
    input: "s3://northwind-ml-training-data-111122223333/imaging/chest-xray-v4/", output: "s3://northwind-ml-artifacts-111122223333/imaging/",
    instanceType: "ml.p3.8xlarge", instances: 2, seconds: 9421, hyper: { epochs: "25", arch: "resnet50", lr: "0.001" }, by: "dr.chen",
    tags: tags("imaging-research", "phi", "CC-4470") },
  { name: "nw-readmission-xgb-2026-11-25-14-02-09", account: PROD, region: USE1, status: "Completed", // PASSES all five
    role: "northwind-sagemaker-training", image: "xgboost", ice: true, isolation: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] },
    volumeKms: "nw-ml-data", outputKms: "nw-ml-artifacts", input: "s3://northwind-ml-training-data-111122223333/readmission/2026-11/",
    output: "s3://northwind-ml-artifacts-111122223333/readmission/", instanceType: "ml.m5.2xlarge", instances: 2, seconds: 1790,
    hyper: { objective: "binary:logistic", num_round: "300", max_depth: "6", eta: "0.1" }, by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-eu-genomics-variant-2026-11-21-10-00-00", account: PROD, region: EUW1, status: "Completed", // PASSES all five
    role: "northwind-sagemaker-training", image: "ecr:nw-variant-caller:1.2.1", ice: true, isolation: true, vpc: { subnets: ["private-a"], sgs: ["nw-eu-ml-private"] },
    volumeKms: "nw-eu-ml-data", outputKms: "nw-eu-ml-data", input: "s3://northwind-ml-eu-111122223333/training/variants-2026-11/",
    output: "s3://northwind-ml-eu-111122223333/models/variant-caller/", instanceType: "ml.c5.9xlarge", instances: 4, seconds: 5210,
    hyper: { min_depth: "10", ploidy: "2" }, by: "mlops-pipeline", tags: tags("genomics-eu", "phi", "CC-6210") },
  { name: "nw-eu-churn-xgb-2026-11-23-10-20-00", account: PROD, region: EUW1, status: "Completed", // FAILS inter-container, isolation, vpc; PASSES both KMS
    role: "northwind-mlops-inference-wide", image: "xgboost", ice: false, isolation: false,
    volumeKms: "nw-eu-ml-data", outputKms: "nw-eu-ml-data", input: "s3://northwind-ml-eu-111122223333/training/churn-2026-11/",
    output: "s3://northwind-ml-eu-111122223333/models/churn/", instanceType: "ml.m5.xlarge", instances: 1, seconds: 655,
    hyper: { objective: "binary:logistic", num_round: "150" }, by: "mlops-pipeline", tags: tags("member-services-eu", "pii", "CC-6300") },
  { name: "research-llm-finetune-2026-11-20-16-11-45", account: RESEARCH, region: USE1, status: "Completed", // FAILS all five
    role: "research-sandbox-admin", image: "hf-training", ice: false, isolation: false,
    input: "s3://northwind-research-sandbox-444455556666/datasets/pubmed-abstracts/", output: "s3://northwind-research-sandbox-444455556666/models/",
    instanceType: "ml.g5.2xlarge", instances: 1, seconds: 14388, hyper: { epochs: "2", model_name_or_path: "google/flan-t5-large" }, by: "k.tanaka",
    tags: tags("research", "public", "CC-9000") },
  { name: "research-llm-finetune-2026-11-24-13-37-02", account: RESEARCH, region: USE1, status: "Failed", // FAILS isolation, output KMS; PASSES inter-container, vpc, volume KMS
    role: "research-sandbox-admin", image: "hf-training", ice: true, isolation: false, vpc: { subnets: ["default-a"], sgs: ["research-jupyter-open"] },
    volumeKms: "research-sandbox", input: "s3://northwind-research-sandbox-444455556666/datasets/pubmed-abstracts/",
    output: "s3://northwind-research-sandbox-444455556666/models/", instanceType: "ml.g5.12xlarge", instances: 1, seconds: 96,
    failure: "ClientError: Please ensure the security groups and subnets allow access to s3.us-east-1.amazonaws.com (no route to the S3 endpoint)",
    hyper: { epochs: "3", model_name_or_path: "google/flan-t5-xl" }, by: "k.tanaka", tags: tags("research", "public", "CC-9000") },
];

// --- Plaintext secrets in job configuration (sagemaker.resource.no-plaintext-secrets) ---------
// A research sweep launched from a laptop: a Weights & Biases key passed as a hyperparameter, a
// registry token left in a tag and in the training image URI's query string. Redaction masks each
// value before sealing (the leak guard below checks that); the check FAILS on this job naming the
// field and the kind of each secret, and PASSES on every other SageMaker resource. Its other
// settings follow the research jobs above (FAILS isolation and output KMS; PASSES the rest).
const DEMO_WANDB_KEY = hex("demo:wandb-api-key", 40);
const DEMO_REGISTRY_TOKEN = `rgt-${hex("demo:registry-token", 24)}`;
TRAINING_JOBS.push({
  name: "research-llm-sweep-2026-11-26-10-12-00", account: RESEARCH, region: USE1, status: "Completed",
  role: "research-sandbox-admin", image: `ecr:research-llm-sweep:0.3?token=${DEMO_REGISTRY_TOKEN}`, ice: true, isolation: false,
  vpc: { subnets: ["default-a"], sgs: ["research-jupyter-open"] }, volumeKms: "research-sandbox",
  input: "s3://northwind-research-sandbox-444455556666/datasets/pubmed-abstracts/", output: "s3://northwind-research-sandbox-444455556666/models/",
  instanceType: "ml.g5.2xlarge", instances: 1, seconds: 2210,
  hyper: { epochs: "1", learning_rate: "3e-5", model_name_or_path: "google/flan-t5-large", wandb_project: "flan-sweep", wandb_api_key: DEMO_WANDB_KEY },
  by: "k.tanaka", tags: tags("research", "public", "CC-9000", { "registry-token": DEMO_REGISTRY_TOKEN }),
});

// sagemaker.processing-job.{inter-container-encryption,network-isolation,output-kms-encrypted}
const PROCESSING_JOBS = [
  { name: "nw-readmission-preprocess-2026-11-20-13-10-02", account: PROD, region: USE1, status: "Completed", // PASSES all three
    role: "northwind-sagemaker-training", image: "sklearn", network: { ice: true, isolation: true, vpc: { subnets: ["private-a"], sgs: ["nw-ml-training"] } },
    outputKms: "nw-ml-artifacts", volumeKms: "nw-ml-data", input: "s3://northwind-ml-training-data-111122223333/raw/encounters/2026-11/",
    output: "s3://northwind-ml-training-data-111122223333/readmission/2026-11/", instanceType: "ml.m5.xlarge", instances: 2, seconds: 822,
    by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-feature-eng-2026-11-24-07-00-14", account: PROD, region: USE1, status: "Completed", // FAILS all three (two instances exchange records in clear)
    role: "northwind-data-processing", image: "ecr:nw-claims-features:3.1.0", network: { ice: false, isolation: false },
    input: "s3://northwind-ml-training-data-111122223333/raw/claims/2026-11/", output: "s3://northwind-ml-batch-111122223333/claims-features/2026-11-24/",
    instanceType: "ml.m5.4xlarge", instances: 2, seconds: 1934, by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-eu-genomics-qc-2026-11-23-06-30-00", account: PROD, region: EUW1, status: "Completed", // FAILS isolation; PASSES inter-container, output KMS
    role: "northwind-sagemaker-training", image: "ecr:nw-variant-qc:2.3.0", network: { ice: true, isolation: false, vpc: { subnets: ["private-a"], sgs: ["nw-eu-ml-private"] } },
    outputKms: "nw-eu-ml-data", volumeKms: "nw-eu-ml-data", input: "s3://northwind-ml-eu-111122223333/raw/sequencing/run-4471/",
    output: "s3://northwind-ml-eu-111122223333/qc/run-4471/", instanceType: "ml.r5.4xlarge", seconds: 2250, by: "mlops-pipeline",
    tags: tags("genomics-eu", "phi", "CC-6210") },
  { name: "research-dataset-dedupe-2026-11-22-18-25-51", account: RESEARCH, region: USE1, status: "Failed", // FAILS isolation and output KMS (no NetworkConfig at all); inter-container NOT_APPLICABLE (one instance)
    role: "research-batch-eval", image: "sklearn", input: "s3://northwind-research-sandbox-444455556666/datasets/pubmed-abstracts/",
    output: "s3://northwind-research-sandbox-444455556666/datasets/pubmed-dedup/", instanceType: "ml.m5.2xlarge", seconds: 61,
    failure: "AlgorithmError: MemoryError in dedupe.py line 88, exit code: 1", by: "m.haddad", tags: tags("research", "public", "CC-9000") },
];

// --- Keys named by alias and AWS managed keys (supporting evidence from KMS itself) -----------------
// kms.sagemaker-key.customer-managed and the *-kms-encrypted checks: a key named by alias lands on the
// same finding as the same key named by ARN; AWS managed keys (KeyManager AWS, alias/aws/*) fail.
const AWS_MANAGED_KEYS = [
  { alias: "aws/s3", account: PROD, region: USE1, description: "Default key that protects my S3 objects when no other key is defined" },
  { alias: "aws/sagemaker", account: PROD, region: USE1, description: "Default key that protects my SageMaker data when no other key is defined" },
];
const awsManagedKeyId = (k) => uuid(`kms-aws:${k.account}:${k.region}:${k.alias}`);
const awsManagedKeyArn = (alias) => {
  const k = find(AWS_MANAGED_KEYS, "alias", alias, "AWS managed key");
  return `arn:aws:kms:${k.region}:${k.account}:key/${awsManagedKeyId(k)}`;
};
PROCESSING_JOBS.push(
  { name: "nw-phi-deid-2026-11-26-03-00-00", account: PROD, region: USE1, status: "Completed", // FAILS output KMS (the AWS managed aws/s3 key, by ARN); PASSES volume KMS (alias/nw-ml-data), inter-container, isolation
    role: "northwind-sagemaker-training", image: "sklearn", network: { ice: true, isolation: true, vpc: { subnets: ["private-a"], sgs: ["nw-ml-training"] } },
    outputKmsRef: awsManagedKeyArn("aws/s3"), volumeKmsRef: "alias/nw-ml-data", input: "s3://northwind-ml-training-data-111122223333/raw/encounters/2026-11/",
    output: "s3://northwind-ml-training-data-111122223333/deidentified/2026-11-26/", instanceType: "ml.m5.xlarge", seconds: 640,
    by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-phi-export-2026-11-25-05-00-00", account: PROD, region: USE1, status: "Completed", // FAILS volume KMS (alias/aws/sagemaker); PASSES output KMS (alias ARN of nw-ml-artifacts)
    role: "northwind-sagemaker-training", image: "sklearn", network: { ice: true, isolation: true, vpc: { subnets: ["private-a"], sgs: ["nw-ml-training"] } },
    outputKmsRef: `arn:aws:kms:${USE1}:${PROD}:alias/nw-ml-artifacts`, volumeKmsRef: "alias/aws/sagemaker", input: "s3://northwind-ml-training-data-111122223333/readmission/2026-11/",
    output: "s3://northwind-ml-artifacts-111122223333/exports/2026-11-25/", instanceType: "ml.m5.large", seconds: 410,
    by: "j.okafor", tags: tags("clinical-ml", "phi", "CC-4410") },
);

// sagemaker.transform-job.output-kms-encrypted
const TRANSFORM_JOBS = [
  { name: "nw-readmission-batch-2026-11-25-02-00-00", account: PROD, region: USE1, status: "Completed", model: "nw-readmission-xgb-v3", // PASSES
    outputKms: "nw-ml-artifacts", volumeKms: "nw-ml-data", input: "s3://northwind-ml-training-data-111122223333/scoring/2026-11-25/",
    output: "s3://northwind-ml-artifacts-111122223333/readmission-scores/2026-11-25/", instanceType: "ml.m5.xlarge", instances: 2, seconds: 940,
    by: "mlops-pipeline", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-batch-2026-11-26-03-00-00", account: PROD, region: USE1, status: "Completed", model: "nw-claims-fraud-v7", // FAILS: no KMS on output
    input: "s3://northwind-ml-batch-111122223333/claims-features/2026-11-24/", output: "s3://northwind-ml-batch-111122223333/claims-scores/2026-11-26/",
    instanceType: "ml.c5.2xlarge", instances: 1, seconds: 1501, by: "j.okafor", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-eu-churn-batch-2026-11-24-04-00-00", account: PROD, region: EUW1, status: "Completed", model: "nw-eu-churn-v2", // PASSES
    outputKms: "nw-eu-ml-data", input: "s3://northwind-ml-eu-111122223333/scoring/churn/2026-11-24/",
    output: "s3://northwind-ml-eu-111122223333/scores/churn/2026-11-24/", instanceType: "ml.m5.large", instances: 1, seconds: 402,
    by: "mlops-pipeline", tags: tags("member-services-eu", "pii", "CC-6300") },
  { name: "research-llm-batch-eval-2026-11-21-20-02-33", account: RESEARCH, region: USE1, status: "Stopped", model: "research-llm-summarizer", // FAILS: no KMS on output
    input: "s3://northwind-research-sandbox-444455556666/eval/prompts/", output: "s3://northwind-research-sandbox-444455556666/eval/outputs/",
    instanceType: "ml.g5.2xlarge", instances: 1, seconds: 5400, by: "k.tanaka", tags: tags("research", "public", "CC-9000") },
];

// sagemaker.monitoring-job.inter-container-encryption
const MONITORING_JOB_DEFINITIONS = [
  { kind: "DataQuality", name: "nw-readmission-prod-dq", account: PROD, region: USE1, endpoint: "nw-readmission-prod", ice: true, instances: 2, isolation: true, volumeKms: "nw-ml-data", // PASSES (network isolation, volume and output KMS too)
    created: "2025-06-12T09:00:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { kind: "DataQuality", name: "nw-claims-fraud-prod-dq", account: PROD, region: USE1, endpoint: "nw-claims-fraud-prod", ice: false, instances: 2, noOutputKms: true, // FAILS (two instances); FAILS network isolation, volume and output KMS
    created: "2025-11-05T09:00:00Z", tags: tags("claims-analytics", "pii", "CC-5120") },
  { kind: "ModelQuality", name: "nw-triage-prod-mq", account: PROD, region: USE1, endpoint: "nw-triage-prod", ice: true, // PASSES inter-container, output KMS; FAILS network isolation, volume KMS
    created: "2026-09-04T09:00:00Z", problemType: "MulticlassClassification", tags: tags("clinical-ml", "phi", "CC-4410") },
  { kind: "ModelQuality", name: "nw-sepsis-ew-prod-mq", account: PROD, region: USE1, endpoint: "nw-sepsis-ew-prod", ice: false, // never scheduled, judged as a definition: NOT_APPLICABLE inter-container (one instance); FAILS network isolation, volume KMS
    created: "2026-11-21T17:30:00Z", by: "mlops-pipeline", problemType: "BinaryClassification", tags: tags("clinical-ml", "phi", "CC-4410") },
  { kind: "DataQuality", name: "nw-eu-genomics-prod-dq", account: PROD, region: EUW1, endpoint: "nw-eu-genomics-prod", ice: true, volumeKms: "nw-eu-ml-data", // NOT_APPLICABLE inter-container (one instance); PASSES volume KMS
    created: "2026-10-21T09:00:00Z", tags: tags("genomics-eu", "phi", "CC-6210") },
];
const MONITORING_SCHEDULES = [
  { name: "nw-readmission-prod-dq-schedule", account: PROD, region: USE1, definition: "nw-readmission-prod-dq", status: "Scheduled",
    created: "2025-06-12T09:05:00Z", cron: "cron(0 * ? * * *)", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-prod-dq-schedule", account: PROD, region: USE1, definition: "nw-claims-fraud-prod-dq", status: "Stopped", // stopped before the window
    created: "2025-11-05T09:05:00Z", modified: "2026-10-02T18:20:00Z", cron: "cron(0 * ? * * *)", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-triage-prod-mq-schedule", account: PROD, region: USE1, definition: "nw-triage-prod-mq", status: "Scheduled",
    created: "2026-09-04T09:05:00Z", cron: "cron(0 0 ? * * *)", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-eu-genomics-prod-dq-schedule", account: PROD, region: EUW1, definition: "nw-eu-genomics-prod-dq", status: "Scheduled", // its executions fail: the monitor role lost access to the capture bucket
    failure: "ClientError: Access Denied (403) reading s3://northwind-ml-eu-111122223333/datacapture/nw-eu-genomics-prod",
    created: "2026-10-21T09:05:00Z", cron: "cron(0 */6 ? * * *)", tags: tags("genomics-eu", "phi", "CC-6210") },
];

// --- CloudTrail ----------------------------------------------------------------------------------
// cloudtrail.{multi-region-logging,log-file-validation,kms-encrypted,management-events-captured,cloudwatch-logs-integration}
const TRAILS = [
  { name: "nw-org-audit-trail", account: PROD, home: USE1, multiRegion: true, // PASSES everything; listed as a shadow trail in eu-west-1 too
    logging: true, validation: true, kms: "cloudtrail", cloudWatch: true, bucket: "northwind-cloudtrail-logs-111122223333", prefix: "audit",
    selectors: { classic: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] },
    loggingSince: "2024-01-15T10:00:00Z" },
  { name: "nw-eu-data-events", account: PROD, home: EUW1, multiRegion: false, // FAILS validation, KMS, CloudWatch; PASSES management events (advanced selectors)
    logging: true, validation: false, bucket: "northwind-cloudtrail-eu-111122223333",
    selectors: { advanced: [
      { Name: "Management events", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] },
      { Name: "S3 data events on the EU ML bucket", FieldSelectors: [
        { Field: "eventCategory", Equals: ["Data"] }, { Field: "resources.type", Equals: ["AWS::S3::Object"] },
        { Field: "resources.ARN", StartsWith: ["arn:aws:s3:::northwind-ml-eu-111122223333/"] }] },
    ] },
    loggingSince: "2024-05-06T10:00:00Z" },
  { name: "research-sandbox-trail", account: RESEARCH, home: USE1, multiRegion: false, // FAILS everything: single-region, stopped (StopLogging in the window), no KMS, no validation, WriteOnly, no CloudWatch
    logging: false, stoppedAt: "2026-11-24T22:41:07Z", validation: false, bucket: "northwind-research-trail-444455556666",
    selectors: { classic: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] },
    loggingSince: "2025-08-30T14:10:00Z" },
  { name: "research-all-regions", account: RESEARCH, home: USE1, multiRegion: true, // FAILS multi-region-logging: logging, but delivery to its bucket fails (bucket policy replaced); PASSES validation, management events
    logging: true, validation: true, bucket: "northwind-research-all-regions-444455556666", deliveryError: "AccessDenied", lastDelivery: "2026-11-19T03:12:44Z",
    selectors: { classic: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] },
    loggingSince: "2026-02-02T09:00:00Z" },
];

// --- AWS Config ----------------------------------------------------------------------------------
// config.recorder-recording
const RECORDERS = [
  { account: PROD, region: USE1, recording: true, lastStatus: "SUCCESS", globalTypes: true, since: "2024-01-15T10:30:00Z" }, // PASSES
  // FAILS: recording, but its recording group excludes security groups (cost cutting); their items say ResourceNotRecorded
  { account: PROD, region: EUW1, recording: true, lastStatus: "SUCCESS", globalTypes: false, since: "2024-05-06T10:30:00Z", excluded: ["AWS::EC2::SecurityGroup"] },
  // FAILS: the recorder exists but was stopped on 2026-10-28 (before the window); its configuration items are from then.
  { account: RESEARCH, region: USE1, recording: false, lastStatus: "SUCCESS", globalTypes: true, since: "2025-08-30T14:20:00Z", stoppedAt: "2026-10-28T19:02:11Z" },
];
/** Last time each account's recorder captured configuration items (RESEARCH: frozen since it stopped). */
const CONFIG_CAPTURED = { [PROD]: "2026-11-27T07:14:09Z", [RESEARCH]: "2026-10-28T18:55:40Z" };

/** Managed rules as a user deploys them, in the production account only (the sandbox has none). */
const CONFIG_RULES = [
  { name: "sagemaker-notebook-no-direct-internet-access", identifier: "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS",
    resourceType: "AWS::SageMaker::NotebookInstance", resources: () => NOTEBOOKS, id: (nb) => nb.name, compliant: (nb) => nb.directInternet === "Disabled" },
  { name: "sagemaker-notebook-instance-kms-key-configured", identifier: "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED",
    resourceType: "AWS::SageMaker::NotebookInstance", resources: () => NOTEBOOKS, id: (nb) => nb.name, compliant: (nb) => Boolean(nb.kms) },
  { name: "sagemaker-endpoint-configuration-kms-key-configured", identifier: "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED",
    resourceType: "AWS::SageMaker::EndpointConfig", resources: () => ENDPOINT_CONFIGS, id: (ec) => ec.name, compliant: (ec) => Boolean(ec.kms) },
  { name: "cloudtrail-log-file-validation-enabled", identifier: "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED",
    resourceType: "AWS::CloudTrail::Trail", resources: () => TRAILS.map((t) => ({ ...t, region: t.home })), id: (t) => t.name, compliant: (t) => t.validation },
];
const CONFIG_RULE_SCOPES = [`${PROD}/${USE1}`, `${PROD}/${EUW1}`];
const CONFIG_EVALUATED_AT = "2026-11-27T03:12:44Z";
/** Verdicts that disagree with the evidence: exactly one, a stale evaluation of a notebook recreated since. */
const STALE_VERDICTS = [
  { rule: "sagemaker-notebook-no-direct-internet-access", resourceId: "nw-claims-eda-nb", compliance: "COMPLIANT", evaluatedAt: "2026-11-24T03:12:41Z" },
];

// --- Evidence gaps -------------------------------------------------------------------------------
const GAPS = [
  { source: "sagemaker", operation: "ListModelPackageGroups", account: RESEARCH, region: USE1, params: { MaxResults: 100 },
    error: { code: "AccessDeniedException",
      message: `User: arn:aws:sts::${RESEARCH}:assumed-role/sageaudit-reader/sageaudit is not authorized to perform: sagemaker:ListModelPackageGroups on resource: arn:aws:sagemaker:us-east-1:${RESEARCH}:model-package-group/* with an explicit deny in a service control policy` } },
];

// --- Who does what (CloudTrail) ------------------------------------------------------------------
const SSO_PATH = "/aws-reserved/sso.amazonaws.com/";
const AGENTS = {
  console: "AWS Internal",
  python: "Boto3/1.35.62 md/Botocore#1.35.62 ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.11.10 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.62 sagemaker-python-sdk/2.235.2",
  cli: "aws-cli/2.22.4 md/awscrt#0.22.0 ua/2.0 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off",
  js: "aws-sdk-js/3.712.0 ua/2.1 os/linux#6.1.115-126.197.amzn2023.x86_64 lang/js md/nodejs#20.18.1 m/E,N sageaudit/0.1.0",
};
const PRINCIPALS = {
  "dr.chen": { role: "AWSReservedSSO_MLEngineer_7c1d2e3f4a5b6c7d", path: SSO_PATH, session: "dr.chen@northwindhealth.example", ip: "203.0.113.24", agent: "console" },
  "j.okafor": { role: "AWSReservedSSO_MLEngineer_7c1d2e3f4a5b6c7d", path: SSO_PATH, session: "j.okafor@northwindhealth.example", ip: "203.0.113.57", agent: "python" },
  "l.moreau": { role: "AWSReservedSSO_MLEngineer_7c1d2e3f4a5b6c7d", path: SSO_PATH, session: "l.moreau@northwindhealth.example", ip: "192.0.2.31", agent: "console" },
  "a.rivera": { role: "AWSReservedSSO_PlatformAdmin_2b9e4f1a0c3d5e7f", path: SSO_PATH, session: "a.rivera@northwindhealth.example", ip: "198.51.100.14", agent: "cli" },
  "mlops-pipeline": { role: "nw-mlops-pipeline", path: "/", session: "codebuild-nw-ml-pipeline", ip: "3.231.118.42", agent: "python" },
  "k.tanaka": { role: "AWSReservedSSO_ResearchSandbox_5d8c2a7e1f4b9036", path: SSO_PATH, session: "k.tanaka@northwindhealth.example", ip: "198.51.100.88", agent: "console" },
  "m.haddad": { role: "AWSReservedSSO_ResearchSandbox_5d8c2a7e1f4b9036", path: SSO_PATH, session: "m.haddad@northwindhealth.example", ip: "198.51.100.91", agent: "python" },
  sageaudit: { role: "sageaudit-reader", path: "/", session: "sageaudit", ip: "44.205.18.93", agent: "js" },
};
/** Who generates the read-only noise in each account (weights by repetition). */
const NOISE_PRINCIPALS = {
  [PROD]: ["sageaudit", "sageaudit", "sageaudit", "sageaudit", "dr.chen", "j.okafor", "a.rivera", "mlops-pipeline", "mlops-pipeline"],
  [RESEARCH]: ["sageaudit", "sageaudit", "sageaudit", "k.tanaka", "k.tanaka", "m.haddad"],
};
/** Events per account-region (explicit activity + Create events + read-only noise up to this total). */
const EVENT_TARGETS = { [`${PROD}/${USE1}`]: 150, [`${PROD}/${EUW1}`]: 75, [`${RESEARCH}/${USE1}`]: 65 };


/**
 * Changes other than creations, and the suspicious events the activity checks look for.
 * activity.audit-logging-tampering and activity.monitoring-disabled: only the research account has them.
 */
const ACTIVITY = [
  // production, us-east-1
  { account: PROD, region: USE1, at: "2026-11-21T10:14:52Z", by: "a.rivera", source: "iam", event: "PutRolePolicy",
    resource: ["AWS::IAM::Role", "northwind-legacy-ml-admin"],
    request: { roleName: "northwind-legacy-ml-admin", policyName: "break-glass-all", policyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) } },
  { account: PROD, region: USE1, at: "2026-11-21T13:12:40Z", by: "j.okafor", source: "ec2", event: "AuthorizeSecurityGroupIngress",
    resource: ["AWS::EC2::SecurityGroup", "sg-0d3f5a7c9e1b20003"],
    request: { groupId: "sg-0d3f5a7c9e1b20003", ipPermissions: { items: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, ipRanges: { items: [{ cidrIp: "0.0.0.0/0" }] } }] } },
    response: { _return: true } },
  { account: PROD, region: USE1, at: "2026-11-22T10:49:55Z", by: "j.okafor", source: "sagemaker", event: "UpdateEndpoint",
    resource: ["AWS::SageMaker::Endpoint", "nw-claims-fraud-prod"], request: { endpointName: "nw-claims-fraud-prod", endpointConfigName: "nw-claims-fraud-prod-config-v7" },
    response: { endpointArn: `arn:aws:sagemaker:us-east-1:${PROD}:endpoint/nw-claims-fraud-prod` } },
  { account: PROD, region: USE1, at: "2026-11-22T14:03:31Z", by: "a.rivera", source: "kms", event: "DisableKeyRotation",
    resource: ["AWS::KMS::Key", keyArn("nw-ml-artifacts")], request: { keyId: keyArn("nw-ml-artifacts") } },
  { account: PROD, region: USE1, at: "2026-11-23T08:41:02Z", by: "dr.chen", source: "sagemaker", event: "UpdateNotebookInstance",
    resource: ["AWS::SageMaker::NotebookInstance", "nw-clinical-nlp-nb"], request: { notebookInstanceName: "nw-clinical-nlp-nb", instanceType: "ml.t3.xlarge" } },
  { account: PROD, region: USE1, at: "2026-11-23T11:02:17Z", by: "dr.chen", source: "sagemaker", event: "StopTrainingJob",
    resource: ["AWS::SageMaker::TrainingJob", "nw-triage-bert-finetune-2026-11-23-08-30-00"], request: { trainingJobName: "nw-triage-bert-finetune-2026-11-23-08-30-00" } },
  { account: PROD, region: USE1, at: "2026-11-23T19:44:10Z", by: "j.okafor", source: "s3", event: "DeleteBucketEncryption",
    resource: ["AWS::S3::Bucket", "northwind-ml-datacapture-111122223333"], request: { bucketName: "northwind-ml-datacapture-111122223333", Host: "northwind-ml-datacapture-111122223333.s3.us-east-1.amazonaws.com", encryption: "" } },
  { account: PROD, region: USE1, at: "2026-11-24T15:32:40Z", by: "mlops-pipeline", source: "sagemaker", event: "UpdateEndpoint",
    resource: ["AWS::SageMaker::Endpoint", "nw-readmission-prod"], request: { endpointName: "nw-readmission-prod", endpointConfigName: "nw-readmission-prod-config-v3" },
    response: { endpointArn: `arn:aws:sagemaker:us-east-1:${PROD}:endpoint/nw-readmission-prod` } },
  { account: PROD, region: USE1, at: "2026-11-24T16:02:10Z", by: "a.rivera", source: "sagemaker", event: "UpdateDomain",
    resource: ["AWS::SageMaker::Domain", "d-8xq2mzk4v7ht"],
    request: { domainId: "d-8xq2mzk4v7ht", defaultUserSettings: { sharingSettings: { notebookOutputOption: "Disabled" } } },
    response: { domainArn: `arn:aws:sagemaker:us-east-1:${PROD}:domain/d-8xq2mzk4v7ht` } },
  { account: PROD, region: USE1, at: "2026-11-25T09:51:40Z", by: "j.okafor", source: "sagemaker", event: "StopNotebookInstance",
    resource: ["AWS::SageMaker::NotebookInstance", "nw-claims-eda-nb"], request: { notebookInstanceName: "nw-claims-eda-nb" } },
  { account: PROD, region: USE1, at: "2026-11-25T09:58:03Z", by: "j.okafor", source: "sagemaker", event: "DeleteNotebookInstance", // recreated with internet access at 10:12
    resource: ["AWS::SageMaker::NotebookInstance", "nw-claims-eda-nb"], request: { notebookInstanceName: "nw-claims-eda-nb" } },
  // production, eu-west-1
  { account: PROD, region: EUW1, at: "2026-11-22T09:57:44Z", by: "l.moreau", source: "sagemaker", event: "UpdateNotebookInstance",
    resource: ["AWS::SageMaker::NotebookInstance", "nw-eu-genomics-nb"], request: { notebookInstanceName: "nw-eu-genomics-nb", rootAccess: "Enabled" } },
  { account: PROD, region: EUW1, at: "2026-11-22T14:31:00Z", by: "a.rivera", source: "kms", event: "ScheduleKeyDeletion",
    resource: ["AWS::KMS::Key", keyArn("nw-eu-legacy-notebooks")], request: { keyId: keyArn("nw-eu-legacy-notebooks"), pendingWindowInDays: 30 },
    response: { keyId: keyArn("nw-eu-legacy-notebooks"), deletionDate: "Dec 22, 2026, 2:31:00 PM", keyState: "PendingDeletion", pendingWindowInDays: 30 } },
  { account: PROD, region: USE1, at: "2026-11-26T09:12:00Z", by: "a.rivera", source: "cloudtrail", event: "UpdateTrail", // changes the SNS topic only: not a reduction of coverage
    resource: ["AWS::CloudTrail::Trail", `arn:aws:cloudtrail:us-east-1:${PROD}:trail/nw-org-audit-trail`],
    request: { name: "nw-org-audit-trail", snsTopicName: "nw-audit-notifications" } },
  // research, us-east-1
  { account: RESEARCH, region: USE1, at: "2026-11-22T08:15:30Z", by: "k.tanaka", source: "cloudtrail", event: "PutEventSelectors", // FAILS tampering: read events dropped
    resource: ["AWS::CloudTrail::Trail", `arn:aws:cloudtrail:us-east-1:${RESEARCH}:trail/research-sandbox-trail`],
    request: { trailName: "research-sandbox-trail", eventSelectors: [{ readWriteType: "WriteOnly", includeManagementEvents: true, dataResources: [], excludeManagementEventSources: [] }] } },
  { account: RESEARCH, region: USE1, at: "2026-11-25T01:03:12Z", by: "m.haddad", source: "cloudtrail", event: "DeleteTrail", // an attempt: refused, reported as such
    resource: ["AWS::CloudTrail::Trail", `arn:aws:cloudtrail:us-east-1:${RESEARCH}:trail/research-all-regions`],
    request: { name: "research-all-regions" }, errorCode: "AccessDenied", errorMessage: `User: arn:aws:sts::${RESEARCH}:assumed-role/AWSReservedSSO_ResearchSandbox_5d8c2a7e1f4b9036/m.haddad@northwindhealth.example is not authorized to perform: cloudtrail:DeleteTrail` },
  { account: RESEARCH, region: USE1, at: "2026-11-21T12:30:09Z", by: "k.tanaka", source: "sagemaker", event: "CreateMonitoringSchedule",
    resource: ["AWS::SageMaker::MonitoringSchedule", "research-llm-summarizer-ep-dq-schedule"],
    request: { monitoringScheduleName: "research-llm-summarizer-ep-dq-schedule", monitoringScheduleConfig: { scheduleConfig: { scheduleExpression: "cron(0 * ? * * *)" }, monitoringJobDefinitionName: "research-llm-summarizer-ep-dq", monitoringType: "DataQuality" } },
    response: { monitoringScheduleArn: `arn:aws:sagemaker:us-east-1:${RESEARCH}:monitoring-schedule/research-llm-summarizer-ep-dq-schedule` } },
  { account: RESEARCH, region: USE1, at: "2026-11-23T17:05:29Z", by: "k.tanaka", source: "sagemaker", event: "DeleteMonitoringSchedule", // FAILS activity.monitoring-disabled
    resource: ["AWS::SageMaker::MonitoringSchedule", "research-llm-summarizer-ep-dq-schedule"], request: { monitoringScheduleName: "research-llm-summarizer-ep-dq-schedule" } },
  { account: RESEARCH, region: USE1, at: "2026-11-24T22:41:07Z", by: "k.tanaka", source: "cloudtrail", event: "StopLogging", // FAILS activity.audit-logging-tampering
    resource: ["AWS::CloudTrail::Trail", `arn:aws:cloudtrail:us-east-1:${RESEARCH}:trail/research-sandbox-trail`],
    request: { name: `arn:aws:cloudtrail:us-east-1:${RESEARCH}:trail/research-sandbox-trail` } },
  { account: RESEARCH, region: USE1, at: "2026-11-27T06:00:41Z", by: "sageaudit", source: "sagemaker", event: "ListModelPackageGroups", readOnly: true, // the gap, as CloudTrail saw it
    request: { maxResults: 100 }, errorCode: "AccessDenied", errorMessage: GAPS[0].error.message },
];

// ---------------------------------------------------------------------------------------------
// References between the tables
// ---------------------------------------------------------------------------------------------

function find(list, key, value, what) {
  const found = list.find((x) => x[key] === value);
  if (!found) throw new Error(`demo estate: unknown ${what} "${value}"`);
  return found;
}
function kmsKeyId(k) {
  return uuid(`kms:${k.account}:${k.region}:${k.alias}`);
}
function keyArn(alias) {
  const k = find(KMS_KEYS, "alias", alias, "KMS key");
  return `arn:aws:kms:${k.region}:${k.account}:key/${kmsKeyId(k)}`;
}
const roleArn = (name) => `arn:aws:iam::${find(ROLES, "name", name, "IAM role").account}:role/${name}`;
const roleId = (account, name) => iamId("AROA", `role:${account}:${name}`);
const sgId = (name) => find(SECURITY_GROUPS, "name", name, "security group").id;
const network = (e) => NETWORK[`${e.account}/${e.region}`];
const subnetId = (e, name) => {
  const id = network(e).subnets[name];
  if (!id) throw new Error(`demo estate: unknown subnet "${name}" in ${e.account}/${e.region}`);
  return id;
};
const vpcConfig = (e, v) => (v ? { SecurityGroupIds: v.sgs.map(sgId), Subnets: v.subnets.map((s) => subnetId(e, s)) } : undefined);
const smArn = (e, kind, name) => `arn:aws:sagemaker:${e.region}:${e.account}:${kind}/${name.toLowerCase()}`;
const inScope = (list, s) => list.filter((e) => e.account === s.account && e.region === s.region);
const inWindow = (t) => t !== undefined && ms(t) >= ms(WINDOW_START) && ms(t) < ms(COLLECTED_AT);
/** Training/processing/transform job names end with their creation time: …-YYYY-MM-DD-HH-MM-SS. */
const jobCreated = (job) => {
  const m = /(\d{4})-(\d{2})-(\d{2})-(\d{2})-(\d{2})-(\d{2})$/.exec(job.name);
  if (!m) throw new Error(`demo estate: job name without a timestamp: ${job.name}`);
  return iso(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
};
const bucketOf = (uri) => /^s3:\/\/([^/]+)/.exec(uri)[1];

const MONITOR_ACCOUNT = { [USE1]: "156813124566", [EUW1]: "468650794304" };
function image(e, ref) {
  if (ref.startsWith("ecr:")) return `${e.account}.dkr.ecr.${e.region}.amazonaws.com/${ref.slice(4)}`;
  if (ref.startsWith("registry:")) return `registry.ml.northwindhealth.internal:5000/${ref.slice(9)}`; // a private registry inside the VPC
  const dlc = `763104351884.dkr.ecr.${e.region}.amazonaws.com`;
  const builtin = e.region === EUW1 ? "141502667606" : "683313688378";
  const images = {
    xgboost: `${builtin}.dkr.ecr.${e.region}.amazonaws.com/sagemaker-xgboost:1.7-1`,
    sklearn: `${builtin}.dkr.ecr.${e.region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3`,
    "hf-training": `${dlc}/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04`,
    "hf-inference": `${dlc}/huggingface-pytorch-inference:2.1.0-transformers4.37.0-gpu-py310-cu118-ubuntu20.04`,
    "hf-tgi": `${dlc}/huggingface-pytorch-tgi-inference:2.4.0-tgi2.4.0-gpu-py311-cu124-ubuntu22.04`,
    "model-monitor": `${MONITOR_ACCOUNT[e.region]}.dkr.ecr.${e.region}.amazonaws.com/sagemaker-model-monitor-analyzer`,
  };
  if (!images[ref]) throw new Error(`demo estate: unknown image "${ref}"`);
  return images[ref];
}

// ---------------------------------------------------------------------------------------------
// Evidence records
// ---------------------------------------------------------------------------------------------

const records = [];
/** Counts of calls, for the summary printed at the end. */
const calls = new Map();

function emit(source, operation, scope, params, response) {
  const { value, redactions } = redact(clean(response));
  records.push(sealEvidence({ source, operation, account: scope.account, region: scope.region, params: clean(params), collectedAt: COLLECTED_AT, response: value, redactions }));
  calls.set(`${source}:${operation}`, (calls.get(`${source}:${operation}`) ?? 0) + 1);
}

function emitError(source, operation, scope, params, error) {
  records.push(sealEvidence({ source, operation, account: scope.account, region: scope.region, params: clean(params), collectedAt: COLLECTED_AT, error }));
  calls.set(`${source}:${operation}`, (calls.get(`${source}:${operation}`) ?? 0) + 1);
}

/** A paginated list call: one record per page, NextToken in the params of page 2+ and in every non-final response. */
function emitPages(source, operation, scope, params, listKey, items, pageSize = 100) {
  const seed = `${source}:${operation}:${scope.account}:${scope.region}:${JSON.stringify(params)}`;
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  for (let page = 0; page < pages; page++) {
    const pageParams = page === 0 ? params : { ...params, NextToken: token(`${seed}#${page}`) };
    const last = page === pages - 1;
    emit(source, operation, scope, pageParams, {
      [listKey]: items.slice(page * pageSize, (page + 1) * pageSize),
      ...(last ? {} : { NextToken: token(`${seed}#${page + 1}`) }),
    });
  }
}

const newestFirst = (a, b) => ms(b.CreationTime) - ms(a.CreationTime) || (a.name ?? "").localeCompare(b.name ?? "");

// ---------------------------------------------------------------------------------------------
// SageMaker API shapes
// ---------------------------------------------------------------------------------------------

function describeNotebook(nb) {
  const modified = nb.modified ?? plus(nb.created, 412);
  return {
    NotebookInstanceArn: smArn(nb, "notebook-instance", nb.name),
    NotebookInstanceName: nb.name,
    NotebookInstanceStatus: nb.status,
    Url: `${nb.name}.notebook.${nb.region}.sagemaker.aws`,
    InstanceType: nb.instanceType,
    SubnetId: nb.subnet ? subnetId(nb, nb.subnet) : undefined,
    SecurityGroups: nb.sgs ? nb.sgs.map(sgId) : undefined,
    RoleArn: roleArn(nb.role),
    KmsKeyId: nb.kms ? keyArn(nb.kms) : undefined,
    NetworkInterfaceId: nb.subnet && nb.status === "InService" ? `eni-0${hex(`eni:${nb.name}`, 16)}` : undefined,
    LastModifiedTime: iso(modified),
    CreationTime: iso(nb.created),
    NotebookInstanceLifecycleConfigName: nb.lifecycleConfig,
    DirectInternetAccess: nb.directInternet,
    VolumeSizeInGB: nb.volumeGb,
    AcceleratorTypes: [],
    AdditionalCodeRepositories: [],
    RootAccess: nb.rootAccess,
    PlatformIdentifier: nb.platform,
    InstanceMetadataServiceConfiguration: { MinimumInstanceMetadataServiceVersion: nb.platform === "notebook-al1-v1" ? "1" : "2" },
  };
}
const notebookSummary = (d) => ({
  NotebookInstanceName: d.NotebookInstanceName, NotebookInstanceArn: d.NotebookInstanceArn, NotebookInstanceStatus: d.NotebookInstanceStatus,
  Url: d.Url, InstanceType: d.InstanceType, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime,
  NotebookInstanceLifecycleConfigName: d.NotebookInstanceLifecycleConfigName,
});

function describeDomain(d) {
  const sso = d.authMode === "SSO";
  const ssoInstance = `ssoins-${hex(`sso:${d.account}`, 16)}`;
  const userSettings = { ExecutionRole: roleArn(d.executionRole), SecurityGroups: d.sgs.map(sgId) };
  return {
    DomainArn: smArn(d, "domain", d.id),
    DomainId: d.id,
    DomainName: d.name,
    HomeEfsFileSystemId: d.efs,
    SingleSignOnManagedApplicationInstanceId: sso ? `ins-${hex(`ssoapp:${d.id}`, 16)}` : undefined,
    SingleSignOnApplicationArn: sso ? `arn:aws:sso::${d.account}:application/${ssoInstance}/apl-${hex(`apl:${d.id}`, 16)}` : undefined,
    Status: "InService",
    CreationTime: iso(d.created),
    LastModifiedTime: iso(d.modified ?? plus(d.created, 1260)),
    AuthMode: d.authMode,
    DefaultUserSettings: { ...userSettings, SharingSettings: { NotebookOutputOption: "Disabled" }, StudioWebPortal: "ENABLED", DefaultLandingUri: "studio::" },
    AppNetworkAccessType: d.network,
    DomainSettings: d.docker ? { DockerSettings: { EnableDockerAccess: d.docker } } : undefined,
    HomeEfsFileSystemKmsKeyId: d.kms ? keyArn(d.kms) : undefined,
    SubnetIds: d.subnets.map((s) => subnetId(d, s)),
    Url: `https://${d.id}.studio.${d.region}.sagemaker.aws`,
    VpcId: network(d).vpc,
    KmsKeyId: d.kms ? keyArn(d.kms) : undefined,
    AppSecurityGroupManagement: d.network === "VpcOnly" ? "Service" : undefined,
    TagPropagation: "DISABLED",
    // issue 12 part C: idle shutdown for shared JupyterLab spaces (sagemaker.space.idle-shutdown).
    DefaultSpaceSettings: d.spaceIdle ? { ...userSettings, JupyterLabAppSettings: { AppLifecycleManagement: { IdleSettings: { LifecycleManagement: "ENABLED", IdleTimeoutInMinutes: 120 } } } } : userSettings,
  };
}
const domainSummary = (d) => ({
  DomainArn: d.DomainArn, DomainId: d.DomainId, DomainName: d.DomainName, Status: d.Status, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime, Url: d.Url,
});

const profileDomain = (p) => find(DOMAINS, "id", p.domain, "domain");
function describeUserProfile(p) {
  const d = profileDomain(p);
  return {
    DomainId: d.id,
    UserProfileArn: smArn(d, "user-profile", `${d.id}/${p.name}`),
    UserProfileName: p.name,
    HomeEfsFileSystemUid: String(200000 + (parseInt(hex(`uid:${p.name}`, 4), 16) % 9000)),
    Status: "InService",
    LastModifiedTime: iso(plus(p.created, 95)),
    CreationTime: iso(p.created),
    SingleSignOnUserIdentifier: p.ssoUser ? "UserName" : undefined,
    SingleSignOnUserValue: p.ssoUser,
    UserSettings: {
      ...(p.executionRole ? { ExecutionRole: roleArn(p.executionRole) } : {}),
      ...(p.sharing ? { SharingSettings: p.sharing } : {}),
      ...(p.sharingKms ? { SharingSettings: { NotebookOutputOption: "Allowed", S3OutputPath: "s3://northwind-ml-artifacts-111122223333/shared-notebooks/", S3KmsKeyId: keyArn(p.sharingKms) } } : {}),
    },
  };
}

const packageGroup = (pkg) => find(MODEL_PACKAGE_GROUPS, "name", pkg.group, "model package group");
const packageArn = (group, version) => smArn(find(MODEL_PACKAGE_GROUPS, "name", group, "model package group"), "model-package", `${group}/${version}`);
const findPackage = (group, version) => {
  const pkg = MODEL_PACKAGES.find((p) => p.group === group && p.version === version);
  if (!pkg) throw new Error(`demo estate: unknown model package ${group}/${version}`);
  return pkg;
};
const principalArn = (key, account) => {
  const p = PRINCIPALS[key];
  return `arn:aws:sts::${account}:assumed-role/${p.role}/${p.session}`;
};

function describeModelPackageGroup(g) {
  return {
    ModelPackageGroupName: g.name,
    ModelPackageGroupArn: smArn(g, "model-package-group", g.name),
    ModelPackageGroupDescription: g.description,
    CreationTime: iso(g.created),
    CreatedBy: { IamIdentity: { Arn: principalArn("mlops-pipeline", g.account), PrincipalId: `${roleId(g.account, "nw-mlops-pipeline")}:codebuild-nw-ml-pipeline` } },
    ModelPackageGroupStatus: "Completed",
  };
}

function describeModelPackage(pkg) {
  const g = packageGroup(pkg);
  const pipeline = { IamIdentity: { Arn: principalArn("mlops-pipeline", g.account), PrincipalId: `${roleId(g.account, "nw-mlops-pipeline")}:codebuild-nw-ml-pipeline` } };
  const reviewer = { IamIdentity: { Arn: principalArn("dr.chen", g.account), PrincipalId: `${roleId(g.account, PRINCIPALS["dr.chen"].role)}:${PRINCIPALS["dr.chen"].session}` } };
  const img = image(g, pkg.image);
  return {
    ModelPackageName: g.name,
    ModelPackageGroupName: g.name,
    ModelPackageVersion: pkg.version,
    ModelPackageArn: packageArn(pkg.group, pkg.version),
    ModelPackageDescription: `${g.description}, version ${pkg.version}`,
    CreationTime: iso(pkg.created),
    InferenceSpecification: {
      Containers: [{ Image: img, ImageDigest: `sha256:${sha(`digest:${img}`)}`, ModelDataUrl: pkg.data }],
      SupportedTransformInstanceTypes: ["ml.m5.xlarge"],
      SupportedRealtimeInferenceInstanceTypes: ["ml.m5.xlarge", "ml.m5.2xlarge", "ml.g5.xlarge"],
      SupportedContentTypes: ["application/json"],
      SupportedResponseMIMETypes: ["application/json"],
    },
    ModelPackageStatus: "Completed",
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: false,
    ModelApprovalStatus: pkg.approval,
    CreatedBy: pipeline,
    MetadataProperties: { GeneratedBy: `arn:aws:sagemaker:${g.region}:${g.account}:pipeline/nw-${pkg.group.replace(/^nw-/, "")}-train/execution/${hex(`exec:${pkg.group}:${pkg.version}`, 12)}` },
    LastModifiedTime: iso(pkg.approvedAt ?? pkg.created),
    LastModifiedBy: pkg.approvedAt ? reviewer : pipeline,
    ApprovalDescription: pkg.rejection ?? (pkg.approval === "Approved" ? "Validated by the clinical ML review board" : undefined),
  };
}
const modelPackageSummary = (d) => ({
  ModelPackageName: d.ModelPackageName, ModelPackageGroupName: d.ModelPackageGroupName, ModelPackageVersion: d.ModelPackageVersion,
  ModelPackageArn: d.ModelPackageArn, ModelPackageDescription: d.ModelPackageDescription, CreationTime: d.CreationTime,
  ModelPackageStatus: d.ModelPackageStatus, ModelApprovalStatus: d.ModelApprovalStatus,
});

function modelContainer(m) {
  if (m.modelPackage) {
    return { ModelPackageName: packageArn(m.modelPackage.group, m.modelPackage.version), Environment: m.env, Mode: "SingleModel" };
  }
  return { Image: image(m, m.image), ImageConfig: m.registry ? { RepositoryAccessMode: m.registry } : undefined, Mode: "SingleModel", ModelDataUrl: m.data, Environment: m.env };
}
function describeModel(m) {
  return {
    ModelName: m.name,
    PrimaryContainer: modelContainer(m),
    ExecutionRoleArn: roleArn(m.role),
    VpcConfig: vpcConfig(m, m.vpc),
    CreationTime: iso(m.created),
    ModelArn: smArn(m, "model", m.name),
    EnableNetworkIsolation: m.isolation,
  };
}
/** The image a model actually runs (its own, or its model package's). */
function modelImage(m) {
  if (!m.modelPackage) return image(m, m.image);
  return image(m, findPackage(m.modelPackage.group, m.modelPackage.version).image);
}

function describeEndpointConfig(ec) {
  return {
    EndpointConfigName: ec.name,
    EndpointConfigArn: smArn(ec, "endpoint-config", ec.name),
    ProductionVariants: [{ VariantName: "AllTraffic", ModelName: ec.model, InitialInstanceCount: ec.count, InstanceType: ec.instanceType, InitialVariantWeight: 1 }],
    DataCaptureConfig: ec.capture
      ? {
          EnableCapture: true,
          InitialSamplingPercentage: ec.capture.sampling,
          DestinationS3Uri: ec.capture.uri,
          KmsKeyId: ec.capture.kms ? keyArn(ec.capture.kms) : undefined,
          CaptureOptions: [{ CaptureMode: "Input" }, { CaptureMode: "Output" }],
          CaptureContentTypeHeader: { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] },
        }
      : undefined,
    KmsKeyId: ec.kms ? keyArn(ec.kms) : undefined,
    AsyncInferenceConfig: ec.async
      ? { ClientConfig: { MaxConcurrentInvocationsPerInstance: 4 }, OutputConfig: { S3OutputPath: ec.async.output, KmsKeyId: ec.async.kms ? keyArn(ec.async.kms) : undefined } }
      : undefined,
    CreationTime: iso(ec.created),
  };
}

function describeEndpoint(ep) {
  const ec = find(ENDPOINT_CONFIGS, "name", ep.config, "endpoint config");
  const model = find(MODELS, "name", ec.model, "model");
  const specified = modelImage(model);
  const deployedAt = ep.modified ?? plus(ep.created, 420);
  return {
    EndpointName: ep.name,
    EndpointArn: smArn(ep, "endpoint", ep.name),
    EndpointConfigName: ec.name,
    ProductionVariants: [{
      VariantName: "AllTraffic",
      DeployedImages: [{ SpecifiedImage: specified, ResolvedImage: `${specified.replace(/:[^:/]+$/, "")}@sha256:${sha(`digest:${specified}`)}`, ResolutionTime: iso(plus(deployedAt, -390)) }],
      CurrentWeight: 1, DesiredWeight: 1, CurrentInstanceCount: ec.count, DesiredInstanceCount: ec.count,
    }],
    DataCaptureConfig: ec.capture
      ? {
          EnableCapture: true, CaptureStatus: ep.captureStatus ?? "Started", CurrentSamplingPercentage: ec.capture.sampling,
          DestinationS3Uri: ec.capture.uri, KmsKeyId: ec.capture.kms ? keyArn(ec.capture.kms) : undefined,
        }
      : undefined,
    EndpointStatus: "InService",
    CreationTime: iso(ep.created),
    LastModifiedTime: iso(deployedAt),
  };
}
const endpointSummary = (d) => ({ EndpointName: d.EndpointName, EndpointArn: d.EndpointArn, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime, EndpointStatus: d.EndpointStatus });

function trainingTimes(job) {
  const created = jobCreated(job);
  const start = plus(created, 97);
  const end = job.status === "InProgress" ? undefined : plus(start, (job.seconds ?? 600) + 41);
  return { created, start, end };
}
function describeTrainingJob(job) {
  const { created, start, end } = trainingTimes(job);
  const t = (s, from, to, msg) => ({ Status: s, StartTime: iso(from), EndTime: to ? iso(to) : undefined, StatusMessage: msg });
  const trainStart = plus(start, 180);
  const transitions = [t("Starting", created, start, "Preparing the instances for training"), t("Downloading", start, trainStart, "Downloading input data")];
  const secondary = { Completed: "Completed", Failed: "Failed", Stopped: "Stopped", InProgress: "Training" }[job.status];
  if (job.status === "InProgress") transitions.push(t("Training", trainStart, undefined, "Training image download completed. Training in progress."));
  else {
    const upload = plus(end, -30);
    transitions.push(t("Training", trainStart, job.status === "Completed" ? upload : end, "Training image download completed. Training in progress."));
    if (job.status === "Completed") transitions.push(t("Uploading", upload, end, "Uploading generated training model"), t("Completed", end, end, "Training job completed"));
    if (job.status === "Failed") transitions.push(t("Failed", end, end, job.failure));
    if (job.status === "Stopped") transitions.push(t("Stopped", end, end, "Training job stopped"));
  }
  const billable = end ? Math.round((ms(end) - ms(start)) / 1000) : undefined;
  return {
    TrainingJobName: job.name,
    TrainingJobArn: smArn(job, "training-job", job.name),
    ModelArtifacts: job.status === "Completed" || job.status === "Stopped" ? { S3ModelArtifacts: `${job.output}${job.name}/output/model.tar.gz` } : undefined,
    TrainingJobStatus: job.status,
    SecondaryStatus: secondary,
    FailureReason: job.failure,
    HyperParameters: job.hyper,
    AlgorithmSpecification: { TrainingImage: image(job, job.image), TrainingInputMode: "File", EnableSageMakerMetricsTimeSeries: false },
    RoleArn: roleArn(job.role),
    InputDataConfig: [{
      ChannelName: "train",
      DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: job.input, S3DataDistributionType: "FullyReplicated" } },
      CompressionType: "None", RecordWrapperType: "None",
    }],
    OutputDataConfig: { KmsKeyId: job.outputKms ? keyArn(job.outputKms) : undefined, S3OutputPath: job.output, CompressionType: "GZIP" },
    ResourceConfig: { InstanceType: job.instanceType, InstanceCount: job.instances, VolumeSizeInGB: 100, VolumeKmsKeyId: job.volumeKms ? keyArn(job.volumeKms) : undefined },
    VpcConfig: vpcConfig(job, job.vpc),
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    CreationTime: iso(created),
    TrainingStartTime: iso(start),
    TrainingEndTime: end ? iso(end) : undefined,
    LastModifiedTime: iso(end ?? plus(trainStart, 5)),
    SecondaryStatusTransitions: transitions,
    EnableNetworkIsolation: job.isolation,
    RemoteDebugConfig: job.remoteDebug ? { EnableRemoteDebug: true } : undefined,
    EnableInterContainerTrafficEncryption: job.ice,
    EnableManagedSpotTraining: false,
    TrainingTimeInSeconds: billable,
    BillableTimeInSeconds: billable,
    ProfilingStatus: "Disabled",
  };
}
const trainingJobSummary = (d) => ({
  TrainingJobName: d.TrainingJobName, TrainingJobArn: d.TrainingJobArn, CreationTime: d.CreationTime, TrainingEndTime: d.TrainingEndTime,
  LastModifiedTime: d.LastModifiedTime, TrainingJobStatus: d.TrainingJobStatus, SecondaryStatus: d.SecondaryStatus,
});

function describeProcessingJob(job) {
  const created = jobCreated(job);
  const start = plus(created, 141);
  const end = plus(start, job.seconds ?? 300);
  const codeUri = `s3://${bucketOf(job.input)}/code/${job.name.replace(/-\d{4}(-\d{2}){5}$/, "")}/process.py`;
  return {
    ProcessingInputs: [
      { InputName: "input-1", AppManaged: false, S3Input: { S3Uri: job.input, LocalPath: "/opt/ml/processing/input", S3DataType: "S3Prefix", S3InputMode: "File", S3DataDistributionType: "FullyReplicated", S3CompressionType: "None" } },
      { InputName: "code", AppManaged: false, S3Input: { S3Uri: codeUri, LocalPath: "/opt/ml/processing/input/code", S3DataType: "S3Prefix", S3InputMode: "File", S3DataDistributionType: "FullyReplicated", S3CompressionType: "None" } },
    ],
    ProcessingOutputConfig: {
      Outputs: [{ OutputName: "output-1", S3Output: { S3Uri: job.output, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" }, AppManaged: false }],
      KmsKeyId: job.outputKmsRef ?? (job.outputKms ? keyArn(job.outputKms) : undefined),
    },
    ProcessingJobName: job.name,
    ProcessingResources: { ClusterConfig: { InstanceCount: job.instances ?? 1, InstanceType: job.instanceType, VolumeSizeInGB: 30, VolumeKmsKeyId: job.volumeKmsRef ?? (job.volumeKms ? keyArn(job.volumeKms) : undefined) } },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    AppSpecification: { ImageUri: image(job, job.image), ContainerEntrypoint: ["python3", "/opt/ml/processing/input/code/process.py"] },
    NetworkConfig: job.network
      ? { EnableInterContainerTrafficEncryption: job.network.ice, EnableNetworkIsolation: job.network.isolation, VpcConfig: vpcConfig(job, job.network.vpc) }
      : undefined,
    RoleArn: roleArn(job.role),
    ProcessingJobArn: smArn(job, "processing-job", job.name),
    ProcessingJobStatus: job.status,
    ExitMessage: job.failure,
    FailureReason: job.failure,
    ProcessingEndTime: iso(end),
    ProcessingStartTime: iso(start),
    LastModifiedTime: iso(plus(end, 2)),
    CreationTime: iso(created),
  };
}
const processingJobSummary = (d) => ({
  ProcessingJobName: d.ProcessingJobName, ProcessingJobArn: d.ProcessingJobArn, CreationTime: d.CreationTime, ProcessingEndTime: d.ProcessingEndTime,
  LastModifiedTime: d.LastModifiedTime, ProcessingJobStatus: d.ProcessingJobStatus, FailureReason: d.FailureReason, ExitMessage: d.ExitMessage,
});

function describeTransformJob(job) {
  const created = jobCreated(job);
  const start = plus(created, 236);
  const end = plus(start, job.seconds ?? 300);
  return {
    TransformJobName: job.name,
    TransformJobArn: smArn(job, "transform-job", job.name),
    TransformJobStatus: job.status,
    ModelName: job.model,
    MaxConcurrentTransforms: 1,
    ModelClientConfig: { InvocationsTimeoutInSeconds: 600, InvocationsMaxRetries: 3 },
    MaxPayloadInMB: 6,
    BatchStrategy: "MultiRecord",
    TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: job.input } }, ContentType: "text/csv", CompressionType: "None", SplitType: "Line" },
    TransformOutput: { S3OutputPath: job.output, Accept: "text/csv", AssembleWith: "Line", KmsKeyId: job.outputKms ? keyArn(job.outputKms) : undefined },
    TransformResources: { InstanceType: job.instanceType, InstanceCount: job.instances, VolumeKmsKeyId: job.volumeKms ? keyArn(job.volumeKms) : undefined },
    CreationTime: iso(created),
    TransformStartTime: iso(start),
    TransformEndTime: iso(end),
    DataProcessing: { InputFilter: "$", OutputFilter: "$", JoinSource: "None" },
  };
}
const transformJobSummary = (d) => ({
  TransformJobName: d.TransformJobName, TransformJobArn: d.TransformJobArn, CreationTime: d.CreationTime, TransformEndTime: d.TransformEndTime,
  LastModifiedTime: d.TransformEndTime, TransformJobStatus: d.TransformJobStatus,
});

const monitoringBucket = (e) => (e.region === EUW1 ? "northwind-ml-eu-111122223333/monitoring" : "northwind-ml-monitoring-111122223333");
const DEFINITION_KIND = { DataQuality: "data-quality-job-definition", ModelQuality: "model-quality-job-definition" };
function describeJobDefinition(def) {
  const base = `s3://${monitoringBucket(def)}`;
  const endpointInput = { EndpointName: def.endpoint, LocalPath: "/opt/ml/processing/input/endpoint", S3InputMode: "File", S3DataDistributionType: "FullyReplicated" };
  const output = {
    MonitoringOutputs: [{ S3Output: { S3Uri: `${base}/reports/${def.endpoint}`, LocalPath: "/opt/ml/processing/output", S3UploadMode: "Continuous" } }],
    KmsKeyId: def.noOutputKms ? undefined : def.region === EUW1 ? keyArn("nw-eu-ml-data") : keyArn("nw-ml-data"),
  };
  const common = {
    JobDefinitionArn: smArn(def, DEFINITION_KIND[def.kind], def.name),
    JobDefinitionName: def.name,
    CreationTime: iso(def.created),
    JobResources: { ClusterConfig: { InstanceCount: def.instances ?? 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20, VolumeKmsKeyId: def.volumeKms ? keyArn(def.volumeKms) : undefined } },
    NetworkConfig: { EnableInterContainerTrafficEncryption: def.ice, EnableNetworkIsolation: def.isolation ?? false },
    RoleArn: roleArn("northwind-model-monitor"),
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  };
  if (def.kind === "DataQuality") {
    return {
      ...common,
      DataQualityBaselineConfig: { ConstraintsResource: { S3Uri: `${base}/baselines/${def.endpoint}/constraints.json` }, StatisticsResource: { S3Uri: `${base}/baselines/${def.endpoint}/statistics.json` } },
      DataQualityAppSpecification: { ImageUri: image(def, "model-monitor") },
      DataQualityJobInput: { EndpointInput: endpointInput },
      DataQualityJobOutputConfig: output,
    };
  }
  return {
    ...common,
    ModelQualityBaselineConfig: { ConstraintsResource: { S3Uri: `${base}/baselines/${def.endpoint}/constraints.json` } },
    ModelQualityAppSpecification: { ImageUri: image(def, "model-monitor"), ProblemType: def.problemType },
    ModelQualityJobInput: { EndpointInput: { ...endpointInput, InferenceAttribute: "prediction", ProbabilityAttribute: "probability" }, GroundTruthS3Input: { S3Uri: `${base}/ground-truth/${def.endpoint}` } },
    ModelQualityJobOutputConfig: output,
  };
}
const jobDefinitionSummary = (def, d) => ({ MonitoringJobDefinitionName: d.JobDefinitionName, MonitoringJobDefinitionArn: d.JobDefinitionArn, CreationTime: d.CreationTime, EndpointName: def.endpoint });

const LAST_RUN = { "cron(0 * ? * * *)": "2026-11-27T08:00:00Z", "cron(0 0 ? * * *)": "2026-11-27T00:00:00Z", "cron(0 */6 ? * * *)": "2026-11-27T06:00:00Z" };
function describeMonitoringSchedule(s) {
  const def = find(MONITORING_JOB_DEFINITIONS, "name", s.definition, "monitoring job definition");
  const scheduled = s.status === "Scheduled" ? LAST_RUN[s.cron] : "2026-10-02T18:00:00Z";
  return {
    MonitoringScheduleArn: smArn(s, "monitoring-schedule", s.name),
    MonitoringScheduleName: s.name,
    MonitoringScheduleStatus: s.status,
    MonitoringType: def.kind,
    CreationTime: iso(s.created),
    LastModifiedTime: iso(s.modified ?? plus(s.created, 3)),
    MonitoringScheduleConfig: { ScheduleConfig: { ScheduleExpression: s.cron }, MonitoringJobDefinitionName: def.name, MonitoringType: def.kind },
    EndpointName: def.endpoint,
    LastMonitoringExecutionSummary: {
      MonitoringScheduleName: s.name,
      ScheduledTime: iso(scheduled),
      CreationTime: iso(plus(scheduled, 4)),
      LastModifiedTime: iso(plus(scheduled, 1093)),
      MonitoringExecutionStatus: s.failure ? "Failed" : def.name === "nw-readmission-prod-dq" ? "CompletedWithViolations" : "Completed",
      FailureReason: s.failure,
      ProcessingJobArn: smArn(s, "processing-job", `model-monitoring-${scheduled.slice(0, 13).replace(/\D/g, "")}00-${hex(`mon:${s.name}:${scheduled}`, 20)}`),
      EndpointName: def.endpoint,
      MonitoringJobDefinitionName: def.name,
      MonitoringType: def.kind,
    },
  };
}
const monitoringScheduleSummary = (d) => ({
  MonitoringScheduleName: d.MonitoringScheduleName, MonitoringScheduleArn: d.MonitoringScheduleArn, CreationTime: d.CreationTime,
  LastModifiedTime: d.LastModifiedTime, MonitoringScheduleStatus: d.MonitoringScheduleStatus, EndpointName: d.EndpointName,
  MonitoringJobDefinitionName: d.MonitoringScheduleConfig.MonitoringJobDefinitionName, MonitoringType: d.MonitoringType,
});

// ---------------------------------------------------------------------------------------------
// SageMaker collection (what the collector reads per account-region)
// ---------------------------------------------------------------------------------------------

const gapFor = (source, operation, scope) =>
  GAPS.find((g) => g.source === source && g.operation === operation && g.account === scope.account && g.region === scope.region);

/** A list call, or its gap. Returns false when the call failed (nothing behind it can be described). */
function list(operation, scope, params, listKey, items, pageSize = 100) {
  const gap = gapFor("sagemaker", operation, scope);
  if (gap) {
    emitError("sagemaker", operation, scope, gap.params ?? params, gap.error);
    return false;
  }
  emitPages("sagemaker", operation, scope, params, listKey, [...items].sort(newestFirst), pageSize);
  return true;
}

// --- catalogue v2 part C (issue 12): HyperPod clusters, Studio spaces, labeling jobs, workforces, A2I
// flow definitions, MLflow tracking servers. Each check passes on one resource and fails on another.
const HYPERPOD_CLUSTERS = [
  { name: "nw-llm-hyperpod", account: PROD, region: USE1, // PASSES in-vpc (cluster VpcConfig) and volume-kms-encrypted
    vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-private"] }, volumeKms: "nw-ml-data", role: "northwind-sagemaker-training",
    created: "2026-06-03T09:12:00Z", tags: tags("ml-platform", "phi", "CC-4400") },
  { name: "research-hyperpod", account: RESEARCH, region: USE1, // FAILS both: no VpcConfig, EBS volume without VolumeKmsKeyId
    role: "research-sandbox-admin", created: "2026-09-14T15:40:00Z", tags: tags("research", "public", "CC-9000") },
];
const SPACES = [
  { name: "clinical-shared-lab", domain: "d-8xq2mzk4v7ht", sharing: "Shared", app: "JupyterLab", remote: "DISABLED", // PASSES both (idle shutdown from the domain's DefaultSpaceSettings)
    created: "2025-03-01T10:00:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "dr-chen-code", domain: "d-8xq2mzk4v7ht", sharing: "Private", owner: "dr-chen", app: "CodeEditor", remote: "ENABLED", // FAILS both: remote access on, no idle shutdown for Code Editor
    created: "2026-11-23T08:30:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "k-tanaka-classic", domain: "d-5ty0nb8qs2kd", sharing: "Private", owner: "k-tanaka", app: "JupyterServer", // idle-shutdown NOT_APPLICABLE (JupyterServer)
    created: "2025-09-03T09:00:00Z", tags: tags("research", "public", "CC-9000") },
];
const PRIVATE_WORKTEAM = `arn:aws:sagemaker:${USE1}:${PROD}:workteam/private-crowd/nw-radiology`;
const PUBLIC_WORKTEAM = `arn:aws:sagemaker:${USE1}:394669845002:workteam/public-crowd/default`;
const LABELING_JOBS = [
  { name: "nw-xray-findings-labels", account: PROD, region: USE1, workteam: PRIVATE_WORKTEAM, outputKms: "nw-ml-data", volumeKms: "nw-ml-data", // PASSES both
    bucket: "northwind-ml-training-data-111122223333", role: "northwind-sagemaker-training", created: "2026-11-21T08:00:00Z", ended: "2026-11-22T17:45:00Z",
    tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "research-sentiment-labels", account: RESEARCH, region: USE1, workteam: PUBLIC_WORKTEAM, public: true, // FAILS both: public crowd, no keys
    bucket: "northwind-research-sandbox-444455556666", role: "research-sandbox-admin", created: "2026-11-24T13:00:00Z", ended: "2026-11-25T02:10:00Z",
    tags: tags("research", "public", "CC-9000") },
];
const WORKFORCES = [
  { account: PROD, region: USE1, cidrs: ["10.20.0.0/16", "198.51.100.0/24"], created: "2025-01-15T10:00:00Z" }, // PASSES
  { account: RESEARCH, region: USE1, cidrs: [], created: "2025-09-05T12:00:00Z" }, // FAILS: no source IP ranges
];
const FLOW_DEFINITIONS = [
  { name: "nw-claims-review", account: PROD, region: USE1, kms: "nw-ml-data", bucket: "northwind-ml-artifacts-111122223333", // PASSES
    role: "northwind-sagemaker-training", created: "2026-04-02T11:00:00Z", tags: tags("claims-ml", "phi", "CC-4420") },
  { name: "nw-eu-claims-review", account: PROD, region: EUW1, bucket: "northwind-ml-eu-111122223333", // FAILS: no OutputConfig.KmsKeyId
    role: "northwind-sagemaker-training", created: "2026-05-12T09:30:00Z", tags: tags("genomics-eu", "pii", "CC-6210") },
];
const MLFLOW_TRACKING_SERVERS = [
  { name: "nw-experiments", account: PROD, region: USE1, bucket: "northwind-ml-artifacts-111122223333", // PASSES: the bucket passes the three S3 rules
    role: "northwind-sagemaker-training", created: "2026-03-10T10:00:00Z", tags: tags("ml-platform", "phi", "CC-4400") },
  { name: "nw-batch-experiments", account: PROD, region: USE1, bucket: "northwind-ml-batch-111122223333", // FAILS: the batch bucket fails all three S3 rules
    role: "northwind-sagemaker-training", created: "2026-08-01T16:00:00Z", tags: tags("ml-platform", "phi", "CC-4400") },
];

// MLflow apps: the artifact bucket rules and the app's own KmsKeyId (sagemaker.mlflow.artifact-store-secured).
const MLFLOW_APPS = [
  { id: "app-4f2a9c1e7b3d", name: "nw-clinical-mlflow", account: PROD, region: USE1, bucket: "northwind-ml-artifacts-111122223333", kms: "nw-ml-data", // PASSES
    role: "northwind-sagemaker-training", created: "2026-10-05T09:00:00Z", tags: tags("ml-platform", "phi", "CC-4400") },
  { id: "app-8e1b7d0c5a92", name: "nw-claims-mlflow", account: PROD, region: USE1, bucket: "northwind-ml-artifacts-111122223333", // FAILS: no KmsKeyId (AWS owned key)
    role: "northwind-sagemaker-training", created: "2026-10-20T14:30:00Z", tags: tags("ml-platform", "phi", "CC-4400") },
];

const spaceDomain = (s) => find(DOMAINS, "id", s.domain, "domain");
function describeHyperPodCluster(c) {
  const vpc = c.vpc ? { SecurityGroupIds: c.vpc.sgs.map(sgId), Subnets: c.vpc.subnets.map((s) => subnetId(c, s)) } : undefined;
  const group = (name, type, count, ebs) => ({
    CurrentCount: count, TargetCount: count, InstanceGroupName: name, InstanceType: type,
    LifeCycleConfig: { SourceS3Uri: `s3://${c.account === PROD ? "northwind-ml-artifacts-111122223333" : "northwind-research-sandbox-444455556666"}/hyperpod/lifecycle/`, OnCreate: "on_create.sh" },
    ExecutionRole: roleArn(c.role), ThreadsPerCore: 1, Status: "InService",
    ...(ebs ? { InstanceStorageConfigs: [{ EbsVolumeConfig: { VolumeSizeInGB: 500, ...(c.volumeKms ? { VolumeKmsKeyId: keyArn(c.volumeKms) } : {}) } }] } : {}),
  });
  return {
    ClusterArn: `arn:aws:sagemaker:${c.region}:${c.account}:cluster/${hex(`cluster:${c.name}`, 12)}`,
    ClusterName: c.name, ClusterStatus: "InService", CreationTime: iso(c.created),
    InstanceGroups: [group("controller", "ml.m5.xlarge", 1, false), group("workers", "ml.p4d.24xlarge", 2, true)],
    ...(vpc ? { VpcConfig: vpc } : {}),
    NodeRecovery: "Automatic",
  };
}
function describeSpace(s) {
  const d = spaceDomain(s);
  const key = { JupyterLab: "JupyterLabAppSettings", CodeEditor: "CodeEditorAppSettings" }[s.app];
  return {
    DomainId: s.domain, SpaceArn: smArn(d, "space", `${s.domain}/${s.name}`), SpaceName: s.name, Status: "InService",
    CreationTime: iso(s.created), LastModifiedTime: iso(plus(s.created, 600)),
    SpaceSettings: { AppType: s.app, ...(key ? { [key]: { DefaultResourceSpec: { InstanceType: "ml.t3.medium" } } } : {}), SpaceStorageSettings: { EbsStorageSettings: { EbsVolumeSizeInGb: 5 } }, ...(s.remote ? { RemoteAccess: s.remote } : {}) },
    SpaceSharingSettings: { SharingType: s.sharing },
    ...(s.owner ? { OwnershipSettings: { OwnerUserProfileName: s.owner } } : {}),
    SpaceDisplayName: s.name, Url: `https://${s.domain}.studio.${d.region}.sagemaker.aws/jupyterlab/default`,
  };
}
const spaceSummary = (x) => ({ DomainId: x.DomainId, SpaceName: x.SpaceName, Status: x.Status, CreationTime: x.CreationTime, LastModifiedTime: x.LastModifiedTime,
  SpaceSettingsSummary: { AppType: x.SpaceSettings.AppType, ...(x.SpaceSettings.RemoteAccess ? { RemoteAccess: x.SpaceSettings.RemoteAccess } : {}) }, SpaceSharingSettingsSummary: x.SpaceSharingSettings,
  ...(x.OwnershipSettings ? { OwnershipSettingsSummary: x.OwnershipSettings } : {}), SpaceDisplayName: x.SpaceDisplayName });
function describeLabelingJob(j) {
  return {
    LabelingJobStatus: "Completed", LabelCounters: { TotalLabeled: 1200, HumanLabeled: 700, MachineLabeled: 500, FailedNonRetryableError: 0, Unlabeled: 0 },
    CreationTime: iso(j.created), LastModifiedTime: iso(j.ended), JobReferenceCode: hex(`labeling:${j.name}`, 16),
    LabelingJobName: j.name, LabelingJobArn: smArn(j, "labeling-job", j.name), LabelAttributeName: "label",
    InputConfig: { DataSource: { S3DataSource: { ManifestS3Uri: `s3://${j.bucket}/labeling/${j.name}/input.manifest` } } },
    OutputConfig: { S3OutputPath: `s3://${j.bucket}/labeling/${j.name}/output/`, ...(j.outputKms ? { KmsKeyId: keyArn(j.outputKms) } : {}) },
    RoleArn: roleArn(j.role),
    LabelingJobAlgorithmsConfig: {
      LabelingJobAlgorithmSpecificationArn: `arn:aws:sagemaker:${j.region}:027400017018:labeling-job-algorithm-specification/image-classification`,
      LabelingJobResourceConfig: j.volumeKms ? { VolumeKmsKeyId: keyArn(j.volumeKms) } : {},
    },
    HumanTaskConfig: {
      WorkteamArn: j.workteam, UiConfig: { UiTemplateS3Uri: `s3://${j.bucket}/labeling/ui.liquid.html` },
      PreHumanTaskLambdaArn: `arn:aws:lambda:${j.region}:432418664414:function:PRE-ImageMultiClass`,
      TaskTitle: j.name, TaskDescription: "Classify the image", NumberOfHumanWorkersPerDataObject: 3, TaskTimeLimitInSeconds: 300,
      AnnotationConsolidationConfig: { AnnotationConsolidationLambdaArn: `arn:aws:lambda:${j.region}:432418664414:function:ACS-ImageMultiClass` },
      ...(j.public ? { PublicWorkforceTaskPrice: { AmountInUsd: { Dollars: 0, Cents: 3, TenthFractionsOfACent: 6 } } } : {}),
    },
    LabelingJobOutput: { OutputDatasetS3Uri: `s3://${j.bucket}/labeling/${j.name}/output/manifests/output/output.manifest` },
  };
}
const labelingJobSummary = (d) => ({ LabelingJobName: d.LabelingJobName, LabelingJobArn: d.LabelingJobArn, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime,
  LabelingJobStatus: d.LabelingJobStatus, LabelCounters: d.LabelCounters, WorkteamArn: d.HumanTaskConfig.WorkteamArn, PreHumanTaskLambdaArn: d.HumanTaskConfig.PreHumanTaskLambdaArn, InputConfig: d.InputConfig });
function describeWorkforce(w) {
  return { WorkforceName: "default", WorkforceArn: smArn(w, "workforce", "default"), LastUpdatedDate: iso(plus(w.created, 3600)),
    SourceIpConfig: { Cidrs: w.cidrs }, SubDomain: `${hex(`wf:${w.account}`, 10)}.labeling.${w.region}.sagemaker.aws`,
    CognitoConfig: { UserPool: `${w.region}_${hex(`pool:${w.account}`, 9)}`, ClientId: hex(`client:${w.account}`, 26) }, CreateDate: iso(w.created), Status: "Active" };
}
function describeFlowDefinition(f) {
  return {
    FlowDefinitionArn: smArn(f, "flow-definition", f.name), FlowDefinitionName: f.name, FlowDefinitionStatus: "Active", CreationTime: iso(f.created),
    HumanLoopConfig: { WorkteamArn: `arn:aws:sagemaker:${f.region}:${f.account}:workteam/private-crowd/nw-claims`, HumanTaskUiArn: smArn(f, "human-task-ui", `${f.name}-ui`),
      TaskTitle: "Review claim extraction", TaskDescription: "Check the extracted fields", TaskCount: 1, TaskTimeLimitInSeconds: 3600 },
    OutputConfig: { S3OutputPath: `s3://${f.bucket}/a2i/${f.name}/`, ...(f.kms ? { KmsKeyId: keyArn(f.kms) } : {}) },
    RoleArn: roleArn(f.role),
  };
}
function describeMlflowTrackingServer(t) {
  return {
    TrackingServerArn: smArn(t, "mlflow-tracking-server", t.name), TrackingServerName: t.name, ArtifactStoreUri: `s3://${t.bucket}/mlflow/`,
    TrackingServerSize: "Small", MlflowVersion: "2.16.2", RoleArn: roleArn(t.role), TrackingServerStatus: "Created", IsActive: "Active",
    TrackingServerUrl: `https://t-${hex(`mlflow:${t.name}`, 12)}.${t.region}.experiments.sagemaker.aws`, WeeklyMaintenanceWindowStart: "Sun:03:00",
    AutomaticModelRegistration: false, CreationTime: iso(t.created), LastModifiedTime: iso(plus(t.created, 900)),
  };
}

function describeMlflowApp(a) {
  return {
    Arn: smArn(a, "mlflow-app", a.id), Name: a.name, ArtifactStoreUri: `s3://${a.bucket}/mlflow-apps/${a.name}/`, MlflowVersion: "3.0.1",
    RoleArn: roleArn(a.role), ...(a.kms ? { KmsKeyId: keyArn(a.kms) } : {}), Status: "Created", ModelRegistrationMode: "AutoModelRegistrationDisabled",
    AccountDefaultStatus: "DISABLED", CreationTime: iso(a.created), LastModifiedTime: iso(plus(a.created, 600)), WeeklyMaintenanceWindowStart: "Sun:03:00",
  };
}

// ---------------------------------------------------------------------------------------------
// catalogue v2 part B (issue 12): feature groups, inference components and experiments, hyperparameter
// tuning jobs, AutoML V2 jobs, model cards. Tables, API shapes and collection in this one block;
// collectSageMaker calls collectCatB. Each check passes on one resource and fails on another:
// sagemaker.feature-group.{offline-store-kms-encrypted,online-store-kms-encrypted}
// sagemaker.inference-component.no-plaintext-secrets, sagemaker.inference-experiment.kms-encrypted
// sagemaker.hyperparameter-tuning-job.volume-kms-encrypted, sagemaker.automl-job.security-config
// sagemaker.model-card.kms-encrypted
// ---------------------------------------------------------------------------------------------

const FEATURE_GROUPS = [
  { name: "nw-patient-encounter-features", account: PROD, region: USE1, // PASSES offline + online (nw-ml-data on both)
    role: "northwind-sagemaker-training", record: "patient_id", features: [["patient_id", "String"], ["event_time", "String"], ["los_days", "Integral"], ["prior_admissions_12m", "Integral"], ["charlson_index", "Fractional"]],
    offline: { uri: "s3://northwind-ml-training-data-111122223333/feature-store", kms: "nw-ml-data" }, online: { kms: "nw-ml-data", storage: "Standard" },
    description: "Encounter-level features for the readmission model (PHI)", created: "2026-08-11T13:20:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-realtime-features", account: PROD, region: USE1, // FAILS offline (no KmsKeyId: AWS managed key) + online (InMemory tier without SecurityConfig: AWS owned key)
    role: "northwind-sagemaker-fullaccess", record: "claim_id", features: [["claim_id", "String"], ["event_time", "String"], ["billed_amount", "Fractional"], ["provider_claims_30d", "Integral"]],
    offline: { uri: "s3://northwind-ml-batch-111122223333/feature-store" }, online: { storage: "InMemory" },
    description: "Claim features served to the fraud endpoint", created: "2026-10-06T08:45:00Z", tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "nw-eu-variant-features", account: PROD, region: EUW1, // PASSES offline (nw-eu-ml-data); online NOT_APPLICABLE (offline store only)
    role: "northwind-sagemaker-training", record: "sample_id", features: [["sample_id", "String"], ["event_time", "String"], ["variant_count", "Integral"], ["tmb_score", "Fractional"]],
    offline: { uri: "s3://northwind-ml-eu-111122223333/feature-store", kms: "nw-eu-ml-data" },
    description: "Per-sample variant features (GDPR special category)", created: "2026-10-14T10:05:00Z", tags: tags("genomics-eu", "phi", "CC-6210") },
];

const DEMO_HF_TOKEN = `hf_${hex("demo:hf-token", 34)}`; // must never appear in the output (redaction)
const INFERENCE_COMPONENTS = [
  { name: "nw-triage-summarizer-ic", account: PROD, region: USE1, endpoint: "nw-triage-prod", // PASSES: HF_TOKEN is a Secrets Manager reference
    image: "hf-tgi", artifact: "s3://northwind-ml-artifacts-111122223333/triage/summarizer-v1/model.tar.gz",
    env: { HF_MODEL_ID: "/opt/ml/model", SM_NUM_GPUS: "1", MAX_INPUT_LENGTH: "2048", HF_TOKEN: `arn:aws:secretsmanager:us-east-1:${PROD}:secret:nw/triage/hf-token-Vb3k9P` },
    created: "2026-11-04T15:40:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "research-llm-chat-ic", account: RESEARCH, region: USE1, endpoint: "research-llm-summarizer-ep", // FAILS: literal Hugging Face token in HF_TOKEN (redacted in evidence)
    image: "hf-tgi", env: { HF_MODEL_ID: "mistralai/Mistral-7B-Instruct-v0.2", SM_NUM_GPUS: "1", HF_TOKEN: DEMO_HF_TOKEN },
    created: "2026-11-18T16:12:00Z", tags: tags("research", "public", "CC-9000") },
];

const INFERENCE_EXPERIMENTS = [
  { name: "nw-readmission-shadow-v4", account: PROD, region: USE1, status: "Completed", // PASSES: KmsKey and DataStorageConfig.KmsKey nw-ml-data
    role: "northwind-sagemaker-inference", endpoint: "nw-readmission-prod", model: "nw-readmission-xgb-v3", shadow: "nw-readmission-xgb-v4-candidate", instanceType: "ml.m5.xlarge",
    kms: "nw-ml-data", capture: { uri: "s3://northwind-ml-datacapture-111122223333/shadow/readmission-v4", kms: "nw-ml-data" }, sampling: 50,
    created: "2026-11-10T09:30:00Z", days: 7, tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-shadow-v8", account: PROD, region: USE1, status: "Running", // FAILS: no KmsKey, captured data without KmsKey
    role: "northwind-sagemaker-fullaccess", endpoint: "nw-claims-fraud-prod", model: "nw-claims-fraud-v7", shadow: "nw-claims-fraud-v8-candidate", instanceType: "ml.c5.xlarge",
    capture: { uri: "s3://northwind-ml-datacapture-111122223333/shadow/claims-fraud-v8" }, sampling: 100,
    created: "2026-11-16T11:00:00Z", days: 14, tags: tags("claims-analytics", "pii", "CC-5120") },
];

const TUNING_JOBS = [
  { name: "nw-readmit-hpo-1118", account: PROD, region: USE1, status: "Completed", // PASSES: volume key nw-ml-data
    role: "northwind-sagemaker-training", image: "xgboost", instanceType: "ml.m5.xlarge", volumeKms: "nw-ml-data", outputKms: "nw-ml-artifacts",
    vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] }, ice: true, isolation: true, jobs: 20,
    input: "s3://northwind-ml-training-data-111122223333/readmission/2026-11/", output: "s3://northwind-ml-artifacts-111122223333/readmission/hpo/",
    created: "2026-11-18T07:00:00Z", seconds: 10860, tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "research-bert-hpo-1119", account: RESEARCH, region: USE1, status: "Completed", // FAILS: no VolumeKmsKeyId (ml.p3.2xlarge is EBS-backed)
    role: "research-sandbox-admin", image: "hf-training", instanceType: "ml.p3.2xlarge", ice: false, isolation: false, jobs: 12,
    input: "s3://northwind-research-sandbox-444455556666/datasets/clinical-notes-sample/", output: "s3://northwind-research-sandbox-444455556666/hpo/",
    created: "2026-11-19T13:30:00Z", seconds: 21600, tags: tags("research", "public", "CC-9000") },
];

const AUTOML_JOBS = [
  { name: "nw-claims-automl-1117", account: PROD, region: USE1, status: "Completed", // PASSES: volume key, inter-container encryption, VPC
    role: "northwind-sagemaker-training", target: "is_fraud", problem: "BinaryClassification", metric: "F1",
    input: "s3://northwind-ml-training-data-111122223333/claims/2026-q4/", output: "s3://northwind-ml-artifacts-111122223333/automl/",
    security: { volumeKms: "nw-ml-data", ice: true, vpc: { subnets: ["private-a", "private-b"], sgs: ["nw-ml-training"] } }, outputKms: "nw-ml-artifacts",
    created: "2026-11-17T08:15:00Z", seconds: 9400, tags: tags("claims-analytics", "pii", "CC-5120") },
  { name: "research-readmit-automl-1116", account: RESEARCH, region: USE1, status: "Completed", // FAILS: no SecurityConfig
    role: "research-sandbox-admin", target: "readmitted_30d", problem: "BinaryClassification", metric: "AUC",
    input: "s3://northwind-research-sandbox-444455556666/datasets/readmission-synthetic/", output: "s3://northwind-research-sandbox-444455556666/automl/",
    created: "2026-11-16T14:00:00Z", seconds: 7200, tags: tags("research", "public", "CC-9000") },
];

const MODEL_CARDS = [
  { name: "nw-readmission-xgb-v3-card", account: PROD, region: USE1, status: "Approved", version: 3, kms: "nw-ml-data", // PASSES: nw-ml-data
    description: "30-day readmission risk for discharged inpatients", owner: "clinical-ml", problem: "Binary classification", algorithm: "XGBoost", risk: "High",
    created: "2026-06-02T10:00:00Z", modified: "2026-11-24T16:00:00Z", tags: tags("clinical-ml", "phi", "CC-4410") },
  { name: "nw-claims-fraud-v7-card", account: PROD, region: USE1, status: "Draft", version: 1, // FAILS: no SecurityConfig (AWS managed key)
    description: "Claims fraud scoring for pre-payment review", owner: "claims-analytics", problem: "Binary classification", algorithm: "Gradient boosted trees", risk: "Medium",
    created: "2026-11-05T09:00:00Z", modified: "2026-11-05T09:00:00Z", tags: tags("claims-analytics", "pii", "CC-5120") },
];

const catBKey = (ref) => (ref ? keyArn(ref) : undefined);
const endpointOf = (e) => find(ENDPOINTS, "name", e.endpoint, "endpoint");
const resolvedImage = (uri, seed) => `${uri.replace(/:[^:/]+$/, "")}@sha256:${sha(`image:${seed}`)}`;

function describeFeatureGroup(fg) {
  const epoch = Math.floor(ms(fg.created) / 1000);
  return {
    FeatureGroupArn: smArn(fg, "feature-group", fg.name),
    FeatureGroupName: fg.name,
    RecordIdentifierFeatureName: fg.record,
    EventTimeFeatureName: "event_time",
    FeatureDefinitions: fg.features.map(([FeatureName, FeatureType]) => ({ FeatureName, FeatureType })),
    CreationTime: iso(fg.created),
    OnlineStoreConfig: fg.online
      ? { EnableOnlineStore: true, SecurityConfig: fg.online.kms ? { KmsKeyId: catBKey(fg.online.kms) } : undefined, StorageType: fg.online.storage }
      : undefined,
    OfflineStoreConfig: {
      S3StorageConfig: {
        S3Uri: fg.offline.uri,
        KmsKeyId: catBKey(fg.offline.kms),
        ResolvedOutputS3Uri: `${fg.offline.uri}/${fg.account}/sagemaker/${fg.region}/offline-store/${fg.name}-${epoch}/data`,
      },
      DisableGlueTableCreation: false,
      DataCatalogConfig: { TableName: `${fg.name.replace(/-/g, "_")}_${epoch}`, Catalog: "AwsDataCatalog", Database: "sagemaker_featurestore" },
      TableFormat: "Glue",
    },
    RoleArn: roleArn(fg.role),
    FeatureGroupStatus: "Created",
    OfflineStoreStatus: { Status: "Active" },
    Description: fg.description,
  };
}
const featureGroupSummary = (d) => ({
  FeatureGroupName: d.FeatureGroupName, FeatureGroupArn: d.FeatureGroupArn, CreationTime: d.CreationTime, FeatureGroupStatus: d.FeatureGroupStatus, OfflineStoreStatus: d.OfflineStoreStatus,
});

function describeInferenceComponent(ic) {
  const ep = endpointOf(ic);
  const specified = image(ic, ic.image);
  return {
    InferenceComponentName: ic.name,
    InferenceComponentArn: smArn(ic, "inference-component", ic.name),
    EndpointName: ep.name,
    EndpointArn: smArn(ep, "endpoint", ep.name),
    VariantName: "AllTraffic",
    Specification: {
      Container: {
        DeployedImage: { SpecifiedImage: specified, ResolvedImage: resolvedImage(specified, ic.name), ResolutionTime: iso(plus(ic.created, 12)) },
        ArtifactUrl: ic.artifact,
        Environment: ic.env,
      },
      StartupParameters: { ModelDataDownloadTimeoutInSeconds: 1200, ContainerStartupHealthCheckTimeoutInSeconds: 900 },
      ComputeResourceRequirements: { NumberOfCpuCoresRequired: 4, NumberOfAcceleratorDevicesRequired: 1, MinMemoryRequiredInMb: 16384 },
    },
    RuntimeConfig: { DesiredCopyCount: 1, CurrentCopyCount: 1 },
    CreationTime: iso(ic.created),
    LastModifiedTime: iso(plus(ic.created, 540)),
    InferenceComponentStatus: "InService",
  };
}
const inferenceComponentSummary = (d) => ({
  CreationTime: d.CreationTime, InferenceComponentArn: d.InferenceComponentArn, InferenceComponentName: d.InferenceComponentName, EndpointArn: d.EndpointArn,
  EndpointName: d.EndpointName, VariantName: d.VariantName, InferenceComponentStatus: d.InferenceComponentStatus, LastModifiedTime: d.LastModifiedTime,
});

function describeInferenceExperiment(x) {
  const ep = endpointOf(x);
  const start = plus(x.created, 300);
  const end = plus(start, x.days * 86400);
  const variant = (ModelName, VariantName) => ({ ModelName, VariantName, InfrastructureConfig: { InfrastructureType: "RealTimeInference", RealTimeInferenceConfig: { InstanceType: x.instanceType, InstanceCount: 1 } }, Status: x.status === "Completed" ? "Deleted" : "InService" });
  return {
    Arn: smArn(x, "inference-experiment", x.name),
    Name: x.name,
    Type: "ShadowMode",
    Schedule: { StartTime: iso(start), EndTime: iso(end) },
    Status: x.status,
    Description: `Shadow test of ${x.shadow} against ${x.model}`,
    CreationTime: iso(x.created),
    CompletionTime: x.status === "Completed" ? iso(end) : undefined,
    LastModifiedTime: iso(x.status === "Completed" ? end : start),
    RoleArn: roleArn(x.role),
    EndpointMetadata: { EndpointName: ep.name, EndpointConfigName: ep.config, EndpointStatus: "InService" },
    ModelVariants: [variant(x.model, "prod"), variant(x.shadow, "shadow")],
    DataStorageConfig: x.capture
      ? { Destination: x.capture.uri, KmsKey: catBKey(x.capture.kms), ContentType: { CsvContentTypes: ["text/csv"], JsonContentTypes: ["application/json"] } }
      : undefined,
    ShadowModeConfig: { SourceModelVariantName: "prod", ShadowModelVariants: [{ ShadowModelVariantName: "shadow", SamplingPercentage: x.sampling }] },
    KmsKey: catBKey(x.kms),
  };
}
const inferenceExperimentSummary = (d) => ({
  Name: d.Name, Type: d.Type, Schedule: d.Schedule, Status: d.Status, Description: d.Description, CreationTime: d.CreationTime,
  CompletionTime: d.CompletionTime, LastModifiedTime: d.LastModifiedTime, RoleArn: d.RoleArn,
});

function describeTuningJob(j) {
  const end = plus(j.created, j.seconds);
  const best = `${j.name}-${String(Math.ceil(j.jobs * 0.7)).padStart(3, "0")}-${hex(`hpo-best:${j.name}`, 8)}`;
  return {
    HyperParameterTuningJobName: j.name,
    HyperParameterTuningJobArn: smArn(j, "hyper-parameter-tuning-job", j.name),
    HyperParameterTuningJobConfig: {
      Strategy: "Bayesian",
      HyperParameterTuningJobObjective: { Type: "Maximize", MetricName: j.image === "xgboost" ? "validation:auc" : "eval_f1" },
      ResourceLimits: { MaxNumberOfTrainingJobs: j.jobs, MaxParallelTrainingJobs: 4 },
      ParameterRanges: {
        IntegerParameterRanges: j.image === "xgboost" ? [{ Name: "max_depth", MinValue: "3", MaxValue: "10", ScalingType: "Auto" }] : [],
        ContinuousParameterRanges: [{ Name: j.image === "xgboost" ? "eta" : "learning_rate", MinValue: j.image === "xgboost" ? "0.01" : "0.00001", MaxValue: j.image === "xgboost" ? "0.3" : "0.0001", ScalingType: "Auto" }],
        CategoricalParameterRanges: [],
        AutoParameters: [],
      },
      TrainingJobEarlyStoppingType: "Auto",
    },
    TrainingJobDefinition: {
      StaticHyperParameters: j.image === "xgboost" ? { objective: "binary:logistic", num_round: "300" } : { epochs: "3", model_name_or_path: "emilyalsentzer/Bio_ClinicalBERT" },
      AlgorithmSpecification: { TrainingImage: image(j, j.image), TrainingInputMode: "File" },
      RoleArn: roleArn(j.role),
      InputDataConfig: [{ ChannelName: "train", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: j.input, S3DataDistributionType: "FullyReplicated" } }, CompressionType: "None", RecordWrapperType: "None" }],
      VpcConfig: vpcConfig(j, j.vpc),
      OutputDataConfig: { KmsKeyId: catBKey(j.outputKms), S3OutputPath: j.output },
      ResourceConfig: { InstanceType: j.instanceType, InstanceCount: 1, VolumeSizeInGB: 50, VolumeKmsKeyId: catBKey(j.volumeKms) },
      StoppingCondition: { MaxRuntimeInSeconds: 7200 },
      EnableNetworkIsolation: j.isolation,
      EnableInterContainerTrafficEncryption: j.ice,
      EnableManagedSpotTraining: false,
    },
    HyperParameterTuningJobStatus: j.status,
    CreationTime: iso(j.created),
    HyperParameterTuningEndTime: iso(end),
    LastModifiedTime: iso(end),
    TrainingJobStatusCounters: { Completed: j.jobs, InProgress: 0, RetryableError: 0, NonRetryableError: 0, Stopped: 0 },
    ObjectiveStatusCounters: { Succeeded: j.jobs, Pending: 0, Failed: 0 },
    BestTrainingJob: {
      TrainingJobName: best, TrainingJobArn: smArn(j, "training-job", best), CreationTime: iso(plus(j.created, 3600)),
      TrainingStartTime: iso(plus(j.created, 3700)), TrainingEndTime: iso(plus(j.created, 4500)), TrainingJobStatus: "Completed",
      TunedHyperParameters: j.image === "xgboost" ? { max_depth: "6", eta: "0.087" } : { learning_rate: "0.0000312" },
      FinalHyperParameterTuningJobObjectiveMetric: { MetricName: j.image === "xgboost" ? "validation:auc" : "eval_f1", Value: j.image === "xgboost" ? 0.8412 : 0.7735 },
      ObjectiveStatus: "Succeeded",
    },
  };
}
const tuningJobSummary = (d) => ({
  HyperParameterTuningJobName: d.HyperParameterTuningJobName, HyperParameterTuningJobArn: d.HyperParameterTuningJobArn, HyperParameterTuningJobStatus: d.HyperParameterTuningJobStatus,
  Strategy: d.HyperParameterTuningJobConfig.Strategy, CreationTime: d.CreationTime, HyperParameterTuningEndTime: d.HyperParameterTuningEndTime, LastModifiedTime: d.LastModifiedTime,
  TrainingJobStatusCounters: d.TrainingJobStatusCounters, ObjectiveStatusCounters: d.ObjectiveStatusCounters, ResourceLimits: d.HyperParameterTuningJobConfig.ResourceLimits,
});

function describeAutoMLJob(j) {
  const end = plus(j.created, j.seconds);
  const sc = j.security;
  return {
    AutoMLJobName: j.name,
    AutoMLJobArn: smArn(j, "automl-job", j.name),
    AutoMLJobInputDataConfig: [{ ChannelType: "training", ContentType: "text/csv;header=present", CompressionType: "None", DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: j.input } } }],
    OutputDataConfig: { KmsKeyId: catBKey(j.outputKms), S3OutputPath: j.output },
    RoleArn: roleArn(j.role),
    AutoMLJobObjective: { MetricName: j.metric },
    AutoMLProblemTypeConfig: { TabularJobConfig: { CompletionCriteria: { MaxCandidates: 50, MaxAutoMLJobRuntimeInSeconds: 14400 }, GenerateCandidateDefinitionsOnly: false, ProblemType: j.problem, TargetAttributeName: j.target, Mode: "ENSEMBLING" } },
    AutoMLProblemTypeConfigName: "Tabular",
    CreationTime: iso(j.created),
    EndTime: iso(end),
    LastModifiedTime: iso(end),
    AutoMLJobStatus: j.status,
    AutoMLJobSecondaryStatus: "Completed",
    ModelDeployConfig: { AutoGenerateEndpointName: false },
    SecurityConfig: sc ? { VolumeKmsKeyId: catBKey(sc.volumeKms), EnableInterContainerTrafficEncryption: sc.ice, VpcConfig: vpcConfig(j, sc.vpc) } : undefined,
  };
}
const autoMLJobSummary = (d) => ({
  AutoMLJobName: d.AutoMLJobName, AutoMLJobArn: d.AutoMLJobArn, AutoMLJobStatus: d.AutoMLJobStatus, AutoMLJobSecondaryStatus: d.AutoMLJobSecondaryStatus,
  CreationTime: d.CreationTime, EndTime: d.EndTime, LastModifiedTime: d.LastModifiedTime,
});

function describeModelCard(c) {
  const content = {
    model_overview: { model_description: c.description, model_owner: c.owner, problem_type: c.problem, algorithm_type: c.algorithm },
    intended_uses: { purpose_of_model: c.description, risk_rating: c.risk },
  };
  return {
    ModelCardArn: smArn(c, "model-card", c.name),
    ModelCardName: c.name,
    ModelCardVersion: c.version,
    Content: JSON.stringify(content),
    ModelCardStatus: c.status,
    SecurityConfig: c.kms ? { KmsKeyId: catBKey(c.kms) } : undefined,
    CreationTime: iso(c.created),
    CreatedBy: {},
    LastModifiedTime: iso(c.modified),
    LastModifiedBy: {},
  };
}
const modelCardSummary = (d) => ({ ModelCardName: d.ModelCardName, ModelCardArn: d.ModelCardArn, ModelCardStatus: d.ModelCardStatus, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime });

// --- end of catalogue v2 part B ---

// ---------------------------------------------------------------------------------------------
// SageMaker collection, driven by the project's resource registry (dist/evidence/sagemaker-registry.js)
// as the collector is: its list operation and key, describe operation, describe request (from the list
// item), and the ARN that ListTags is asked for. What is the demo's own: which table rows exist, how a
// row reads as a describe response and as a list item, and the list request (the page size; like the
// collector, packages are listed per group, but user profiles once per account-region).
// ---------------------------------------------------------------------------------------------

const page = (extra = {}, size = 100) => ({ ...extra, MaxResults: size });
const SAGEMAKER_DEMO = {
  "AWS::SageMaker::NotebookInstance": { rows: (scope) => inScope(NOTEBOOKS, scope), describe: describeNotebook, summary: notebookSummary },
  "AWS::SageMaker::Domain": { rows: (scope) => inScope(DOMAINS, scope), describe: describeDomain, summary: domainSummary },
  "AWS::SageMaker::UserProfile": {
    rows: (scope) => USER_PROFILES.filter((p) => profileDomain(p).account === scope.account && profileDomain(p).region === scope.region),
    describe: describeUserProfile,
    summary: (d) => ({ DomainId: d.DomainId, UserProfileName: d.UserProfileName, Status: d.Status, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime }),
    perScope: true,
  },
  "AWS::SageMaker::ModelPackageGroup": {
    rows: (scope) => inScope(MODEL_PACKAGE_GROUPS, scope),
    describe: describeModelPackageGroup,
    summary: (d) => ({ ModelPackageGroupName: d.ModelPackageGroupName, ModelPackageGroupArn: d.ModelPackageGroupArn, ModelPackageGroupDescription: d.ModelPackageGroupDescription, CreationTime: d.CreationTime, ModelPackageGroupStatus: d.ModelPackageGroupStatus }),
  },
  // Packages carry their group's tags.
  "AWS::SageMaker::ModelPackage": {
    rows: (_scope, group) => MODEL_PACKAGES.filter((p) => p.group === group.name),
    describe: describeModelPackage,
    summary: modelPackageSummary,
    tags: (p) => find(MODEL_PACKAGE_GROUPS, "name", p.group, "model package group").tags,
  },
  "AWS::SageMaker::Model": { rows: (scope) => inScope(MODELS, scope), describe: describeModel, summary: (d) => ({ ModelName: d.ModelName, ModelArn: d.ModelArn, CreationTime: d.CreationTime }) },
  "AWS::SageMaker::EndpointConfig": {
    rows: (scope) => inScope(ENDPOINT_CONFIGS, scope),
    describe: describeEndpointConfig,
    summary: (d) => ({ EndpointConfigName: d.EndpointConfigName, EndpointConfigArn: d.EndpointConfigArn, CreationTime: d.CreationTime }),
  },
  "AWS::SageMaker::Endpoint": { rows: (scope) => inScope(ENDPOINTS, scope), describe: describeEndpoint, summary: endpointSummary },
  // Five per page so that the demo exercises pagination (NextToken) on a SageMaker list call.
  "AWS::SageMaker::TrainingJob": { rows: (scope) => inScope(TRAINING_JOBS, scope), describe: describeTrainingJob, summary: trainingJobSummary, pageSize: 5 },
  "AWS::SageMaker::ProcessingJob": { rows: (scope) => inScope(PROCESSING_JOBS, scope), describe: describeProcessingJob, summary: processingJobSummary },
  "AWS::SageMaker::TransformJob": { rows: (scope) => inScope(TRANSFORM_JOBS, scope), describe: describeTransformJob, summary: transformJobSummary },
  "AWS::SageMaker::MonitoringSchedule": { rows: (scope) => inScope(MONITORING_SCHEDULES, scope), describe: describeMonitoringSchedule, summary: monitoringScheduleSummary },
  ...Object.fromEntries(["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"].map((kind) => [`AWS::SageMaker::${kind}JobDefinition`, {
    rows: (scope) => inScope(MONITORING_JOB_DEFINITIONS, scope).filter((x) => x.kind === kind),
    describe: describeJobDefinition,
    summary: (d, x) => jobDefinitionSummary(x, d),
  }])),
  // catalogue v2 part C (issue 12)
  "AWS::SageMaker::Cluster": {
    rows: (scope) => inScope(HYPERPOD_CLUSTERS, scope),
    describe: describeHyperPodCluster,
    summary: (d) => ({ ClusterArn: d.ClusterArn, ClusterName: d.ClusterName, CreationTime: d.CreationTime, ClusterStatus: d.ClusterStatus }),
  },
  "AWS::SageMaker::Space": {
    rows: (scope) => SPACES.filter((s) => spaceDomain(s).account === scope.account && spaceDomain(s).region === scope.region),
    describe: describeSpace,
    summary: spaceSummary,
  },
  "AWS::SageMaker::LabelingJob": {
    rows: (scope) => inScope(LABELING_JOBS, scope),
    describe: describeLabelingJob,
    summary: labelingJobSummary,
    listParams: () => page({ LastModifiedTimeAfter: WINDOW_START }),
  },
  // DescribeWorkforce nests the workforce (and its ARN) under Workforce, so it gets no ListTags, as in the collector.
  "AWS::SageMaker::Workforce": { rows: (scope) => inScope(WORKFORCES, scope), describe: (w) => ({ Workforce: describeWorkforce(w) }), summary: (d) => d.Workforce },
  "AWS::SageMaker::FlowDefinition": {
    rows: (scope) => inScope(FLOW_DEFINITIONS, scope),
    describe: describeFlowDefinition,
    summary: (d) => ({ FlowDefinitionName: d.FlowDefinitionName, FlowDefinitionArn: d.FlowDefinitionArn, FlowDefinitionStatus: d.FlowDefinitionStatus, CreationTime: d.CreationTime }),
  },
  "AWS::SageMaker::MlflowTrackingServer": {
    rows: (scope) => inScope(MLFLOW_TRACKING_SERVERS, scope),
    describe: describeMlflowTrackingServer,
    summary: (d) => ({ TrackingServerArn: d.TrackingServerArn, TrackingServerName: d.TrackingServerName, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime, TrackingServerStatus: d.TrackingServerStatus, IsActive: d.IsActive, MlflowVersion: d.MlflowVersion }),
  },
  "AWS::SageMaker::MlflowApp": {
    rows: (scope) => inScope(MLFLOW_APPS, scope),
    describe: describeMlflowApp,
    summary: (d) => ({ Arn: d.Arn, Name: d.Name, Status: d.Status, CreationTime: d.CreationTime, LastModifiedTime: d.LastModifiedTime, MlflowVersion: d.MlflowVersion }),
  },
  // catalogue v2 part B (issue 12)
  "AWS::SageMaker::FeatureGroup": { rows: (scope) => inScope(FEATURE_GROUPS, scope), describe: describeFeatureGroup, summary: featureGroupSummary },
  "AWS::SageMaker::InferenceComponent": { rows: (scope) => inScope(INFERENCE_COMPONENTS, scope), describe: describeInferenceComponent, summary: inferenceComponentSummary },
  "AWS::SageMaker::InferenceExperiment": { rows: (scope) => inScope(INFERENCE_EXPERIMENTS, scope), describe: describeInferenceExperiment, summary: inferenceExperimentSummary },
  "AWS::SageMaker::HyperParameterTuningJob": { rows: (scope) => inScope(TUNING_JOBS, scope), describe: describeTuningJob, summary: tuningJobSummary },
  "AWS::SageMaker::AutoMLJob": { rows: (scope) => inScope(AUTOML_JOBS, scope), describe: describeAutoMLJob, summary: autoMLJobSummary },
  "AWS::SageMaker::ModelCard": { rows: (scope) => inScope(MODEL_CARDS, scope), describe: describeModelCard, summary: modelCardSummary },
};

function demoOf(spec) {
  const demo = SAGEMAKER_DEMO[spec.type];
  if (!demo) throw new Error(`demo estate: no table for registry type ${spec.type}`);
  return demo;
}

/** One registry type's list pages and describe calls (and its children's, per row); `tagged` collects the ListTags calls. */
function collectType(scope, spec, tagged, parent) {
  const demo = demoOf(spec);
  const rows = demo.rows(scope, parent).map((x) => {
    const d = demo.describe(x);
    return { x, d, item: demo.summary(d, x) };
  });
  const params = demo.listParams?.() ?? page(spec.parent && !demo.perScope ? { [spec.parent.param]: parent.summary[spec.parent.field] } : {}, demo.pageSize);
  if (!list(spec.listOperation, scope, params, spec.listKey, rows.map((r) => r.item), demo.pageSize)) return;
  for (const { x, d, item } of rows) {
    const request = describeParamsOf(spec, item);
    if (!request) throw new Error(`demo estate: the ${spec.listOperation} item of ${x.name ?? x.id} lacks ${spec.listIdField}`);
    emit("sagemaker", spec.describeOperation, scope, request, d);
    if (d[spec.arnField]) tagged.push([d[spec.arnField], demo.tags ? demo.tags(x) : x.tags]);
    for (const child of childTypesOf(spec).filter((c) => !demoOf(c).perScope)) collectType(scope, child, tagged, { ...x, summary: item });
  }
}

function collectSageMaker(scope) {
  const tagged = []; // [arn, tags] for ListTags
  for (const spec of SAGEMAKER_RESOURCE_TYPES.filter((t) => !t.parent || demoOf(t).perScope)) collectType(scope, spec, tagged);
  for (const [arn, tags] of tagged) emit("sagemaker", "ListTags", scope, { ResourceArn: arn }, { Tags: tags });
}

// ---------------------------------------------------------------------------------------------
// CloudTrail
// ---------------------------------------------------------------------------------------------

const trailArn = (t) => `arn:aws:cloudtrail:${t.home}:${t.account}:trail/${t.name}`;
const trailKms = (t) => (t.kms ? `arn:aws:kms:${t.home}:${t.account}:key/${uuid(`kms:${t.account}:${t.home}:${t.kms}`)}` : undefined);
function describeTrail(t) {
  const classicDefault = t.selectors.classic?.length === 1 && t.selectors.classic[0].ReadWriteType === "All";
  return {
    Name: t.name,
    S3BucketName: t.bucket,
    S3KeyPrefix: t.prefix,
    IncludeGlobalServiceEvents: t.multiRegion || t.home === USE1,
    IsMultiRegionTrail: t.multiRegion,
    HomeRegion: t.home,
    TrailARN: trailArn(t),
    LogFileValidationEnabled: t.validation,
    CloudWatchLogsLogGroupArn: t.cloudWatch ? `arn:aws:logs:${t.home}:${t.account}:log-group:aws-cloudtrail-logs-${t.name}:*` : undefined,
    CloudWatchLogsRoleArn: t.cloudWatch ? `arn:aws:iam::${t.account}:role/CloudTrailRoleForCloudWatchLogs_${t.name}` : undefined,
    KmsKeyId: trailKms(t),
    HasCustomEventSelectors: !classicDefault,
    HasInsightSelectors: false,
    IsOrganizationTrail: false,
  };
}
function trailStatus(t) {
  const lastDelivery = t.lastDelivery ?? (t.logging ? "2026-11-27T08:57:31Z" : plus(t.stoppedAt, -212));
  const at = ctTime(lastDelivery);
  return {
    IsLogging: t.logging,
    LatestDeliveryTime: iso(lastDelivery),
    LatestDeliveryError: t.deliveryError,
    StartLoggingTime: iso(t.loggingSince),
    StopLoggingTime: t.logging ? undefined : iso(t.stoppedAt),
    LatestCloudWatchLogsDeliveryTime: t.cloudWatch ? iso("2026-11-27T08:58:02Z") : undefined,
    LatestDigestDeliveryTime: t.validation ? iso("2026-11-27T08:31:02Z") : undefined,
    LatestDeliveryAttemptTime: at,
    LatestNotificationAttemptTime: "",
    LatestNotificationAttemptSucceeded: "",
    LatestDeliveryAttemptSucceeded: at,
    TimeLoggingStarted: ctTime(t.loggingSince),
    TimeLoggingStopped: t.logging ? "" : ctTime(t.stoppedAt),
  };
}

function collectCloudTrail(scope) {
  const listed = TRAILS.filter((t) => t.account === scope.account && (t.home === scope.region || t.multiRegion));
  emit("cloudtrail", "DescribeTrails", scope, { includeShadowTrails: true }, { trailList: listed.map(describeTrail) });
  for (const t of listed.filter((x) => x.home === scope.region)) {
    emit("cloudtrail", "GetTrailStatus", scope, { Name: trailArn(t) }, trailStatus(t));
    emit("cloudtrail", "GetEventSelectors", scope, { TrailName: trailArn(t) },
      t.selectors.advanced ? { TrailARN: trailArn(t), AdvancedEventSelectors: t.selectors.advanced } : { TrailARN: trailArn(t), EventSelectors: t.selectors.classic });
  }
  const events = eventsFor(scope).sort((a, b) => ms(b.EventTime) - ms(a.EventTime) || (a.EventId < b.EventId ? -1 : 1));
  emitPages("cloudtrail", "LookupEvents", scope, { StartTime: WINDOW_START, EndTime: COLLECTED_AT, MaxResults: 50 }, "Events", events, 50);
}

// --- events --------------------------------------------------------------------------------------

const MAP_KEYS = new Set(["Environment", "HyperParameters"]);
/** CloudTrail's requestParameters spell members in lowerCamelCase; map-valued members keep their keys. */
function lowerCamel(value) {
  if (Array.isArray(value)) return value.map(lowerCamel);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => {
      return [k[0].toLowerCase() + k.slice(1), MAP_KEYS.has(k) ? v : lowerCamel(v)];
    }),
  );
}
const only = (o, keys) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const ctTags = (tags) => tags.map((t) => ({ key: t.Key, value: t.Value }));

/** Create… events for resources created in the window, from the tables. */
function creationEvents(scope) {
  const out = [];
  const add = (e, at, event, type, name, request, response) =>
    out.push({ account: scope.account, region: scope.region, at, by: e.by, source: "sagemaker", event, resource: [type, name], request, response });
  for (const nb of inScope(NOTEBOOKS, scope).filter((x) => inWindow(x.created))) {
    const d = describeNotebook(nb);
    add(nb, nb.created, "CreateNotebookInstance", "AWS::SageMaker::NotebookInstance", nb.name,
      { ...lowerCamel(only(d, ["NotebookInstanceName", "InstanceType", "SubnetId", "RoleArn", "KmsKeyId", "DirectInternetAccess", "VolumeSizeInGB", "RootAccess", "PlatformIdentifier"])),
        securityGroupIds: d.SecurityGroups, tags: ctTags(nb.tags) },
      { notebookInstanceArn: d.NotebookInstanceArn });
  }
  for (const x of inScope(DOMAINS, scope).filter((y) => inWindow(y.created))) {
    const d = describeDomain(x);
    add(x, x.created, "CreateDomain", "AWS::SageMaker::Domain", x.id,
      { ...lowerCamel(only(d, ["DomainName", "AuthMode", "SubnetIds", "VpcId", "AppNetworkAccessType", "KmsKeyId"])), defaultUserSettings: lowerCamel({ ExecutionRole: d.DefaultUserSettings.ExecutionRole, SecurityGroups: d.DefaultUserSettings.SecurityGroups }), tags: ctTags(x.tags) },
      { domainArn: d.DomainArn, url: d.Url });
  }
  for (const p of USER_PROFILES.filter((y) => inWindow(y.created) && profileDomain(y).account === scope.account && profileDomain(y).region === scope.region)) {
    const d = describeUserProfile(p);
    add(p, p.created, "CreateUserProfile", "AWS::SageMaker::UserProfile", p.name,
      { domainId: p.domain, userProfileName: p.name, ...(p.executionRole ? { userSettings: { executionRole: roleArn(p.executionRole) } } : {}), tags: ctTags(p.tags) },
      { userProfileArn: d.UserProfileArn });
  }
  for (const pkg of MODEL_PACKAGES.filter((y) => inWindow(y.created))) {
    const g = packageGroup(pkg);
    if (g.account !== scope.account || g.region !== scope.region) continue;
    const d = describeModelPackage(pkg);
    add(pkg, pkg.created, "CreateModelPackage", "AWS::SageMaker::ModelPackage", d.ModelPackageArn,
      { modelPackageGroupName: g.name, modelApprovalStatus: pkg.approval, inferenceSpecification: lowerCamel(d.InferenceSpecification) },
      { modelPackageArn: d.ModelPackageArn });
  }
  for (const m of inScope(MODELS, scope).filter((y) => inWindow(y.created))) {
    const d = describeModel(m);
    add(m, m.created, "CreateModel", "AWS::SageMaker::Model", m.name,
      { ...lowerCamel(only(d, ["ModelName", "PrimaryContainer", "ExecutionRoleArn", "VpcConfig", "EnableNetworkIsolation"])), tags: ctTags(m.tags) },
      { modelArn: d.ModelArn });
  }
  for (const ec of inScope(ENDPOINT_CONFIGS, scope).filter((y) => inWindow(y.created))) {
    const d = describeEndpointConfig(ec);
    add(ec, ec.created, "CreateEndpointConfig", "AWS::SageMaker::EndpointConfig", ec.name,
      { ...lowerCamel(only(d, ["EndpointConfigName", "ProductionVariants", "DataCaptureConfig", "KmsKeyId"])), tags: ctTags(ec.tags) },
      { endpointConfigArn: d.EndpointConfigArn });
  }
  for (const ep of inScope(ENDPOINTS, scope).filter((y) => inWindow(y.created))) {
    const d = describeEndpoint(ep);
    add(ep, ep.created, "CreateEndpoint", "AWS::SageMaker::Endpoint", ep.name,
      { endpointName: ep.name, endpointConfigName: ep.config, tags: ctTags(ep.tags) }, { endpointArn: d.EndpointArn });
  }
  for (const j of inScope(TRAINING_JOBS, scope).filter((y) => inWindow(jobCreated(y)))) {
    const d = describeTrainingJob(j);
    add(j, jobCreated(j), "CreateTrainingJob", "AWS::SageMaker::TrainingJob", j.name,
      { ...lowerCamel(only(d, ["TrainingJobName", "HyperParameters", "RoleArn", "InputDataConfig", "OutputDataConfig", "ResourceConfig", "VpcConfig", "StoppingCondition", "EnableNetworkIsolation", "EnableInterContainerTrafficEncryption"])),
        algorithmSpecification: { trainingImage: d.AlgorithmSpecification.TrainingImage, trainingInputMode: "File" }, tags: ctTags(j.tags) },
      { trainingJobArn: d.TrainingJobArn });
  }
  for (const j of inScope(PROCESSING_JOBS, scope).filter((y) => inWindow(jobCreated(y)))) {
    const d = describeProcessingJob(j);
    add(j, jobCreated(j), "CreateProcessingJob", "AWS::SageMaker::ProcessingJob", j.name,
      { ...lowerCamel(only(d, ["ProcessingJobName", "ProcessingInputs", "ProcessingOutputConfig", "ProcessingResources", "StoppingCondition", "AppSpecification", "NetworkConfig", "RoleArn"])), tags: ctTags(j.tags) },
      { processingJobArn: d.ProcessingJobArn });
  }
  for (const j of inScope(TRANSFORM_JOBS, scope).filter((y) => inWindow(jobCreated(y)))) {
    const d = describeTransformJob(j);
    add(j, jobCreated(j), "CreateTransformJob", "AWS::SageMaker::TransformJob", j.name,
      { ...lowerCamel(only(d, ["TransformJobName", "ModelName", "MaxConcurrentTransforms", "MaxPayloadInMB", "BatchStrategy", "TransformInput", "TransformOutput", "TransformResources"])), tags: ctTags(j.tags) },
      { transformJobArn: d.TransformJobArn });
  }
  for (const x of inScope(MONITORING_JOB_DEFINITIONS, scope).filter((y) => inWindow(y.created))) {
    const d = describeJobDefinition(x);
    add(x, x.created, `Create${x.kind}JobDefinition`, `AWS::SageMaker::${x.kind}JobDefinition`, x.name,
      { ...lowerCamel(only(d, ["JobDefinitionName", "JobResources", "NetworkConfig", "RoleArn", "StoppingCondition"])), tags: ctTags(x.tags) },
      { jobDefinitionArn: d.JobDefinitionArn });
  }
  return out;
}

/** Routine read-only calls: the collector every 6 hours, engineers browsing, the pipeline polling. */
function noiseCandidates(scope) {
  const out = [];
  const add = (source, event, resource, request, who = "any") => out.push({ source, event, resource, request, who });
  const sm = "sagemaker";
  add(sm, "ListNotebookInstances", null, { maxResults: 100 });
  for (const nb of inScope(NOTEBOOKS, scope)) add(sm, "DescribeNotebookInstance", ["AWS::SageMaker::NotebookInstance", nb.name], { notebookInstanceName: nb.name });
  add(sm, "ListEndpoints", null, { maxResults: 100 });
  for (const ep of inScope(ENDPOINTS, scope)) add(sm, "DescribeEndpoint", ["AWS::SageMaker::Endpoint", ep.name], { endpointName: ep.name });
  for (const ec of inScope(ENDPOINT_CONFIGS, scope)) add(sm, "DescribeEndpointConfig", ["AWS::SageMaker::EndpointConfig", ec.name], { endpointConfigName: ec.name });
  add(sm, "ListModels", null, { maxResults: 100 });
  for (const m of inScope(MODELS, scope)) add(sm, "DescribeModel", ["AWS::SageMaker::Model", m.name], { modelName: m.name });
  add(sm, "ListTrainingJobs", null, { maxResults: 5 });
  for (const j of inScope(TRAINING_JOBS, scope)) add(sm, "DescribeTrainingJob", ["AWS::SageMaker::TrainingJob", j.name], { trainingJobName: j.name });
  for (const j of inScope(PROCESSING_JOBS, scope)) add(sm, "DescribeProcessingJob", ["AWS::SageMaker::ProcessingJob", j.name], { processingJobName: j.name });
  for (const j of inScope(TRANSFORM_JOBS, scope)) add(sm, "DescribeTransformJob", ["AWS::SageMaker::TransformJob", j.name], { transformJobName: j.name });
  add(sm, "ListMonitoringSchedules", null, { maxResults: 100 });
  for (const s of inScope(MONITORING_SCHEDULES, scope)) add(sm, "DescribeMonitoringSchedule", ["AWS::SageMaker::MonitoringSchedule", s.name], { monitoringScheduleName: s.name });
  add(sm, "ListDomains", null, { maxResults: 100 });
  for (const x of inScope(DOMAINS, scope)) add(sm, "DescribeDomain", ["AWS::SageMaker::Domain", x.id], { domainId: x.id });
  add("cloudtrail", "DescribeTrails", null, { includeShadowTrails: true }, "sageaudit");
  for (const t of TRAILS.filter((x) => x.account === scope.account && x.home === scope.region)) {
    add("cloudtrail", "GetTrailStatus", ["AWS::CloudTrail::Trail", trailArn(t)], { name: trailArn(t) }, "sageaudit");
    add("cloudtrail", "GetEventSelectors", ["AWS::CloudTrail::Trail", trailArn(t)], { trailName: trailArn(t) }, "sageaudit");
  }
  add("cloudtrail", "LookupEvents", null, { maxResults: 50 }, "sageaudit");
  for (const op of ["DescribeConfigRules", "DescribeComplianceByConfigRule", "DescribeConfigurationRecorders", "DescribeConfigurationRecorderStatus", "BatchGetResourceConfig"])
    add("config", op, null, null, "sageaudit");
  if (scope.region === USE1) {
    add("iam", "ListRoles", null, null);
    for (const r of ROLES.filter((x) => x.account === scope.account)) {
      add("iam", "GetRole", ["AWS::IAM::Role", r.name], { roleName: r.name });
      add("iam", "ListAttachedRolePolicies", ["AWS::IAM::Role", r.name], { roleName: r.name });
    }
  }
  for (const k of inScope(KMS_KEYS, scope)) {
    const arn = keyArn(k.alias);
    add("kms", "Decrypt", ["AWS::KMS::Key", arn], { encryptionAlgorithm: "SYMMETRIC_DEFAULT" });
    add("kms", "GenerateDataKey", ["AWS::KMS::Key", arn], { keyId: arn, keySpec: "AES_256" });
    add("kms", "DescribeKey", ["AWS::KMS::Key", arn], { keyId: arn }, "sageaudit");
  }
  add("s3", "ListBuckets", null, { Host: "s3.amazonaws.com" });
  for (const b of inScope(BUCKETS, scope)) {
    const host = `${b.name}.s3.${b.region}.amazonaws.com`;
    add("s3", "GetBucketEncryption", ["AWS::S3::Bucket", b.name], { bucketName: b.name, Host: host, encryption: "" }, "sageaudit");
    add("s3", "GetBucketPolicy", ["AWS::S3::Bucket", b.name], { bucketName: b.name, Host: host, policy: "" }, "sageaudit");
    add("s3", "GetBucketPublicAccessBlock", ["AWS::S3::Bucket", b.name], { bucketName: b.name, Host: host, publicAccessBlock: "" }, "sageaudit");
  }
  return out;
}

function noiseEvents(scope, count, rand) {
  const candidates = noiseCandidates(scope);
  const out = [];
  const windowHours = (ms(COLLECTED_AT) - ms(WINDOW_START)) / 3600000;
  for (let i = 0; i < count; i++) {
    const by = pick(rand, NOISE_PRINCIPALS[scope.account]);
    const pool = candidates.filter((c) => c.who === "any" || c.who === by);
    const c = pick(rand, pool);
    let at;
    if (by === "sageaudit") {
      // the scheduled collector runs at 00, 06, 12 and 18 UTC and takes a few minutes
      const slots = Math.floor(windowHours / 6);
      const slot = ms(WINDOW_START) + (Math.floor(rand() * slots) + 1) * 6 * 3600000 - (ms(WINDOW_START) % (6 * 3600000));
      at = new Date(slot + Math.floor(rand() * 420) * 1000).toISOString();
    } else {
      // working hours, 07:00-19:00 UTC
      const day = Math.floor(rand() * 7);
      const t = ms("2026-11-20T00:00:00Z") + day * 86400000 + (7 * 3600 + Math.floor(rand() * 12 * 3600)) * 1000;
      at = new Date(t).toISOString();
    }
    if (!inWindow(at)) {
      i--;
      continue;
    }
    out.push({ account: scope.account, region: scope.region, at, by, source: c.source, event: c.event, resource: c.resource, request: c.request, readOnly: true });
  }
  return out;
}

const READ_ONLY = /^(Describe|List|Get|Lookup|BatchGet|Decrypt|GenerateDataKey)/;
function lookupEvent(e, seq) {
  const p = PRINCIPALS[e.by];
  if (!p) throw new Error(`demo estate: unknown principal "${e.by}"`);
  const eventId = uuid(`event:${e.account}:${e.region}:${e.at}:${e.event}:${seq}`);
  const rid = roleId(e.account, p.role);
  const accessKeyId = iamId("ASIA", `ak:${e.account}:${e.by}:${e.at.slice(0, 13)}`);
  const readOnly = e.readOnly ?? READ_ONLY.test(e.event);
  const host = { iam: "iam.amazonaws.com", s3: `s3.${e.region}.amazonaws.com`, sagemaker: `api.sagemaker.${e.region}.amazonaws.com` }[e.source] ?? `${e.source}.${e.region}.amazonaws.com`;
  const detail = {
    eventVersion: "1.10",
    userIdentity: {
      type: "AssumedRole",
      principalId: `${rid}:${p.session}`,
      arn: principalArn(e.by, e.account),
      accountId: e.account,
      accessKeyId,
      sessionContext: {
        sessionIssuer: { type: "Role", principalId: rid, arn: `arn:aws:iam::${e.account}:role${p.path}${p.role}`, accountId: e.account, userName: p.role },
        attributes: { creationDate: ctTime(plus(e.at, -(parseInt(hex(`session:${eventId}`, 4), 16) % 3000))), mfaAuthenticated: "false" },
      },
    },
    eventTime: ctTime(e.at),
    eventSource: `${e.source}.amazonaws.com`,
    eventName: e.event,
    awsRegion: e.region,
    sourceIPAddress: p.ip,
    userAgent: AGENTS[p.agent],
    errorCode: e.errorCode,
    errorMessage: e.errorMessage,
    requestParameters: e.request ?? null,
    responseElements: e.response ?? null,
    requestID: uuid(`request:${eventId}`),
    eventID: eventId,
    readOnly,
    eventType: "AwsApiCall",
    managementEvent: true,
    recipientAccountId: e.account,
    eventCategory: "Management",
    tlsDetails: { tlsVersion: "TLSv1.3", cipherSuite: "TLS_AES_128_GCM_SHA256", clientProvidedHostHeader: host },
    sessionCredentialFromConsole: p.agent === "console" ? "true" : undefined,
  };
  return {
    EventId: eventId,
    EventName: e.event,
    ReadOnly: String(readOnly),
    AccessKeyId: accessKeyId,
    EventTime: iso(e.at),
    EventSource: `${e.source}.amazonaws.com`,
    Username: p.session,
    Resources: e.resource ? [{ ResourceType: e.resource[0], ResourceName: e.resource[1] }] : [],
    CloudTrailEvent: JSON.stringify(clean(detail)),
  };
}

function eventsFor(scope) {
  const key = `${scope.account}/${scope.region}`;
  const specific = [...ACTIVITY.filter((e) => e.account === scope.account && e.region === scope.region), ...creationEvents(scope)];
  for (const e of specific) if (!inWindow(e.at)) throw new Error(`demo estate: event ${e.event} at ${e.at} is outside the CloudTrail window`);
  const rand = prng(parseInt(hex(`noise:${key}`, 8), 16));
  const noise = noiseEvents(scope, Math.max(0, EVENT_TARGETS[key] - specific.length), rand);
  return [...specific, ...noise].map((e, i) => lookupEvent(e, i));
}

// ---------------------------------------------------------------------------------------------
// AWS Config
// ---------------------------------------------------------------------------------------------

const enc = (doc) => encodeURIComponent(JSON.stringify(doc));
const captured = (e) => {
  const at = e.changed ?? (ms(e.created) > ms(CONFIG_CAPTURED[e.account]) ? CONFIG_CAPTURED[e.account] : plus(e.created, 173));
  return ms(at) > ms(CONFIG_CAPTURED[e.account]) ? iso(CONFIG_CAPTURED[e.account]) : iso(at);
};
const stateId = (seed) => String(1700000000000 + (parseInt(hex(`state:${seed}`, 10), 16) % 99999999999));
const canonicalOwner = (account) => sha(`canonical:${account}`);

/** What AWS Config returns for a resource whose type the recorder does not record: status, no configuration. */
function notRecorded(item) {
  return { ...item, configurationItemStatus: "ResourceNotRecorded", configuration: undefined, supplementaryConfiguration: {}, configurationStateId: undefined };
}

function configItem(e, fields) {
  return {
    version: "1.3",
    accountId: e.account,
    configurationItemCaptureTime: captured(e),
    configurationItemStatus: "OK",
    configurationStateId: stateId(fields.arn),
    arn: fields.arn,
    resourceType: fields.resourceType,
    resourceId: fields.resourceId,
    resourceName: fields.resourceName,
    awsRegion: fields.awsRegion,
    availabilityZone: fields.availabilityZone,
    resourceCreationTime: iso(e.created ?? "2024-01-15T10:00:00Z"),
    configuration: JSON.stringify(fields.configuration),
    supplementaryConfiguration: fields.supplementary ?? {},
    recordingFrequency: "CONTINUOUS",
  };
}

function roleItem(r) {
  const arn = roleArn(r.name);
  const trust = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }] };
  return configItem(r, {
    arn, resourceType: "AWS::IAM::Role", resourceId: roleId(r.account, r.name), resourceName: r.name, awsRegion: "global", availabilityZone: "Not Applicable",
    configuration: {
      path: "/",
      roleName: r.name,
      roleId: roleId(r.account, r.name),
      arn,
      createDate: iso(r.created),
      assumeRolePolicyDocument: enc(trust),
      instanceProfileList: [],
      rolePolicyList: r.inline.map((p) => ({ policyName: p.name, policyDocument: enc({ Version: "2012-10-17", Statement: p.statements }) })),
      attachedManagedPolicies: r.managed,
      permissionsBoundary: r.boundary ? { permissionsBoundaryType: "PermissionsBoundaryPolicy", permissionsBoundaryArn: managedPolicyArn(find(MANAGED_POLICIES, "name", r.boundary, "managed policy"), r.account) } : null,
      tags: [],
      roleLastUsed: null,
      description: r.description,
    },
  });
}

/** AWS::IAM::Policy items of the managed policies (and boundaries) the account's in-scope roles use. */
function managedPolicyItems(account, roles) {
  const arns = new Set(roles.flatMap((r) => [...r.managed.map((m) => m.policyArn), ...(r.boundary ? [managedPolicyArn(find(MANAGED_POLICIES, "name", r.boundary, "managed policy"), account)] : [])]));
  return MANAGED_POLICIES.filter((p) => arns.has(managedPolicyArn(p, account))).map((p) => {
    const arn = managedPolicyArn(p, account);
    const policyId = iamId("ANPA", `policy:${arn}`);
    return configItem({ account, created: p.aws ? "2015-02-06T18:39:46Z" : "2025-08-20T12:00:00Z" }, {
      arn, resourceType: "AWS::IAM::Policy", resourceId: policyId, resourceName: p.name, awsRegion: "global", availabilityZone: "Not Applicable",
      configuration: {
        policyName: p.name, policyId, arn, path: "/", defaultVersionId: p.versionId, attachmentCount: roles.filter((r) => r.managed.some((m) => m.policyArn === arn) || r.boundary === p.name).length,
        permissionsBoundaryUsageCount: roles.filter((r) => r.boundary === p.name).length, isAttachable: true, description: null,
        policyVersionList: [{ document: enc({ Version: "2012-10-17", Statement: p.statements }), versionId: p.versionId, isDefaultVersion: true }],
      },
    });
  });
}

function keyItem(k) {
  const arn = keyArn(k.alias);
  return configItem(k, {
    arn, resourceType: "AWS::KMS::Key", resourceId: kmsKeyId(k), awsRegion: k.region, availabilityZone: "Not Applicable",
    configuration: {
      aWSAccountId: k.account, keyId: kmsKeyId(k), arn, creationDate: iso(k.created), enabled: k.state === "Enabled", description: k.description,
      keyUsage: "ENCRYPT_DECRYPT", keyState: k.state, deletionDate: k.deletion ? iso(k.deletion) : null, validTo: null, origin: "AWS_KMS",
      customKeyStoreId: null, cloudHsmClusterId: null, expirationModel: null, keyManager: "CUSTOMER", customerMasterKeySpec: "SYMMETRIC_DEFAULT",
      keySpec: "SYMMETRIC_DEFAULT", encryptionAlgorithms: ["SYMMETRIC_DEFAULT"], signingAlgorithms: [], multiRegion: false,
      multiRegionConfiguration: null, pendingDeletionWindowInDays: k.deletion ? 30 : null, macAlgorithms: [],
    },
    // Not part of AWS Config's KMS item: the demo carries kms:GetKeyRotationStatus here (see manifest).
    supplementary: { KeyRotationStatus: JSON.stringify(k.rotation) },
  });
}

function bucketItem(b) {
  const arn = `arn:aws:s3:::${b.name}`;
  const owner = { displayName: null, id: canonicalOwner(b.account) };
  const statements = [];
  if (b.tlsDeny) statements.push({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
  if (b.account === RESEARCH) statements.push({ Sid: "PartnerUniversityRead", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: ["s3:GetObject", "s3:ListBucket"], Resource: [arn, `${arn}/*`] });
  else if (!b.noPolicy) statements.push({ Sid: "DenyUnencryptedUploads", Effect: "Deny", Principal: "*", Action: "s3:PutObject", Resource: `${arn}/*`, Condition: { Null: { "s3:x-amz-server-side-encryption": "true" } } });
  const supplementary = {
    AccessControlList: JSON.stringify({ grantSet: null, grantList: [{ grantee: { id: owner.id, displayName: null }, permission: "FullControl" }], owner, isRequesterCharged: false }),
    BucketLoggingConfiguration: JSON.stringify({ destinationBucketName: null, logFilePrefix: null }),
    BucketPolicy: JSON.stringify({ policyText: b.noPolicy ? null : JSON.stringify({ Version: "2012-10-17", Statement: statements }) }),
    BucketVersioningConfiguration: JSON.stringify({ status: "Enabled", isMfaDeleteEnabled: null }),
    IsRequesterPaysEnabled: "false",
  };
  if (b.publicAccessBlock) supplementary.PublicAccessBlockConfiguration = JSON.stringify(b.publicAccessBlock);
  if (b.encryption) {
    const byDefault = b.encryption.kms ? { sseAlgorithm: "aws:kms", kmsMasterKeyID: keyArn(b.encryption.kms) } : { sseAlgorithm: b.encryption.sse, kmsMasterKeyID: null };
    supplementary.ServerSideEncryptionConfiguration = JSON.stringify({ rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: Boolean(b.encryption.kms) }] });
  }
  return configItem(b, {
    arn, resourceType: "AWS::S3::Bucket", resourceId: b.name, resourceName: b.name, awsRegion: b.region, availabilityZone: "Regional",
    configuration: { name: b.name, owner, creationDate: iso(b.created) },
    supplementary,
  });
}

function securityGroupItem(sg) {
  const permission = (rule) => ({
    fromPort: rule.protocol === "-1" ? undefined : rule.from,
    ipProtocol: rule.protocol,
    ipv6Ranges: (rule.ipv6 ?? []).map((cidrIpv6) => ({ cidrIpv6 })),
    prefixListIds: [],
    toPort: rule.protocol === "-1" ? undefined : rule.to,
    userIdGroupPairs: rule.self ? [{ groupId: sg.id, userId: sg.account }] : [],
    ipv4Ranges: (rule.cidrs ?? []).map((cidrIp) => ({ cidrIp })),
    ipRanges: rule.cidrs ?? [],
  });
  return configItem({ ...sg, created: sg.created ?? "2024-02-12T16:00:00Z" }, {
    arn: `arn:aws:ec2:${sg.region}:${sg.account}:security-group/${sg.id}`, resourceType: "AWS::EC2::SecurityGroup", resourceId: sg.id, resourceName: sg.name,
    awsRegion: sg.region, availabilityZone: "Multiple Availability Zones",
    configuration: clean({
      description: sg.description, groupName: sg.name, ipPermissions: sg.ingress.map(permission), ownerId: sg.account, groupId: sg.id,
      ipPermissionsEgress: [permission({ protocol: "-1", cidrs: ["0.0.0.0/0"] })], tags: [{ key: "Name", value: sg.name }], vpcId: network(sg).vpc,
    }),
  });
}

/** Supporting resources SageMaker evidence of an account references (the collector asks Config for exactly these). */
function referencedBy(account) {
  const text = records.filter((r) => r.source === "sagemaker" && r.account === account).map((r) => JSON.stringify(r.response ?? {})).join("\n");
  return {
    roles: new Set([...text.matchAll(/arn:aws:iam::\d{12}:role\/([\w+=,.@-]+)/g)].map((m) => m[1])),
    keys: new Set([...text.matchAll(/arn:aws:kms:[\w-]+:\d{12}:key\/[0-9a-f-]{36}/g)].map((m) => m[0])),
    buckets: new Set([...text.matchAll(/s3:\/\/([a-z0-9][a-z0-9.-]+[a-z0-9])/g)].map((m) => m[1])),
    sgs: new Set([...text.matchAll(/\bsg-[0-9a-f]{8,17}\b/g)].map((m) => m[0])),
  };
}

function collectConfig(scope) {
  const recorder = RECORDERS.find((r) => r.account === scope.account && r.region === scope.region);
  const recorderArn = `arn:aws:config:${scope.region}:${scope.account}:configuration-recorder/default/${hex(`recorder:${scope.account}:${scope.region}`, 16)}`;
  emit("config", "DescribeConfigurationRecorders", scope, {}, {
    ConfigurationRecorders: recorder ? [{
      arn: recorderArn, name: "default",
      roleARN: `arn:aws:iam::${scope.account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
      recordingGroup: recorder.excluded
        ? { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: recorder.excluded }, recordingStrategy: { useOnly: "EXCLUSION_BY_RESOURCE_TYPES" } }
        : { allSupported: true, includeGlobalResourceTypes: recorder.globalTypes, resourceTypes: [], exclusionByResourceTypes: { resourceTypes: [] }, recordingStrategy: { useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } },
      recordingMode: { recordingFrequency: "CONTINUOUS", recordingModeOverrides: [] },
      recordingScope: "PAID",
    }] : [],
  });
  emit("config", "DescribeConfigurationRecorderStatus", scope, {}, {
    ConfigurationRecordersStatus: recorder ? [{
      arn: recorderArn, name: "default", lastStartTime: iso(recorder.since), lastStopTime: recorder.stoppedAt ? iso(recorder.stoppedAt) : undefined,
      recording: recorder.recording, lastStatus: recorder.lastStatus,
      lastStatusChangeTime: iso(recorder.recording ? CONFIG_CAPTURED[scope.account] : plus(recorder.stoppedAt, -391)),
    }] : [],
  });
  emit("config", "DescribeDeliveryChannels", scope, {}, {
    DeliveryChannels: [{ name: "default", s3BucketName: scope.account === PROD ? "northwind-config-history-111122223333" : "northwind-research-config-444455556666",
      configSnapshotDeliveryProperties: { deliveryFrequency: "TwentyFour_Hours" } }],
  });

  // Config rules and their verdicts
  const deployed = CONFIG_RULE_SCOPES.includes(`${scope.account}/${scope.region}`) ? CONFIG_RULES : [];
  const verdicts = deployed.map((rule) => {
    const results = rule.resources().filter((x) => x.account === scope.account && x.region === scope.region).map((x) => {
      const resourceId = rule.id(x);
      const stale = STALE_VERDICTS.find((s) => s.rule === rule.name && s.resourceId === resourceId && scope.account === PROD);
      const evaluatedAt = stale?.evaluatedAt ?? CONFIG_EVALUATED_AT;
      const compliance = stale?.compliance ?? (rule.compliant(x) ? "COMPLIANT" : "NON_COMPLIANT");
      return {
        EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: rule.name, ResourceType: rule.resourceType, ResourceId: resourceId, EvaluationMode: "DETECTIVE" }, OrderingTimestamp: iso(evaluatedAt) },
        ComplianceType: compliance,
        ResultRecordedTime: iso(plus(evaluatedAt, 2)),
        ConfigRuleInvokedTime: iso(plus(evaluatedAt, -1)),
      };
    });
    return { rule, results };
  });
  const ruleId = (rule) => `config-rule-${hex(`rule:${scope.account}:${scope.region}:${rule.name}`, 6)}`;
  emit("config", "DescribeConfigRules", scope, {}, {
    ConfigRules: deployed.map((rule) => ({
      ConfigRuleName: rule.name,
      ConfigRuleArn: `arn:aws:config:${scope.region}:${scope.account}:config-rule/${ruleId(rule)}`,
      ConfigRuleId: ruleId(rule),
      Description: `AWS managed rule ${rule.identifier}`,
      Source: { Owner: "AWS", SourceIdentifier: rule.identifier },
      InputParameters: "{}",
      MaximumExecutionFrequency: "TwentyFour_Hours",
      ConfigRuleState: "ACTIVE",
      EvaluationModes: [{ Mode: "DETECTIVE" }],
    })),
  });
  emit("config", "DescribeComplianceByConfigRule", scope, {}, {
    ComplianceByConfigRules: verdicts.map(({ rule, results }) => {
      const failing = results.filter((r) => r.ComplianceType === "NON_COMPLIANT").length;
      if (results.length === 0) return { ConfigRuleName: rule.name, Compliance: { ComplianceType: "INSUFFICIENT_DATA" } };
      return failing > 0
        ? { ConfigRuleName: rule.name, Compliance: { ComplianceType: "NON_COMPLIANT", ComplianceContributorCount: { CappedCount: failing, CapExceeded: false } } }
        : { ConfigRuleName: rule.name, Compliance: { ComplianceType: "COMPLIANT" } };
    }),
  });
  for (const { rule, results } of verdicts)
    emit("config", "GetComplianceDetailsByConfigRule", scope, { ConfigRuleName: rule.name, Limit: 100 }, { EvaluationResults: results });

  // Configuration items of the supporting resources the SageMaker evidence references.
  const refs = referencedBy(scope.account);
  const items = [
    ...(recorder?.globalTypes ? ROLES.filter((r) => r.account === scope.account && refs.roles.has(r.name)).map(roleItem) : []),
    ...(recorder?.globalTypes ? managedPolicyItems(scope.account, ROLES.filter((r) => r.account === scope.account && refs.roles.has(r.name))) : []),
    ...inScope(KMS_KEYS, scope).filter((k) => refs.keys.has(keyArn(k.alias))).map(keyItem),
    ...inScope(BUCKETS, scope).filter((b) => refs.buckets.has(b.name)).map(bucketItem),
    ...inScope(SECURITY_GROUPS, scope).filter((g) => refs.sgs.has(g.id)).map((g) => (recorder?.excluded?.includes("AWS::EC2::SecurityGroup") ? notRecorded(securityGroupItem(g)) : securityGroupItem(g))),
  ];
  if (items.length > 0) {
    const resourceKeys = items.map((i) => ({ resourceType: i.resourceType, resourceId: i.resourceId }));
    emit("config", "BatchGetResourceConfig", scope, { resourceKeys }, { baseConfigurationItems: items, unprocessedResourceKeys: [] });
  }
}

/** Every reference must resolve to a table entry, and every supporting table entry should be referenced. */
function checkReferences() {
  for (const account of [PROD, RESEARCH]) {
    const refs = referencedBy(account);
    const known = {
      roles: new Set(ROLES.filter((r) => r.account === account).map((r) => r.name)),
      keys: new Set([...KMS_KEYS.filter((k) => k.account === account).map((k) => keyArn(k.alias)), ...AWS_MANAGED_KEYS.filter((k) => k.account === account).map((k) => awsManagedKeyArn(k.alias))]),
      buckets: new Set(BUCKETS.filter((b) => b.account === account).map((b) => b.name)),
      sgs: new Set(SECURITY_GROUPS.filter((g) => g.account === account).map((g) => g.id)),
    };
    for (const kind of Object.keys(known)) {
      for (const ref of refs[kind]) if (!known[kind].has(ref)) throw new Error(`demo estate: ${account} references ${kind} ${ref} that no table defines`);
      for (const entry of known[kind]) if (!refs[kind].has(entry)) console.warn(`demo estate: ${kind} ${entry} (${account}) is not referenced by any SageMaker resource, so no Config item is collected for it`);
    }
  }
}


// ---------------------------------------------------------------------------------------------
// Supporting evidence from the services' own APIs (KMS, S3, S3 Control), as the aws source reads it
// with collection.supportingEvidence auto: aliases, the trails' key and log buckets (supporting
// resources like any SageMaker one), the AWS managed keys some jobs name, and the account-level
// S3 Block Public Access.
// ---------------------------------------------------------------------------------------------

const TRAIL_KEY = { alias: "cloudtrail", account: PROD, region: USE1, created: "2024-01-15T09:55:00Z", rotation: true };
/** The trails' log buckets: read through S3 itself (AWS Config items are not collected for them). */
const TRAIL_BUCKETS = [
  { name: "northwind-cloudtrail-logs-111122223333", account: PROD, region: USE1, // PASSES all three
    encryption: { kms: trailKms(TRAILS[0]) }, tlsDeny: true, block: true },
  { name: "northwind-cloudtrail-eu-111122223333", account: PROD, region: EUW1, // FAILS tls-only (policy without the Deny); PASSES encrypted, public access
    encryption: { sse: "AES256" }, tlsDeny: false, block: true },
  { name: "northwind-research-trail-444455556666", account: RESEARCH, region: USE1, // FAILS tls-only (NoSuchBucketPolicy) and public-access (none on the bucket, 2 of 4 for the account); PASSES encrypted
    encryption: { sse: "AES256" }, noPolicy: true, block: false },
];
/** S3 Control GetPublicAccessBlock per account: PROD has none (NoSuchPublicAccessBlockConfiguration), RESEARCH two of four. */
const ACCOUNT_BLOCKS = {
  [PROD]: null,
  [RESEARCH]: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
};

function keyMetadata(arn, keyId, account, manager, description, created) {
  return {
    AWSAccountId: account, KeyId: keyId, Arn: arn, CreationDate: iso(created), Enabled: true, Description: description,
    KeyUsage: "ENCRYPT_DECRYPT", KeyState: "Enabled", Origin: "AWS_KMS", KeyManager: manager, CustomerMasterKeySpec: "SYMMETRIC_DEFAULT",
    KeySpec: "SYMMETRIC_DEFAULT", EncryptionAlgorithms: ["SYMMETRIC_DEFAULT"], MultiRegion: false,
  };
}

function collectSupportingApis() {
  const scope = { account: PROD, region: USE1 };
  const trailKeyId = uuid(`kms:${TRAIL_KEY.account}:${TRAIL_KEY.region}:${TRAIL_KEY.alias}`);
  const trailKeyArn = `arn:aws:kms:${TRAIL_KEY.region}:${TRAIL_KEY.account}:key/${trailKeyId}`;
  emit("kms", "ListAliases", scope, { Limit: 100 }, {
    Aliases: [
      ...inScope(KMS_KEYS, scope).map((k) => ({ AliasName: `alias/${k.alias}`, AliasArn: `arn:aws:kms:${k.region}:${k.account}:alias/${k.alias}`, TargetKeyId: kmsKeyId(k) })),
      { AliasName: `alias/${TRAIL_KEY.alias}`, AliasArn: `arn:aws:kms:${USE1}:${PROD}:alias/${TRAIL_KEY.alias}`, TargetKeyId: trailKeyId },
      ...AWS_MANAGED_KEYS.map((k) => ({ AliasName: `alias/${k.alias}`, AliasArn: `arn:aws:kms:${k.region}:${k.account}:alias/${k.alias}`, TargetKeyId: awsManagedKeyId(k) })),
    ].sort((a, b) => a.AliasName.localeCompare(b.AliasName)),
    Truncated: false,
  });
  emit("kms", "DescribeKey", scope, { KeyId: trailKeyId }, { KeyMetadata: keyMetadata(trailKeyArn, trailKeyId, PROD, "CUSTOMER", "CloudTrail log files", TRAIL_KEY.created) });
  emit("kms", "GetKeyRotationStatus", scope, { KeyId: trailKeyId }, { KeyRotationEnabled: TRAIL_KEY.rotation, KeyId: trailKeyArn, RotationPeriodInDays: 365 });
  const s3Key = find(AWS_MANAGED_KEYS, "alias", "aws/s3", "AWS managed key");
  emit("kms", "DescribeKey", scope, { KeyId: awsManagedKeyId(s3Key) }, {
    KeyMetadata: keyMetadata(awsManagedKeyArn("aws/s3"), awsManagedKeyId(s3Key), PROD, "AWS", s3Key.description, "2024-01-15T10:00:00Z"),
  });

  for (const account of [PROD, RESEARCH]) {
    const block = ACCOUNT_BLOCKS[account];
    if (block) emit("s3control", "GetPublicAccessBlock", { account, region: "global" }, { AccountId: account }, { PublicAccessBlockConfiguration: block });
    else emit("s3control", "GetPublicAccessBlock", { account, region: "global" }, { AccountId: account }, {
      AnswerError: { Code: "NoSuchPublicAccessBlockConfiguration", Message: "The public access block configuration was not found" },
    });
  }
  for (const b of TRAIL_BUCKETS) {
    const arn = `arn:aws:s3:::${b.name}`;
    const params = { Bucket: b.name };
    emit("s3", "GetBucketLocation", { account: b.account, region: USE1 }, params, { LocationConstraint: b.region === USE1 ? undefined : b.region });
    const at = { account: b.account, region: b.region };
    const byDefault = b.encryption.kms ? { SSEAlgorithm: "aws:kms", KMSMasterKeyID: b.encryption.kms } : { SSEAlgorithm: b.encryption.sse };
    emit("s3", "GetBucketEncryption", at, params, { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: Boolean(b.encryption.kms) }] } });
    const statements = [
      { Sid: "AWSCloudTrailAclCheck", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl", Resource: arn },
      { Sid: "AWSCloudTrailWrite", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject", Resource: `${arn}/AWSLogs/${b.account}/*`, Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control" } } },
    ];
    if (b.tlsDeny) statements.push({ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [arn, `${arn}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } });
    if (b.noPolicy) emit("s3", "GetBucketPolicy", at, params, { AnswerError: { Code: "NoSuchBucketPolicy", Message: "The bucket policy does not exist" } });
    else emit("s3", "GetBucketPolicy", at, params, { Policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) });
    if (b.block) emit("s3", "GetPublicAccessBlock", at, params, { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } });
    else emit("s3", "GetPublicAccessBlock", at, params, { AnswerError: { Code: "NoSuchPublicAccessBlockConfiguration", Message: "The public access block configuration was not found" } });
  }
}

// ---------------------------------------------------------------------------------------------
// Generate
// ---------------------------------------------------------------------------------------------

for (const account of [...new Set(SCOPES.map((s) => s.account))]) {
  emit("sts", "GetCallerIdentity", { account, region: USE1 }, {}, {
    UserId: `${roleId(account, "sageaudit-reader")}:sageaudit`, Account: account, Arn: `arn:aws:sts::${account}:assumed-role/sageaudit-reader/sageaudit`,
  });
}
for (const scope of SCOPES) collectSageMaker(scope);
checkReferences();
for (const scope of SCOPES) {
  collectConfig(scope);
  collectCloudTrail(scope);
}
collectSupportingApis();

records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
for (let i = 1; i < records.length; i++) {
  if (records[i].id === records[i - 1].id) throw new Error(`demo estate: two records share id ${records[i].id} (${records[i].operation})`);
}
const lines = records.map((r) => JSON.stringify(r));
// Leak guard: no literal demo secret may survive redaction, anywhere (responses, CloudTrail events).
for (const secret of [DEMO_SECRET, DEMO_WANDB_KEY, DEMO_REGISTRY_TOKEN, DEMO_HF_TOKEN]) {
  const leaking = lines.filter((l) => l.includes(secret));
  if (leaking.length > 0) {
    const ops = leaking.map((l) => JSON.parse(l).operation).join(", ");
    throw new Error(`demo estate: a demo secret survived redaction in ${leaking.length} record(s) (${ops}); refusing to write`);
  }
}

const scopeAccounts = [...new Set(records.map((r) => r.account))].sort();
const scopeRegions = [...new Set(records.map((r) => r.region).filter((r) => r !== "global"))].sort();
const manifest = {
  format: "sageaudit-snapshot",
  formatVersion: 1,
  name: "demo-estate",
  description:
    "Northwind Health, a fictional healthcare company: production ML account 111122223333 (us-east-1, eu-west-1) and research sandbox " +
    "444455556666 (us-east-1) with compliant and non-compliant notebooks, Studio domains, models, endpoints, training/processing/transform jobs, " +
    "model monitors, a model registry, CloudTrail trails and events, AWS Config recorders, rules and configuration items, and one evidence gap " +
    "(ListModelPackageGroups denied by an SCP in the research account). The research account's Config recorder is stopped, so its configuration " +
    "items date from 2026-10-28. KMS key rotation is not part of AWS Config's AWS::KMS::Key item: the demo carries it as " +
    "supplementaryConfiguration.KeyRotationStatus, a JSON string \"true\"/\"false\" (what kms:GetKeyRotationStatus returns). " +
    "Generated by scripts/generate-demo-estate.mjs (npm run demo:generate); do not edit by hand.",
  source: "demo",
  collectedAt: COLLECTED_AT,
  accounts: scopeAccounts,
  regions: scopeRegions,
  evidenceCount: records.length,
  evidence: "evidence.jsonl",
};

mkdirSync(OUT_DIR, { recursive: true });
writeFileSync(join(OUT_DIR, "evidence.jsonl"), `${lines.join("\n")}\n`);
writeFileSync(join(OUT_DIR, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);

const eventCount = records.filter((r) => r.operation === "LookupEvents").reduce((n, r) => n + r.response.Events.length, 0);
console.log(`demo estate: ${records.length} evidence records, ${eventCount} CloudTrail events -> ${OUT_DIR}`);
for (const [call, n] of [...calls].sort(([a], [b]) => (a < b ? -1 : 1))) console.log(`  ${call.padEnd(52)} ${n}`);
