import { renderCsv } from "../report/csv.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderPdf } from "../report/pdf.js";
import type { ReportModel } from "../report/types.js";
import { writeFilesAtomically } from "../report/write.js";
import { TEMPLATES_DIR } from "../paths.js";
import { reportPaths } from "./report-run.js";
import type { ReportFormat } from "./report-run.js";

/** One format's bytes. Renderers return bytes; only writeFilesAtomically and the package writer write them. */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<string | Buffer> {
  switch (format) {
    case "json":
      return renderJson(model);
    case "html":
      return renderHtml(model, TEMPLATES_DIR);
    case "csv":
      return renderCsv(model);
    case "pdf":
      return renderPdf(model);
  }
}

/** Renders every requested format to bytes first, then writes them all or none. */
export async function renderReportFiles(model: ReportModel, formats: readonly ReportFormat[], outDir: string): Promise<Record<ReportFormat, string>> {
  const paths = reportPaths(outDir, model.framework.id, model.run.id, formats);
  const rendered = await Promise.all(formats.map(async (format) => ({ path: paths[format], data: await renderReport(model, format) })));
  writeFilesAtomically(rendered);
  return paths;
}
