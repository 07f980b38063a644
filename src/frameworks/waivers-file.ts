import { z } from "zod";
import type { Waiver } from "../checks/types.js";
import { YamlSource } from "../config/yaml-source.js";
import { UsageError } from "../errors.js";
import { LIMITS, readBoundedFile } from "../input/limits.js";
import type { Attestation, InvalidWaiver } from "./types.js";

const date = z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date (use YYYY-MM-DD or an ISO timestamp)");
// YAML turns an unquoted 2027-01-31 into a Date; accept it as the date the user wrote.
const dateLike = z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), date);

export const waiverSchema = z.strictObject({
  check: z.string().min(1),
  resource: z.string().min(1),
  reason: z.string().min(1),
  approvedBy: z.string().min(1),
  expires: dateLike,
});

export const attestationSchema = z.strictObject({
  control: z.string().min(1),
  statement: z.string().min(1),
  attestedBy: z.string().min(1),
  date: dateLike,
  expires: dateLike,
  evidence: z.array(z.string().min(1)).default([]),
});

const attestationsFile = z.strictObject({ attestations: z.array(attestationSchema) });

function loadList<T>(path: string, kind: string, schema: z.ZodType<Record<string, T[]>>, key: string): T[] {
  const text = readBoundedFile(path, { kind: `${kind} file`, maxBytes: LIMITS.yamlBytes });
  return parseList(path, text, kind, schema, key);
}

function parseList<T>(path: string, text: string, kind: string, schema: z.ZodType<Record<string, T[]>>, key: string): T[] {
  const { source, issues } = YamlSource.parse(path, text);
  if (issues.length > 0) throw new UsageError(`invalid ${kind} file ${path}`, issues);
  const parsed = schema.safeParse(source.toJS() ?? { [key]: [] });
  if (!parsed.success) throw new UsageError(`invalid ${kind} file ${path}`, source.zodIssues(parsed.error));
  return parsed.data[key] ?? [];
}

export interface WaiverSet {
  waivers: Waiver[];
  /** Entries that do not apply: malformed, or naming a check that does not exist. Reported, not fatal. */
  invalid: InvalidWaiver[];
}

// The file's shape is checked strictly; each entry is judged on its own so one bad entry cannot
// hide (or void) the others.
const waiversShape = z.strictObject({ waivers: z.array(z.unknown()) });

/**
 * Parses a waivers file's text. Text that is not YAML, or not a `waivers:` list, is a usage error;
 * a malformed entry or one naming an unknown check is returned in `invalid` and does not apply.
 */
export function parseWaivers(file: string, text: string, knownChecks: ReadonlySet<string>): WaiverSet {
  const { source, issues } = YamlSource.parse(file, text);
  if (issues.length > 0) throw new UsageError(`invalid waivers file ${file}`, issues);
  const shape = waiversShape.safeParse(source.toJS() ?? { waivers: [] });
  if (!shape.success) throw new UsageError(`invalid waivers file ${file}`, source.zodIssues(shape.error));
  const waivers: Waiver[] = [];
  const invalid: InvalidWaiver[] = [];
  shape.data.waivers.forEach((entry, index) => {
    const parsed = waiverSchema.safeParse(entry);
    if (!parsed.success) {
      const located = source.zodIssues(new z.ZodError(parsed.error.issues.map((i) => ({ ...i, path: ["waivers", index, ...i.path] }))));
      for (const issue of located) invalid.push({ ...issue, index });
      return;
    }
    if (!knownChecks.has(parsed.data.check)) {
      invalid.push({ ...source.at(["waivers", index, "check"], `waivers.${index}.check: unknown check id "${parsed.data.check}"`), index });
      return;
    }
    waivers.push(parsed.data);
  });
  return { waivers, invalid };
}

export function loadWaivers(path: string | undefined, knownChecks: ReadonlySet<string>): WaiverSet {
  if (!path) return { waivers: [], invalid: [] };
  const text = readBoundedFile(path, { kind: "waivers file", maxBytes: LIMITS.yamlBytes });
  return parseWaivers(path, text, knownChecks);
}

export function loadAttestations(path: string | undefined): Attestation[] {
  return path ? loadList(path, "attestations", attestationsFile as z.ZodType<Record<string, Attestation[]>>, "attestations") : [];
}

/** Parses an attestations file's text (`file` names it in errors): what `verify` reads from a package. */
export function parseAttestations(file: string, text: string): Attestation[] {
  return parseList(file, text, "attestations", attestationsFile as z.ZodType<Record<string, Attestation[]>>, "attestations");
}
