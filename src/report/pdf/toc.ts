import type { StatusView } from "../view.js";
import { BOTTOM, COLOR, MARGIN, S, WIDTH, badge, fit, write, type Doc } from "./layout.js";

/** The contents: its pages are reserved before the body, then drawn once every page number is known. */

export interface TocEntry {
  label: string;
  dest: string;
  level: 0 | 1;
  status?: StatusView;
  page: number;
}

const TOC_LINE = 15;
export const TOC_LINES_PER_PAGE = Math.floor((BOTTOM - MARGIN.top - 40) / TOC_LINE);

export const tocPageCount = (entries: number): number => Math.ceil(entries / TOC_LINES_PER_PAGE);

export function drawToc(doc: Doc, toc: readonly TocEntry[], firstPage: number, pageCount: number): void {
  for (let p = 0; p < pageCount; p++) {
    doc.switchToPage(firstPage + p);
    doc.y = MARGIN.top;
    write(doc, S.h1, p === 0 ? "Contents" : "Contents (continued)", MARGIN.left, MARGIN.top, { width: WIDTH });
    let y = MARGIN.top + 40;
    for (const entry of toc.slice(p * TOC_LINES_PER_PAGE, (p + 1) * TOC_LINES_PER_PAGE)) {
      tocLine(doc, entry, y);
      y += TOC_LINE;
    }
  }
}

const SECTION_STYLE = { ...S.bodyBold, size: 9.5 };
const ENTRY_STYLE = { ...S.body, size: 9 };

function tocLine(doc: Doc, entry: TocEntry, y: number): void {
  const indent = entry.level === 1 ? 14 : 0;
  const style = entry.level === 0 ? SECTION_STYLE : ENTRY_STYLE;
  const pageLabel = String(entry.page + 1);
  const statusWidth = entry.status ? 74 : 0;
  const labelWidth = WIDTH - indent - statusWidth - 40;
  write(doc, style, fit(doc, style, entry.label, labelWidth), MARGIN.left + indent, y, { lineBreak: false, goTo: entry.dest });
  if (entry.status) badge(doc, entry.status, MARGIN.left + WIDTH - 40 - statusWidth, y - 1.5);
  write(doc, style, pageLabel, MARGIN.left + WIDTH - 36, y, { width: 36, align: "right", lineBreak: false, goTo: entry.dest });
  doc.lineWidth(0.3).strokeColor(COLOR.line).moveTo(MARGIN.left + indent, y + 11.5).lineTo(MARGIN.left + WIDTH, y + 11.5).stroke();
}
