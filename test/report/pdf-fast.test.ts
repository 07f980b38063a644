import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { fontSet } from "../../src/report/pdf-fonts.js";
import { accelerateCurrentFont } from "../../src/report/pdf-metrics.js";
import { TextEngine } from "../../src/report/pdf-text.js";
import { random } from "../helpers/random.js";

/** A small deterministic generator (mulberry32), so a failure names its seed. */
// Spaces, ARN and soft delimiters, letters with kerning pairs (AV, To, Ty), digits, long words.
const ALPHABET = "  ///:::--__..,;|=&?+ AVWTYoeyaLPrnmijl0123456789arn:aws:sagemaker:…—•§é€“”\u00a0";

function text(next: () => number): string {
  const n = Math.floor(next() * 160);
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(next() * ALPHABET.length)];
  return next() < 0.2 ? ` ${s}  ` : s;
}

describe("PDF layout fast paths", () => {
  const fonts = fontSet();
  const doc = new PDFDocument({ autoFirstPage: false });
  fonts.register(doc);
  const reference = new PDFDocument({ autoFirstPage: false });
  fonts.register(reference);

  it("lays out WinAnsi text exactly as the cluster path does", () => {
    const fast = new TextEngine(doc, fonts);
    const slow = new TextEngine(reference, fonts, false);
    const next = random(11);
    for (let i = 0; i < 3000; i++) {
      const s = text(next);
      const style = (["regular", "bold", "italic", "mono"] as const)[i % 4] ?? "regular";
      const t = { style, size: 6 + (i % 5), color: "#000000" };
      const width = next() < 0.1 ? undefined : 5 + next() * 200;
      const options = { ...(width === undefined ? {} : { width }), ...(i % 7 === 0 ? { characterSpacing: 1 } : {}) };
      const a = fast.layout(s, t, 1.5, options);
      const b = slow.layout(s, t, 1.5, options);
      const shape = (l: typeof a) => l.lines.map((line) => ({ width: line.width, pieces: line.pieces.map((p) => [p.text, p.face.name, p.width]) }));
      expect(shape(a), `string ${JSON.stringify(s)} width ${width}`).toEqual(shape(b));
    }
  });

  it("measures standard fonts bit for bit as pdfkit does", () => {
    const next = random(5);
    for (const face of ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Courier"]) {
      const plain = new PDFDocument({ autoFirstPage: false });
      const fast = new PDFDocument({ autoFirstPage: false });
      plain.font(face).fontSize(7.5);
      fast.font(face).fontSize(7.5);
      accelerateCurrentFont(fast);
      for (let i = 0; i < 500; i++) {
        // WinAnsi beyond ASCII too (é, €, curly quotes), as the standard faces draw them.
        const s = `${text(next)}é€“”—`.slice(0, Math.floor(next() * 200));
        expect(fast.widthOfString(s, { characterSpacing: i % 3 })).toBe(plain.widthOfString(s, { characterSpacing: i % 3 }));
      }
    }
  });
});
