import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PDF_SECTIONS } from "../../src/report/pdf/registry.js";
import { renderPdfSections } from "../../src/report/pdf/render.js";
import type { PdfSection } from "../../src/report/pdf/section.js";
import { TOC_LINES_PER_PAGE } from "../../src/report/pdf/toc.js";
import type { ReportModel } from "../../src/report/types.js";
import { sampleReportModel } from "../fixtures/report-model.js";
import { hasBinary, requireInCi } from "../helpers/requires.js";

const dir = mkdtempSync(join(tmpdir(), "sageaudit-pdf-sections-"));

/** The text of each page, in order (pdftotext ends every page with a form feed). */
async function pages(model: ReportModel, name: string, sections: readonly PdfSection[] = PDF_SECTIONS): Promise<string[]> {
  const file = join(dir, `${name}.pdf`);
  writeFileSync(file, await renderPdfSections(model, sections));
  return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\f").slice(0, -1);
}

const isContents = (page: string): boolean => page.split("\n").some((l) => /^(Contents|Contents \(continued\))$/.test(l.trim()));

/** Contents lines: a label and a page number (the running header and the footer left out). */
function contentsEntries(contents: readonly string[]): string[] {
  return contents.flatMap((page) => page.split("\n").filter((l) => /\S\s+\d+$/.test(l) && !l.includes("Report SHA-256") && !l.includes("|  Run ") && !l.includes("| Run ")));
}

function manyControls(count: number): ReportModel {
  const base = sampleReportModel();
  const controls = Array.from({ length: count }, (_, i) => {
    const c = base.controls[i % base.controls.length]!;
    return { ...c, id: `${c.id}-${i}` };
  });
  return sampleReportModel({ controls });
}

const VARIANTS: [string, () => ReportModel][] = [
  ["the sample report", () => sampleReportModel()],
  [
    "a first run without waivers, attestations or gaps",
    () => {
      const base = sampleReportModel();
      return sampleReportModel({
        changes: { previousRunId: null, newlyFailing: [], resolved: [] },
        waivers: { active: [], expired: [], invalid: [] },
        attestations: [],
        run: { ...base.run, gaps: [] },
      });
    },
  ],
  ["a mapping without controls", () => sampleReportModel({ controls: [] })],
  // One entry more than a contents page holds: an entry drawn but not declared would be cut off.
  [`${TOC_LINES_PER_PAGE + 1 - PDF_SECTIONS.length} controls`, () => manyControls(TOC_LINES_PER_PAGE + 1 - PDF_SECTIONS.length)],
  ["60 controls", () => manyControls(60)],
];

const popplerMissing = requireInCi(hasBinary("pdftotext"), "poppler-utils (pdftotext)");

describe.skipIf(popplerMissing)("PDF section registry (poppler)", () => {
  it.each(VARIANTS)("reserves exactly the contents pages the entries of %s fill, and lists every section", async (name, make) => {
    const model = make();
    const text = await pages(model, name.replace(/\W+/g, "-"));
    const first = text.findIndex(isContents);
    const contents = text.filter(isContents);
    const entries = contentsEntries(contents);
    // Contents pages follow the cover one after another, and the body starts right after them.
    expect(first).toBe(1);
    expect(text.slice(first, first + contents.length).every(isContents)).toBe(true);
    expect(text[first + contents.length]).toContain("Executive summary");
    expect(contents.length).toBe(Math.ceil(entries.length / TOC_LINES_PER_PAGE));
    // One line per section that applies and one per control: nothing cut off, nothing extra.
    const titles = PDF_SECTIONS.filter((s) => s.id !== "controls" || model.controls.length > 0).map((s) => s.title);
    expect(entries.length).toBe(titles.length + model.controls.length);
    const labels = entries.map((l) => l.trim());
    expect(titles.filter((t) => !labels.some((l) => l.startsWith(`${t} `)))).toEqual([]);
    expect(model.controls.filter((c) => !labels.some((l) => l.startsWith(`${c.id} `))).map((c) => c.id)).toEqual([]);
  });

  it("spreads more entries than a page holds over continued contents pages", async () => {
    const contents = (await pages(manyControls(60), "continued")).filter(isContents);
    expect(contents.length).toBe(2);
    expect(contents[1]).toContain("Contents (continued)");
  });
});

describe("PDF section registry", () => {
  const extra = (declared: number, drawn: number): PdfSection => ({
    id: "extra",
    title: "Extra",
    applies: () => true,
    tocEntries: () => declared,
    draw(doc, _view, toc) {
      doc.addPage();
      for (let i = 0; i < drawn; i++) toc.push({ label: `Extra ${i}`, dest: "summary", level: 1, page: 0 });
    },
  });

  it.each([
    [1, 2],
    [2, 1],
    [0, 1],
  ])("refuses to render a section that declares %i contents entries and draws %i", async (declared, drawn) => {
    await expect(renderPdfSections(sampleReportModel(), [...PDF_SECTIONS, extra(declared, drawn)])).rejects.toThrow(
      `internal error: PDF section "extra" added ${drawn} contents entries but declared ${declared}`,
    );
  });

  it("renders a section that draws the entries it declares", async () => {
    const pdf = await renderPdfSections(sampleReportModel(), [...PDF_SECTIONS, extra(2, 2)]);
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  });

  it("declares the entries every registered section draws, for each kind of report", async () => {
    // The guard throws when a section draws other entries than it declared: every variant renders.
    for (const [, make] of VARIANTS) await expect(renderPdfSections(make(), PDF_SECTIONS)).resolves.toBeInstanceOf(Buffer);
  });
});
