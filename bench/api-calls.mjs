// API-call benchmark: the real AWS collector against SDK mocks (aws-sdk-client-mock) that answer
// like SageMaker and CloudTrail, with injected per-call latency and throttling. Counts the calls per
// operation on a first run, an unchanged second run and a run after a few changes, next to the
// minimum, and each run's wall time and the process's peak RSS. The tag minimum is one Resource
// Groups Tagging GetResources page per 100 resources; the CloudTrail minimum is the pages of the
// events since the previous run began less the 15-minute late-delivery margin (a run's cursor is
// its walk's end, a little after it began, so the figure is an upper bound by a few events). The mocks replace `send`, so the SDK's own
// retry does not run: a throttled call is an evidence gap, described again on the next run.
// `node bench/api-calls.mjs --jobs 500000 [--events 2000] [--latency-ms 0] [--throttle-every 0]`.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setImmediate } from "node:timers";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { DescribeTrainingJobCommand, ListTrainingJobsCommand, SageMakerClient, SageMakerServiceException } from "@aws-sdk/client-sagemaker";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import { measureStage } from "./measure.mjs";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const { createAwsSource } = await load("collect/aws/index.js");
const { configSchema } = await load("config/schema.js");
const { openDb } = await load("store/db.js");
const { collectRun } = await load("pipeline/collect-run.js");
const { EVENT_SOURCES, LATE_DELIVERY_MS } = await load("collect/aws/cloudtrail.js");

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "10000" },
    events: { type: "string", default: "2000" },
    "latency-ms": { type: "string", default: "0" },
    "throttle-every": { type: "string", default: "0" },
    changes: { type: "string", default: "5" },
    out: { type: "string" },
  },
});
const jobs = Number(values.jobs);
const eventCount = Number(values.events);
const latency = Number(values["latency-ms"]);
const throttleEvery = Number(values["throttle-every"]);
const changes = Number(values.changes);
const ACCOUNT = "210987654321";
const REGION = "us-east-1";
const PAGE = 100;
const EVENT_PAGE = 50;
const T0 = Date.parse("2026-11-01T00:00:00.000Z");

const estate = { jobs, events: eventCount };
const jobAt = (i) => ({
  TrainingJobName: `train-${i}`,
  TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/train-${i}`,
  CreationTime: new Date(T0 + i * 1000),
  LastModifiedTime: new Date(T0 + i * 1000 + 500),
  TrainingJobStatus: "Completed",
});
// The initial events are spread over the day before the first run; events added later happen when
// they are added. Fixed times, so a later run sees the same history an earlier one saw.
const EVENTS_END = Date.now();
const initialEvents = eventCount;
const eventSpacing = 86_400_000 / Math.max(1, initialEvents);
const addedAt = [];
const eventTime = (i) => (i < initialEvents ? EVENTS_END - (initialEvents - i) * eventSpacing : addedAt[i - initialEvents]);
const eventAt = (i) => ({
  EventId: `evt-${i}`,
  EventName: "CreateTrainingJob",
  EventTime: new Date(eventTime(i)),
  EventSource: "sagemaker.amazonaws.com",
  CloudTrailEvent: JSON.stringify({ userIdentity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml/${i % 50}` }, sourceIPAddress: "10.0.0.1", awsRegion: REGION }),
});

let calls = 0;
/**
 * The mocks' own call history (every command and its answer) would otherwise stay in memory for the
 * whole run: at 500,000 jobs it is the benchmark, not the collector, that holds the describes. The
 * calls are tallied by operation and the history dropped every hundred calls: a list page answers
 * 100 jobs, so 2,000 calls' history held 200,000 list summaries (a third of the heap of an
 * unchanged 20,000-job run).
 */
