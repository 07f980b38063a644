import { existsSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { LIMITS, readBoundedFile } from "../input/limits.js";
import { configSchema } from "./schema.js";
import type { Config } from "./schema.js";
import { YamlSource } from "./yaml-source.js";

export const DEFAULT_CONFIG_FILE = "sageaudit.config.yaml";

/** `SAGEAUDIT_*` variables that override config keys, so a container can be configured without a file. */
const ENV_OVERRIDES: Record<string, (config: Record<string, unknown>, value: string) => void> = {
  SAGEAUDIT_DB: (c, v) => (c.db = v),
  SAGEAUDIT_REGIONS: (c, v) => (c.regions = list(v)),
  SAGEAUDIT_FRAMEWORKS: (c, v) => (c.frameworks = list(v)),
  SAGEAUDIT_SCHEDULE: (c, v) => (c.schedule = v),
  SAGEAUDIT_OUT: (c, v) => (c.output = { ...(c.output as object | undefined), dir: v }),
  SAGEAUDIT_RETENTION_DAYS: (c, v) => (c.retention = { days: Number(v) }),
  SAGEAUDIT_WAIVERS: (c, v) => (c.waivers = v),
  SAGEAUDIT_ATTESTATIONS: (c, v) => (c.attestations = v),
  SAGEAUDIT_SIGN_KEY: (c, v) => (c.signing = { keyFile: v }),
};

function list(value: string): string[] {
  return value.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

export interface LoadedConfig {
  config: Config;
  /** The file it came from, if any; relative paths in it are resolved against its directory. */
  file?: string;
}

/**
 * Loads the config file (`--config`, `SAGEAUDIT_CONFIG`, or ./sageaudit.config.yaml when present),
 * applies `SAGEAUDIT_*` overrides, and validates. Unknown keys and bad values name the key.
 */
export function loadConfig(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const path = explicit ?? env.SAGEAUDIT_CONFIG ?? (existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : undefined);
  let raw: Record<string, unknown> = {};
  let source: YamlSource | undefined;
  if (path) {
    const text = readBoundedFile(path, { kind: "config file", maxBytes: LIMITS.yamlBytes });
    const parsed = YamlSource.parse(path, text);
    if (parsed.issues.length > 0) throw new UsageError(`invalid config file ${path}`, parsed.issues);
    source = parsed.source;
    const js = source.toJS();
    if (js !== null && js !== undefined && (typeof js !== "object" || Array.isArray(js))) {
      throw new UsageError(`invalid config file ${path}: the top level must be a mapping of keys`);
    }
    raw = (js ?? {}) as Record<string, unknown>;
  }
  for (const [name, apply] of Object.entries(ENV_OVERRIDES)) {
    const value = env[name];
    if (value !== undefined && value !== "") apply(raw, value);
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    if (source) throw new UsageError(`invalid config file ${path}`, source.zodIssues(result.error));
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new UsageError(`invalid configuration from SAGEAUDIT_* variables\n${lines.join("\n")}`);
  }
  const config = result.data;
  if (path) {
    const base = dirname(resolve(path));
    const rel = (p: string | undefined): string | undefined => (p === undefined || isAbsolute(p) ? p : resolve(base, p));
    config.waivers = rel(config.waivers);
    config.attestations = rel(config.attestations);
    config.mappings = rel(config.mappings);
    if (config.signing) config.signing.keyFile = rel(config.signing.keyFile) as string;
  }
  return { config, ...(path ? { file: path } : {}) };
}
