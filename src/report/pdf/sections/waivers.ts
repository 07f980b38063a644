import { COLOR, S, heading, paragraph } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";

const NOTE_STYLE = { ...S.body, color: COLOR.muted };

/** Active and expired waivers, and the entries of the waivers file that were not applied. */
export const waiversSection = titledSection("waivers", "Waivers", false, (doc, view) => {
  const cols = columns([["Check", 2.4], ["Resource", 2.8], ["Reason", 3.2], ["Approved by", 1.9], ["Expires", 1.5], ["Matched", 1]]);
  for (const [title, rows, note] of [
    ["Active", view.waivers.active, "Findings covered by an active waiver are reported as Waived and excluded from control status."],
    ["Expired", view.waivers.expired, "An expired waiver no longer applies: the findings it covered count again."],
  ] as const) {
    heading(doc, S.h2, `${title} (${rows.length})`, 4);
    paragraph(doc, NOTE_STYLE, note, 4);
    if (rows.length === 0) paragraph(doc, S.body, "None.");
    else table(doc, cols, rows.map((w) => [[txt(w.check, S.cellMuted)], [txt(w.resource, S.cellMuted)], [txt(w.reason)], [txt(w.approvedBy)], [txt(w.expires)], [txt(String(w.matched))]]));
  }
  heading(doc, S.h2, `Not applied (${view.waivers.invalid.length})`, 4);
  paragraph(doc, NOTE_STYLE, "Entries of the waivers file that are malformed or name an unknown check: they waive nothing.", 4);
  if (view.waivers.invalid.length === 0) paragraph(doc, S.body, "None.");
  else table(doc, columns([["Where", 4], ["Problem", 8]]), view.waivers.invalid.map((w) => [[txt(w.where, S.cellMuted)], [txt(w.message)]]));
});
