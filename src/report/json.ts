import type { ReportModel } from "./types.js";

/** report.json is the report model itself; stable key order comes from the model builder. */
export function renderJson(model: ReportModel): string {
  return `${JSON.stringify(model, null, 2)}\n`;
}

/**
 * report.json in pieces, byte for byte renderJson's, so a large
 * report is streamed to its file without one string holding all of it. The top levels (the model,
 * its controls, their findings, the evidence index) are walked here; each element below them is
 * stringified whole and re-indented, which is exact because JSON.stringify never emits a raw
 * newline inside a string.
 */
export function* jsonChunks(model: ReportModel): Generator<string> {
  yield* pretty(model, "", 0);
  yield "\n";
}

/** Depth below which values are written piecewise: model → controls → control → findings. */
const WALKED_DEPTH = 4;

function* pretty(value: unknown, indent: string, depth: number): Generator<string> {
  const json = toJsonValue(value);
  if (depth >= WALKED_DEPTH || json === null || typeof json !== "object") {
    yield (JSON.stringify(json, null, 2) ?? "null").replace(/\n/g, `\n${indent}`);
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(json)) {
    if (json.length === 0) return void (yield "[]");
    yield "[";
    for (let i = 0; i < json.length; i++) {
      yield `${i === 0 ? "" : ","}\n${inner}`;
      // JSON.stringify writes undefined, functions and symbols in arrays as null.
      yield* pretty(isOmitted(json[i]) ? null : json[i], inner, depth + 1);
    }
    yield `\n${indent}]`;
    return;
  }
  const entries = Object.entries(json as Record<string, unknown>).filter(([, v]) => !isOmitted(toJsonValue(v)));
  if (entries.length === 0) return void (yield "{}");
  yield "{";
  for (const [i, [key, v]] of entries.entries()) {
    yield `${i === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
    yield* pretty(v, inner, depth + 1);
  }
  yield `\n${indent}}`;
}

const isOmitted = (v: unknown): boolean => v === undefined || typeof v === "function" || typeof v === "symbol";

function toJsonValue(value: unknown): unknown {
  const withToJson = value as { toJSON?: () => unknown } | null;
  return withToJson !== null && typeof withToJson === "object" && typeof withToJson.toJSON === "function" ? withToJson.toJSON() : value;
}
