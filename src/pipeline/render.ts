import { csvChunks, renderCsv } from "../report/csv.js";
import { htmlChunks, renderHtml } from "../report/html.js";
import { jsonChunks, renderJson } from "../report/json.js";
import { renderPdf } from "../report/pdf.js";
import type { ReportModel } from "../report/types.js";
import { writeFilesAtomically } from "../report/write.js";
import type { OutputData } from "../report/write.js";
import { TEMPLATES_DIR } from "../paths.js";
import { removeOwnTemps } from "./output.js";
import { reportPaths } from "./report-run.js";
import type { ReportFormat } from "./report-run.js";

/** One format's bytes, for the package writer and verifier, which hash and zip them. */
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

/** A format as a report file is written: JSON, CSV and HTML streamed in pieces, the PDF whole. */
function renderForFile(model: ReportModel, format: ReportFormat): OutputData | Promise<OutputData> {
  if (format === "json") return jsonChunks(model);
  if (format === "csv") return csvChunks(model);
  if (format === "html") return htmlChunks(model, TEMPLATES_DIR);
  return renderReport(model, format);
}

/**
 * Renders and writes the requested formats one at a time (peak memory is one format's output, not
 * the sum), then renames them all or none.
 */
export async function renderReportFiles(model: ReportModel, formats: readonly ReportFormat[], outDir: string): Promise<Record<ReportFormat, string>> {
  const paths = reportPaths(outDir, model.framework.id, model.run.id, formats);
  try {
    await writeFilesAtomically(formats.map((format) => ({ path: paths[format], data: () => renderForFile(model, format) })));
  } catch (error) {
    // Whatever failed (a renderer, a full disk mid-write, a rename), no temp file stays behind.
    removeOwnTemps(Object.values(paths));
    throw error;
  }
  return paths;
}
