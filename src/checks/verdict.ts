import type { Verdict } from "./types.js";

export const pass = (reason: string, evidenceIds?: string[]): Verdict => ({ status: "PASS", reason, ...(evidenceIds ? { evidenceIds } : {}) });
export const fail = (reason: string, evidenceIds?: string[]): Verdict => ({ status: "FAIL", reason, ...(evidenceIds ? { evidenceIds } : {}) });
export const notApplicable = (reason: string): Verdict => ({ status: "NOT_APPLICABLE", reason });
/** Evidence the check needed is missing: never a pass. */
export const gap = (reason: string, evidenceIds?: string[]): Verdict => ({ status: "ERROR", reason, ...(evidenceIds ? { evidenceIds } : {}) });

/** Renders an observed value for a reason string: `undefined` is named, never hidden. */
export function shown(value: unknown): string {
  if (value === undefined) return "not set";
  if (typeof value === "string") return value === "" ? "empty" : value;
  return JSON.stringify(value);
}
