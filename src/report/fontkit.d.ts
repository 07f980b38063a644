// The part of fontkit 2 (https://github.com/foliojs/fontkit) that the PDF renderer uses to ask
// whether a font has a glyph for a code point; pdfkit itself embeds and subsets the font.
declare module "fontkit" {
  export interface Font {
    readonly postscriptName: string | null;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
