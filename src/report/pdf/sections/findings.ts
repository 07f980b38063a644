import { NEEDS_ACTION, type EvidenceRef, type FindingGroup, type FindingRow } from "../../view.js";
import { MARGIN, S, STATUS_COLOR, WIDTH, ensureSpace, heading, measure, paragraph, write, type Doc } from "../layout.js";
import { columns, table, tableStart, txt, type Row, type Rows, type Run } from "../table.js";

/** A check's findings under a control: title, remediation, and a table with one row per resource. */

const FINDING_COLUMNS = columns([["Status", 1.15], ["Account / region", 1.9], ["Reason and context", 7.35]]);

/** Beyond this many passing resources in one check, the PDF counts them instead of listing them. */
const MAX_LISTED_PASSING = 25;
const MAX_EVIDENCE_PER_ROW = 6;

const CONFIG_STYLE = { ...S.note, color: STATUS_COLOR.NO_DATA };
const WAIVER_STYLE = { ...S.note, color: STATUS_COLOR.WAIVED };
const EVIDENCE_STYLE = { ...S.note, size: 6.5 };

export function drawGroup(doc: Doc, group: FindingGroup): void {
  const title = `${group.title}  (${group.severity.label.toLowerCase()})`;
  const remediation = group.remediation ? `Remediation: ${group.remediation}` : null;
  // Exceptions are always listed; a long tail of passing resources would make an estate-sized PDF
  // unreadable (and unrenderable), so it is counted here and listed in the HTML, JSON and CSV.
  const quiet = group.rows.filter((r) => !NEEDS_ACTION.has(r.status.code));
  const listed = quiet.length > MAX_LISTED_PASSING ? group.rows.filter((r) => NEEDS_ACTION.has(r.status.code)) : group.rows;
  let countedRow: Row | null = null;
  if (listed.length < group.rows.length) {
    const counts = new Map<string, number>();
    for (const r of quiet) counts.set(r.status.label, (counts.get(r.status.label) ?? 0) + 1);
    const summary = [...counts].map(([label, n]) => `${n} ${label.toLowerCase()}`).join(", ");
    countedRow = [[txt("")], [txt("")], [txt(`${summary}: listed in the HTML, JSON and CSV reports`, S.cellMuted)]];
  }
  // Each finding's row is made when the table reaches it.
  const rows: Rows = {
    length: listed.length + (countedRow ? 1 : 0),
    at: (i) => {
      const finding = listed[i];
      return finding ? findingCells(finding) : i === listed.length ? (countedRow ?? undefined) : undefined;
    },
  };
  const lead = 8 + measure(doc, S.h3, title, WIDTH) + 14 + (remediation ? measure(doc, S.remediation, remediation, WIDTH) + 6 : 0);
  ensureSpace(doc, lead + tableStart(doc, FINDING_COLUMNS, rows, "Resource"));
  heading(doc, S.h3, title, 8);
  write(doc, S.cellMuted, group.checkId, MARGIN.left, doc.y - 2, { width: WIDTH });
  doc.y += 3;
  if (remediation) paragraph(doc, S.remediation, remediation, 6);
  table(doc, FINDING_COLUMNS, rows, "Resource");
}

function findingCells(row: FindingRow): Row {
  const details: Run[] = [txt(row.reason)];
  if (row.lastChange) {
    const c = row.lastChange;
    details.push(txt(`Last change: ${c.eventName} at ${c.time} by ${c.principal} from ${c.sourceIp}`, S.note));
  }
  if (row.configRule) {
    details.push(txt(`AWS Config rule ${row.configRule.name} reports ${row.configRule.compliance} (disagrees; evidence ${row.configRule.evidenceId})`, CONFIG_STYLE));
  }
  if (row.waiver) {
    details.push(txt(`Waived until ${row.waiver.expires} by ${row.waiver.approvedBy}: ${row.waiver.reason}`, WAIVER_STYLE));
  }
  details.push(txt(`Evidence: ${evidenceList(row.evidence)}`, EVIDENCE_STYLE));
  return { lead: [txt(row.name, S.cellBold), txt(row.arn, S.cellMuted)], cells: [[{ badge: row.status }], [txt(row.account), txt(row.region)], details] };
}

function evidenceList(refs: readonly EvidenceRef[]): string {
  const shown = refs.slice(0, MAX_EVIDENCE_PER_ROW).map((e) => `${e.id} (sha256 ${e.short})`);
  const more = refs.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more in the evidence index`] : [])].join(", ") || "none";
}
