import type { ReportView } from "../view.js";
import { COLOR, MARGIN, S, WIDTH, ensureSpace, outlineTitle, pageIndex, write, type Doc } from "./layout.js";
import type { TocEntry } from "./toc.js";

/**
 * A part of the PDF body. The registry (registry.ts) lists them in order; the renderer asks each
 * for its contents entries before drawing anything (to reserve the contents pages), then draws
 * them, and checks that each drew exactly the entries it declared.
 */
export interface PdfSection {
  /** Also the named destination of a titled section. */
  id: string;
  /** Its first line in the contents. */
  title: string;
  /** Whether the section is drawn at all for this report. */
  applies(view: ReportView): boolean;
  /** How many contents entries `draw` adds for this view. */
  tocEntries(view: ReportView): number;
  draw(doc: Doc, view: ReportView, toc: TocEntry[]): void;
}

/**
 * The common section: a title in the contents, the outline and a named destination `id`, on a page
 * of its own (`newPage`) or after the previous section when room is left; `body` draws the rest.
 */
export function titledSection(id: string, title: string, newPage: boolean, body: (doc: Doc, view: ReportView) => void): PdfSection {
  return {
    id,
    title,
    applies: () => true,
    tocEntries: () => 1,
    draw(doc, view, toc) {
      startSection(doc, toc, title, id, newPage);
      body(doc, view);
    },
  };
}

/** Starts a top-level section: own page (or room on this one), contents entry, outline item and named destination. */
function startSection(doc: Doc, toc: TocEntry[], title: string, dest: string, newPage: boolean): void {
  if (newPage) doc.addPage();
  else {
    ensureSpace(doc, 160);
    if (doc.y > MARGIN.top) doc.y += 14;
  }
  doc.addNamedDestination(dest);
  doc.outline.addItem(outlineTitle(title));
  toc.push({ label: title, dest, level: 0, page: pageIndex(doc) });
  write(doc, S.h1, title, MARGIN.left, doc.y, { width: WIDTH });
  const ruleY = doc.y + 2;
  doc.moveTo(MARGIN.left, ruleY).lineTo(MARGIN.left + WIDTH, ruleY).lineWidth(1.5).strokeColor(COLOR.navy).stroke();
  doc.y = ruleY + 12;
}
