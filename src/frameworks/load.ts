import { existsSync, readdirSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { sha256Hex } from "../evidence/canonical.js";
import { YamlSource } from "../config/yaml-source.js";
import type { SourceIssue } from "../config/yaml-source.js";
import { UsageError } from "../errors.js";
import { LIMITS, readBoundedFile } from "../input/limits.js";
import { BUNDLED_MAPPINGS } from "../paths.js";
import { mappingSchema } from "./schema.js";
import type { FrameworkMapping } from "./types.js";
import { crossValidateMapping } from "./validate.js";

/** Parses and validates one mapping file's text; `issues` is empty when it is usable. */
export function parseMapping(
  file: string,
  text: string,
  knownChecks: ReadonlySet<string>,
): { mapping?: FrameworkMapping; issues: SourceIssue[] } {
  const { source, issues } = YamlSource.parse(file, text);
  if (issues.length > 0) return { issues };
  const parsed = mappingSchema.safeParse(source.toJS());
  if (!parsed.success) return { issues: source.zodIssues(parsed.error) };
  const crossIssues = crossValidateMapping(parsed.data, source, knownChecks);
  if (crossIssues.length > 0) return { issues: crossIssues };
  const doc = parsed.data;
  return {
    issues: [],
    mapping: {
      framework: doc.framework,
      title: doc.title,
      version: doc.version,
      controls: doc.controls.map((c) => ({
        id: c.id,
        title: c.title,
        ...(c.description !== undefined ? { description: c.description.trim() } : {}),
        ...(c.requirement !== undefined ? { requirement: c.requirement } : {}),
        checks: c.checks ?? [],
        manual: c.manual === true,
      })),
      file,
      sha256: sha256Hex(text),
      source: text,
    },
  };
}

/** `within`: the mappings directory the file was found in; a symlink out of it is refused. */
export function loadMappingFile(path: string, knownChecks: ReadonlySet<string>, within?: string): FrameworkMapping {
  const text = readBoundedFile(path, { kind: "mapping file", maxBytes: LIMITS.yamlBytes, ...(within !== undefined ? { within } : {}) });
  const { mapping, issues } = parseMapping(path, text, knownChecks);
  if (!mapping) throw new UsageError(`invalid mapping file ${path}`, issues);
  return mapping;
}

/** Mapping files by framework id: the bundled ones, then those in `extraDir` (which may override). */
export function discoverMappings(extraDir?: string): Map<string, string> {
  const found = new Map<string, string>();
  const dirs = [BUNDLED_MAPPINGS, ...(extraDir ? [resolve(extraDir)] : [])];
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new UsageError(`mappings directory ${dir} does not exist`);
    for (const name of readdirSync(dir).sort()) {
      if (/\.ya?ml$/.test(name)) found.set(basename(name).replace(/\.ya?ml$/, ""), join(dir, name));
    }
  }
  return found;
}

export function loadFramework(id: string, knownChecks: ReadonlySet<string>, extraDir?: string): FrameworkMapping {
  const files = discoverMappings(extraDir);
  const path = files.get(id);
  if (!path) throw new UsageError(`unknown framework "${id}"; known frameworks: ${[...files.keys()].join(", ")}`);
  const mapping = loadMappingFile(path, knownChecks, dirname(path));
  if (mapping.framework !== id) {
    throw new UsageError(`mapping file ${path} declares framework "${mapping.framework}" but is named "${id}"`);
  }
  return mapping;
}
