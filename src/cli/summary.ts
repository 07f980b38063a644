import type { ReportModel } from "../report/types.js";
import { writeJson, writeOut } from "./terminal.js";

const pad = (s: string, n: number): string => s.padEnd(n);

export function printReportSummary(model: ReportModel, files: Record<string, string>, json: boolean): void {
  if (json) {
    const out = {
      runId: model.run.id,
      framework: model.framework.id,
      status: model.run.status,
      summary: model.summary,
      gaps: model.run.gaps.length,
      invalidWaivers: model.waivers.invalid,
      files,
    };
    writeJson(out);
    return;
  }
  const c = model.summary.controls;
  const f = model.summary.findings;
  const lines = [
    `${model.framework.title} (${model.framework.id}) — run ${model.run.id} [${model.run.status}]`,
    `${pad("Scope", 10)}accounts ${model.run.accounts.join(", ") || "-"}; regions ${model.run.regions.join(", ") || "-"}`,
    `${pad("Controls", 10)}PASS ${c.PASS}  FAIL ${c.FAIL}  NO_DATA ${c.NO_DATA}  MANUAL ${c.MANUAL}  ATTESTED ${c.ATTESTED}`,
    `${pad("Findings", 10)}PASS ${f.PASS}  FAIL ${f.FAIL}  WAIVED ${f.WAIVED}  ERROR ${f.ERROR}  NOT_APPLICABLE ${f.NOT_APPLICABLE}`,
    `${pad("Score", 10)}${model.summary.score}%`,
    `${pad("Gaps", 10)}${model.run.gaps.length}${model.run.gaps.length > 0 ? ` (${model.run.gaps.map((g) => `${g.source}:${g.operation} ${g.account}/${g.region}`).slice(0, 3).join("; ")}${model.run.gaps.length > 3 ? "; …" : ""})` : ""}`,
    `${pad("Reports", 10)}${Object.values(files).join("\n" + " ".repeat(10))}`,
  ];
  const w = model.waivers;
  if (w.active.length + w.expired.length + w.invalid.length > 0) {
    // A waiver that silently does not apply is how a FAIL surprises someone in an audit: say so here.
    const notApplied = w.invalid.map((i) => `${" ".repeat(10)}not applied: ${i.file}:${i.line}:${i.col}: ${i.message}`);
    lines.splice(lines.length - 1, 0, `${pad("Waivers", 10)}${w.active.length} active, ${w.expired.length} expired, ${w.invalid.length} invalid`, ...notApplied);
  }
  writeOut(`${lines.join("\n")}\n`);
}
