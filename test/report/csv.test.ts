import { describe, expect, it } from "vitest";
import { renderCsv } from "../../src/report/csv.js";
import { XSS_REASON, sampleReportModel } from "../fixtures/report-model.js";

/** Minimal RFC 4180 reader, so the tests check what a spreadsheet would actually see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (quoted) {
      cell += c;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.push([...row, cell]);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

describe("renderCsv", () => {
  const model = sampleReportModel();

  it("writes a header and one CRLF-terminated row per finding per control", () => {
    const csv = renderCsv(model);
    const rows = parseCsv(csv);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(rows[0]).toEqual([
      "control_id", "control_status", "check_id", "severity", "status", "resource_arn", "resource_type", "account", "region",
      "reason", "last_change_event", "last_change_time", "last_change_principal", "waiver_approved_by", "config_rule", "config_rule_compliance", "evidence_ids",
    ]);
    const findings = model.controls.reduce((n, c) => n + c.findings.length, 0);
    expect(rows).toHaveLength(findings + 1);
    for (const row of rows) expect(row).toHaveLength(17);
  });

  it("quotes commas, quotes and line breaks so values round-trip", () => {
    const tricky = 'Tag "team" is a, b\nand c';
    const base = sampleReportModel();
    const [first, ...rest] = base.controls;
    const finding = { ...first!.findings[0]!, reason: tricky };
    const rows = parseCsv(renderCsv(sampleReportModel({ controls: [{ ...first!, findings: [finding] }, ...rest] })));
    expect(rows[1]![9]).toBe(tricky);
    expect(parseCsv(renderCsv(model)).some((r) => r[9] === XSS_REASON)).toBe(true);
  });

  it("neutralises cells a spreadsheet would run as formulas", () => {
    const base = sampleReportModel();
    const [first, ...rest] = base.controls;
    const template = first!.findings[0]!;
    const payloads = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];
    const findings = payloads.map((p) => ({ ...template, reason: p, resourceArn: p }));
    const rows = parseCsv(renderCsv(sampleReportModel({ controls: [{ ...first!, findings }, ...rest] }))).slice(1, 1 + payloads.length);
    rows.forEach((row, i) => {
      expect(row[5]).toBe(`'${payloads[i]}`);
      expect(row[9]).toBe(`'${payloads[i]}`);
    });
  });

  it("fills last change, waiver, Config disagreement and evidence columns", () => {
    const rows = parseCsv(renderCsv(model));
    const changed = rows.find((r) => r[2] === "sagemaker.notebook.kms-encrypted" && r[4] === "FAIL")!;
    expect(changed.slice(10, 13)).toEqual(["CreateNotebookInstance", "2026-11-26T16:42:10.000Z", "arn:aws:sts::111122223333:assumed-role/DataScientist/jdoe@example-health.org"]);
    const waived = rows.find((r) => r[4] === "WAIVED")!;
    expect(waived[13]).toBe("ciso@example-health.org");
    expect(changed.slice(14, 16)).toEqual(["SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED", "COMPLIANT"]);
    const multi = rows.find((r) => r[2] === "cloudtrail.multi-region-logging")!;
    expect(multi[16]).toBe("ev_ct-use1-trails ev_ct-use1-trail-status");
  });
});
