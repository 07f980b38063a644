import { S, heading, paragraph } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";

/** Findings newly failing and resolved since the previous run of the same framework. */
export const changesSection = titledSection("changes", "Changes since the previous run", true, (doc, view) => {
  const { previousRunId, newlyFailing, resolved } = view.changes;
  if (previousRunId === null) return paragraph(doc, S.body, "This is the first run for this framework: there is no previous run to compare with.");
  paragraph(doc, S.body, `Compared with run ${previousRunId}.`);
  const cols = columns([["Status", 1.1], ["Check", 4], ["Reason", 5.3]]);
  for (const [title, rows] of [["Newly failing", newlyFailing], ["Resolved", resolved]] as const) {
    heading(doc, S.h2, `${title} (${rows.length})`, 6);
    if (rows.length === 0) paragraph(doc, S.body, "None.");
    else table(doc, cols, rows.map((c) => ({ lead: [txt(c.resourceArn, S.cellMuted)], cells: [[{ badge: c.status }], [txt(c.checkId, S.cellMuted)], [txt(c.reason)]] })), "Resource");
  }
});
