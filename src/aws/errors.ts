import type { EvidenceError } from "../evidence/types.js";

const MAX_MESSAGE = 500;

// Names the SDK gives errors that carry no AWS error code of their own.
const GENERIC_NAMES = new Set(["Error", "SyntaxError", "TypeError", "UnknownError", "Unknown"]);

/**
 * Turns anything a call can throw into the `{code, message}` of a gap. AWS service errors keep
 * their code; an endpoint that answers with something that is not an AWS response (moto's HTML 500
 * for an API it does not implement, a proxy's error page) becomes `UnrecognizedResponse` with the
 * HTTP status; network failures and timeouts keep their Node/SDK name (ECONNREFUSED, TimeoutError).
 */
export function toEvidenceError(error: unknown): EvidenceError {
  if (!(error instanceof Error)) return { code: "UnknownError", message: truncate(String(error)) };
  const e = error as Error & { code?: unknown; $fault?: unknown; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const message = truncate(firstLine(e.message));
  if (e.$fault !== undefined && !GENERIC_NAMES.has(e.name)) return { code: e.name, message };
  if (typeof e.code === "string" && e.code !== "") return { code: e.code, message };
  if (status !== undefined && GENERIC_NAMES.has(e.name)) {
    return { code: "UnrecognizedResponse", message: truncate(`HTTP ${status}: the endpoint did not answer as the AWS API does (${message})`) };
  }
  return { code: e.name || "UnknownError", message };
}

function firstLine(text: string): string {
  return text.split("\n")[0]?.trim() ?? "";
}

function truncate(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
