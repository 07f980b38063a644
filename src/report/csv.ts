import type { ReportControl, ReportFinding, ReportModel } from "./types.js";

const COLUMNS = [
  "control_id",
  "control_status",
  "check_id",
  "severity",
  "status",
  "resource_arn",
  "resource_type",
  "account",
  "region",
  "reason",
  "last_change_event",
  "last_change_time",
  "last_change_principal",
  "waiver_approved_by",
  "config_rule",
  "config_rule_compliance",
  "evidence_ids",
] as const;

/** One row per finding per control (a finding mapped to two controls appears twice), RFC 4180 with CRLF. */
export function renderCsv(model: ReportModel): string {
  return [...csvChunks(model)].join("");
}

/** The CSV one line at a time, so a report of many findings is streamed to its file. */
export function* csvChunks(model: ReportModel): Generator<string> {
  yield csvLine(COLUMNS);
  for (const control of model.controls) {
    for (const finding of control.findings) yield csvLine(findingRow(control, finding));
  }
}

const csvLine = (row: readonly string[]): string => `${row.map(csvCell).join(",")}\r\n`;

function findingRow(control: ReportControl, f: ReportFinding): string[] {
  return [
    control.id,
    control.status,
    f.checkId,
    f.severity,
    f.status,
    f.resourceArn,
    f.resourceType,
    f.account,
    f.region,
    f.reason,
    f.lastChange?.eventName ?? "",
    f.lastChange?.eventTime ?? "",
    f.lastChange?.principal ?? "",
    f.waiver?.approvedBy ?? "",
    f.configRule?.configRuleName ?? "",
    f.configRule?.compliance ?? "",
    f.evidence.map((e) => e.id).join(" "),
  ];
}

/**
 * Spreadsheets execute cells that start with a formula character; resource names and tag-derived
 * reasons are attacker-controlled, so such cells are prefixed with an apostrophe (OWASP CSV injection).
 */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
