import PDFDocument from "pdfkit";
import { fontSet, type FaceStyle } from "./pdf-fonts.js";
import { compactFinishedPages } from "./pdf-pages.js";
import { TextEngine, cleanText, type Laid, type TextStyle } from "./pdf-text.js";
import { CHART_COLORS, formatScore, sparklineGeometry, trendGeometry } from "./chart.js";
import type { ControlView, EvidenceRef, FindingGroup, FindingRow, ReportView, StatusView } from "./view.js";
import { reportView } from "./view.js";
import type { ReportModel } from "./types.js";
import type { FindingStatus } from "../checks/types.js";
import type { ControlStatus } from "../frameworks/types.js";

type Doc = PDFKit.PDFDocument;

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { top: 64, bottom: 60, left: 46, right: 46 };
const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BOTTOM = PAGE.height - MARGIN.bottom;

const FONT = { regular: "regular", bold: "bold", italic: "italic", mono: "mono" } as const satisfies Record<string, FaceStyle>;
const COLOR = { ink: "#1d2433", muted: "#5b6472", line: "#d5dae1", soft: "#eef1f5", zebra: "#f7f8fa", navy: "#14263f", pale: "#b9c6d8" } as const;
const STATUS_COLOR: Record<ControlStatus | FindingStatus, string> = {
  PASS: "#1a7f37",
  FAIL: "#b42318",
  NO_DATA: "#8a5a00",
  MANUAL: "#4b5563",
  ATTESTED: "#0b5cad",
  WAIVED: "#6941c6",
  ERROR: "#b54708",
  NOT_APPLICABLE: "#6b7280",
};

interface Style {
  font: FaceStyle;
  size: number;
  color: string;
}
const S = {
  body: { font: FONT.regular, size: 9.5, color: COLOR.ink },
  bodyBold: { font: FONT.bold, size: 9.5, color: COLOR.ink },
  cell: { font: FONT.regular, size: 8, color: COLOR.ink },
  cellBold: { font: FONT.bold, size: 8, color: COLOR.ink },
  cellMuted: { font: FONT.regular, size: 7, color: COLOR.muted },
  note: { font: FONT.regular, size: 7, color: COLOR.muted },
  mono: { font: FONT.mono, size: 7, color: COLOR.ink },
  th: { font: FONT.bold, size: 7.5, color: "#344054" },
  h1: { font: FONT.bold, size: 18, color: COLOR.navy },
  h2: { font: FONT.bold, size: 12, color: COLOR.navy },
  h3: { font: FONT.bold, size: 10, color: COLOR.ink },
  remediation: { font: FONT.regular, size: 8, color: "#344054" },
} as const satisfies Record<string, Style>;
const LINE_GAP = 1.5;

/** A page-bounded cell never forces a page break mid-row: long free text is cut, the HTML shows it whole. */
const MAX_CELL_CHARS = 1200;
const MAX_EVIDENCE_PER_ROW = 6;

const TOC_LINE = 15;
const TOC_LINES_PER_PAGE = Math.floor((BOTTOM - MARGIN.top - 40) / TOC_LINE);

interface TocEntry {
  label: string;
  dest: string;
  level: 0 | 1;
  status?: StatusView;
  page: number;
}

export async function renderPdf(model: ReportModel): Promise<Buffer> {
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
  const tocFirstPage = pageIndex(doc) + 1;
  const tocPageCount = Math.ceil(tocSize(view) / TOC_LINES_PER_PAGE);
  for (let i = 0; i < tocPageCount; i++) doc.addPage();
  const toc = drawBody(doc, view);
  drawToc(doc, toc, tocFirstPage, tocPageCount);
  decoratePages(doc, view);
  doc.end();
  return bytes;
}

function collect(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
}

// ---------------------------------------------------------------------------------------------
// Text: laid out by pdf-text.ts (font fallback, line breaks at ARN boundaries, right-to-left order).

const engines = new WeakMap<Doc, TextEngine>();

function engine(doc: Doc): TextEngine {
  let e = engines.get(doc);
  if (!e) {
    e = new TextEngine(doc, fontSet());
    engines.set(doc, e);
  }
  return e;
}

const face = (style: Style): TextStyle => ({ style: style.font, size: style.size, color: style.color });

