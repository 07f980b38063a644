import type { Laid } from "../pdf-text.js";
import type { StatusView } from "../view.js";
import { BADGE_SIZE, BOTTOM, COLOR, LINE_GAP, MARGIN, S, WIDTH, badge, engine, ensureSpace, face, type Doc, type Style } from "./layout.js";

/** Tables: rows laid out before drawing, so a row never splits and the header repeats on each page. */

export type Run = { text: string; style: Style } | { badge: StatusView };
export type Cell = Run[];
export interface Column {
  header: string;
  width: number;
}

/**
 * A row whose `lead` spans every column after the first, above the other cells: resource names and
 * ARNs get the table's width, so they break at `/` and `:` only, never inside a name.
 */
export interface LeadRow {
  lead: Cell;
  cells: Cell[];
}
export type Row = Cell[] | LeadRow;

/**
 * A table's rows, as an array or made on demand (`at` may build the row each time it is asked): a
 * table of thousands of findings then never holds them all, which the garbage collector would
 * otherwise copy and promote while the table is drawn.
 */
export interface Rows {
  readonly length: number;
  at(index: number): Row | undefined;
}

const PAD = 4;
const RUN_GAP = 2;
const BADGE_HEIGHT = BADGE_SIZE + 6;

/** A page-bounded cell never forces a page break mid-row: long free text is cut, the HTML shows it whole. */
const MAX_CELL_CHARS = 1200;

export function truncate(text: string, max = MAX_CELL_CHARS): string {
  // Only a string that may be longer than `max` code points is split into them.
  if (text.length <= max) return text;
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

export const txt = (text: string, style: Style = S.cell): Run => ({ text: truncate(text), style });

/** Column widths as shares of the text width, so every table spans it exactly. */
export function columns(spec: [string, number][]): Column[] {
  const total = spec.reduce((a, [, w]) => a + w, 0);
  return spec.map(([header, w]) => ({ header, width: (w / total) * WIDTH }));
}

/** A cell laid out once: its runs' layouts (null for a badge) and its height, shared by measuring and drawing. */
interface LaidCell {
  runs: { run: Run; laid: Laid | null; height: number }[];
  height: number;
}

function layCell(doc: Doc, cell: Cell, width: number): LaidCell {
  const e = engine(doc);
  const runs = cell.map((run) => {
    if ("badge" in run) return { run, laid: null, height: BADGE_HEIGHT };
    const laid = e.layout(run.text, face(run.style), LINE_GAP, { width: width - 2 * PAD });
    return { run, laid, height: laid.lines.length * laid.lineHeight };
  });
  return { runs, height: runs.reduce((a, r) => a + r.height, 0) + Math.max(0, runs.length - 1) * RUN_GAP + 2 * PAD };
}

function drawCell(doc: Doc, cell: LaidCell, x: number, y: number, width: number): void {
  const e = engine(doc);
  let cy = y + PAD;
  for (const { run, laid, height } of cell.runs) {
    if ("badge" in run) {
      badge(doc, run.badge, x + PAD, cy);
      cy += BADGE_HEIGHT + RUN_GAP;
      continue;
    }
    if (laid) e.draw(laid, face(run.style), x + PAD, cy, { width: width - 2 * PAD });
    cy += height + RUN_GAP;
  }
}

const rowCells = (row: Row): readonly Cell[] => (Array.isArray(row) ? row : row.cells);
const leadWidth = (columns: readonly Column[]): number => WIDTH - (columns[0]?.width ?? 0);

/** A row laid out once: measured for the page break, then drawn from the same layouts. */
interface LaidRow {
  lead: LaidCell | null;
  /** Height of the lead above the cells after the first (0 without a lead). */
  top: number;
  cells: LaidCell[];
  height: number;
}

function layRow(doc: Doc, columns: readonly Column[], row: Row): LaidRow {
  const cells = rowCells(row);
  const lead = Array.isArray(row) ? null : layCell(doc, row.lead, leadWidth(columns));
  const top = lead ? lead.height - PAD : 0;
  const laid = columns.map((c, i) => layCell(doc, cells[i] ?? [], c.width));
  return { lead, top, cells: laid, height: Math.max(...laid.map((c, i) => c.height + (i === 0 ? 0 : top))) };
}

function drawRow(doc: Doc, columns: readonly Column[], row: LaidRow, fill: string | null): void {
  const y = doc.y;
  const { top, height } = row;
  if (fill) doc.rect(MARGIN.left, y, WIDTH, height).fill(fill);
  if (row.lead) drawCell(doc, row.lead, MARGIN.left + (columns[0]?.width ?? 0), y, leadWidth(columns));
  let x = MARGIN.left;
  columns.forEach((col, i) => {
    const cell = row.cells[i];
    if (cell) drawCell(doc, cell, x, i === 0 ? y : y + top, col.width);
    x += col.width;
  });
  doc.lineWidth(0.5).strokeColor(COLOR.line).rect(MARGIN.left, y, WIDTH, height).stroke();
  x = MARGIN.left;
  for (let i = 0; i < columns.length - 1; i++) {
    x += columns[i]!.width;
    doc.moveTo(x, i === 0 ? y : y + top).lineTo(x, y + height).stroke();
  }
  doc.y = y + height;
}

function rowHeight(doc: Doc, columns: readonly Column[], row: Row): number {
  return layRow(doc, columns, row).height;
}

function headerRow(columns: readonly Column[], leadHeader?: string): Row {
  const cells = columns.map((c): Cell => [{ text: c.header, style: S.th }]);
  return leadHeader ? { lead: [{ text: leadHeader, style: S.th }], cells } : cells;
}

/** Height of the header plus the first row: a table never starts with its header alone at a page foot. */
export function tableStart(doc: Doc, columns: readonly Column[], rows: Rows, leadHeader?: string): number {
  const first = rows.at(0);
  return rowHeight(doc, columns, headerRow(columns, leadHeader)) + (first ? rowHeight(doc, columns, first) : 0);
}

/** `leadHeader`: the header of rows' lead, drawn above the other headers like the lead itself. */
export function table(doc: Doc, columns: readonly Column[], rows: Rows, leadHeader?: string): void {
  const header = layRow(doc, columns, headerRow(columns, leadHeader));
  const first = rows.at(0);
  ensureSpace(doc, header.height + (first ? rowHeight(doc, columns, first) : 0));
  drawRow(doc, columns, header, COLOR.soft);
  for (let i = 0; i < rows.length; i++) {
    const row = rows.at(i);
    if (!row) continue;
    const laid = layRow(doc, columns, row);
    if (doc.y + laid.height > BOTTOM) {
      doc.addPage();
      drawRow(doc, columns, header, COLOR.soft);
    }
    drawRow(doc, columns, laid, i % 2 === 1 ? COLOR.zebra : null);
  }
  doc.y += 12;
}
