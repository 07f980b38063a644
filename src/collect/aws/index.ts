import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import type { Logger } from "pino";
import type { ResolvedSource } from "../../cli/sources.js";
import type { Config } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import type { AccountTarget, ClientFactoryOptions } from "../../aws/clients.js";
import { validateRegions } from "../../aws/regions.js";
import { AwsClientFactory } from "../../aws/clients.js";
import { TokenBucket, systemClock } from "../../aws/limits.js";
import type { Clock } from "../../aws/limits.js";
import { GLOBAL_REGION } from "../../evidence/inventory.js";
import { redactionPolicyWith } from "../../evidence/redact.js";
import type { RedactionPolicy } from "../../evidence/redact.js";
import { InMemoryCollectorMemory } from "../memory.js";
import type { Progress } from "../progress.js";
import { silentProgress } from "../progress.js";
import type { Collection, CollectionCursor, CollectOptions, CollectorMemory } from "../source.js";
import { EvidenceLog } from "./call.js";
import { collectCloudTrail } from "./cloudtrail.js";
import { collectAggregator, collectCompliance, collectRecording, collectSupportingItems } from "./config.js";
import type { References } from "./references.js";
import { emptyReferences, mergeReferences } from "./references.js";
import { collectSageMaker } from "./sagemaker.js";
import { collectSupportingApi } from "./supporting.js";
import { collectSageMakerTags } from "./tagging.js";

export interface AwsSourceOptions {
  /** The clock evidence is stamped with and windows are computed from (fixed in tests). */
  now?: () => Date;
  /**
   * Time as the rate limiter measures and waits for it. Separate from `now`: evidence stamped with
   * a frozen clock must not freeze the limiter (tests pass a fake clock whose sleep advances it).
   */
  limiterClock?: Clock;
  /**
   * Cursors and stored evidence of earlier runs when `collect()` is not handed the store's memory;
   * defaults to what this process remembers of its own earlier collections.
   */
  memory?: CollectorMemory;
  logger?: Logger;
  progress?: Progress;
  env?: NodeJS.ProcessEnv;
  /** HTTP layer double for tests. */
  requestHandler?: ClientFactoryOptions["requestHandler"];
}

/** LookupEvents is limited to 2 requests/s per account and region; stay just under it. */
const LOOKUP_RATE = 1.8;
const DAY_MS = 86_400_000;

/** `--regions`/config first, then the SDK's own region variables. */
export function resolveRegions(config: Config, env: NodeJS.ProcessEnv): string[] {
  if (config.regions.length > 0) {
    validateRegions(config.regions, "regions");
    return [...new Set(config.regions)];
  }
  const fromEnv = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (fromEnv) {
    validateRegions([fromEnv], env.AWS_REGION ? "AWS_REGION" : "AWS_DEFAULT_REGION");
    return [fromEnv];
  }
  throw new UsageError("the aws source needs a region: pass --regions, set regions in the config file, or set AWS_REGION");
}

/** The built-in redaction keys plus the configured ones; configuration can add, never remove. */
export function redactionPolicy(config: Config): RedactionPolicy {
  return redactionPolicyWith(config.redaction);
}

export function createAwsSource(config: Config, options: AwsSourceOptions = {}): ResolvedSource {
  const regions = resolveRegions(config, options.env ?? process.env);
  // Without the store's memory the source remembers within its own lifetime (one process).
  const ownMemory = new InMemoryCollectorMemory();
  return {
    name: "aws",
    collect: async (storeMemory?: CollectorMemory, run: CollectOptions = {}) => {
      const memory = storeMemory ?? options.memory ?? ownMemory;
      const collection = await collectAws(config, regions, { ...options, memory, ...(run.signal ? { signal: run.signal } : {}) });
      if (memory === ownMemory) ownMemory.remember(collection);
      return collection;
    },
  };
}

interface AccountRun {
  target: AccountTarget;
  account: string;
}