function truncate(text: string, max = MAX_CELL_CHARS): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : text;
}

function measure(doc: Doc, style: Style, text: string, width: number): number {
  const laid = engine(doc).layout(text, face(style), LINE_GAP, { width });
  return laid.lines.length * laid.lineHeight;
}

interface WriteOptions {
  /** Wrap to this width (and align within it); without it the text is not wrapped. */
  width?: number;
  /** One line: never wrap, even with a width (the width then only aligns). */
  lineBreak?: false;
  align?: "left" | "center" | "right";
  characterSpacing?: number;
  goTo?: string;
}

/** Draws text with its top at y; afterwards doc.y is just below it. */
function write(doc: Doc, style: Style, text: string, x: number, y: number, options: WriteOptions = {}): void {
  const e = engine(doc);
  const wrap = options.lineBreak === false ? undefined : options.width;
  const laid = e.layout(text, face(style), LINE_GAP, { ...(wrap !== undefined ? { width: wrap } : {}), ...(options.characterSpacing ? { characterSpacing: options.characterSpacing } : {}) });
  e.draw(laid, face(style), x, y, options);
}

/** Cuts a single line to `width`, so TOC rows and headers never wrap. */
function fit(doc: Doc, style: Style, text: string, width: number): string {
  return engine(doc).fit(text, face(style), width);
}

/** Outline (bookmark) titles are PDF text strings, which pdfkit writes as UTF-16: only controls go. */
const outlineTitle = (text: string): string => cleanText(text).replace(/\n/g, " ");

// ---------------------------------------------------------------------------------------------
// Flow

function pageIndex(doc: Doc): number {
  return doc.bufferedPageRange().count - 1;
}

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function paragraph(doc: Doc, style: Style, text: string, gapAfter = 6, x = MARGIN.left, width = WIDTH): void {
  const h = measure(doc, style, text, width);
  ensureSpace(doc, Math.min(h, 60));
  write(doc, style, text, x, doc.y, { width });
  doc.y += gapAfter;
}

function heading(doc: Doc, style: Style, text: string, spaceBefore: number): void {
  ensureSpace(doc, spaceBefore + style.size * 4);
  doc.y += spaceBefore;
  write(doc, style, text, MARGIN.left, doc.y, { width: WIDTH });
  doc.y += 4;
}

/** Starts a top-level section: own page, TOC entry, outline item and named destination. */
function section(doc: Doc, toc: TocEntry[], title: string, dest: string, newPage = true): void {
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

const BADGE_SIZE = 6.8;

function badgeWidth(doc: Doc, status: StatusView, size = BADGE_SIZE): number {
  const style = { font: FONT.bold, size, color: "#ffffff" };
  return engine(doc).layout(status.label.toUpperCase(), face(style), 0).lines[0]!.width + 10;
}

function badge(doc: Doc, status: StatusView, x: number, y: number, size = BADGE_SIZE): void {
  const w = badgeWidth(doc, status, size);
  const h = size + 6;
  doc.roundedRect(x, y, w, h, h / 2).fill(STATUS_COLOR[status.code]);
  write(doc, { font: FONT.bold, size, color: "#ffffff" }, status.label.toUpperCase(), x, y + 3.2, { width: w, align: "center", lineBreak: false });
}

// ---------------------------------------------------------------------------------------------
// Tables: rows measured before drawing, so a row never splits and the header repeats on each page.

type Run = { text: string; style: Style } | { badge: StatusView };
type Cell = Run[];
interface Column {
  header: string;
  width: number;
}
const PAD = 4;
const RUN_GAP = 2;
const BADGE_HEIGHT = BADGE_SIZE + 6;

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

/**
 * A row whose `lead` spans every column after the first, above the other cells: resource names and
 * ARNs get the table's width, so they break at `/` and `:` only, never inside a name.
 */
interface LeadRow {
  lead: Cell;
  cells: Cell[];
}
type Row = Cell[] | LeadRow;

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
  columns.slice(0, -1).forEach((col, i) => {
    x += col.width;
    doc.moveTo(x, i === 0 ? y : y + top).lineTo(x, y + height).stroke();
  });
  doc.y = y + height;
}

function rowHeight(doc: Doc, columns: readonly Column[], row: Row): number {
  return layRow(doc, columns, row).height;
}

