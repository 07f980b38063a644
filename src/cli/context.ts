import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import { validateRegions } from "../aws/regions.js";
import { UsageError } from "../errors.js";
import { CHECK_IDS } from "../checks/catalogue.js";
import { loadFramework } from "../frameworks/load.js";
import { loadAttestations, loadWaivers } from "../frameworks/waivers-file.js";
import type { FrameworkInputs, ReportFormat } from "../pipeline/report-run.js";
import { REPORT_FORMATS } from "../pipeline/report-run.js";

/** Flags several commands share; each overrides the config file and `SAGEAUDIT_*`. */
export interface CommonFlags {
  config?: string;
  db?: string;
  mappings?: string;
  regions?: string;
  accounts?: string;
  verbose?: boolean;
  json?: boolean;
}

/** The options of every command that collects: where from, what scope, which files. */
export function withCollectOptions(command: Command): Command {
  return command
    .option("--source <source>", "aws | demo | snapshot:DIR (default aws)")
    .option("--regions <list>", "regions to collect, comma-separated")
    .option("--accounts <list>", "account ids to collect, comma-separated")
    .option("--config <file>", "config file (default ./sageaudit.config.yaml)")
    .option("--db <file>", "SQLite store (default ./data/sageaudit.db)")
    .option("--mappings <dir>", "extra directory of framework mapping files");
}

export const splitList = (value: string | undefined): string[] | undefined =>
  value === undefined ? undefined : value.split(",").map((s) => s.trim()).filter((s) => s !== "");

export function resolveConfig(flags: CommonFlags): Config {
  const { config } = loadConfig(flags.config);
  if (flags.db) config.db = flags.db;
  if (flags.mappings) config.mappings = flags.mappings;
  const regions = splitList(flags.regions);
  if (regions) config.regions = regions;
  validateRegions(config.regions, regions ? "--regions" : "regions (config file or SAGEAUDIT_REGIONS)");
  const accounts = splitList(flags.accounts);
  if (accounts) {
    const bad = accounts.find((a) => !/^\d{12}$/.test(a));
    if (bad) throw new UsageError(`--accounts: "${bad}" is not a 12-digit account id`);
    const known = new Map(config.accounts.map((a) => [a.id, a]));
    config.accounts = accounts.map((id) => known.get(id) ?? { id });
  }
  return config;
}

export function parseFormats(value: string | undefined, fallback: readonly ReportFormat[]): ReportFormat[] {
  const formats = splitList(value) ?? [...fallback];
  const bad = formats.find((f) => !REPORT_FORMATS.includes(f as ReportFormat));
  if (bad) throw new UsageError(`--format: unknown format "${bad}"; use ${REPORT_FORMATS.join(", ")}`);
  if (formats.length === 0) throw new UsageError("--format: name at least one format");
  return [...new Set(formats)] as ReportFormat[];
}

/** Everything a framework evaluation reads from files, validated before any AWS call. */
export function loadFrameworkInputs(framework: string, config: Config): FrameworkInputs {
  const mapping = loadFramework(framework, CHECK_IDS, config.mappings);
  const { waivers, invalid } = loadWaivers(config.waivers, CHECK_IDS);
  return { mapping, waivers, invalidWaivers: invalid, attestations: loadAttestations(config.attestations) };
}
