import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Document, Node } from "yaml";
import type { z } from "zod";
import { UsageError } from "../errors.js";
import { LIMITS, yamlTooDeep } from "../input/limits.js";

/**
 * Aliases a document may expand (yaml's own default, stated here because it is a security bound):
 * nine anchors of nine aliases each already expand to 387 million nodes (a "billion laughs").
 * https://eemeli.org/yaml/#tojs-options
 */
const MAX_ALIAS_COUNT = 100;

/** One problem in a user's file, printed as `file:line:col: message`. */
export interface SourceIssue {
  file: string;
  line: number;
  col: number;
  message: string;
}

export function formatIssue(issue: SourceIssue): string {
  return `${issue.file}:${issue.line}:${issue.col}: ${issue.message}`;
}

/** A YAML document that remembers where each value came from, so errors can point at it. */
export class YamlSource {
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {}

  static parse(file: string, text: string): { source: YamlSource; issues: SourceIssue[] } {
    const deep = yamlTooDeep(text, LIMITS.yamlDepth);
    if (deep) {
      const empty = new LineCounter();
      return {
        source: new YamlSource(file, "", parseDocument("", { lineCounter: empty }), empty),
        issues: [{ file, line: deep.line, col: 1, message: `nested deeper than ${LIMITS.yamlDepth} levels; refused` }],
      };
    }
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const source = new YamlSource(file, text, doc, lines);
    const issues = doc.errors.map((e) => {
      const pos = lines.linePos(e.pos[0]);
      return { file, line: pos.line, col: pos.col, message: e.message.split("\n")[0] ?? e.message };
    });
    return { source, issues };
  }

  /** The plain value; an alias bomb (more alias expansions than MAX_ALIAS_COUNT) is a usage error naming the file and the first alias. */
  toJS(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    } catch (error) {
      if (!(error instanceof ReferenceError || error instanceof RangeError)) throw error;
      const alias = /\*[A-Za-z0-9_-]+/.exec(this.text);
      const pos = this.lines.linePos(alias?.index ?? 0);
      throw new UsageError(`${this.file}:${pos.line}:${pos.col}: ${error.message.split("\n")[0] ?? ""} (YAML aliases expand to too many nodes; refused)`);
    }
  }

  /** Position of the node at `path`, or of its nearest existing ancestor. */
  at(path: readonly PropertyKey[], message: string, preferKey = false): SourceIssue {
    let node: unknown = this.doc.contents;
    let best: Node | null = this.doc.contents ?? null;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === segment);
        if (!pair) break;
        const isLast = segment === path[path.length - 1];
        best = (preferKey && isLast ? (pair.key as Node) : (pair.value as Node | null)) ?? (pair.key as Node);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item = node.items[segment] as Node | undefined;
        if (!item) break;
        best = item;
        node = item;
      } else break;
    }
    const offset = best?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    return { file: this.file, line: pos.line, col: pos.col, message };
  }

  /** Converts zod issues into located issues, naming the key that is wrong. */
  zodIssues(error: z.ZodError): SourceIssue[] {
    return error.issues.map((issue) => {
      const keys = issue.code === "unrecognized_keys" ? (issue as { keys: string[] }).keys : [];
      const path = keys.length > 0 ? [...issue.path, keys[0] as string] : issue.path;
      const name = path.map(String).join(".") || "(root)";
      const message = keys.length > 0 ? `unknown key ${keys.map((k) => `"${k}"`).join(", ")}` : issue.message;
      return this.at(path, `${name}: ${message}`, keys.length > 0);
    });
  }
}