/** Height of the header plus the first row: a table never starts with its header alone at a page foot. */
function tableStart(doc: Doc, columns: readonly Column[], rows: readonly Row[], leadHeader?: string): number {
  const first = rows[0];
  return rowHeight(doc, columns, headerRow(columns, leadHeader)) + (first ? rowHeight(doc, columns, first) : 0);
}

function headerRow(columns: readonly Column[], leadHeader?: string): Row {
  const cells = columns.map((c): Cell => [{ text: c.header, style: S.th }]);
  return leadHeader ? { lead: [{ text: leadHeader, style: S.th }], cells } : cells;
}

/** `leadHeader`: the header of rows' lead, drawn above the other headers like the lead itself. */
function table(doc: Doc, columns: readonly Column[], rows: readonly Row[], leadHeader?: string): void {
  const header = layRow(doc, columns, headerRow(columns, leadHeader));
  const first = rows[0];
  ensureSpace(doc, header.height + (first ? rowHeight(doc, columns, first) : 0));
  drawRow(doc, columns, header, COLOR.soft);
  rows.forEach((row, i) => {
    const laid = layRow(doc, columns, row);
    if (doc.y + laid.height > BOTTOM) {
      doc.addPage();
      drawRow(doc, columns, header, COLOR.soft);
    }
    drawRow(doc, columns, laid, i % 2 === 1 ? COLOR.zebra : null);
  });
  doc.y += 12;
}

/** Column widths as shares of the text width, so every table spans it exactly. */
function columns(spec: [string, number][]): Column[] {
  const total = spec.reduce((a, [, w]) => a + w, 0);
  return spec.map(([header, w]) => ({ header, width: (w / total) * WIDTH }));
}

const txt = (text: string, style: Style = S.cell): Run => ({ text: truncate(text), style });

// ---------------------------------------------------------------------------------------------
// Cover

function drawCover(doc: Doc, view: ReportView): void {
  doc.addPage();
  doc.rect(0, 0, PAGE.width, 270).fill(COLOR.navy);
  write(doc, { font: FONT.bold, size: 9, color: COLOR.pale }, "COMPLIANCE REPORT", MARGIN.left, 72, { characterSpacing: 2 });
  write(doc, { font: FONT.bold, size: 26, color: "#ffffff" }, view.framework.title, MARGIN.left, 90, { width: WIDTH });
  write(doc, { font: FONT.regular, size: 11, color: "#d5deea" }, view.framework.version, MARGIN.left, doc.y + 4, { width: WIDTH });
  write(doc, { font: FONT.bold, size: 40, color: "#ffffff" }, view.summary.score, MARGIN.left, 180);
  write(doc, { font: FONT.regular, size: 9, color: COLOR.pale }, `of ${view.summary.totalControls} controls demonstrated (pass or attested)`, MARGIN.left, 226);
  statusTiles(doc, view, 290);
  doc.y = 362;
  keyValues(doc, [
    ["Scope: accounts", view.run.accounts],
    ["Scope: regions", view.run.regions],
    ["Run", `${view.run.id} (${view.run.status}, source ${view.run.source})`],
    ["Run period", `${view.run.startedAt} to ${view.run.finishedAt}`],
    ["Generated at", view.generatedAt],
    ["Tool", `${view.tool.name} ${view.tool.version}`],
    ["Evidence records", String(view.run.evidenceCount)],
    ["Mapping file SHA-256", view.framework.mappingSha256],
    ["Evidence Merkle root", view.run.merkleRoot],
    ["Report SHA-256", view.reportSha256],
  ]);
  paragraph(
    doc,
    { font: FONT.italic, size: 8, color: COLOR.muted },
    "Generated automatically from the evidence collected in the run above. The report SHA-256 is computed over the canonical JSON of the report model (report.json); every finding cites the evidence records (id and SHA-256) it was derived from.",
    0,
  );
}

const TILE_GAP = 8;
const TILE_WIDTH = (WIDTH - 4 * TILE_GAP) / 5;
const TILE_HEIGHT = 50;

