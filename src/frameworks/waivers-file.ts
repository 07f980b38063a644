import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Waiver } from "../checks/types.js";
import { YamlSource } from "../config/yaml-source.js";
import { UsageError } from "../errors.js";
import type { Attestation } from "./types.js";

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

const waiversFile = z.strictObject({ waivers: z.array(waiverSchema) });
const attestationsFile = z.strictObject({ attestations: z.array(attestationSchema) });

function loadList<T>(path: string, kind: string, schema: z.ZodType<Record<string, T[]>>, key: string): T[] {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${kind} file ${path}: ${(error as Error).message}`);
  }
  const { source, issues } = YamlSource.parse(path, text);
  if (issues.length > 0) throw new UsageError(`invalid ${kind} file ${path}`, issues);
  const parsed = schema.safeParse(source.toJS() ?? { [key]: [] });
  if (!parsed.success) throw new UsageError(`invalid ${kind} file ${path}`, source.zodIssues(parsed.error));
  return parsed.data[key] ?? [];
}

export function loadWaivers(path: string | undefined): Waiver[] {
  return path ? loadList(path, "waivers", waiversFile as z.ZodType<Record<string, Waiver[]>>, "waivers") : [];
}

export function loadAttestations(path: string | undefined): Attestation[] {
  return path ? loadList(path, "attestations", attestationsFile as z.ZodType<Record<string, Attestation[]>>, "attestations") : [];
}
