import { fontSet, type FaceStyle } from "../pdf-fonts.js";
import { TextEngine, cleanText, type TextStyle } from "../pdf-text.js";
import type { StatusView } from "../view.js";
import type { FindingStatus } from "../../checks/types.js";
import type { ControlStatus } from "../../frameworks/types.js";

/**
 * The PDF's page geometry, styles and drawing primitives (text, paragraphs, headings, badges,
 * callouts). Text is laid out by pdf-text.ts (font fallback, line breaks at ARN boundaries,
 * right-to-left order); every primitive here draws through it.
 */

export type Doc = PDFKit.PDFDocument;

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = { top: 64, bottom: 60, left: 46, right: 46 };
export const WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
export const BOTTOM = PAGE.height - MARGIN.bottom;

export const FONT = { regular: "regular", bold: "bold", italic: "italic", mono: "mono" } as const satisfies Record<string, FaceStyle>;
export const COLOR = { ink: "#1d2433", muted: "#5b6472", line: "#d5dae1", soft: "#eef1f5", zebra: "#f7f8fa", navy: "#14263f", pale: "#b9c6d8" } as const;
export const STATUS_COLOR: Record<ControlStatus | FindingStatus, string> = {
  PASS: "#1a7f37",
  FAIL: "#b42318",
  NO_DATA: "#8a5a00",
  MANUAL: "#4b5563",
  ATTESTED: "#0b5cad",
  WAIVED: "#6941c6",
  ERROR: "#b54708",
  NOT_APPLICABLE: "#6b7280",
};

export interface Style {
  font: FaceStyle;
  size: number;
  color: string;
}
export const S = {
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
export const LINE_GAP = 1.5;

// ---------------------------------------------------------------------------------------------
// Text

const engines = new WeakMap<Doc, TextEngine>();

export function engine(doc: Doc): TextEngine {
  let e = engines.get(doc);
  if (!e) {
    e = new TextEngine(doc, fontSet());
    engines.set(doc, e);
  }
  return e;
}

/** The engine's style for a PDF style: one object per Style object, so hot paths allocate none. */
const faces = new WeakMap<Style, TextStyle>();

export function face(style: Style): TextStyle {
  let t = faces.get(style);
  if (!t) {
    t = { style: style.font, size: style.size, color: style.color };
    faces.set(style, t);
  }
  return t;
}

export function measure(doc: Doc, style: Style, text: string, width: number): number {
  const laid = engine(doc).layout(text, face(style), LINE_GAP, { width });
  return laid.lines.length * laid.lineHeight;
}

export interface WriteOptions {
  /** Wrap to this width (and align within it); without it the text is not wrapped. */
  width?: number;
  /** One line: never wrap, even with a width (the width then only aligns). */
  lineBreak?: false;
  align?: "left" | "center" | "right";
  characterSpacing?: number;
  goTo?: string;
}

/** Draws text with its top at y; afterwards doc.y is just below it. */
export function write(doc: Doc, style: Style, text: string, x: number, y: number, options: WriteOptions = {}): void {
  const e = engine(doc);
  const wrap = options.lineBreak === false ? undefined : options.width;
  const laid = e.layout(text, face(style), LINE_GAP, { ...(wrap !== undefined ? { width: wrap } : {}), ...(options.characterSpacing ? { characterSpacing: options.characterSpacing } : {}) });
  e.draw(laid, face(style), x, y, options);
}

/** Cuts a single line to `width`, so contents rows and headers never wrap. */
export function fit(doc: Doc, style: Style, text: string, width: number): string {
  return engine(doc).fit(text, face(style), width);
}

/** Outline (bookmark) titles are PDF text strings, which pdfkit writes as UTF-16: only controls go. */
export const outlineTitle = (text: string): string => cleanText(text).replace(/\n/g, " ");

// ---------------------------------------------------------------------------------------------
// Flow

export function pageIndex(doc: Doc): number {
  return doc.bufferedPageRange().count - 1;
}

export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) doc.addPage();
}

export function paragraph(doc: Doc, style: Style, text: string, gapAfter = 6, x = MARGIN.left, width = WIDTH): void {
  const h = measure(doc, style, text, width);
  ensureSpace(doc, Math.min(h, 60));
  write(doc, style, text, x, doc.y, { width });
  doc.y += gapAfter;
}

export function heading(doc: Doc, style: Style, text: string, spaceBefore: number): void {
  ensureSpace(doc, spaceBefore + style.size * 4);
  doc.y += spaceBefore;
  write(doc, style, text, MARGIN.left, doc.y, { width: WIDTH });
  doc.y += 4;
}

/** A shaded box with a coloured edge: status reasons and attestations. */
export function callout(doc: Doc, text: string, color: string): void {
  const h = measure(doc, S.body, text, WIDTH - 20) + 12;
  ensureSpace(doc, h);
  const y = doc.y;
  doc.rect(MARGIN.left, y, WIDTH, h).fill(COLOR.soft);
  doc.rect(MARGIN.left, y, 3, h).fill(color);
  write(doc, S.body, text, MARGIN.left + 12, y + 6, { width: WIDTH - 20 });
  doc.y = y + h + 10;
}

// ---------------------------------------------------------------------------------------------
// Status badges

export const BADGE_SIZE = 6.8;

/** Badge label styles by size: a badge is drawn per finding row, so the style is not rebuilt each time. */
const badgeStyles = new Map<number, Style>();

function badgeStyle(size: number): Style {
  let style = badgeStyles.get(size);
  if (!style) {
    style = { font: FONT.bold, size, color: "#ffffff" };
    badgeStyles.set(size, style);
  }
  return style;
}

export function badgeWidth(doc: Doc, status: StatusView, size = BADGE_SIZE): number {
  return engine(doc).layout(status.label.toUpperCase(), face(badgeStyle(size)), 0).lines[0]!.width + 10;
}

export function badge(doc: Doc, status: StatusView, x: number, y: number, size = BADGE_SIZE): void {
  const w = badgeWidth(doc, status, size);
  const h = size + 6;
  doc.roundedRect(x, y, w, h, h / 2).fill(STATUS_COLOR[status.code]);
  write(doc, badgeStyle(size), status.label.toUpperCase(), x, y + 3.2, { width: w, align: "center", lineBreak: false });
}
