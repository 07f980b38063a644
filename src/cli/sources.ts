import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { readSnapshot } from "../collect/snapshot.js";
import { redactionPolicyWith } from "../evidence/redact.js";
import type { Collection, CollectOptions, CollectorMemory } from "../collect/source.js";
import { scopeOf } from "../collect/source.js";
import { DEMO_ESTATE } from "../paths.js";

export interface ResolvedSource {
  name: string;
  /** `memory`: the store's memory of earlier runs, for incremental collection; replays ignore it. */
  collect: (memory?: CollectorMemory, options?: CollectOptions) => Promise<Collection>;
}

/**
 * Turns `--source` into a collector. Offline sources are read right away, so a bad snapshot is a
 * usage error before a run is started.
 */
export async function resolveSource(spec: string, config: Config, options: { logger?: Logger; json?: boolean; verbose?: boolean } = {}): Promise<ResolvedSource> {
  if (spec === "demo" || spec.startsWith("snapshot:")) {
    const dir = spec === "demo" ? DEMO_ESTATE : spec.slice("snapshot:".length);
    if (dir === "") throw new UsageError("--source snapshot: needs a directory, e.g. snapshot:./evidence");
    const collection = readSnapshot(dir, spec === "demo" ? "demo" : spec, redactionPolicyWith(config.redaction));
    const regions = config.regions.length > 0 ? new Set(config.regions) : undefined;
    const accounts = config.accounts.length > 0 ? new Set(config.accounts.map((a) => a.id)) : undefined;
    // Scope flags narrow a replay the same way they narrow a live collection.
    const records = collection.records.filter(
      (r) => (!regions || regions.has(r.region) || r.region === "global") && (!accounts || accounts.has(r.account)),
    );
    const filter = [regions ? `regions ${[...regions].join(",")}` : "", accounts ? `accounts ${[...accounts].join(",")}` : ""].filter((f) => f !== "").join("; ");
    const scoped = { ...collection, records, ...(filter ? { scope: filter } : {}) };
    return { name: collection.source, collect: () => Promise.resolve({ ...scoped, ...scopeOf(scoped.records) }) };
  }
  if (spec === "aws") {
    const { createAwsSource } = await import("../collect/aws/index.js");
    const { createProgress } = await import("../collect/progress.js");
    return createAwsSource(config, {
      ...(options.logger ? { logger: options.logger } : {}),
      progress: createProgress({ json: Boolean(options.json), verbose: Boolean(options.verbose) }),
    });
  }
  throw new UsageError(`--source: unknown source "${spec}"; use aws, demo or snapshot:DIR`);
}
