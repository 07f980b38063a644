import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import PDFDocument from "pdfkit";
import { renderPdf } from "../../src/report/pdf.js";
import { fontSet } from "../../src/report/pdf-fonts.js";
import { TextEngine } from "../../src/report/pdf-text.js";
import type { ReportFinding, ReportModel } from "../../src/report/types.js";
import { reportModelWithFindings, sampleReportModel } from "../fixtures/report-model.js";
import { hasBinary, requireInCi } from "../helpers/requires.js";

const dir = mkdtempSync(join(tmpdir(), "sageaudit-pdf-"));

async function renderToFile(model: ReportModel, name: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await renderPdf(model));
  return file;
}

/** `-layout` keeps table rows on one line; the raw mode keeps a wrapped cell's lines together. */
function pdfText(file: string, layout: boolean): string {
  return execFileSync("pdftotext", [...(layout ? ["-layout"] : []), file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

function pageCount(file: string): number {
  const match = /^Pages:\s+(\d+)$/m.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }));
  return Number(match?.[1]);
}

/** pdftotext re-joins wrapped lines with spaces and drops the hyphen of a word split at a line end. */
const flat = (text: string): string => text.replace(/[\s-]+/g, "");

describe("renderPdf", () => {
  it("renders the same bytes for the same model, dated by generatedAt", async () => {
    const [a, b] = await Promise.all([renderPdf(sampleReportModel()), renderPdf(sampleReportModel())]);
    expect(a.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(a.equals(b)).toBe(true);
    // Info values are indirect objects; both dates must be the report's generatedAt, never "now".
    expect(a.toString("latin1").match(/\(D:\d{14}Z\)/g)).toEqual(["(D:20261127100512Z)", "(D:20261127100512Z)"]);
  });

});

/**
 * Resource names as tags and Studio user profiles carry them: scripts the standard PDF fonts cannot
 * show. Pairs of the same length used to print as the same row of "?".
 */
const NAMES = [
  { script: "Chinese", name: "数据科学笔记本" },
  { script: "Chinese (same length)", name: "模型训练笔记本" },
  { script: "Japanese", name: "データ分析ノート" },
  { script: "Korean", name: "모델학습노트북" },
  { script: "Korean (same length)", name: "환자기록노트북" },
  { script: "Hebrew", name: "מודלניסוי" },
  { script: "Arabic", name: "نموذجالتدريب" },
  { script: "Latin Extended", name: "zoë-łódź-ülkü" },
  { script: "Cyrillic", name: "модель-обучения" },
  { script: "emoji", name: "nb-🚀-launch" },
  { script: "emoji (same shape)", name: "nb-🛸-launch" },
] as const;

function unicodeModel(): ReportModel {
  const base = sampleReportModel();
  const [first, ...rest] = base.controls;
  if (!first?.findings[0]) throw new Error("fixture has no findings");
  const template: ReportFinding = first.findings[0];
  const named = (name: string, i: number): ReportFinding => ({
    ...template,
    resourceName: name,
    resourceArn: `arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${name}`,
    reason: `DirectInternetAccess is Enabled (case ${i})`,
  });
  const extra = [
    ...NAMES.map((n, i) => named(n.name, i)),
    named("מודל-ניסוי", 90),
    named("nb-\u200b-zero", 91),
    named("cuneiform-\u{12000}", 92),
    named("sagemaker-notebook-instance-for-the-cardiology-research-team-01", 93),
  ];
  return sampleReportModel({ controls: [{ ...first, findings: [...first.findings, ...extra] }, ...rest] });
}

describe("PDF text layout", () => {
  const doc = new PDFDocument({ autoFirstPage: false });
  const fonts = fontSet();
  fonts.register(doc);
  const engine = new TextEngine(doc, fonts);
  const cell = { style: "regular" as const, size: 7, color: "#000000" };

  it.each([
    ["an ARN", "arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/sagemaker-notebook-instance-for-cardiology-01", 150],
    ["a principal", "arn:aws:sts::111122223333:assumed-role/DataScientist/jdoe@example-health.org", 90],
    ["a CJK ARN", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/数据科学笔记本", 80],
  ])("breaks %s only after / or :", (_what, arn, width) => {
    const lines = engine.layout(arn, cell, 0, { width }).lines.map((l) => l.pieces.map((p) => p.text).join(""));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe(arn);
    expect(lines.slice(0, -1).filter((l) => !/[/:]$/.test(l))).toEqual([]);
    expect(lines.every((l) => engine.layout(l, cell, 0).lines[0]!.width <= width)).toBe(true);
  });

  it("breaks prose at spaces and keeps words whole", () => {
    const text = "KmsKeyId is not set: the volume uses no customer-managed key";
    const lines = engine.layout(text, cell, 0, { width: 80 }).lines.map((l) => l.pieces.map((p) => p.text).join(""));
    expect(lines).toEqual(["KmsKeyId is not set: the", "volume uses no", "customer-managed key"]);
  });

  it.each([
    ["ASCII", "claims-triage-nb", ["Helvetica"]],
    ["Chinese", "数据", ["NotoSansSC"]],
    ["Korean", "모델", ["NotoSansKR"]],
    ["Hebrew", "מודל", ["NotoSansHebrew"]],
    ["Arabic", "نموذج", ["NotoNaskhArabic"]],
    ["Polish", "łódź", ["NotoSans"]],
    ["emoji", "🚀", ["NotoEmoji"]],
    ["mixed", "nb-数据-🚀", ["Helvetica", "NotoSansSC", "NotoEmoji"]],
  ])("draws %s with the first face that has the glyphs", (_what, text, faces) => {
    const pieces = engine.layout(text, cell, 0).lines[0]!.pieces;
    expect(pieces.map((p) => p.face.name)).toEqual(faces);
    expect(pieces.map((p) => p.text).join("")).toBe(text);
  });

  it("shows a placeholder with the code point for what no font has, and for invisible format characters", () => {
    const text = (s: string): string => engine.layout(s, cell, 0).lines[0]!.pieces.map((p) => p.text).join("");
    expect(text("cuneiform-\u{12000}")).toBe("cuneiform-[U+12000]");
    expect(text("nb-\u200b-zero")).toBe("nb-[U+200B]-zero");
    expect(text("admin\u202etxt.exe")).toBe("admin[U+202E]txt.exe");
  });

  it("orders right-to-left runs visually and hands each to the shaper in logical order", () => {
    const pieces = (t: string): string[][] => engine.layout(t, cell, 0).lines[0]!.pieces.map((p) => [p.face.name, p.text]);
    // Read right to left: "מודל" (model) comes first, so it is drawn rightmost. Each Hebrew run is
    // passed in reading order: fontkit shapes it and reverses its glyphs itself.
    expect(pieces("model מודל-ניסוי v2")).toEqual([
      ["Helvetica", "model "],
      ["NotoSansHebrew", "ניסוי"],
      ["Helvetica", "-"],
      ["NotoSansHebrew", "מודל"],
      ["NotoSansHebrew", " "],
      ["Helvetica", "v2"],
    ]);
    // A number between right-to-left words keeps its digits left to right.
    expect(pieces("שלום 42 עולם")).toEqual([
      ["NotoSansHebrew", "עולם"],
      ["Helvetica", " "],
      ["Helvetica", "42"],
      ["NotoSansHebrew", "שלום "],
    ]);
    // Brackets around a number after Arabic belong to the right-to-left run (UAX #9 N0) and mirror.
    expect(pieces("Enabled on نموذج (4)").map((p) => p[1]).join("|")).toBe("Enabled on |(|4|)|نموذج ");
  });
});

const popplerMissing = requireInCi(hasBinary("pdftotext") && hasBinary("pdfinfo"), "poppler-utils (pdftotext, pdfinfo)");

describe.skipIf(popplerMissing)("renderPdf text (poppler)", () => {
  it("holds every control, the failing resources and reasons, and numbered pages", async () => {
    const model = sampleReportModel();
    const file = await renderToFile(model, "sample.pdf");
    const pages = pageCount(file);
    const layout = pdfText(file, true);
    const raw = flat(pdfText(file, false));

    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThan(200);
    expect(layout).toContain(`Page 1 of ${pages}`);
    expect(layout).toContain(`Page ${pages} of ${pages}`);
    expect(layout).toContain(`Report SHA-256 ${/Report SHA-256 ([0-9a-f]{16})/.exec(layout)?.[1]}`);
    expect(model.controls.map((c) => c.id).filter((id) => !layout.includes(id))).toEqual([]);
    const failing = model.controls.flatMap((c) => c.findings).filter((f) => f.status === "FAIL");
    expect(failing.flatMap((f) => [f.resourceName, f.reason]).filter((t) => !raw.includes(flat(t)))).toEqual([]);
    // Each control shows the share of its resources that pass beside its status; the summary too.
    expect(raw).toContain(flat("50% of resources pass (2 of 4 resources pass; +10 pts)"));
    const res = model.summary.resources;
    expect(raw).toContain(flat(`Resources passing: ${res.share}% (${res.passing} of ${res.applicable} resources pass`));
    // Symbols outside WinAnsi are drawn (Noto Sans, Noto Emoji), not replaced by ASCII stand-ins.
    expect(raw).toContain(flat("quarterly → restore time ≥ 4 h verified on 2026-10-15 ✅"));
  });

  it("gives each control the page number the contents show for it", async () => {
    const model = sampleReportModel();
    const file = await renderToFile(model, "toc.pdf");
    const contents = pdfText(file, true);
    const misplaced = model.controls.filter((control) => {
      const page = new RegExp(`${escapeRegExp(control.id)}\\s.*?(\\d+)\\s*$`, "m").exec(contents)?.[1];
      if (page === undefined) return true;
      const text = execFileSync("pdftotext", ["-layout", "-f", page, "-l", page, file, "-"], { encoding: "utf8" });
      return !new RegExp(`^\\s*${escapeRegExp(control.id)}\\s*$`, "m").test(text);
    });
    expect(misplaced.map((c) => c.id)).toEqual([]);
  });

  it("spreads a 400-finding control over pages without losing a row", async () => {
    const model = reportModelWithFindings(400);
    const file = await renderToFile(model, "large.pdf");
    const text = pdfText(file, true);
    const names = model.controls[0]!.findings.map((f) => f.resourceName);
    const missing = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(missing).toEqual([]);
    // The findings table header repeats on every page the table continues onto.
    expect(text.match(/Status\s+Resource\s+Account \/ region\s+Reason and context/g)?.length ?? 0).toBeGreaterThan(10);
    expect(pageCount(file)).toBeLessThan(200);
  });

  it("counts a long tail of passing resources instead of listing them", async () => {
    const model = reportModelWithFindings(400, "PASS");
    const file = await renderToFile(model, "passing.pdf");
    const text = flat(pdfText(file, false));
    expect(text).toContain(flat("400 pass: listed in the HTML, JSON and CSV reports"));
    expect(text).not.toContain("bulk-nb-0001");
    // The evidence index still lists every record, but the findings table no longer runs over pages
    // (the failing variant above repeats its header more than ten times).
    expect(pdfText(file, true).match(/Status\s+Resource\s+Account \/ region\s+Reason and context/g)?.length ?? 0).toBeLessThan(10);
  });

  it("lists waiver entries that were not applied, with their position", async () => {
    const file = await renderToFile(sampleReportModel(), "waivers.pdf");
    expect(flat(pdfText(file, false))).toContain(flat('waivers.yaml:14:5 waivers.2.check: unknown check id "sagemaker.notebook.no-such-check"'));
  });
});

describe.skipIf(popplerMissing)("renderPdf in any script (poppler)", () => {
  // pdftotext marks right-to-left words with embedding controls (U+202A..U+202E): not part of the text.
  const lines = async (): Promise<string[]> => {
    const file = await renderToFile(unicodeModel(), "unicode.pdf");
    return pdfText(file, false).replace(/[\u200e\u200f\u202a-\u202e]/g, "").split("\n");
  };

  it.each(NAMES)("brings a $script name back intact: $name", async ({ name }) => {
    const text = await cachedLines();
    // The name row and the ARN's last segment each show it whole.
    expect(text.filter((l) => l.trim() === name).length).toBeGreaterThanOrEqual(1);
    expect(text.some((l) => l.endsWith(`notebook-instance/${name}`))).toBe(true);
  });

  it("keeps different names distinct, with no ? in their place", async () => {
    const text = (await cachedLines()).join("\n");
    expect(text).not.toContain("?");
    expect(new Set(NAMES.map((n) => n.name)).size).toBe(NAMES.length);
  });

  it("keeps the words of a right-to-left name with a hyphen intact on one line", async () => {
    const text = await cachedLines();
    expect(text.some((l) => l.includes("מודל") && l.includes("ניסוי"))).toBe(true);
  });

  it("shows placeholders with code points for glyphs no font has", async () => {
    const text = (await cachedLines()).join("\n");
    expect(text).toContain("nb-[U+200B]-zero");
    expect(text).toContain("cuneiform-[U+12000]");
  });

  it("keeps a long ARN whole on one line, so a search finds it", async () => {
    const arn = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/sagemaker-notebook-instance-for-the-cardiology-research-team-01";
    expect((await cachedLines()).map((l) => l.trim())).toContain(arn);
  });

  let cache: Promise<string[]> | undefined;
  function cachedLines(): Promise<string[]> {
    cache ??= lines();
    return cache;
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
