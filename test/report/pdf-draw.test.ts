import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { drawStandardText } from "../../src/report/pdf-draw.js";
import { accelerateCurrentFont } from "../../src/report/pdf-metrics.js";
import { random } from "../helpers/random.js";

/** A small deterministic generator (mulberry32), so a failure names its seed. */
// Kerning pairs (AV, To, Ty, LT), WinAnsi beyond ASCII (é, €, curly quotes, dashes), ARN delimiters.
const ALPHABET = "  AVWTYoeyaLPrnmijl0123456789arn:aws:/-_.…—•§é€“”‘’\u00a0ƒŠ";
const FACES = ["Helvetica", "Helvetica-Bold", "Helvetica-Oblique", "Courier"];
const COLORS = ["#1d2433", "#ffffff", "#b42318", "#5b6472"];

/** The PDF `draw` makes, uncompressed, so a difference in the page content shows as text. */
async function pdf(draw: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: false, info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  const ended = new Promise((resolve) => doc.on("end", resolve));
  doc.on("data", (c: Buffer) => chunks.push(c));
  doc.addPage({ size: "A4" });
  draw(doc);
  doc.end();
  await ended;
  return Buffer.concat(chunks).toString("latin1");
}

describe("standard-font text written directly", () => {
  it("writes the bytes pdfkit's fillColor and text write, for any WinAnsi string, size, colour and spacing", async () => {
    const next = random(7);
    const cases = Array.from({ length: 400 }, () => {
      const n = Math.floor(next() * 60);
      let text = "";
      for (let i = 0; i < n; i++) text += ALPHABET[Math.floor(next() * ALPHABET.length)];
      return {
        text,
        face: FACES[Math.floor(next() * FACES.length)]!,
        size: [6.5, 7, 8, 9.5, 18][Math.floor(next() * 5)]!,
        color: COLORS[Math.floor(next() * COLORS.length)]!,
        spacing: next() < 0.2 ? [1, 2, 0.5][Math.floor(next() * 3)]! : 0,
        x: next() * 500,
        y: next() * 800,
      };
    });
    const viaPdfkit = await pdf((doc) => {
      for (const c of cases) {
        doc.font(c.face).fontSize(c.size).fillColor(c.color);
        accelerateCurrentFont(doc);
        doc.text(c.text, c.x, c.y, { lineBreak: false, baseline: "alphabetic", characterSpacing: c.spacing });
      }
      doc.rect(10, 10, 20, 20).fill("#000000");
    });
    const direct = await pdf((doc) => {
      for (const c of cases) {
        doc.font(c.face).fontSize(c.size);
        expect(drawStandardText(doc, c.text, c.x, c.y, c.color, c.spacing)).toBe(true);
      }
      // pdfkit's state after the text (the graphics matrix) is what its own text() leaves.
      doc.rect(10, 10, 20, 20).fill("#000000");
    });
    expect(direct.length).toBeGreaterThan(20_000);
    expect(direct).toBe(viaPdfkit);
  });
});
