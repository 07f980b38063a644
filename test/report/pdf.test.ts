import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderPdf, winAnsi } from "../../src/report/pdf.js";
import type { ReportModel } from "../../src/report/types.js";
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

  it("maps text outside WinAnsi to readable ASCII", () => {
    expect(winAnsi("count ≥ 2 → ok ✅ 🚀 café – “quoted” …")).toBe("count >= 2 -> ok [OK]  café – “quoted” …");
    expect(winAnsi("zero\u200bwidth, tab\tand \u0007bell, 日本")).toBe("zerowidth, tab and bell, ??");
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
    expect(raw).toContain(flat("restore time >= 4 h verified on 2026-10-15 [OK]"));
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

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
