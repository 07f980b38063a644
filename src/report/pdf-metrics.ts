/**
 * Fast, exact text metrics for the PDF standard fonts (Helvetica, Courier).
 *
 * pdfkit measures a string in a standard font by turning every character into a glyph name and
 * looking up each kerning pair under the key `left + "\0" + right` in a table of ~2,700 pairs: a
 * string concatenation and a dictionary probe per character, on every measure and again on every
 * draw (pdfkit measures a fragment twice while drawing it). At estate scale that was most of the
 * PDF's time. Here each font object gets, once, the same sums computed from per-character tables:
 * the advance of a character code and the kerning of a pair of codes are looked up in pdfkit's
 * own AFM data the first time and kept in dense tables indexed by code, so widths are bit-for-bit
 * those pdfkit computes (integer AFM units summed left to right, then scaled by size / 1000, as
 * `StandardFont.widthOfString`).
 *
 * Drawing uses the same tables: `StandardFont.encode` (character codes and glyph advances) for
 * pdfkit's own `text()`, and `showText` (the TJ operator it would build) for pdf-draw.ts.
 * Embedded (fontkit) faces are left alone: they shape text and are drawn rarely.
 */

interface AfmFont {
  encodeText(text: string): string[];
  characterToGlyph(code: number): string;
  widthOfGlyph(glyph: string): number;
  getKernPair(left: string, right: string | undefined): number;
}

interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface StandardFontObject {
  font: AfmFont;
  widthOfString(text: string, size: number): number;
  encode(text: string): [string[], GlyphPosition[]];
}

const accelerated = new WeakSet<object>();
const metricsByFont = new WeakMap<object, AfmMetrics>();

/** The current font of `doc`, made fast if it is a standard font (idempotent, per font object). */
export function accelerateCurrentFont(doc: PDFKit.PDFDocument): void {
  const current = currentFont(doc);
  if (current === null || accelerated.has(current)) return;
  accelerated.add(current);
  if (!isStandard(current)) return;
  const metrics = new AfmMetrics(current.font);
  metricsByFont.set(current, metrics);
  current.widthOfString = (text: string, size: number): number => metrics.units(`${text}`) * (size / 1000);
  current.encode = (text: string) => metrics.encode(`${text}`);
}

/** The per-character tables of the current font of `doc`, or null when it is an embedded font. */
export function currentStandardMetrics(doc: PDFKit.PDFDocument): StandardMetrics | null {
  return metricsOf(doc);
}

function metricsOf(doc: PDFKit.PDFDocument): AfmMetrics | null {
  accelerateCurrentFont(doc);
  const current = currentFont(doc);
  return current === null ? null : (metricsByFont.get(current) ?? null);
}

/** Widths of strings in one standard font, in AFM units (1/1000 em, integers: sums are exact). */
export interface StandardMetrics {
  units(text: string): number;
  /** `units(text.slice(start, end))` without the slice. */
  unitsIn(text: string, start: number, end: number): number;
  /** The TJ operator pdfkit writes to show `text` (kerning as glyph displacements). */
  showText(text: string): string;
}

/**
 * `doc.widthOfString(text, { characterSpacing })` of a standard font at `size`, from its AFM units:
 * the same arithmetic in the same order as pdfkit, so the same bits.
 */
export function standardWidth(units: number, length: number, size: number, characterSpacing: number): number {
  return ((units * (size / 1000) + characterSpacing * (length - 1)) * 100) / 100;
}

function currentFont(doc: PDFKit.PDFDocument): object | null {
  // pdfkit's typings do not expose the current font object; it is public in its JS API.
  const current = (doc as unknown as { _font?: unknown })._font;
  return typeof current === "object" && current !== null ? current : null;
}

function isStandard(font: object): font is StandardFontObject {
  const afm = (font as { font?: Partial<AfmFont> }).font;
  return (
    typeof (font as { widthOfString?: unknown }).widthOfString === "function" &&
    typeof (font as { encode?: unknown }).encode === "function" &&
    typeof afm?.encodeText === "function" &&
    typeof afm.characterToGlyph === "function" &&
    typeof afm.widthOfGlyph === "function" &&
    // Embedded fonts wrap a fontkit font, which has none of these (no glyph-name kerning).
    typeof afm.getKernPair === "function"
  );
}

/** pdfkit's `PDFObject.number`: numbers in content streams are rounded to six decimals. */
export const pdfNumber = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Every character's WinAnsi code is its own, and its hex (as pdfkit writes it) has two digits. */
function latinHex(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x10 || code > 0xff) return false;
  }
  return true;
}

