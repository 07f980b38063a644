import { currentStandardMetrics, pdfNumber } from "./pdf-metrics.js";

/**
 * Text drawn in a standard PDF font without pdfkit's per-fragment work, writing the same bytes.
 *
 * For every piece of text, `doc.fillColor(c)` parses the colour again and `doc.text()` copies its
 * options, splits the string on newlines and spaces, measures it twice, encodes it into one object
 * per character and builds the operators from them: most of the time of an estate-sized PDF. The
 * text engine has measured every piece already, so here the operators pdfkit would write (its
 * `_setColorCore` and `_fragment`, for one line, `lineBreak: false`, `baseline: "alphabetic"`) are
 * written directly, from per-colour strings and the font's per-character tables. pdf-pages.ts joins
 * a page's strings with newlines, so one string holding several operators on their own lines gives
 * the same content stream as pdfkit writing them one at a time.
 */

interface PdfkitInternals {
  _font: { id: string; ref(): unknown };
  _fontSize: number;
  _fillColor: unknown;
  page: { height: number; fonts: Record<string, unknown> };
  _normalizeColor(color: string): number[] | null;
  addContent(data: string): unknown;
}

const internals = (doc: PDFKit.PDFDocument): PdfkitInternals => doc as unknown as PdfkitInternals;

/** `fillColor(color)` operators by document and colour: a colour is parsed once. */
const fillOperators = new WeakMap<PDFKit.PDFDocument, Map<string, string | null>>();

/** `doc.fillColor(color)`: the same operators and state, the colour parsed once. */
function fillColor(doc: PDFKit.PDFDocument, color: string): void {
  let byColor = fillOperators.get(doc);
  if (!byColor) fillOperators.set(doc, (byColor = new Map<string, string | null>()));
  let ops = byColor.get(color);
  if (ops === undefined) {
    const rgb = internals(doc)._normalizeColor(color);
    ops = rgb && rgb.length === 3 ? `/DeviceRGB cs\n${rgb.join(" ")} scn` : null;
    byColor.set(color, ops);
  }
  if (ops === null) {
    doc.fillColor(color);
    return;
  }
  const d = internals(doc);
  d.addContent(ops);
  d._fillColor = [color, undefined];
}

/**
 * Draws one line of `text` in the current font and `color` with its baseline at `y`: exactly what
 * `doc.fillColor(color).text(text, x, y, { lineBreak: false, baseline: "alphabetic", characterSpacing })` writes
 * (a saved state with the page flipped, BT, Tm, Tf, Tc, one TJ whose strings split where a kerning
 * pair moves the next glyph, ET, restore). False, drawing nothing, when the font is not standard.
 */
export function drawStandardText(doc: PDFKit.PDFDocument, text: string, x: number, y: number, color: string, characterSpacing: number): boolean {
  const metrics = currentStandardMetrics(doc);
  if (metrics === null) return false;
  fillColor(doc, color);
  if (text.length === 0) return true;
  const d = internals(doc);
  const font = d._font;
  const page = d.page;
  if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
  // save() and transform(1, 0, 0, -1, 0, height), then restore() (q, cm, Q): restore brings back
  // the matrix save() kept, so pdfkit's matrix is left as it is rather than saved, flipped and restored.
  let ops = `q\n1 0 0 -1 0 ${pdfNumber(page.height)} cm\nBT\n1 0 0 1 ${pdfNumber(x)} ${pdfNumber(page.height - y)} Tm\n/${font.id} ${pdfNumber(d._fontSize)} Tf`;
  if (characterSpacing) ops += `\n${pdfNumber(characterSpacing)} Tc`;
  d.addContent(`${ops}\n${metrics.showText(text)}\nET\nQ`);
  return true;
}
