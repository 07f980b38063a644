import { lstatSync, readFileSync, realpathSync, statSync } from "node:fs";
import { relative, resolve, sep, isAbsolute } from "node:path";
import { UsageError } from "../errors.js";

/**
 * Bounds for every file a user (or an attacker who can write one) hands us. Real inputs sit far
 * below them: an AWS API response nests a dozen levels, a mapping file a handful; the limits only
 * stop input built to exhaust the stack, the heap or the disk.
 */
export const LIMITS = {
  /** One evidence record file, or one line of evidence.jsonl. */
  recordBytes: 32 * 1024 * 1024,
  /** A whole evidence.jsonl. */
  jsonlBytes: 512 * 1024 * 1024,
  /** Evidence records in one snapshot. */
  records: 2_000_000,
  /** Config, mapping, waivers and attestations files. */
  yamlBytes: 4 * 1024 * 1024,
  jsonDepth: 128,
  yamlDepth: 64,
} as const;

/**
 * Nesting depth of JSON text, found without parsing (no recursion, so no stack to exhaust):
 * brackets inside strings do not count. Returns the 1-based line where `max` is first exceeded.
 */
export function jsonTooDeep(text: string, max: number): { line: number } | undefined {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > max) return { line };
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** JSON.parse behind the depth bound; errors name `where` (file or file:line). */
export function parseBoundedJson(text: string, where: string, maxDepth: number = LIMITS.jsonDepth): unknown {
  const deep = jsonTooDeep(text, maxDepth);
  if (deep) throw new UsageError(`${where}: JSON nested deeper than ${maxDepth} levels${where.includes(":") ? "" : ` (line ${deep.line})`}; refused`);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${where}: not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Nesting depth of YAML text, estimated line by line without parsing: block nesting from the
 * indentation stack (each `- ` of a compact sequence counts as a level), flow nesting from
 * `[`/`{` outside quotes and comments. The yaml parser itself runs out of memory on a document
 * 20,000 brackets deep, so this runs first. Returns the line where `max` is exceeded.
 */
export function yamlTooDeep(text: string, max: number): { line: number } | undefined {
  const indents: number[] = [];
  let flow = 0;
  const lines = text.split("\n");
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n] ?? "";
    const indent = raw.length - raw.trimStart().length;
    const body = raw.slice(indent);
    if (flow === 0 && body !== "" && !body.startsWith("#")) {
      while (indents.length > 0 && (indents[indents.length - 1] ?? 0) >= indent) indents.pop();
      indents.push(indent);
      const dashes = (/^(?:-(?:[ \t]+|$))*/.exec(body)?.[0].match(/-/g) ?? []).length;
      if (indents.length + dashes > max) return { line: n + 1 };
    }
    let quote = "";
    for (let i = 0; i < body.length; i++) {
      const ch = body[i] as string;
      if (quote) {
        if (ch === quote) quote = "";
        continue;
      }
      const prev = i === 0 ? " " : (body[i - 1] as string);
      if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(prev)) quote = ch;
      else if (ch === "#" && /\s/.test(prev)) break;
      else if (ch === "[" || ch === "{") {
        if (++flow + indents.length > max) return { line: n + 1 };
      } else if ((ch === "]" || ch === "}") && flow > 0) flow--;
    }
  }
  return undefined;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Reads a user file as UTF-8 within a size bound. `kind` names it in errors ("mapping file").
 * With `within`, the file (after following symlinks) must stay inside that directory: a symlink in
 * a snapshot or mappings directory that points elsewhere (`/etc/shadow`, another tenant's data)
 * is refused.
 */
export function readBoundedFile(path: string, options: { kind: string; maxBytes: number; within?: string }): string {
  const { kind } = options;
  let stat;
  try {
    stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      if (options.within !== undefined) {
        const target = realpathSync(path);
        if (!inside(realpathSync(options.within), target)) {
          throw new UsageError(`${kind} ${path} is a symlink to ${target}, outside ${options.within}; refused`);
        }
      }
      stat = statSync(path);
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${kind} ${path}: ${(error as Error).message}`);
  }
  if (!stat.isFile()) throw new UsageError(`${kind} ${path} is not a regular file`);
  if (stat.size > options.maxBytes) throw new UsageError(`${kind} ${path} is ${stat.size} bytes, more than the ${options.maxBytes} allowed; refused`);
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${kind} ${path}: ${(error as Error).message}`);
  }
}

/** A directory a user hands us, resolved; a symlinked directory is followed only if it stays inside `within`. */
export function checkDirectoryEntry(path: string, within: string, kind: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat?.isSymbolicLink()) return;
  const target = realpathSync(path);
  if (!inside(realpathSync(within), target)) throw new UsageError(`${kind} ${path} is a symlink to ${target}, outside ${resolve(within)}; refused`);
}