const MAX_CACHED_SHOW_LENGTH = 24;
const MAX_CACHED_SHOWN = 4096;

/** Unknown entry of a dense table (AFM advances and kerning are finite integers). */
const UNSET = Number.NaN;

class AfmMetrics implements StandardMetrics {
  private readonly hexes = new Map<number, string>();
  private readonly glyphs = new Map<number, string>();
  /** Advance by character code (UTF-16 code unit). */
  private readonly advances = new Float64Array(65536).fill(UNSET);
  /** Kerning of two codes below 256 (the pairs of Latin text) by `left * 256 + right`. */
  private readonly latinKerning = new Float64Array(65536).fill(UNSET);
  /** Kerning of other pairs by `left * 65536 + right`. */
  private readonly kerning = new Map<number, number>();

  /** TJ operators of short strings. */
  private readonly shown = new Map<string, string>();

  constructor(private readonly afm: AfmFont) {}

  /** What `StandardFont.encode` returns: WinAnsi codes in hex, and per glyph its advance with kerning. */
  encode(text: string): [string[], GlyphPosition[]] {
    const encoded: string[] = [];
    const positions: GlyphPosition[] = [];
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      const advance = this.advance(code);
      encoded.push(this.hex(code));
      positions.push({ xAdvance: advance + (i + 1 < n ? this.kern(code, text.charCodeAt(i + 1)) : 0), yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: advance });
    }
    return [encoded, positions];
  }

  /**
   * The TJ operator pdfkit's `_fragment` writes for `text`: hex strings split after each glyph
   * whose kerning with the next is not zero, each followed by minus that kerning (0 for the last).
   */
  showText(text: string): string {
    // Short strings recur (accounts, regions, status labels, headers); long ones rarely do.
    if (text.length > MAX_CACHED_SHOW_LENGTH) return this.showTextUncached(text);
    let shown = this.shown.get(text);
    if (shown === undefined) {
      if (this.shown.size >= MAX_CACHED_SHOWN) this.shown.clear();
      this.shown.set(text, (shown = this.showTextUncached(text)));
    }
    return shown;
  }

  private showTextUncached(text: string): string {
    const n = text.length;
    // Codes 0x10..0xff are their own WinAnsi code and encode as two hex digits: the string's
    // Latin-1 bytes in hex, sliced per glyph run, instead of a string per character.
    const latin = latinHex(text) ? Buffer.from(text, "latin1").toString("hex") : null;
    let out = "[";
    let start = 0;
    let hex = "";
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      if (latin === null) hex += this.hex(code);
      const kern = i + 1 < n ? this.kern(code, text.charCodeAt(i + 1)) : 0;
      if (kern !== 0 || i + 1 === n) {
        const run = latin === null ? hex : latin.slice(2 * start, 2 * (i + 1));
        out += `${out.length > 1 ? " " : ""}<${run}> ${pdfNumber(-kern)}`;
        hex = "";
        start = i + 1;
      }
    }
    return `${out}] TJ`;
  }

  /** Width of `text` in AFM units (1/1000 em), kerning included, as pdfkit sums it. */
  units(text: string): number {
    return this.unitsIn(text, 0, text.length);
  }

  unitsIn(text: string, start: number, end: number): number {
    let width = 0;
    let code = start < end ? text.charCodeAt(start) : 0;
    for (let i = start; i < end; i++) {
      width += this.advance(code);
      if (i + 1 < end) {
        const next = text.charCodeAt(i + 1);
        width += this.kern(code, next);
        code = next;
      }
    }
    return width;
  }

  private hex(code: number): string {
    let h = this.hexes.get(code);
    if (h === undefined) this.hexes.set(code, (h = this.afm.encodeText(String.fromCharCode(code))[0] ?? ""));
    return h;
  }

  private glyph(code: number): string {
    let g = this.glyphs.get(code);
    if (g === undefined) this.glyphs.set(code, (g = this.afm.characterToGlyph(code)));
    return g;
  }

  private advance(code: number): number {
    const a = this.advances[code]!;
    if (a === a) return a;
    return (this.advances[code] = this.afm.widthOfGlyph(this.glyph(code)));
  }

  private kern(left: number, right: number): number {
    if (left < 256 && right < 256) {
      const at = left * 256 + right;
      const k = this.latinKerning[at]!;
      if (k === k) return k;
      return (this.latinKerning[at] = this.afm.getKernPair(this.glyph(left), this.glyph(right)));
    }
    const key = left * 65536 + right;
    let k = this.kerning.get(key);
    if (k === undefined) this.kerning.set(key, (k = this.afm.getKernPair(this.glyph(left), this.glyph(right))));
    return k;
  }
}
