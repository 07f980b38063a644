import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { create, type Font } from "fontkit";

/**
 * The fonts of the PDF report and the order in which a character looks for a glyph.
 *
 * The PDF standard fonts (Helvetica, Courier) only know WinAnsi, so text outside it is drawn with
 * embedded Noto fonts, which pdfkit subsets to the glyphs a report uses (a report with one Korean
 * name embeds a few glyphs, not the 4.6 MB font). All are SIL Open Font License 1.1:
 *
 * - `@embedpdf/fonts-latin`: Noto Sans (Latin Extended, Greek, Cyrillic, Vietnamese, symbols);
 * - `@embedpdf/fonts-hebrew`: Noto Sans Hebrew; `@embedpdf/fonts-arabic`: Noto Naskh Arabic;
 * - `@embedpdf/fonts-sc`: Noto Sans CJK SC region subset (all 20,9xx URO ideographs + Extension A,
 *   kana, CJK punctuation), the one region subset that covers Chinese and Japanese names;
 * - `@embedpdf/fonts-kr`: Noto Sans CJK KR region subset, for the 11,172 Hangul syllables;
 * - `@expo-google-fonts/noto-emoji`: Noto Emoji, the outline (monochrome) emoji font; colour emoji
 *   formats (CBDT, COLR) cannot be drawn by pdfkit.
 *
 * CJK has one weight (regular): bold CJK text is drawn regular rather than shipping four more
 * CJK fonts (about 13 MB each weight).
 */

export type FaceStyle = "regular" | "bold" | "italic" | "mono";

interface FaceFile {
  /** Name the face is registered under in a document. */
  name: string;
  pkg: string;
  /** Path inside the package. */
  file: string;
}

const EMBEDDED: readonly FaceFile[] = [
  { name: "NotoSans", pkg: "@embedpdf/fonts-latin", file: "fonts/NotoSans-Regular.ttf" },
  { name: "NotoSans-Bold", pkg: "@embedpdf/fonts-latin", file: "fonts/NotoSans-Bold.ttf" },
  { name: "NotoSans-Italic", pkg: "@embedpdf/fonts-latin", file: "fonts/NotoSans-Italic.ttf" },
  { name: "NotoSansHebrew", pkg: "@embedpdf/fonts-hebrew", file: "fonts/NotoSansHebrew-Regular.ttf" },
  { name: "NotoSansHebrew-Bold", pkg: "@embedpdf/fonts-hebrew", file: "fonts/NotoSansHebrew-Bold.ttf" },
  { name: "NotoNaskhArabic", pkg: "@embedpdf/fonts-arabic", file: "fonts/NotoNaskhArabic-Regular.ttf" },
  { name: "NotoNaskhArabic-Bold", pkg: "@embedpdf/fonts-arabic", file: "fonts/NotoNaskhArabic-Bold.ttf" },
  { name: "NotoSansSC", pkg: "@embedpdf/fonts-sc", file: "fonts/NotoSansHans-Regular.otf" },
  { name: "NotoSansKR", pkg: "@embedpdf/fonts-kr", file: "fonts/NotoSansKR-Regular.otf" },
  { name: "NotoEmoji", pkg: "@expo-google-fonts/noto-emoji", file: "400Regular/NotoEmoji_400Regular.ttf" },
  { name: "NotoEmoji-Bold", pkg: "@expo-google-fonts/noto-emoji", file: "700Bold/NotoEmoji_700Bold.ttf" },
];

const STANDARD: Record<FaceStyle, string> = { regular: "Helvetica", bold: "Helvetica-Bold", italic: "Helvetica-Oblique", mono: "Courier" };

/** Per style, the faces a character tries in turn; the first one with a glyph draws it. */
const CHAINS: Record<FaceStyle, readonly string[]> = {
  regular: ["Helvetica", "NotoSans", "NotoSansHebrew", "NotoNaskhArabic", "NotoSansSC", "NotoSansKR", "NotoEmoji"],
  bold: ["Helvetica-Bold", "NotoSans-Bold", "NotoSansHebrew-Bold", "NotoNaskhArabic-Bold", "NotoSansSC", "NotoSansKR", "NotoEmoji-Bold"],
  italic: ["Helvetica-Oblique", "NotoSans-Italic", "NotoSansHebrew", "NotoNaskhArabic", "NotoSansSC", "NotoSansKR", "NotoEmoji"],
  mono: ["Courier", "NotoSans", "NotoSansHebrew", "NotoNaskhArabic", "NotoSansSC", "NotoSansKR", "NotoEmoji"],
};

/** Characters beyond ASCII and Latin-1 that the standard fonts' WinAnsi encoding can show. */
const WIN_ANSI_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"].map((c) => c.codePointAt(0) ?? 0));

export function inWinAnsi(cp: number): boolean {
  return (cp >= 0x20 && cp < 0x7f) || (cp >= 0xa0 && cp <= 0xff && cp !== 0xad) || WIN_ANSI_EXTRA.has(cp);
}

export interface Face {
  name: string;
  /** True for a PDF standard font (WinAnsi, nothing embedded). */
  standard: boolean;
  covers(cp: number): boolean;
}

export interface FontSet {
  chain(style: FaceStyle): readonly Face[];
  /** Base face of a style: sets the line height and draws placeholders. */
  base(style: FaceStyle): Face;
  /** Registers the embedded faces with a document (pdfkit parses and subsets them lazily). */
  register(doc: PDFKit.PDFDocument): void;
}

let loaded: FontSet | undefined;

/** The fonts are read once per process; a missing font package is an installation error, said so. */
export function fontSet(): FontSet {
  loaded ??= loadFontSet();
  return loaded;
}

function loadFontSet(): FontSet {
  const require = createRequire(import.meta.url);
  const buffers = new Map<string, Buffer>();
  const faces = new Map<string, Face>();
  for (const f of EMBEDDED) {
    let path: string;
    try {
      // The packages export only their JS entry: resolve it and step up to the package root.
      path = join(packageRoot(require.resolve(f.pkg)), f.file);
    } catch (error) {
      throw new Error(`font package ${f.pkg} is not installed (run npm ci): ${(error as Error).message}`, { cause: error });
    }
    const buffer = readFileSync(path);
    const font: Font = create(buffer);
    buffers.set(f.name, buffer);
    faces.set(f.name, { name: f.name, standard: false, covers: (cp) => font.hasGlyphForCodePoint(cp) });
  }
  for (const name of Object.values(STANDARD)) faces.set(name, { name, standard: true, covers: inWinAnsi });
  const chains = Object.fromEntries(
    Object.entries(CHAINS).map(([style, names]) => [style, names.map((n) => faces.get(n) ?? missingFace(n))]),
  ) as Record<FaceStyle, Face[]>;
  return {
    chain: (style) => chains[style],
    base: (style) => faces.get(STANDARD[style]) ?? missingFace(STANDARD[style]),
    register: (doc) => {
      for (const [name, buffer] of buffers) doc.registerFont(name, buffer);
    },
  };
}

function packageRoot(entry: string): string {
  // `<root>/dist/index.cjs` or `<root>/index.js`.
  const dir = dirname(entry);
  return dir.endsWith("dist") ? dirname(dir) : dir;
}

function missingFace(name: string): never {
  throw new Error(`font chain names an unknown face ${name}`);
}
