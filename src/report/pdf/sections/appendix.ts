import { S, STATUS_COLOR, paragraph } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";

/** Appendix: how the report is made, the check catalogue, and every evidence record with its hash. */

export const methodologySection = titledSection("methodology", "Appendix: methodology", true, (doc, view) => {
  for (const p of view.methodology) paragraph(doc, S.body, p, 8);
});

export const catalogueSection = titledSection("check-catalogue", "Appendix: check catalogue", false, (doc, view) => {
  table(
    doc,
    columns([["Check", 3.4], ["Severity", 1.1], ["Rationale and remediation", 5.5]]),
    view.checks.map((c) => [
      [txt(c.title, S.cellBold), txt(c.id, S.cellMuted), txt(c.resourceType, S.cellMuted), ...(c.awsConfigRule ? [txt(`AWS Config: ${c.awsConfigRule}`, S.cellMuted)] : []), ...(c.peers ? [txt(`Peers: ${c.peers}`, S.cellMuted)] : [])],
      [txt(c.severity.label)],
      [txt(c.rationale), txt(`Remediation: ${c.remediation}`, S.note)],
    ]),
  );
});

const HASH_STYLE = { ...S.mono, size: 6.5 };
const GAP_STYLE = { ...S.note, color: STATUS_COLOR.ERROR };

export const evidenceIndexSection = titledSection("evidence-index", "Appendix: evidence index", false, (doc, view) => {
  table(
    doc,
    columns([["Evidence id", 3], ["SHA-256", 3], ["Call", 3], ["Account / region", 2]]),
    view.evidence.map((e) => [[txt(e.id, S.mono)], [txt(e.sha256, HASH_STYLE)], [txt(`${e.source}:${e.operation}`), ...(e.error ? [txt(`Gap: ${e.error}`, GAP_STYLE)] : [])], [txt(e.account), txt(e.region)]]),
  );
});
