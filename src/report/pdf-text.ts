import bidiModule from "bidi-js";
import { inWinAnsi, type Face, type FaceStyle, type FontSet } from "./pdf-fonts.js";
import { drawStandardText } from "./pdf-draw.js";
import { accelerateCurrentFont, currentStandardMetrics, standardWidth, type StandardMetrics } from "./pdf-metrics.js";

/**
 * Text layout for the PDF: font fallback per character, line breaking, and right-to-left order.
 *
 * pdfkit draws one font at a time and its line wrapper knows neither fallback fonts nor the bidi
 * algorithm, so text is laid out here and every line is drawn as runs at computed positions:
 *
 * 1. Grapheme clusters (UAX #29, https://unicode.org/reports/tr29/, via `Intl.Segmenter`) each
 *    take the first face of the style's chain that has glyphs for all of their code points. A
 *    cluster no face can draw, and an invisible format character on its own (zero-width space,
 *    bidi override, BOM: the characters that make two different names look alike), is drawn as a
 *    visible placeholder `[U+XXXX]`, so distinct names stay distinct.
 * 2. Lines break at spaces and after `/` and `:` (ARN and path boundaries). Only a segment
 *    wider than the whole line breaks further, after `-`, `_`, `.` or between CJK characters, and
 *    as a last resort between clusters. An ARN thus stays whole on a line or splits where a reader
 *    (and a PDF search that joins lines) expects it.
 * 3. Embedding levels come from the Unicode Bidirectional Algorithm (UAX #9,
 *    https://unicode.org/reports/tr9/, `bidi-js`) with a left-to-right paragraph; each line is
 *    reordered by rule L2. A right-to-left run in a Hebrew or Arabic face is handed to pdfkit in
 *    logical order: fontkit shapes it (Arabic joining forms) and reverses the glyphs itself.
 */

export interface TextStyle {
  style: FaceStyle;
  size: number;
  color: string;
}

export interface LayoutOptions {
  /** Wrap to this width; without it the text is one line per `\n`. */
  width?: number;
  characterSpacing?: number;
}

interface Cluster {
  text: string;
  face: Face;
  /** Index of the cluster's first code unit in the laid-out string (for bidi levels). */
  at: number;
  space: boolean;
  /** Break allowed after this cluster (`/`, `:`); `soft`: only when a segment must split. */
  breakAfter: "hard" | "soft" | null;
}

export interface Piece {
  text: string;
  face: Face;
  width: number;
}

export interface Line {
  pieces: Piece[];
  width: number;
}

export interface Laid {
  lines: Line[];
  lineHeight: number;
}

// bidi-js is CommonJS typed as an ES module: Node hands over the factory itself as the default export.
const bidiFactory: typeof bidiModule.default = typeof bidiModule === "function" ? bidiModule : bidiModule.default;
const bidi = bidiFactory();
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Printable ASCII only: the common case, laid out without segmentation or bidi. */
const PLAIN = /^[\x20-\x7e]*$/;
const RTL_SCRIPT = /[\p{sc=Hebrew}\p{sc=Arabic}\p{sc=Syriac}\p{sc=Thaana}\p{sc=Nko}\p{sc=Samaritan}\p{sc=Mandaic}\p{sc=Adlam}]/u;
const STRONG = /[\p{L}\p{Extended_Pictographic}]/u;
/** Code points that join or modify an emoji sequence; they need no glyph of their own. */
const JOINERS = new Set([0x200c, 0x200d, 0xfe0e, 0xfe0f]);
const CJK = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}]/u;
const HARD_BREAK_AFTER = new Set(["/", ":"]);
const SPACE = 0x20;
const SLASH = 0x2f;
const COLON = 0x3a;
const SOFT_BREAK_AFTER = new Set(["-", "_", ".", ",", ";", "|", "=", "&", "?", "+"]);

/** Removes control characters (keeping newlines) and turns tabs into spaces. */
export function cleanText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\t/g, " ")
    .replace(/\r\n?/g, "\n")
    .replace(/\p{Cc}/gu, (c) => (c === "\n" ? c : ""));
}

export function placeholder(cluster: string): string {
  return [...cluster]
    .map((c) => c.codePointAt(0) ?? 0)
    .filter((cp) => !JOINERS.has(cp))
    .map((cp) => `[U+${cp.toString(16).toUpperCase().padStart(4, "0")}]`)
    .join("");
}

