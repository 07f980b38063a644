import type { SourceIssue, YamlSource } from "../config/yaml-source.js";
import type { MappingDocument } from "./schema.js";

/**
 * Second phase of mapping validation: cross-references the structure cannot express
 * (unknown check ids, duplicate controls, controls that evaluate nothing).
 */
export function crossValidateMapping(doc: MappingDocument, source: YamlSource, knownChecks: ReadonlySet<string>): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const seen = new Map<string, number>();
  doc.controls.forEach((control, i) => {
    const first = seen.get(control.id);
    if (first !== undefined) {
      const firstAt = source.at(["controls", first, "id"], "");
      issues.push(source.at(["controls", i, "id"], `duplicate control id "${control.id}" (first defined at line ${firstAt.line})`));
    } else seen.set(control.id, i);

    const checks = control.checks ?? [];
    if (checks.length === 0 && control.manual !== true) {
      issues.push(source.at(["controls", i], `control "${control.id}" has neither checks nor manual: true`));
    }
    if (checks.length > 0 && control.manual === true) {
      issues.push(source.at(["controls", i, "manual"], `control "${control.id}" is manual but also lists checks: choose one`));
    }
    checks.forEach((check, j) => {
      if (!knownChecks.has(check)) issues.push(source.at(["controls", i, "checks", j], `unknown check id "${check}"`));
    });
    const dup = checks.find((c, j) => checks.indexOf(c) !== j);
    if (dup) issues.push(source.at(["controls", i, "checks", checks.lastIndexOf(dup)], `check "${dup}" listed twice in control "${control.id}"`));
  });
  return issues;
}
