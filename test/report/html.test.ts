import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { trendGeometry, trendSvg } from "../../src/report/chart.js";
import { renderHtml } from "../../src/report/html.js";
import { MAX_LISTED_QUIET_ROWS, formatCount, jsonForScript } from "../../src/report/html-tail.js";
import { XSS_NAME, XSS_REASON, XSS_TAIL_NAME, reportModelWithFindings, reportModelWithTail, sampleReportModel } from "../fixtures/report-model.js";

const TEMPLATES = join(import.meta.dirname, "../../templates");

describe("renderHtml", () => {
  const model = sampleReportModel();
  const html = renderHtml(model, TEMPLATES);

  it("escapes attacker-controlled values instead of emitting markup", () => {
    // Our own filter script is the one <script>; nothing else may open one.
    expect(html.replace(/<script>[\s\S]*?<\/script>/, "")).not.toMatch(/<img|<script|onerror\s*=/i);
    expect(html).toContain("ec-&lt;img src&#x3D;x onerror&#x3D;&quot;window.__xss&#x3D;1&quot;&gt;");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;window.__xss&#x3D;2&lt;/script&gt;");
    expect(XSS_NAME).toContain("<img");
    expect(XSS_REASON).toContain("</script>");
  });

  it("never uses unescaped output in the templates", () => {
    const files = ["report.html.hbs", ...readdirSync(join(TEMPLATES, "partials")).map((f) => join("partials", f))];
    const unescaped = files.filter((file) => /\{\{\{|\{\{&/.test(readFileSync(join(TEMPLATES, file), "utf8")));
    expect(unescaped).toEqual([]);
  });

  it("gives every control an anchor that the contents link to", () => {
    const unlinked = model.controls.filter((control) => {
      const section = new RegExp(`<section class="control [^"]*" id="(control-[a-z0-9-]+)">\\s*<header class="control-head">\\s*<h3><span class="cid">${escapeRegExp(control.id)}</span>`);
      const id = section.exec(html)?.[1];
      return id === undefined || !html.includes(`href="#${id}"`);
    });
    expect(unlinked).toEqual([]);
    const ids = [...html.matchAll(/ id="(control-[^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(model.controls.length);
  });

  it("is self-contained: one inline script allowed by its hash, no external resources, no inline styles", () => {
    expect(html).not.toMatch(/\s(src|href)="(?!#)/);
    expect(html).not.toMatch(/url\(|@import/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).toMatch(/@media print \{[\s\S]*break-before: page/);
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(scripts).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    const hash = createHash("sha256").update(scripts[0]!, "utf8").digest("base64");
    expect(html).toContain(`script-src 'sha256-${hash}';`);
    expect(html).not.toMatch(/script-src[^;]*unsafe/);
  });

  it("offers a findings filter over the values the findings hold", () => {
    const form = /<form id="finding-filter"[\s\S]*?<\/form>/.exec(html)?.[0] ?? "";
    const options = (name: string): string[] =>
      [...(new RegExp(`<select name="${name}">([\\s\\S]*?)</select>`).exec(form)?.[1] ?? "").matchAll(/<option value="([^"]*)">/g)].map((m) => m[1]!);
    expect(options("status")).toEqual(["", "FAIL", "ERROR", "WAIVED", "PASS"]);
    expect(options("severity")).toEqual(["", "critical", "high", "medium"]);
    expect(options("account")).toEqual(["", "111122223333", "444455556666"]);
    expect(options("region")).toEqual(["", "eu-west-1", "us-east-1"]);
    expect(options("check")).toContain("sagemaker.notebook.kms-encrypted");
    // Hidden until the script has built its index, so a reader without scripts sees no dead form.
    expect(form).toMatch(/^<form [^>]*hidden>/);
    const rows = model.controls.flatMap((c) => c.findings).length;
    expect(html.match(/<tr data-status="/g)).toHaveLength(rows);
  });

  it("shows each control's share of passing resources and its trend beside the status", () => {
    const control = /<section class="control [^"]*" id="control-164-312-a-2-iv">[\s\S]*?<\/header>/.exec(html)?.[0] ?? "";
    // 2 of 4 resources pass: the KMS notebook and training job, not the other notebook nor the endpoint config.
    expect(control).toContain('<strong class="share-value">50%</strong> <span class="share-cap">2 of 4 resources pass</span> <span class="share-delta">(+10 pts)</span>');
    expect(control).toMatch(/<svg [^>]*class="spark"[\s\S]*<\/svg><span class="badge st-fail">Fail<\/span>/);
    const summary = model.summary.resources;
    expect(html).toContain(`Resources passing: ${summary.passing} of ${summary.applicable} resources pass`);
  });

  it("shows the cover facts, the trend chart and evidence hashes (short, full one in the title)", () => {
    for (const fact of [model.run.id, model.framework.mappingSha256, model.run.merkleRoot, "2026-11-27 10:00:00 UTC", "Addressable", "42.9%"]) {
      expect(html).toContain(fact);
    }
    expect(html).toMatch(/<svg [^>]*class="trend"/);
    const evidence = model.controls[0]!.findings[0]!.evidence[0]!;
    expect(html).toContain(`title="SHA-256 ${evidence.sha256}"`);
    expect(html).toContain(`${evidence.sha256.slice(0, 12)}…`);
  });

  it("shows last change, Config rule disagreement, waiver and attestation", () => {
    expect(html).toContain("Last change: <strong>CreateNotebookInstance</strong>");
    expect(html).toContain("SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED</code> reports COMPLIANT");
    expect(html).toContain("Waived until 2027-03-31 00:00:00 UTC by ciso@example-health.org");
    expect(html).toContain("Dana Whitfield, Head of Platform Reliability");
  });

  it("lists waiver entries that were not applied, with their position", () => {
    expect(html).toContain('<td class="mono">waivers.yaml:14:5</td><td>waivers.2.check: unknown check id &quot;sagemaker.notebook.no-such-check&quot;</td>');
  });

  it("is deterministic", () => {
    expect(renderHtml(sampleReportModel(), TEMPLATES)).toBe(html);
  });

  it("renders a model without the optional parts under strict templates", () => {
    const base = sampleReportModel();
    const bare = sampleReportModel({
      trend: [],
      topFailingChecks: [],
      changes: { previousRunId: null, newlyFailing: [], resolved: [] },
      waivers: { active: [], expired: [], invalid: [] },
      attestations: [],
      run: { ...base.run, gaps: [] },
      controls: base.controls.map(({ requirement: _r, attestation: _a, ...c }) => ({ ...c, description: "", findings: [] })),
    });
    const out = renderHtml(bare, TEMPLATES);
    expect(out).toContain("there is no previous run to compare with");
    expect(out).toContain("No runs recorded yet");
  });

  it("stays lean for large estates", () => {
    const big = renderHtml(reportModelWithFindings(2000), TEMPLATES);
    expect(big).toContain("bulk-nb-2000-with-a-rather-long-instance-name-for-wrapping");
    // Per finding: one table row plus one evidence index row.
    expect(big.length / 2000).toBeLessThan(1200);
  });
});

describe("collapsed rows of a large group", () => {
  const model = reportModelWithTail(300);
  const html = renderHtml(model, TEMPLATES);
  const bulk = /<div class="group" data-check="sagemaker.notebook.direct-internet-disabled"[\s\S]*?<\/div>/.exec(html)?.[0] ?? "";
  const dataBlocks = (text: string): string[] => [...text.matchAll(/<script type="application\/json" class="tail-data" data-tail="[^"]+">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);

  it("lists the rows that need action as markup and counts the quiet ones, pointing to the CSV and JSON", () => {
    const listed = [...bulk.matchAll(/<tr data-status="([A-Z_]+)"/g)].map((m) => m[1]);
    expect(listed).toEqual(["FAIL", "ERROR", "WAIVED"]);
    // Readable without the script: the count line is markup, the button to draw the rows is hidden until the script runs.
    expect(bulk).toContain('<p class="tail-note"><span class="tail-summary">296 passing, 1 not applicable</span> — not listed here; every finding is in the CSV and JSON reports.');
    expect(bulk).toMatch(/<button type="button" class="tail-toggle" aria-controls="tail-1" aria-expanded="false" hidden>Show these 297 rows<\/button>/);
    expect(bulk).toContain('<tbody class="tail" id="tail-1" hidden></tbody>');
    expect(bulk.replace(/<script type="application\/json"[\s\S]*?<\/script>/, "")).not.toContain("bulk-nb-0100");
  });

  it("embeds the collapsed rows as JSON that round-trips every field", () => {
    const blocks = dataBlocks(html);
    expect(blocks).toHaveLength(1);
    const data = JSON.parse(blocks[0]!) as { statuses: string[][]; rows: unknown[][] };
    expect(data.statuses).toEqual([["PASS", "Pass", "st-pass"], ["NOT_APPLICABLE", "Not applicable", "st-not-applicable"]]);
    expect(data.rows).toHaveLength(297);
    const quiet = model.controls[0]!.findings.filter((f) => f.status === "PASS" || f.status === "NOT_APPLICABLE");
    expect(data.rows.map((r) => r[1])).toEqual([...quiet.filter((f) => f.status === "PASS"), ...quiet.filter((f) => f.status !== "PASS")].map((f) => f.resourceName));
    const noted = data.rows.find((r) => r[7] !== null)!;
    expect(noted.slice(6, 9)).toEqual([
      ["StartNotebookInstance", "2026-11-26 08:00:00 UTC", "arn:aws:sts::111122223333:assumed-role/Ops/<b>ops</b>", "198.51.100.7"],
      ["SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS", "NON_COMPLIANT", "ev_cfg-use1-compliance"],
      null,
    ]);
    expect(noted[9]).toEqual([
      [expect.stringMatching(/^ev_bulk-bulk-nb-0009$/), expect.stringMatching(/^[0-9a-f]{64}$/), "#evidence-ev-bulk-bulk-nb-0009"],
      ["ev_cfg-use1-compliance", expect.stringMatching(/^[0-9a-f]{64}$/), "#evidence-ev-cfg-use1-compliance"],
      ["ev_not_in_index", "abc", null],
    ]);
  });

  it("keeps a hostile name inside its JSON block: no markup, no comment, no line terminator", () => {
    const block = dataBlocks(html)[0]!;
    expect(block).not.toMatch(/[<>&\u2028\u2029]/);
    expect(block).toContain(String.raw`nb-\u003c/script\u003e\u003cscript\u003ewindow.__xss=3\u003c/script\u003e\u003c!--\u003cscript\u003e\u2028\u2029\u0026amp;-end`);
    expect((JSON.parse(block) as { rows: unknown[][] }).rows.map((r) => r[1])).toContain(XSS_TAIL_NAME);
    // Outside the hashed script and the data blocks, no script element opens.
    const rest = html.replace(/<script>[\s\S]*?<\/script>/, "").replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/g, "");
    expect(rest).not.toMatch(/<script|window\.__xss=3/);
    expect(html.match(/<script/g)).toHaveLength(2);
  });

  it("lists a group whole up to the threshold and collapses it one row beyond", () => {
    const at = renderHtml(reportModelWithFindings(MAX_LISTED_QUIET_ROWS, "PASS"), TEMPLATES);
    const over = renderHtml(reportModelWithFindings(MAX_LISTED_QUIET_ROWS + 1, "PASS"), TEMPLATES);
    const rows = (text: string): number => text.match(/<tr data-status="PASS"/g)?.length ?? 0;
    expect(dataBlocks(at)).toEqual([]);
    expect(dataBlocks(over)).toHaveLength(1);
    expect(rows(at) - rows(over)).toBe(MAX_LISTED_QUIET_ROWS);
    // With no row listed, the table waits for the script: the count line stands alone.
    expect(over).toMatch(/<table class="data findings" hidden>\s*<thead>[\s\S]*?<tbody>\s*<\/tbody>\s*<tbody class="tail" id="tail-1" hidden><\/tbody>/);
    expect(renderHtml(reportModelWithFindings(MAX_LISTED_QUIET_ROWS + 1, "PASS"), TEMPLATES, { maxListedQuietRows: Infinity })).not.toContain('class="tail-data"');
  });

  it("never collapses failing rows, however many", () => {
    const big = renderHtml(reportModelWithFindings(500), TEMPLATES);
    expect(big).not.toContain('class="tail-data"');
    expect(big.match(/<tr data-status="FAIL"/g)?.length).toBeGreaterThanOrEqual(500);
  });

  it("prints the count line and not the button", () => {
    expect(html).toMatch(/@media print \{[\s\S]*\.tail-toggle \{ display: none; \}|@media print \{[\s\S]*, \.tail-toggle \{ display: none; \}/);
    expect(html).not.toMatch(/@media print \{[\s\S]*\.tail-note[^{]*\{ display: none/);
  });
});

describe("JSON inside a script element", () => {
  it("escapes what the HTML parser or a JavaScript parser would act on, and parses back to the same value", () => {
    const value = { s: "</script><!-- a & b > c \u2028\u2029 é", n: [1, null] };
    const out = jsonForScript(value);
    expect(out).toBe('{"s":"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u003e c \\u2028\\u2029 é","n":[1,null]}');
    expect(JSON.parse(out)).toEqual(value);
  });

  it("groups thousands with commas", () => {
    expect([0, 999, 1000, 1234567].map(formatCount)).toEqual(["0", "999", "1,000", "1,234,567"]);
  });
});

describe("trend chart", () => {
  const points = [
    { runId: "r1", at: "2026-11-25T10:00:00.000Z", score: 0 },
    { runId: "r<2>", at: "2026-11-26T10:00:00.000Z", score: 50 },
    { runId: "r3", at: "2026-11-27T10:00:00.000Z", score: 100 },
  ];

  it("maps scores onto the plot area, oldest left", () => {
    const g = trendGeometry(points, 400, 200);
    expect(g.points.map((p) => p.x)).toEqual([g.plot.left, (g.plot.left + g.plot.right) / 2, g.plot.right]);
    expect(g.points.map((p) => p.y)).toEqual([g.plot.bottom, (g.plot.top + g.plot.bottom) / 2, g.plot.top]);
    expect(g.xTicks.at(-1)).toEqual({ x: g.plot.right, label: "2026-11-27" });
  });

  it("thins date labels so they never overlap", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ runId: `r${i}`, at: `2026-01-01T00:00:${String(i).padStart(2, "0")}Z`, score: i }));
    const ticks = trendGeometry(many, 640, 200).xTicks;
    expect(ticks.length).toBeLessThan(10);
    for (let i = 1; i < ticks.length; i++) expect(ticks[i]!.x - ticks[i - 1]!.x).toBeGreaterThanOrEqual(72);
  });

  it("escapes the text it embeds and is deterministic", () => {
    const svg = trendSvg(points);
    expect(svg).toContain("r&#60;2&#62;");
    expect(svg).not.toContain("r<2>");
    expect(trendSvg(points)).toBe(svg);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("check appendix peers", () => {
  it("shows the peer controls of a check in the appendix row, and none for a check without", () => {
    const base = sampleReportModel();
    const [first, ...rest] = base.checks;
    if (!first) throw new Error("fixture has no checks");
    const model = { ...base, checks: [{ ...first, peers: { securityHub: ["SageMaker.1"], prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"] } }, ...rest] };
    const html = renderHtml(model, TEMPLATES);
    expect(html).toContain("Peers: Security Hub SageMaker.1; Prowler sagemaker_notebook_instance_without_direct_internet_access_configured");
    expect(html.match(/Peers: /g)).toHaveLength(1);
  });
});
