import { hash } from "node:crypto";

/**
 * Canonical JSON: object keys sorted, no whitespace, Dates as ISO strings, undefined members dropped.
 * Hashes of evidence, findings and control results are computed over this form, so the same
 * content always hashes the same regardless of key order or the SDK's Date objects.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value));
}

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalise(item)));
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (value !== null && typeof value === "object") {
    // No prototype: a "__proto__" member (a hyperparameter, a map key in a response) stays a member
    // instead of becoming the object's prototype and silently leaving the JSON and its hash.
    const out = Object.create(null) as Record<string, unknown>;
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = normalise(member);
    }
    return out;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

// One-shot `hash` rather than a Hash object per call: half the time per short input (a finding body,
// a record), which the store pays for every finding of every run.
export function sha256Hex(data: string | Uint8Array): string {
  return hash("sha256", data, "hex");
}

/** The 32 bytes of the sha256, for keys stored as BLOBs (half the size of hex in a table and its index). */
export function sha256Bytes(data: string | Uint8Array): Buffer {
  return hash("sha256", data, "buffer");
}

export function hashCanonical(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}