/** Collects every account and region of the scope. Never throws for an AWS failure: those are gaps. */
export async function collectAws(config: Config, regions: string[], options: AwsSourceOptions & { memory: CollectorMemory; signal?: AbortSignal }): Promise<Collection> {
  const clock: Clock = { now: options.now ?? systemClock.now, sleep: systemClock.sleep };
  // Rate limiting and credential expiry run on real (or fake-but-moving) time, never the stamp clock.
  const limiterClock = options.limiterClock ?? systemClock;
  const progress = options.progress ?? silentProgress;
  const clients = new AwsClientFactory({
    maxAttempts: config.collection.maxAttempts,
    clock: limiterClock,
    stsRegion: regions[0] ?? "us-east-1",
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
  });
  const log = new EvidenceLog({
    clock,
    policy: redactionPolicy(config),
    memory: options.memory,
    progress,
    concurrency: config.collection.concurrency,
    quietGaps: progress !== silentProgress,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const now = clock.now();
  // Whole UTC days keep the list requests (and so their evidence ids) stable across a day's runs.
  const since = new Date(Math.floor((now.getTime() - config.collection.jobLookbackDays * DAY_MS) / DAY_MS) * DAY_MS);
  const cursors: CollectionCursor[] = [];
  const allReferences: References = emptyReferences();
  const mode = config.collection.supportingEvidence;
  /** What SageMaker resources and trails reference, per account and then region. */
  const referenced = new Map<string, Map<string, References>>();

  try {
    const targets: AccountTarget[] = config.accounts.length > 0 ? config.accounts : [{}];
    const accounts = await Promise.all(targets.map((target) => identify(log, clients, target, regions[0] ?? "us-east-1")));

    await Promise.all(
      accounts.flatMap(({ target, account }) =>
        regions.map(async (region) => {
          const refs = emptyReferences();
          const config_ = clients.get("config", target, region);
          const configScope = log.scope("config", account, region);
          const [, cursor] = await Promise.all([
            collectSageMaker(log.scope("sagemaker", account, region), clients.get("sagemaker", target, region), { since, references: refs }),
            collectCloudTrail(log.scope("cloudtrail", account, region), clients.get("cloudtrail", target, region), {
              cursor: options.memory.cloudTrailCursor(account, region),
              lookbackDays: config.collection.cloudtrailLookbackDays,
              now,
              limiter: new TokenBucket(LOOKUP_RATE, 1, limiterClock),
              references: refs,
            }),
            collectSageMakerTags(log.scope("tagging", account, region), clients.get("tagging", target, region)),
            collectRecording(configScope, config_),
            config.aggregator ? Promise.resolve() : collectCompliance(configScope, config_),
          ]);
          if (cursor) cursors.push({ account, region, stream: "cloudtrail", value: cursor });
          // Supporting items are read after SageMaker and CloudTrail said which ones matter.
          if (!config.aggregator && mode !== "api") await collectSupportingItems(configScope, config_, refs);
          mergeReferences(allReferences, refs);
          const byRegion = referenced.get(account) ?? new Map<string, References>();
          byRegion.set(region, refs);
          referenced.set(account, byRegion);
        }),
      ),
    );

    // The services' own APIs, per account once every region said what it references (IAM and
    // S3 buckets are account-wide: each role and bucket is read once).
    if (mode !== "config") {
      await Promise.all(
        [...new Map(accounts.map((a) => [a.account, a] as const)).values()].map(({ target, account }) =>
          collectSupportingApi(log, clients, target, account, regions, referenced.get(account) ?? new Map()),
        ),
      );
    }

    if (config.aggregator) {
      const home = accounts[0] ?? { target: {}, account: "unknown" };
      await collectAggregator(
        log.scope("config", home.account, config.aggregator.region),
        clients.get("config", home.target, config.aggregator.region),
        config.aggregator.name,
        // With `api`, the aggregator still gives rule compliance, but no configuration items.
        mode === "api" ? emptyReferences() : allReferences,
      );
    }

    return {
      source: "aws",
      // Completion order is a race between calls; the collection is not.
      records: [...log.records].sort((a, b) => a.id.localeCompare(b.id) || a.sha256.localeCompare(b.sha256)),
      accounts: [...new Set(accounts.map((a) => a.account))].sort(),
      regions: [...regions].sort(),
      apiCalls: Object.fromEntries(Object.entries(log.apiCalls).sort(([a], [b]) => a.localeCompare(b))),
      cursors: cursors.sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region)),
      redaction: log.deps.policy,
    };
  } finally {
    progress.done();
    clients.destroy();
  }
}

/**
 * Which account a target really is: STS GetCallerIdentity with the target's credentials (after
 * assuming its role). The answer is evidence (whose credentials collected this); a failure is a gap
 * and the account's calls still run, each ending as a gap of its own, so its checks show ERROR.
 */
async function identify(log: EvidenceLog, clients: AwsClientFactory, target: AccountTarget, region: string): Promise<AccountRun> {
  let outcome: { output: unknown } | { error: unknown };
  try {
    outcome = { output: await clients.get("sts", target, region).send(new GetCallerIdentityCommand({})) };
  } catch (error) {
    outcome = { error };
  }
  const actual = "output" in outcome ? (outcome.output as { Account?: string }).Account : undefined;
  const account = target.id ?? actual ?? "unknown";
  if (target.id && actual && actual !== target.id) {
    log.deps.logger?.warn({ configured: target.id, actual, roleArn: target.roleArn }, "credentials for the account belong to another account; evidence is labelled with the configured id");
  }
  await log
    .scope("sts", account, GLOBAL_REGION)
    .call("GetCallerIdentity", {}, () => {
      if ("output" in outcome) return Promise.resolve(outcome.output);
      // Rethrown as caught: the call wrapper classifies whatever it is.
      throw outcome.error;
    });
  return { target, account };
}