const HARVEST_EVERY = 100;
const tally = {};
function harvest() {
  for (const m of mocks) {
    for (const call of m.calls()) {
      const op = call.args[0].constructor.name.replace(/Command$/, "");
      tally[op] = (tally[op] ?? 0) + 1;
    }
    m.resetHistory();
  }
}
/** Latency on every call, and every Nth call throttled once (the SDK's retry answers it). */
async function answer(fn) {
  calls++;
  // Not from inside the mock's own invocation, whose history it would tear: once the call is recorded.
  // Answered at once, the mocks never leave the microtask queue, so the harvest (a macrotask) would
  // wait for the whole collection: at 500,000 jobs the history reached 2.8 GB before it ran. Every
  // hundredth call yields a turn of the event loop, as a real request's I/O does, after the harvest.
  if (calls % HARVEST_EVERY === 0) {
    setImmediate(harvest);
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (latency > 0) await sleep(latency);
  if (throttleEvery > 0 && calls % throttleEvery === 0) {
    throw new SageMakerServiceException({ name: "ThrottlingException", message: "Rate exceeded", $fault: "client", $metadata: { httpStatusCode: 400 } });
  }
  return fn();
}

const mocks = [SageMakerClient, ConfigServiceClient, CloudTrailClient, STSClient, IAMClient, KMSClient, S3Client, S3ControlClient, EC2Client, ResourceGroupsTaggingAPIClient].map((c) => mockClient(c));
for (const m of mocks) m.onAnyCommand().callsFake(() => answer(() => ({})));
const [sagemaker, , cloudtrail, sts] = mocks;
const tagging = mocks.at(-1);
sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/auditor`, UserId: "AROA:bench" });
sagemaker.on(ListTrainingJobsCommand).callsFake((input) =>
  answer(() => {
    const from = Number(input.NextToken ?? 0);
    const to = Math.min(from + PAGE, estate.jobs);
    return { TrainingJobSummaries: Array.from({ length: to - from }, (_, k) => jobAt(from + k)), ...(to < estate.jobs ? { NextToken: String(to) } : {}) };
  }),
);
sagemaker.on(DescribeTrainingJobCommand).callsFake((input) =>
  answer(() => {
    const i = Number(String(input.TrainingJobName).slice("train-".length));
    return { ...jobAt(i), RoleArn: `arn:aws:iam::${ACCOUNT}:role/train`, EnableInterContainerTrafficEncryption: true, EnableNetworkIsolation: true, ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 50, VolumeKmsKeyId: "alias/ml" }, OutputDataConfig: { S3OutputPath: "s3://out/", KmsKeyId: "alias/ml" } };
  }),
);
// Every job is tagged: GetResources pages them 100 at a time, like the Resource Groups Tagging API.
tagging.on(GetResourcesCommand).callsFake((input) =>
  answer(() => {
    const from = Number(input.PaginationToken || 0);
    const to = Math.min(from + PAGE, estate.jobs);
    const mappings = Array.from({ length: to - from }, (_, k) => ({ ResourceARN: jobAt(from + k).TrainingJobArn, Tags: [{ Key: "team", Value: `team-${(from + k) % 20}` }, { Key: "cost-center", Value: "CC-1" }] }));
    return { ResourceTagMappingList: mappings, PaginationToken: to < estate.jobs ? String(to) : "" };
  }),
);
cloudtrail.on(LookupEventsCommand).callsFake((input) =>
  answer(() => {
    if (input.LookupAttributes?.[0]?.AttributeValue !== "sagemaker.amazonaws.com") return { Events: [] };
    // Newest first, both bounds inclusive, 50 a page, like LookupEvents.
    const start = input.StartTime ? new Date(input.StartTime).getTime() : 0;
    const end = input.EndTime ? new Date(input.EndTime).getTime() : Infinity;
    const all = [];
    for (let i = estate.events - 1; i >= 0; i--) {
      const t = eventTime(i);
      if (t >= start && t <= end) all.push(i);
    }
    const from = Number(input.NextToken ?? 0);
    const to = Math.min(from + EVENT_PAGE, all.length);
    return { Events: all.slice(from, to).map(eventAt), ...(to < all.length ? { NextToken: String(to) } : {}) };
  }),
);

function callsByOperation() {
  harvest();
  const counts = Object.fromEntries(Object.entries(tally).sort());
  for (const op of Object.keys(tally)) delete tally[op];
  return counts;
}

const work = mkdtempSync(join(tmpdir(), "sageaudit-api-bench-"));
const dbPath = join(work, "api.db");
const db = openDb(dbPath);
const config = configSchema.parse({ regions: [REGION] });
const clock = { now: () => new Date(), sleep: (ms) => sleep(Math.min(ms, 5)) };
const source = createAwsSource(config, { limiterClock: clock });
const runs = [];
const eventPages = (n) => Math.ceil(n / EVENT_PAGE) || 1;
async function run(name, minimum) {
  // Each phase's end: its wall time, and the live heap (after a forced collection when node runs
  // with --expose-gc, which adds about a second a phase at 500,000 jobs; else heap in use, garbage included).
  const phases = [];
  let phaseStart = Date.now();
  const onPhase = (phase) => {
    // The mocks (sinon) keep an Error per call, whose unserialised stack holds the frames' receivers:
    // the last calls' collector scopes, and through them the run's whole evidence log. Once the
    // collection is done, their history goes, so the heap measured is the collector's.
    if (phase === "collected") harvest();
    globalThis.gc?.();
    const now = Date.now();
    phases.push({ phase, wallMs: now - phaseStart, heapBytes: process.memoryUsage().heapUsed, collected: typeof globalThis.gc === "function" });
    phaseStart = now;
  };
  const measured = await measureStage(name, () => collectRun({ db, sourceName: "aws", collect: source.collect, toolVersion: "bench", onPhase }));
  const byOp = callsByOperation();
  // The store's size after the run, its WAL folded in: what each run adds to the history file.
  db.pragma("wal_checkpoint(TRUNCATE)");
  const storeBytes = statSync(dbPath).size;
  runs.push({ name, wallMs: measured.wallMs, cpuMs: measured.cpuMs, peakRssBytes: measured.peakRssBytes, storeBytes, jobs: estate.jobs, calls: byOp, minimum, phases });
  process.stdout.write(`\n${name}: ${measured.wallMs} ms, peak RSS ${Math.round(measured.peakRssBytes / 1048576)} MiB, store ${(storeBytes / 1048576).toFixed(1)} MiB\n`);
  const heap = phases[0]?.collected ? "live heap" : "heap in use (run with --expose-gc for the live heap)";
  process.stdout.write(`  ${phases.map((p) => `${p.phase} after ${(p.wallMs / 1000).toFixed(1)} s`).join(", ")}; ${heap} ${phases.map((p) => `${Math.round(p.heapBytes / 1048576)} MiB`).join(" / ")}\n`);
  for (const op of ["ListTrainingJobs", "DescribeTrainingJob", "GetResources", "ListTags", "LookupEvents"]) {
    process.stdout.write(`  ${op.padEnd(22)} ${String(byOp[op] ?? 0).padStart(8)}   minimum ${minimum[op]}\n`);
  }
}
const listPages = () => Math.ceil(estate.jobs / PAGE) || 1;
const tagPages = () => Math.ceil(estate.jobs / PAGE) || 1;
/** LookupEvents minimum: the sagemaker source's events since `from` (new ones plus the late-delivery margin), one page for each other source. */
const lookupMinimum = (from) => {
  let n = 0;
  for (let i = 0; i < estate.events; i++) if (eventTime(i) >= from) n++;
  return eventPages(n) + EVENT_SOURCES.length - 1;
};
let lastRunStart = 0;
const timed = async (name, minimum) => {
  const started = Date.now();
  await run(name, minimum(lastRunStart));
  lastRunStart = started;
};
await timed("first run", () => ({ ListTrainingJobs: listPages(), DescribeTrainingJob: estate.jobs, GetResources: tagPages(), ListTags: 0, LookupEvents: lookupMinimum(0) }));
await timed("unchanged second run", (prev) => ({ ListTrainingJobs: listPages(), DescribeTrainingJob: 0, GetResources: tagPages(), ListTags: 0, LookupEvents: lookupMinimum(prev - LATE_DELIVERY_MS) }));
estate.jobs += changes;
for (let k = 0; k < changes * 2; k++) addedAt.push(Date.now() - k);
estate.events += changes * 2;
await timed(`after ${changes} new jobs and ${changes * 2} new events`, (prev) => ({ ListTrainingJobs: listPages(), DescribeTrainingJob: changes, GetResources: tagPages(), ListTags: 0, LookupEvents: lookupMinimum(prev - LATE_DELIVERY_MS) }));
db.close();
rmSync(work, { recursive: true, force: true });
for (const m of mocks) m.restore();

const peakRssBytes = process.resourceUsage().maxRSS * 1024;
process.stdout.write(`\nprocess peak RSS ${Math.round(peakRssBytes / 1048576)} MiB (target at 500,000 jobs: ≤ 1536 MiB)\n`);
const dir = values.out ?? fileURLToPath(new URL("results/", import.meta.url));
mkdirSync(dir, { recursive: true });
const file = join(dir, `api-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
writeFileSync(file, `${JSON.stringify({ kind: "api-calls", at: new Date().toISOString(), jobs, events: eventCount, latencyMs: latency, throttleEvery, peakRssBytes, runs }, null, 2)}\n`);
process.stdout.write(`results: ${file}\n`);
