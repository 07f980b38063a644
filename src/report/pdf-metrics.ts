/**
 * Fast, exact text metrics for the PDF standard fonts (Helvetica, Courier).
 *
 * pdfkit measures a string in a standard font by turning every character into a glyph name and
 * looking up each kerning pair under the key `left + "\0" + right` in a table of ~2,700 pairs: a
 * string concatenation and a dictionary probe per character, on every measure and again on every
 * draw (pdfkit measures a fragment twice while drawing it). At estate scale that was most of the
 * PDF's time. Here each font object gets, once, the same sums computed from per-character tables:
 * the advance of a character code and the kerning of a pair of codes are looked up in pdfkit's
 * own AFM data the first time and cached, so widths are bit-for-bit those pdfkit computes (integer
 * AFM units summed left to right, then scaled by size / 1000, as `StandardFont.widthOfString`).
 *
 * Drawing (`StandardFont.encode`: character codes and glyph advances) uses the same tables.
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

/** The current font of `doc`, made fast if it is a standard font (idempotent, per font object). */
export function accelerateCurrentFont(doc: PDFKit.PDFDocument): void {
  // pdfkit's typings do not expose the current font object; it is public in its JS API.
  const current = (doc as unknown as { _font?: unknown })._font;
  if (typeof current !== "object" || current === null || accelerated.has(current)) return;
  accelerated.add(current);
  if (!isStandard(current)) return;
  const metrics = new AfmMetrics(current.font);
  current.widthOfString = (text: string, size: number): number => metrics.units(`${text}`) * (size / 1000);
  current.encode = (text: string) => metrics.encode(`${text}`);
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

class AfmMetrics {
  private readonly glyphs = new Map<number, string>();
  private readonly hexes = new Map<number, string>();
  private readonly advances = new Map<number, number>();
  /** Kerning by `left code * 65536 + right code`. */
  private readonly kerning = new Map<number, number>();

  constructor(private readonly afm: AfmFont) {}

  /** Width of `text` in AFM units (1/1000 em), kerning included, as pdfkit sums it. */
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

  units(text: string): number {
    let width = 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const code = text.charCodeAt(i);
      width += this.advance(code) + (i + 1 < n ? this.kern(code, text.charCodeAt(i + 1)) : 0);
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
    let a = this.advances.get(code);
    if (a === undefined) this.advances.set(code, (a = this.afm.widthOfGlyph(this.glyph(code))));
    return a;
  }

  private kern(left: number, right: number): number {
    const key = left * 65536 + right;
    let k = this.kerning.get(key);
    if (k === undefined) this.kerning.set(key, (k = this.afm.getKernPair(this.glyph(left), this.glyph(right))));
    return k;
  }
}
