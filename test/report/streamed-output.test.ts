import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { renderReportFiles } from "../../src/pipeline/render.js";
import { csvChunks, renderCsv } from "../../src/report/csv.js";
import { htmlChunks, renderHtml } from "../../src/report/html.js";
import { jsonChunks, renderJson } from "../../src/report/json.js";
import type { ReportModel } from "../../src/report/types.js";
import { writeFilesAtomically } from "../../src/report/write.js";
import { XSS_REASON, reportModelWithTail, sampleReportModel } from "../fixtures/report-model.js";

const TEMPLATES = join(import.meta.dirname, "../../templates");

const AWKWARD = ["\u2028line\u2029sep", 'quo"te\\back', "new\nline\r\ttab", "日本語 ünïcødé 🧪", "", "</script>", XSS_REASON];

function awkwardModel(): ReportModel {
  const model = sampleReportModel();
  const [first, ...rest] = model.controls;
  const findings = AWKWARD.map((reason, i) => ({ ...first!.findings[0]!, resourceArn: `arn:aws:sagemaker:us-east-1:123456789012:notebook-instance/n${i}`, reason }));
  // Undefined members are omitted by JSON.stringify; the streamed form must omit them too.
  return { ...model, controls: [{ ...first!, findings, requirement: undefined } as never, ...rest], evidenceIndex: [], extra: { empty: {}, none: [], nested: [[], [{}]], skip: undefined } } as never;
}

describe("streamed report output", () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), "sageaudit-stream-"));
    dirs.push(dir);
    return dir;
  };

  it("writes JSON byte for byte as JSON.stringify does, in many pieces", () => {
    for (const model of [sampleReportModel(), awkwardModel()]) {
      const pieces = [...jsonChunks(model)];
      expect(pieces.join("")).toBe(`${JSON.stringify(model, null, 2)}\n`);
      expect(pieces.join("")).toBe(renderJson(model));
      expect(pieces.length).toBeGreaterThan(model.controls.length);
    }
  });

  it("writes CSV one line at a time, equal to the whole render", () => {
    const model = awkwardModel();
    const lines = [...csvChunks(model)];
    expect(lines.join("")).toBe(renderCsv(model));
    expect(lines.length).toBe(1 + model.controls.reduce((n, c) => n + c.findings.length, 0));
  });

  it("writes HTML as the page around the controls and then one control at a time", () => {
    for (const model of [sampleReportModel(), reportModelWithTail(300)]) {
      const pieces = [...htmlChunks(model, TEMPLATES)];
      expect(pieces).toHaveLength(model.controls.length + 2);
      expect(pieces[0]).toMatch(/^<!DOCTYPE html>/);
      expect(pieces[0]).toMatch(/<div id="controls" class="part controls-head">[\s\S]*<\/div>\n$/);
      for (const [i, control] of model.controls.entries()) expect(pieces[i + 1]).toMatch(new RegExp(`^<section class="control [^"]*" id="control-[^"]*">\n<header class="control-head">\n<h3><span class="cid">${control.id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</span>`));
      expect(pieces.at(-1)).toMatch(/<\/html>\n?$/);
      // No trace of the marker the page was split at.
      expect(pieces.join("")).not.toMatch(/<!-- controls /);
      expect(pieces.join("")).toBe(renderHtml(model, TEMPLATES));
    }
  });

  it("writes the HTML report file equal to the whole render", async () => {
    const dir = tempDir();
    const model = reportModelWithTail(300);
    const paths = await renderReportFiles(model, ["html"], dir);
    expect(readFileSync(paths.html, "utf8")).toBe(renderHtml(model, TEMPLATES));
  });

  it("refuses a page template without exactly one place for the controls", () => {
    const dir = tempDir();
    cpSync(TEMPLATES, join(dir, "templates"), { recursive: true });
    const page = join(dir, "templates", "report.html.hbs");
    writeFileSync(page, readFileSync(page, "utf8").replace("{{controlsSlot~}}", ""));
    expect(() => renderHtml(sampleReportModel(), join(dir, "templates"))).toThrow(/report\.html\.hbs must place \{\{controlsSlot\}\} exactly once \(found 0\)/);
  });

  it("produces each file only when its turn comes and renames none when a later one fails", async () => {
    const dir = tempDir();
    const produced: string[] = [];
    const seenWhenProduced: string[][] = [];
    const files = ["a.json", "b.csv", "c.pdf"].map((name) => ({
      path: join(dir, name),
      data: () => {
        produced.push(name);
        seenWhenProduced.push(readdirSync(dir).sort());
        if (name === "c.pdf") throw new Error("renderer failed");
        return name === "a.json" ? (function* () { yield "{"; yield "}"; })() : "x";
      },
    }));
    await expect(writeFilesAtomically(files)).rejects.toThrow("renderer failed");
    expect(produced).toEqual(["a.json", "b.csv", "c.pdf"]);
    // Each earlier file is already on disk (as a temp) before the next one is produced.
    const temp = (name: string): string => `${name}.tmp-${process.pid}`;
    expect(seenWhenProduced).toEqual([[], [temp("a.json")], [temp("a.json"), temp("b.csv")]]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("renames every file once all were written", async () => {
    const dir = tempDir();
    const big = Array.from({ length: 30_000 }, (_, i) => `row ${i} ${"x".repeat(40)}\n`);
    await writeFilesAtomically([
      { path: join(dir, "r.csv"), data: () => big.values() },
      { path: join(dir, "r.pdf"), data: () => Buffer.from("%PDF") },
    ]);
    expect(readFileSync(join(dir, "r.csv"), "utf8")).toBe(big.join(""));
    expect(readFileSync(join(dir, "r.pdf"), "utf8")).toBe("%PDF");
    expect(existsSync(join(dir, `r.csv.tmp-${process.pid}`))).toBe(false);
  });
});
