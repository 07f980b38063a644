import PDFDocument from "pdfkit";
import { fontSet } from "../pdf-fonts.js";
import { compactFinishedPages } from "../pdf-pages.js";
import type { ReportModel } from "../types.js";
import { reportView, type ReportView } from "../view.js";
import { decoratePages } from "./decorate.js";
import { MARGIN, pageIndex, type Doc } from "./layout.js";
import { PDF_SECTIONS } from "./registry.js";
import type { PdfSection } from "./section.js";
import { drawCover } from "./sections/cover.js";
import { drawToc, tocPageCount, type TocEntry } from "./toc.js";

export function renderPdf(model: ReportModel): Promise<Buffer> {
  return renderPdfSections(model, PDF_SECTIONS);
}

/** `renderPdf` with the body made of `sections` (tests pass their own list to check the contents guard). */
export async function renderPdfSections(model: ReportModel, sections: readonly PdfSection[]): Promise<Buffer> {
  const view = reportView(model);
  const generatedAt = new Date(model.generatedAt);
  const doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: false,
    lang: "en",
    displayTitle: true,
    info: {
      // Metadata strings are written as UTF-16 when needed, so they keep the original characters.
      Title: view.title,
      Subject: `${view.framework.title} (${view.framework.version}), run ${view.run.id}`,
      Author: `${view.tool.name} ${view.tool.version}`,
      Creator: `${view.tool.name} ${view.tool.version}`,
      CreationDate: generatedAt,
      ModDate: generatedAt,
    },
  });
  const bytes = collect(doc);
  compactFinishedPages(doc);
  fontSet().register(doc);

  drawCover(doc, view);
  const body = sections.filter((s) => s.applies(view));
  const tocFirstPage = pageIndex(doc) + 1;
  const tocPages = tocPageCount(body.reduce((n, s) => n + s.tocEntries(view), 0));
  for (let i = 0; i < tocPages; i++) doc.addPage();
  const toc = drawBody(doc, view, body);
  drawToc(doc, toc, tocFirstPage, tocPages);
  decoratePages(doc, view);
  doc.end();
  return bytes;
}

/** Draws the sections, holding each to the contents entries it declared (which sized the contents pages). */
function drawBody(doc: Doc, view: ReportView, sections: readonly PdfSection[]): TocEntry[] {
  const toc: TocEntry[] = [];
  for (const section of sections) {
    const declared = section.tocEntries(view);
    const before = toc.length;
    section.draw(doc, view, toc);
    const drawn = toc.length - before;
    if (drawn !== declared) {
      throw new Error(`internal error: PDF section "${section.id}" added ${drawn} contents entries but declared ${declared}; the contents pages were sized from the declarations`);
    }
  }
  return toc;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}