function statusTiles(doc: Doc, view: ReportView, y: number): void {
  view.summary.controls.forEach((s, i) => {
    const x = MARGIN.left + i * (TILE_WIDTH + TILE_GAP);
    doc.lineWidth(0.5).strokeColor(COLOR.line).rect(x, y, TILE_WIDTH, TILE_HEIGHT).stroke();
    doc.rect(x, y, 4, TILE_HEIGHT).fill(STATUS_COLOR[s.code]);
    write(doc, { font: FONT.bold, size: 20, color: COLOR.ink }, String(s.count), x + 12, y + 8, { lineBreak: false });
    write(doc, { font: FONT.regular, size: 8, color: COLOR.muted }, `${s.label} controls`, x + 12, y + 34, { lineBreak: false });
  });
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

function keyValues(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 130;
  const valueWidth = WIDTH - labelWidth;
  const labelStyle = { ...S.body, color: COLOR.muted };
  for (const [label, value] of rows) {
    const style = HEX_DIGEST.test(value) ? { ...S.mono, size: 8 } : S.body;
    const y = doc.y;
    const h = Math.max(measure(doc, labelStyle, label, labelWidth), measure(doc, style, value, valueWidth));
    write(doc, labelStyle, label, MARGIN.left, y, { width: labelWidth });
    write(doc, style, value, MARGIN.left + labelWidth, y, { width: valueWidth });
    const rule = y + h + 3;
    doc.lineWidth(0.5).strokeColor(COLOR.line).moveTo(MARGIN.left, rule).lineTo(MARGIN.left + WIDTH, rule).stroke();
    doc.y = rule + 5;
  }
  doc.y += 14;
}

// ---------------------------------------------------------------------------------------------
// Body

function drawBody(doc: Doc, view: ReportView): TocEntry[] {
  const toc: TocEntry[] = [];
  drawSummary(doc, view, toc);
  drawControls(doc, view, toc);
  drawChanges(doc, view, toc);
  drawGaps(doc, view, toc);
  drawWaivers(doc, view, toc);
  drawAttestations(doc, view, toc);
  drawAppendix(doc, view, toc);
  return toc;
}

/** Entries the TOC will hold: known before the body is drawn so its pages can be reserved. */
function tocSize(view: ReportView): number {
  return view.controls.length + (view.controls.length > 0 ? 1 : 0) + 8;
}

function drawSummary(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Executive summary", "summary");
  const tilesTop = doc.y;
  statusTiles(doc, view, tilesTop);
  doc.y = tilesTop + TILE_HEIGHT + 12;
  paragraph(doc, S.body, `Score ${view.summary.score} = (pass + attested) / ${view.summary.totalControls} controls.`, 4);
  const res = view.summary.resources;
  paragraph(doc, S.bodyBold, `Resources passing: ${res.share} (${res.caption}${res.delta ? `; ${res.delta} since the previous run` : ""}).`, 4);
  paragraph(doc, S.body, `Findings: ${view.summary.findings.map((f) => `${f.count} ${f.label.toLowerCase()}`).join(", ")}.`, 4);
  heading(doc, S.h2, "Score (solid) and resources passing (dashed) trend", 10);
  drawTrend(doc, view, doc.y, 190);
  heading(doc, S.h2, "Top failing checks", 10);
  if (view.topFailingChecks.length === 0) return paragraph(doc, S.body, "No check is failing.");
  table(
    doc,
    columns([["Check", 6], ["Severity", 1.4], ["Failing resources", 1.6]]),
    view.topFailingChecks.map((c) => [[txt(c.title, S.cellBold), txt(c.checkId, S.cellMuted)], [txt(c.severity.label)], [txt(String(c.failing))]]),
  );
}

function drawTrend(doc: Doc, view: ReportView, top: number, height: number): void {
  const g = trendGeometry(view.trend, WIDTH, height);
  const left = MARGIN.left;
  const at = (x: number, y: number): [number, number] => [left + x, top + y];
  doc.lineWidth(0.6).strokeColor(CHART_COLORS.grid);
  for (const t of g.yTicks) {
    doc.moveTo(...at(g.plot.left, t.y)).lineTo(...at(g.plot.right, t.y)).stroke();
    write(doc, { font: FONT.regular, size: 7.5, color: CHART_COLORS.text }, t.label, left, top + t.y - 3.5, { width: g.plot.left - 6, align: "right", lineBreak: false });
  }
  for (const t of g.xTicks) {
    write(doc, { font: FONT.regular, size: 7.5, color: CHART_COLORS.text }, t.label, left + t.x - 30, top + g.plot.bottom + 8, { width: 60, align: "center", lineBreak: false });
  }
  const [first, ...rest] = g.points;
  const last = g.points.at(-1);
  if (!first || !last) {
    write(doc, S.body, "No runs recorded yet", left, top + height / 2 - 5, { width: WIDTH, align: "center" });
  } else {
    doc.moveTo(...at(first.x, g.plot.bottom)).lineTo(...at(first.x, first.y));
    for (const p of rest) doc.lineTo(...at(p.x, p.y));
    doc.lineTo(...at(last.x, g.plot.bottom)).closePath().fillOpacity(0.08).fill(CHART_COLORS.area).fillOpacity(1);
    doc.moveTo(...at(first.x, first.y));
    for (const p of rest) doc.lineTo(...at(p.x, p.y));
    doc.lineWidth(2).lineJoin("round").strokeColor(CHART_COLORS.line).stroke();
    for (const p of g.points) doc.circle(...at(p.x, p.y), 3).lineWidth(1.5).fillAndStroke("#ffffff", CHART_COLORS.line);
    for (const run of g.shareRuns) {
      const [head, ...tail] = run;
      if (!head) continue;
      if (tail.length > 0) {
        doc.moveTo(...at(head.x, head.y));
        for (const p of tail) doc.lineTo(...at(p.x, p.y));
        doc.lineWidth(1.5).dash(5, { space: 3 }).strokeColor(CHART_COLORS.share).stroke().undash();
      }
      for (const p of run) doc.circle(...at(p.x, p.y), 2.2).fill(CHART_COLORS.share);
    }
    write(doc, { font: FONT.bold, size: 8, color: CHART_COLORS.line }, formatScore(last.point.score), left + last.x - 64, top + Math.max(last.y - 16, g.plot.top), { width: 58, align: "right", lineBreak: false });
  }
  doc.y = top + height + 6;
}

/** Controls get one page each, grouped under one "Controls" entry in the contents and the outline. */
function drawControls(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  let outline: PDFKit.PDFOutline | undefined;
  for (const control of view.controls) {
    doc.addPage();
    doc.addNamedDestination(control.anchor);
    if (!outline) {
      outline = doc.outline.addItem("Controls", { expanded: true });
      toc.push({ label: "Controls", dest: control.anchor, level: 0, page: pageIndex(doc) });
    }
    outline.addItem(outlineTitle(`${control.id} ${control.title}`));
    toc.push({ label: `${control.id}  ${control.title}`, dest: control.anchor, level: 1, status: control.status, page: pageIndex(doc) });
    drawControl(doc, control);
  }
}

function drawControl(doc: Doc, control: ControlView): void {
  const top = doc.y;
  write(doc, { font: FONT.bold, size: 8.5, color: COLOR.muted }, "CONTROL", MARGIN.left, top, { characterSpacing: 1 });
  const badgeX = MARGIN.left + WIDTH - badgeWidth(doc, control.status, 9);
  badge(doc, control.status, badgeX, top - 2, 9);
  // Beside the status: the share of resources that pass, and its trend over the last runs.
  const r = control.resources;
  const shareText = r.trend.at(-1)?.share == null ? "No applicable resources" : `${r.share} of resources pass (${r.caption}${r.delta ? `; ${r.delta}` : ""})`;
  const shareStyle = { font: FONT.regular, size: 8, color: COLOR.muted };
  write(doc, shareStyle, shareText, MARGIN.left + 80, top, { width: badgeX - 76 - (MARGIN.left + 80), align: "right", lineBreak: false });
  sparkline(doc, r.trend, badgeX - 70, top - 3, 60, 14);
  doc.y = top;
  write(doc, S.h1, control.id, MARGIN.left, top + 12, { width: WIDTH - 80 });
  write(doc, { ...S.h2, color: COLOR.ink }, control.title, MARGIN.left, doc.y + 1, { width: WIDTH });
  const meta = [control.requirement, control.manual ? "Manual control" : null, control.findingSummary].filter((m): m is string => m !== null);
  write(doc, { ...S.body, size: 8.5, color: COLOR.muted }, meta.join("  |  "), MARGIN.left, doc.y + 3, { width: WIDTH });
  doc.y += 8;
  if (control.description) paragraph(doc, S.body, control.description, 8);
  callout(doc, `Status reason: ${control.reason}`, STATUS_COLOR[control.status.code]);
  if (control.checks.length > 0) {
    heading(doc, S.h3, "Mapped checks", 2);
    for (const c of control.checks) paragraph(doc, S.cell, `•  ${c.id}  (${c.title})`, 1, MARGIN.left + 6, WIDTH - 6);
    doc.y += 6;
  }
  if (control.attestation) attestationBox(doc, control.attestation);
  for (const group of control.groups) drawGroup(doc, group);
}

function sparkline(doc: Doc, trend: readonly { share: number | null }[], x: number, y: number, width: number, height: number): void {
  const g = sparklineGeometry(trend, width, height);
  doc.lineWidth(0.5).strokeColor(CHART_COLORS.grid).moveTo(x, y + height - 2).lineTo(x + width, y + height - 2).stroke();
  for (const run of g.runs) {
    const [first, ...rest] = run;
    if (!first || rest.length === 0) continue;
    doc.moveTo(x + first.x, y + first.y);
    for (const p of rest) doc.lineTo(x + p.x, y + p.y);
    doc.lineWidth(1.2).strokeColor(CHART_COLORS.share).stroke();
  }
  const last = g.runs.flat().at(-1);
  if (last) doc.circle(x + last.x, y + last.y, 1.8).fill(CHART_COLORS.share);
}

function callout(doc: Doc, text: string, color: string): void {
  const h = measure(doc, S.body, text, WIDTH - 20) + 12;
  ensureSpace(doc, h);
  const y = doc.y;
  doc.rect(MARGIN.left, y, WIDTH, h).fill(COLOR.soft);
  doc.rect(MARGIN.left, y, 3, h).fill(color);
  write(doc, S.body, text, MARGIN.left + 12, y + 6, { width: WIDTH - 20 });
  doc.y = y + h + 10;
}

function attestationBox(doc: Doc, a: NonNullable<ControlView["attestation"]>): void {
  callout(
    doc,
    `Attestation by ${a.attestedBy} on ${a.date}, valid until ${a.expires}:\n"${a.statement}"${a.evidence.length ? `\nSupporting documents: ${a.evidence.join(", ")}` : ""}`,
    STATUS_COLOR.ATTESTED,
  );
}

const FINDING_COLUMNS = columns([["Status", 1.15], ["Account / region", 1.9], ["Reason and context", 7.35]]);

/** Beyond this many passing resources in one check, the PDF counts them instead of listing them. */
const MAX_LISTED_PASSING = 25;
const NEEDS_ACTION = new Set<string>(["FAIL", "ERROR", "WAIVED"]);

function drawGroup(doc: Doc, group: FindingGroup): void {
  const title = `${group.title}  (${group.severity.label.toLowerCase()})`;
  const remediation = group.remediation ? `Remediation: ${group.remediation}` : null;
  // Exceptions are always listed; a long tail of passing resources would make an estate-sized PDF
  // unreadable (and unrenderable), so it is counted here and listed in the HTML, JSON and CSV.
  const quiet = group.rows.filter((r) => !NEEDS_ACTION.has(r.status.code));
  const listed = quiet.length > MAX_LISTED_PASSING ? group.rows.filter((r) => NEEDS_ACTION.has(r.status.code)) : group.rows;
  const rows = listed.map(findingCells);
  if (listed.length < group.rows.length) {
    const counts = new Map<string, number>();
    for (const r of quiet) counts.set(r.status.label, (counts.get(r.status.label) ?? 0) + 1);
    const summary = [...counts].map(([label, n]) => `${n} ${label.toLowerCase()}`).join(", ");
    rows.push([[txt("")], [txt("")], [txt(`${summary}: listed in the HTML, JSON and CSV reports`, S.cellMuted)]]);
  }
  const lead = 8 + measure(doc, S.h3, title, WIDTH) + 14 + (remediation ? measure(doc, S.remediation, remediation, WIDTH) + 6 : 0);
  ensureSpace(doc, lead + tableStart(doc, FINDING_COLUMNS, rows, "Resource"));
  heading(doc, S.h3, title, 8);
  write(doc, S.cellMuted, group.checkId, MARGIN.left, doc.y - 2, { width: WIDTH });
  doc.y += 3;
  if (remediation) paragraph(doc, S.remediation, remediation, 6);
  table(doc, FINDING_COLUMNS, rows, "Resource");
}

function findingCells(row: FindingRow): Row {
  const details: Run[] = [txt(row.reason)];
  if (row.lastChange) {
    const c = row.lastChange;
    details.push(txt(`Last change: ${c.eventName} at ${c.time} by ${c.principal} from ${c.sourceIp}`, S.note));
  }
  if (row.configRule) {
    details.push(txt(`AWS Config rule ${row.configRule.name} reports ${row.configRule.compliance} (disagrees; evidence ${row.configRule.evidenceId})`, { ...S.note, color: STATUS_COLOR.NO_DATA }));
  }
  if (row.waiver) {
    details.push(txt(`Waived until ${row.waiver.expires} by ${row.waiver.approvedBy}: ${row.waiver.reason}`, { ...S.note, color: STATUS_COLOR.WAIVED }));
  }
  details.push(txt(`Evidence: ${evidenceList(row.evidence)}`, { ...S.note, size: 6.5 }));
  return { lead: [txt(row.name, S.cellBold), txt(row.arn, S.cellMuted)], cells: [[{ badge: row.status }], [txt(row.account), txt(row.region)], details] };
}

function evidenceList(refs: readonly EvidenceRef[]): string {
  const shown = refs.slice(0, MAX_EVIDENCE_PER_ROW).map((e) => `${e.id} (sha256 ${e.short})`);
  const more = refs.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more in the evidence index`] : [])].join(", ") || "none";
}

function drawChanges(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Changes since the previous run", "changes");
  const { previousRunId, newlyFailing, resolved } = view.changes;
  if (previousRunId === null) return paragraph(doc, S.body, "This is the first run for this framework: there is no previous run to compare with.");
  paragraph(doc, S.body, `Compared with run ${previousRunId}.`);
  const cols = columns([["Status", 1.1], ["Check", 4], ["Reason", 5.3]]);
  for (const [title, rows] of [["Newly failing", newlyFailing], ["Resolved", resolved]] as const) {
    heading(doc, S.h2, `${title} (${rows.length})`, 6);
    if (rows.length === 0) paragraph(doc, S.body, "None.");
    else table(doc, cols, rows.map((c) => ({ lead: [txt(c.resourceArn, S.cellMuted)], cells: [[{ badge: c.status }], [txt(c.checkId, S.cellMuted)], [txt(c.reason)]] })), "Resource");
  }
}

function drawGaps(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Evidence gaps", "gaps", false);
  paragraph(doc, S.body, "Calls whose answer is missing. Every check that needed one yields Error, so its controls cannot pass.");
  if (view.gaps.length === 0) return paragraph(doc, S.body, "No evidence gaps: every call succeeded.");
  table(
    doc,
    columns([["Source / operation", 2.2], ["Account / region", 1.6], ["Error", 4.6], ["Evidence", 2]]),
    view.gaps.map((g) => [[txt(`${g.source}:${g.operation}`)], [txt(g.account), txt(g.region)], [txt(g.error)], [txt(g.evidence.id, S.cellMuted), txt(g.evidence.short, S.cellMuted)]]),
  );
}

function drawWaivers(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Waivers", "waivers", false);
  const cols = columns([["Check", 2.4], ["Resource", 2.8], ["Reason", 3.2], ["Approved by", 1.9], ["Expires", 1.5], ["Matched", 1]]);
  for (const [title, rows, note] of [
    ["Active", view.waivers.active, "Findings covered by an active waiver are reported as Waived and excluded from control status."],
    ["Expired", view.waivers.expired, "An expired waiver no longer applies: the findings it covered count again."],
  ] as const) {
    heading(doc, S.h2, `${title} (${rows.length})`, 4);
    paragraph(doc, { ...S.body, color: COLOR.muted }, note, 4);
    if (rows.length === 0) paragraph(doc, S.body, "None.");
    else table(doc, cols, rows.map((w) => [[txt(w.check, S.cellMuted)], [txt(w.resource, S.cellMuted)], [txt(w.reason)], [txt(w.approvedBy)], [txt(w.expires)], [txt(String(w.matched))]]));
  }
  heading(doc, S.h2, `Not applied (${view.waivers.invalid.length})`, 4);
  paragraph(doc, { ...S.body, color: COLOR.muted }, "Entries of the waivers file that are malformed or name an unknown check: they waive nothing.", 4);
  if (view.waivers.invalid.length === 0) paragraph(doc, S.body, "None.");
  else table(doc, columns([["Where", 4], ["Problem", 8]]), view.waivers.invalid.map((w) => [[txt(w.where, S.cellMuted)], [txt(w.message)]]));
}

function drawAttestations(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Manual controls and attestations", "attestations", false);
  if (view.manualControls.length === 0) paragraph(doc, S.body, "The mapping has no manual controls.");
  else
    table(
      doc,
      columns([["Control", 4], ["Status", 1.3], ["Attestation", 4]]),
      view.manualControls.map((c) => [
        [txt(c.id, S.cellBold), txt(c.title)],
        [{ badge: c.status }],
        [txt(c.attestation ? `${c.attestation.attestedBy}, ${c.attestation.date}; valid until ${c.attestation.expires}` : "No valid attestation")],
      ]),
    );
  heading(doc, S.h2, `Attestations on file (${view.attestations.length})`, 4);
  if (view.attestations.length === 0) paragraph(doc, S.body, "No attestations were provided.");
  for (const a of view.attestations) {
    heading(doc, S.h3, a.control, 2);
    attestationBox(doc, a);
  }
}

function drawAppendix(doc: Doc, view: ReportView, toc: TocEntry[]): void {
  section(doc, toc, "Appendix: methodology", "methodology");
  for (const p of view.methodology) paragraph(doc, S.body, p, 8);
  section(doc, toc, "Appendix: check catalogue", "check-catalogue", false);
  table(
    doc,
    columns([["Check", 3.4], ["Severity", 1.1], ["Rationale and remediation", 5.5]]),
    view.checks.map((c) => [
      [txt(c.title, S.cellBold), txt(c.id, S.cellMuted), txt(c.resourceType, S.cellMuted), ...(c.awsConfigRule ? [txt(`AWS Config: ${c.awsConfigRule}`, S.cellMuted)] : []), ...(c.peers ? [txt(`Peers: ${c.peers}`, S.cellMuted)] : [])],
      [txt(c.severity.label)],
      [txt(c.rationale), txt(`Remediation: ${c.remediation}`, S.note)],
    ]),
  );
  section(doc, toc, "Appendix: evidence index", "evidence-index", false);
  table(
    doc,
    columns([["Evidence id", 3], ["SHA-256", 3], ["Call", 3], ["Account / region", 2]]),
    view.evidence.map((e) => [
      [txt(e.id, S.mono)],
      [txt(e.sha256, { ...S.mono, size: 6.5 })],
      [txt(`${e.source}:${e.operation}`), ...(e.error ? [txt(`Gap: ${e.error}`, { ...S.note, color: STATUS_COLOR.ERROR })] : [])],
      [txt(e.account), txt(e.region)],
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// Contents, header and footer: drawn last, once every page number is known.

function drawToc(doc: Doc, toc: readonly TocEntry[], firstPage: number, pageCount: number): void {
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

function tocLine(doc: Doc, entry: TocEntry, y: number): void {
  const indent = entry.level === 1 ? 14 : 0;
  const style = entry.level === 0 ? { ...S.bodyBold, size: 9.5 } : { ...S.body, size: 9 };
  const pageLabel = String(entry.page + 1);
  const statusWidth = entry.status ? 74 : 0;
  const labelWidth = WIDTH - indent - statusWidth - 40;
  write(doc, style, fit(doc, style, entry.label, labelWidth), MARGIN.left + indent, y, { lineBreak: false, goTo: entry.dest });
  if (entry.status) badge(doc, entry.status, MARGIN.left + WIDTH - 40 - statusWidth, y - 1.5);
  write(doc, style, pageLabel, MARGIN.left + WIDTH - 36, y, { width: 36, align: "right", lineBreak: false, goTo: entry.dest });
  doc.lineWidth(0.3).strokeColor(COLOR.line).moveTo(MARGIN.left + indent, y + 11.5).lineTo(MARGIN.left + WIDTH, y + 11.5).stroke();
}

function decoratePages(doc: Doc, view: ReportView): void {
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
