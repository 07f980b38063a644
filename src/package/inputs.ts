import { readFileSync } from "node:fs";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { CHECK_IDS } from "../checks/catalogue.js";
import type { Config } from "../config/schema.js";
import { UsageError } from "../errors.js";
import { loadFramework } from "../frameworks/load.js";
import { parseAttestations, parseWaivers } from "../frameworks/waivers-file.js";
import type { FrameworkInputs } from "../pipeline/report-run.js";
import { PACKAGE_FILES } from "./manifest.js";

export interface Attachment {
  control: string;
  /** The path as the attestation names it. */
  source: string;
  bytes: Buffer;
  name: string;
}

/** A framework's inputs together with the exact bytes they were parsed from, which the package ships. */
export interface PackageInputs extends FrameworkInputs {
  waiversText?: string;
  attestationsText?: string;
  attachments: Attachment[];
}

function read(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/**
 * Loads the mapping, waivers and attestations as `report` does, keeping their text, and reads
 * every attestation's evidence file (relative paths resolve against the attestations file).
 */
export function loadPackageInputs(framework: string, config: Config): PackageInputs {
  const mapping = loadFramework(framework, CHECK_IDS, config.mappings);
  const waiversText = config.waivers ? read(config.waivers, "waivers file").toString("utf8") : undefined;
  // Parsed under the user's path first (so errors name their file), then under the name it has in
  // the package: entries that do not apply cite the packaged file, which verify parses the same way.
  if (config.waivers && waiversText !== undefined) parseWaivers(config.waivers, waiversText, CHECK_IDS);
  const { waivers, invalid } = waiversText !== undefined ? parseWaivers(PACKAGE_FILES.waivers, waiversText, CHECK_IDS) : { waivers: [], invalid: [] };
  const attestationsText = config.attestations ? read(config.attestations, "attestations file").toString("utf8") : undefined;
  const attestations = config.attestations && attestationsText !== undefined ? parseAttestations(config.attestations, attestationsText) : [];
  const base = config.attestations ? dirname(resolve(config.attestations)) : process.cwd();
  const attachments: Attachment[] = [];
  for (const a of attestations) {
    for (const source of a.evidence) {
      const path = isAbsolute(source) ? source : resolve(base, source);
      attachments.push({ control: a.control, source, bytes: read(path, `evidence file of the attestation for control ${a.control}:`), name: basename(path) });
    }
  }
  return {
    mapping,
    waivers,
    invalidWaivers: invalid,
    attestations,
    attachments,
    ...(waiversText !== undefined ? { waiversText } : {}),
    ...(attestationsText !== undefined ? { attestationsText } : {}),
  };
}
