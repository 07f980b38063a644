import { S, paragraph } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";

/** Calls whose answer is missing, with the evidence record of each failure. */
export const gapsSection = titledSection("gaps", "Evidence gaps", false, (doc, view) => {
  paragraph(doc, S.body, "Calls whose answer is missing. Every check that needed one yields Error, so its controls cannot pass.");
  if (view.gaps.length === 0) return paragraph(doc, S.body, "No evidence gaps: every call succeeded.");
  table(
    doc,
    columns([["Source / operation", 2.2], ["Account / region", 1.6], ["Error", 4.6], ["Evidence", 2]]),
    view.gaps.map((g) => [[txt(`${g.source}:${g.operation}`)], [txt(g.account), txt(g.region)], [txt(g.error)], [txt(g.evidence.id, S.cellMuted), txt(g.evidence.short, S.cellMuted)]]),
  );
});