/**
 * Bound on cached layouts. A table row is laid out once and drawn from that layout; what recurs is
 * text measured just before it is drawn (a paragraph, a group title, a badge label), a few layouts
 * earlier. A larger cache kept every row's text alive long enough for the garbage collector to copy
 * it and promote it to the old generation, most of the PDF's collection time.
 */
const MAX_CACHED_LAYOUTS = 256;

export class TextEngine {
  /** Widths in embedded faces (pdfkit shapes them with fontkit, which is slow). */
  private readonly widthCache = new Map<string, number>();
  /** Recent layouts by style and width, then text: text measured and then drawn is laid out once. */
  private readonly layoutCache = new WeakMap<TextStyle, Map<number, Map<number, Map<number, Map<string, Laid>>>>>();
  /** The cached layouts in the order they were added, as a ring of MAX_CACHED_LAYOUTS. */
  private readonly recentLayouts: ({ byText: Map<string, Laid>; text: string } | undefined)[] = [];
  private cachedLayouts = 0;
  private readonly lineHeights = new Map<string, number>();
  /** Per-character tables of the standard faces, by face name. */
  private readonly standardMetrics = new Map<string, StandardMetrics>();

  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly fonts: FontSet,
    /** Printable ASCII laid out on strings rather than clusters (same result; off only to test that). */
    private readonly plainFastPath = true,
  ) {}

  lineHeight(t: TextStyle, lineGap: number): number {
    const key = `${t.style}\u0000${t.size}\u0000${lineGap}`;
    let h = this.lineHeights.get(key);
    if (h === undefined) {
      this.doc.font(this.fonts.base(t.style).name).fontSize(t.size);
      h = this.doc.currentLineHeight(true) + lineGap;
      this.lineHeights.set(key, h);
    }
    return h;
  }

  width(face: Face, text: string, t: TextStyle, characterSpacing = 0): number {
    if (face.standard) {
      // Standard faces are measured from cached per-character metrics (pdf-metrics.ts): exact and cheap.
      const metrics = this.metricsOf(face, t);
      if (metrics === null) return this.doc.widthOfString(text, { characterSpacing });
      return standardWidth(metrics.units(text), text.length, t.size, characterSpacing);
    }
    const key = `${face.name}\u0000${t.size}\u0000${characterSpacing}\u0000${text}`;
    let w = this.widthCache.get(key);
    if (w === undefined) {
      w = this.doc.font(face.name).fontSize(t.size).widthOfString(text, { characterSpacing });
      if (this.widthCache.size > 50_000) this.widthCache.clear();
      this.widthCache.set(key, w);
    }
    return w;
  }

  /** The per-character tables of a standard face (null if pdfkit has none for it). */
  private metricsOf(face: Face, t: TextStyle): StandardMetrics | null {
    let metrics = this.standardMetrics.get(face.name);
    if (metrics === undefined) {
      if (!face.standard) return null;
      this.doc.font(face.name).fontSize(t.size);
      const found = currentStandardMetrics(this.doc);
      if (found === null) return null;
      this.standardMetrics.set(face.name, (metrics = found));
    }
    return metrics;
  }

  /**
   * Lays out `text` in lines of at most `width` (one line per paragraph without a width). The
   * result is shared between calls with the same arguments and must not be changed.
   */
  layout(text: string, t: TextStyle, lineGap: number, options: LayoutOptions = {}): Laid {
    // By style object, line gap, spacing and width (no key string built per call), then by the text
    // itself: a string caches its own hash, a key built around it would not.
    let byGap = this.layoutCache.get(t);
    if (byGap === undefined) this.layoutCache.set(t, (byGap = new Map<number, Map<number, Map<number, Map<string, Laid>>>>()));
    const bySpacing = entry(byGap, lineGap);
    const byWidth = entry(bySpacing, options.characterSpacing ?? 0);
    const byText = entry(byWidth, options.width ?? -1);
    let laid = byText.get(text);
    if (laid === undefined) {
      laid = this.layoutUncached(text, t, lineGap, options);
      // The oldest cached layout makes room: the cache holds only the most recent ones.
      const slot = this.cachedLayouts % MAX_CACHED_LAYOUTS;
      const oldest = this.recentLayouts[slot];
      if (oldest) oldest.byText.delete(oldest.text);
      this.recentLayouts[slot] = { byText, text };
      this.cachedLayouts++;
      byText.set(text, laid);
    }
    return laid;
  }

  private layoutUncached(text: string, t: TextStyle, lineGap: number, options: LayoutOptions): Laid {
    const lines: Line[] = [];
    // Printable ASCII is its own clean form, in one paragraph.
    for (const paragraph of PLAIN.test(text) ? [text] : cleanText(text).split("\n")) {
      if (this.plainFastPath && standardOnly(paragraph)) {
        lines.push(...this.plainLines(paragraph, t, options.width, options.characterSpacing ?? 0));
        continue;
      }
      const clusters = this.clusters(paragraph, t.style);
      const broken = options.width === undefined ? [clusters] : this.breakLines(clusters, t, options.width, options.characterSpacing ?? 0);
      const levels = RTL_SCRIPT.test(paragraph) ? bidi.getEmbeddingLevels(clusters.map((c) => c.text).join(""), "ltr").levels : null;
      for (const line of broken) lines.push(this.line(trimEnd(line), levels, t, options.characterSpacing ?? 0));
    }
    return { lines, lineHeight: this.lineHeight(t, lineGap) };
  }

  /** Shortens `text` to one line no wider than `width`, ending with an ellipsis when cut. */
  fit(text: string, t: TextStyle, width: number): string {
    const one = cleanText(text).replace(/\n/g, " ");
    const clusters = this.clusters(one, t.style);
    const total = (cs: readonly Cluster[]): number => this.runsWidth(cs, t, 0);
    if (total(clusters) <= width) return one;
    const ellipsis = this.width(this.fonts.base(t.style), "…", t);
    let n = clusters.length;
    while (n > 0 && total(clusters.slice(0, n)) + ellipsis > width) n--;
    return `${clusters
      .slice(0, n)
      .map((c) => c.text)
      .join("")}…`;
  }

  /** Draws laid-out lines from `top`; `align` within `width` (defaults to the widest line). */
  draw(laid: Laid, t: TextStyle, x: number, top: number, options: { width?: number; align?: "left" | "center" | "right"; characterSpacing?: number; goTo?: string } = {}): void {
    const doc = this.doc;
    const base = this.fonts.base(t.style);
    // pdfkit puts a line's top at y and its baseline one ascender of the base face below; every run
    // of the line is drawn on that baseline, whatever its own face's ascender.
    const ascent = (ascender(doc, base.name) / 1000) * t.size;
    laid.lines.forEach((line, i) => {
      const free = (options.width ?? line.width) - line.width;
      let cx = x + (options.align === "center" ? free / 2 : options.align === "right" ? free : 0);
      const baseline = top + i * laid.lineHeight + ascent;
      for (const piece of line.pieces) {
        doc.font(piece.face.name).fontSize(t.size);
        // Standard faces without a link: the operators pdfkit would write, written directly (pdf-draw.ts).
        if (piece.face.standard && !options.goTo && drawStandardText(doc, piece.text, cx, baseline, t.color, options.characterSpacing ?? 0)) {
          cx += piece.width;
          continue;
        }
        doc.fillColor(t.color);
        if (piece.face.standard) accelerateCurrentFont(doc);
        doc.text(piece.text, cx, baseline, {
          lineBreak: false,
          baseline: "alphabetic",
          characterSpacing: options.characterSpacing ?? 0,
          ...(options.goTo ? { goTo: options.goTo } : {}),
        });
        cx += piece.width;
      }
    });
    doc.x = x;
    doc.y = top + laid.lines.length * laid.lineHeight;
  }

  /**
   * `breakLines`, `splitLong` and `line` for a paragraph the standard faces draw whole (WinAnsi:
   * ASCII, Latin-1, `…`, `—`, curly quotes; no combining marks, format characters or right-to-left
   * script), on substrings: every character is one cluster in the base face (the first of every
   * chain), left to right, so a run is a substring and a line one piece. Same breaks and widths as
   * the cluster path, without an object per character.
   */
  private plainLines(paragraph: string, t: TextStyle, width: number | undefined, spacing: number): Line[] {
    const base = this.fonts.base(t.style);
    const metrics = this.metricsOf(base, t);
    // Widths of substrings given by their bounds, so no substring is made to be measured.
    const w = (start: number, end: number): number => {
      if (start === end) return 0;
      if (metrics === null) return this.width(base, paragraph.slice(start, end), t, spacing);
      return standardWidth(metrics.unitsIn(paragraph, start, end), end - start, t.size, spacing);
    };
    const trimmed = (start: number, end: number): number => {
      while (end > start && paragraph.charCodeAt(end - 1) === SPACE) end--;
      return end;
    };
    const toLine = (start: number, end: number): Line => {
      const visibleEnd = trimmed(start, end);
      if (visibleEnd === start) return { pieces: [], width: 0 };
      const piece = { text: paragraph.slice(start, visibleEnd), face: base, width: w(start, visibleEnd) };
      return { pieces: [piece], width: 0 + piece.width };
    };
    if (width === undefined) return [toLine(0, paragraph.length)];
    // Lines as bounds in the paragraph: a line is always a run of whole segments or split pieces.
    const bounds: number[] = [];
    let lineStart = 0;
    let lineEnd = 0;
    let lineWidth = 0;
    const segment = (start: number, end: number): void => {
      const sw = w(start, end);
      const visible = w(start, trimmed(start, end));
      if (lineWidth + visible <= width) {
        if (lineEnd === lineStart) lineStart = start;
        lineEnd = end;
        lineWidth += sw;
        return;
      }
      if (lineEnd > lineStart) {
        bounds.push(lineStart, lineEnd);
        lineStart = lineEnd = end;
        lineWidth = 0;
      }
      if (visible <= width) {
        lineStart = start;
        lineEnd = end;
        lineWidth = sw;
        return;
      }
      let at = start;
      for (const piece of this.plainSplitLong(paragraph.slice(start, end), (s) => (s === "" ? 0 : this.width(base, s, t, spacing)), width)) {
        if (lineEnd > lineStart) bounds.push(lineStart, lineEnd);
        lineStart = at;
        lineEnd = at += piece.length;
        lineWidth = w(lineStart, lineEnd);
      }
    };
    // Segments end after a space, `/` or `:` that no space follows (as `plainSegments`).
    let segmentStart = 0;
    const n = paragraph.length;
    for (let i = 0; i < n; i++) {
      const c = paragraph.charCodeAt(i);
      if ((c === SPACE || c === SLASH || c === COLON) && paragraph.charCodeAt(i + 1) !== SPACE) {
        segment(segmentStart, i + 1);
        segmentStart = i + 1;
      }
    }
    if (segmentStart < n) segment(segmentStart, n);
    if (lineEnd > lineStart || bounds.length === 0) bounds.push(lineStart, lineEnd);
    const lines: Line[] = [];
    for (let i = 0; i < bounds.length; i += 2) lines.push(toLine(bounds[i]!, bounds[i + 1]!));
    return lines;
  }

  private plainSplitLong(segment: string, w: (s: string) => number, width: number): string[] {
    const out: string[] = [];
    let current = "";
    for (const part of plainSegments(segment, (c) => SOFT_BREAK_AFTER.has(c))) {
      if (w(current + part.replace(/ +$/, "")) <= width) {
        current += part;
        continue;
      }
      if (current.length > 0) out.push(current);
      current = "";
      let cw = 0;
      for (const c of part) {
        const x = w(c);
        if (current.length > 0 && cw + x > width) {
          out.push(current);
          current = "";
          cw = 0;
        }
        current += c;
        cw += x;
      }
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  private clusters(paragraph: string, style: FaceStyle): Cluster[] {
    const base = this.fonts.base(style);
    if (PLAIN.test(paragraph)) {
      return [...paragraph].map((ch, at) => ({ text: ch, face: base, at, space: ch === " ", breakAfter: breakAfter(ch) }));
    }
    const chain = this.fonts.chain(style);
    const out: Cluster[] = [];
    let at = 0;
    let previous: Face | null = null;
    let wordStart = true;
    for (const { segment } of segmenter.segment(paragraph)) {
      const cps = [...segment].map((c) => c.codePointAt(0) ?? 0);
      const visible = cps.filter((cp) => !JOINERS.has(cp));
      const invisibleFormat = visible.length === 1 && /^\p{Cf}$/u.test(segment);
      const covers = (f: Face): boolean => visible.length > 0 && visible.every((cp) => f.covers(cp));
      // Inside a word, and for neutral characters (digits, punctuation), the face of the run goes
      // on while it has the glyph: a word never switches fonts between letters it can draw.
      const keep: boolean = previous !== null && (!STRONG.test(segment) || !wordStart) && covers(previous);
      const face: Face | null = invisibleFormat ? null : keep ? previous : (chain.find(covers) ?? null);
      wordStart = segment === " ";
      if (face) {
        out.push({ text: segment, face, at, space: segment === " ", breakAfter: breakAfter(segment) });
        at += segment.length;
        previous = face;
        continue;
      }
      // No face has it: a visible `[U+XXXX]` in the base face instead, so the name stays distinct.
      for (const ch of placeholder(segment)) {
        out.push({ text: ch, face: base, at, space: false, breakAfter: ch === "]" ? "soft" : null });
        at += ch.length;
      }
      previous = base;
    }
    return out;
  }

  private runsWidth(clusters: readonly Cluster[], t: TextStyle, characterSpacing: number): number {
    let w = 0;
    for (const run of runs(clusters)) w += this.width(run.face, run.text, t, characterSpacing);
    return w;
  }

  /** Greedy line breaking over segments that end at a space, `/` or `:`. */
  private breakLines(clusters: readonly Cluster[], t: TextStyle, width: number, spacing: number): Cluster[][] {
    const lines: Cluster[][] = [];
    let line: Cluster[] = [];
    let lineWidth = 0;
    const flush = (): void => {
      lines.push(line);
      line = [];
      lineWidth = 0;
    };
    for (const segment of segments(clusters, (c) => c.space || c.breakAfter === "hard")) {
      const w = this.runsWidth(segment, t, spacing);
      const visible = this.runsWidth(trimEnd(segment), t, spacing);
      if (lineWidth + visible <= width) {
        line.push(...segment);
        lineWidth += w;
        continue;
      }
      if (line.length > 0) flush();
      if (visible <= width) {
        line.push(...segment);
        lineWidth = w;
        continue;
      }
      // A segment wider than the line: split it at soft boundaries, then between clusters.
      for (const piece of this.splitLong(segment, t, width, spacing)) {
        if (line.length > 0) flush();
        line.push(...piece);
        lineWidth = this.runsWidth(piece, t, spacing);
      }
    }
    if (line.length > 0 || lines.length === 0) lines.push(line);
    return lines;
  }

  private splitLong(segment: readonly Cluster[], t: TextStyle, width: number, spacing: number): Cluster[][] {
    const out: Cluster[][] = [];
    let current: Cluster[] = [];
    const soft = (c: Cluster, next: Cluster | undefined): boolean =>
      c.breakAfter === "soft" || (next !== undefined && CJK.test(c.text) && CJK.test(next.text));
    const parts = segments(segment, (c, next) => soft(c, next));
    for (const part of parts) {
      if (this.runsWidth([...current, ...trimEnd(part)], t, spacing) <= width) {
        current.push(...part);
        continue;
      }
      if (current.length > 0) out.push(current);
      current = [];
      let w = 0;
      for (const c of part) {
        const cw = this.width(c.face, c.text, t, spacing);
        if (current.length > 0 && w + cw > width) {
          out.push(current);
          current = [];
          w = 0;
        }
        current.push(c);
        w += cw;
      }
    }
    if (current.length > 0) out.push(current);
    return out;
  }

  /** One line in visual order, as runs of one face and one direction. */
  private line(clusters: readonly Cluster[], levels: Uint8Array | null, t: TextStyle, spacing: number): Line {
    const level = (c: Cluster): number => levels?.[c.at] ?? 0;
    const visual = levels ? reorder(clusters, level) : [...clusters];
    const pieces: Piece[] = [];
    let i = 0;
    while (i < visual.length) {
      const first = visual[i];
      if (!first) break;
      const rtl = level(first) % 2 === 1;
      let j = i + 1;
      while (j < visual.length && visual[j]?.face === first.face && level(visual[j] as Cluster) % 2 === (rtl ? 1 : 0)) j++;
      const group = visual.slice(i, j);
      let text = group.map((c) => c.text).join("");
      if (rtl) {
        const logical = [...group].reverse().map((c) => c.text).join("");
        // fontkit reverses a run whose script is right-to-left; a run of neutrals it leaves as
        // given, so that one is passed in visual order with mirrored brackets.
        text = RTL_SCRIPT.test(logical) ? logical : group.map((c) => bidi.getMirroredCharacter(c.text) ?? c.text).join("");
      }
      pieces.push({ text, face: first.face, width: this.width(first.face, text, t, spacing) });
      i = j;
    }
    return { pieces, width: pieces.reduce((a, p) => a + p.width, 0) };
  }
}

/** The map under `key`, made empty on first use. */
function entry<K, L, V>(map: Map<K, Map<L, V>>, key: K): Map<L, V> {
  let inner = map.get(key);
  if (inner === undefined) map.set(key, (inner = new Map<L, V>()));
  return inner;
}

function breakAfter(ch: string): Cluster["breakAfter"] {
  return HARD_BREAK_AFTER.has(ch) ? "hard" : SOFT_BREAK_AFTER.has(ch) ? "soft" : null;
}

/** Consecutive clusters of one face, for measuring. */
function runs(clusters: readonly Cluster[]): { face: Face; text: string }[] {
  const out: { face: Face; text: string }[] = [];
  for (const c of clusters) {
    const last = out.at(-1);
    if (last && last.face === c.face) last.text += c.text;
    else out.push({ face: c.face, text: c.text });
  }
  return out;
}

/** Splits after every cluster where `end(cluster, next)` holds; each part keeps its delimiter. */
function segments(clusters: readonly Cluster[], end: (c: Cluster, next: Cluster | undefined) => boolean): Cluster[][] {
  const out: Cluster[][] = [];
  let current: Cluster[] = [];
  clusters.forEach((c, i) => {
    current.push(c);
    const next = clusters[i + 1];
    // Spaces gather at the end of a segment, so a line never starts with one.
    if (end(c, next) && next?.space !== true) {
      out.push(current);
      current = [];
    }
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** Every character is drawn by the standard (base) face: WinAnsi, which has no combining or format characters. */
function standardOnly(text: string): boolean {
  if (PLAIN.test(text)) return true;
  for (let i = 0; i < text.length; i++) if (!inWinAnsi(text.charCodeAt(i))) return false;
  return true;
}

/** `segments` on a string of one-character clusters. */
function plainSegments(text: string, end: (c: string) => boolean): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (end(text.charAt(i)) && text.charAt(i + 1) !== " ") {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function trimEnd(clusters: readonly Cluster[]): Cluster[] {
  let n = clusters.length;
  while (n > 0 && clusters[n - 1]?.space) n--;
  return clusters.slice(0, n);
}

/** UAX #9 rule L2: from the highest level down to the lowest odd one, reverse every run at or above it. */
function reorder(clusters: readonly Cluster[], level: (c: Cluster) => number): Cluster[] {
  const out = [...clusters];
  const levels = out.map(level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((l) => l % 2 === 1), highest + 1);
  for (let l = highest; l >= lowestOdd && l > 0; l--) {
    let i = 0;
    while (i < out.length) {
      if ((levels[i] ?? 0) < l) {
        i++;
        continue;
      }
      let j = i;
      while (j < out.length && (levels[j] ?? 0) >= l) j++;
      reverseRange(out, i, j);
      reverseRange(levels, i, j);
      i = j;
    }
  }
  return out;
}

function reverseRange<T>(items: T[], from: number, to: number): void {
  for (let a = from, b = to - 1; a < b; a++, b--) {
    const tmp = items[a] as T;
    items[a] = items[b] as T;
    items[b] = tmp;
  }
}

/** The ascender (per 1000 em) of a face, from pdfkit's own font metrics. */
function ascender(doc: PDFKit.PDFDocument, face: string): number {
  doc.font(face);
  // pdfkit's typings do not expose the current font object; its metrics are public in the JS API.
  const font = (doc as unknown as { _font?: { ascender: number } })._font;
  return font?.ascender ?? 718;
}
