import { renderCsv } from "../report/csv.js";
import { renderHtml } from "../report/html.js";
import { renderJson } from "../report/json.js";
import { renderPdf } from "../report/pdf.js";
import type { ReportModel } from "../report/types.js";
import { writeFilesAtomically } from "../report/write.js";
import { TEMPLATES_DIR } from "../paths.js";
import { removeOwnTemps } from "./output.js";
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
  try {
    await renderAndWrite(model, formats, paths);
  } catch (error) {
    // Whatever failed (a renderer, a full disk mid-write, a rename), no temp file stays behind.
    removeOwnTemps(Object.values(paths));
    throw error;
  }
  return paths;
}

async function renderAndWrite(model: ReportModel, formats: readonly ReportFormat[], paths: Record<ReportFormat, string>): Promise<void> {
  const rendered = await Promise.all(formats.map(async (format) => ({ path: paths[format], data: await renderReport(model, format) })));
  writeFilesAtomically(rendered);
}
