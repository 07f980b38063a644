import type { ReportView } from "../view.js";
import { COLOR, FONT, MARGIN, PAGE, WIDTH, fit, write, type Doc } from "./layout.js";

/** Header (after the cover) and footer on every page: drawn last, once the page count is known. */
export function decoratePages(doc: Doc, view: ReportView): void {
  const { start, count } = doc.bufferedPageRange();
  const small = { font: FONT.regular, size: 7.5, color: COLOR.muted };
  const header = `${view.framework.title}  |  Run ${view.run.id}`;
  const hash = `Report SHA-256 ${view.reportSha256.slice(0, 16)}`;
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    // Header and footer sit in the margins; without this pdfkit would start a new page for them.
    const margins = doc.page.margins;
    doc.page.margins = { ...margins, top: 0, bottom: 0 };
    if (i > start) {
      write(doc, small, fit(doc, small, header, WIDTH), MARGIN.left, 30, { width: WIDTH, lineBreak: false });
      doc.lineWidth(0.5).strokeColor(COLOR.line).moveTo(MARGIN.left, 42).lineTo(MARGIN.left + WIDTH, 42).stroke();
    }
    const y = PAGE.height - 38;
    doc.lineWidth(0.5).strokeColor(COLOR.line).moveTo(MARGIN.left, y - 8).lineTo(MARGIN.left + WIDTH, y - 8).stroke();
    write(doc, small, hash, MARGIN.left, y, { width: WIDTH / 2, lineBreak: false });
    write(doc, small, `Page ${i - start + 1} of ${count}`, MARGIN.left + WIDTH / 2, y, { width: WIDTH / 2, align: "right", lineBreak: false });
    doc.page.margins = margins;
  }
}
