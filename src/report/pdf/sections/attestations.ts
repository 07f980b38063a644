import { S, heading, paragraph } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";
import { attestationBox } from "./controls.js";

/** Manual controls with their attestation status, then every attestation on file. */
export const attestationsSection = titledSection("attestations", "Manual controls and attestations", false, (doc, view) => {
  if (view.manualControls.length === 0) paragraph(doc, S.body, "The mapping has no manual controls.");
  else
    table(
      doc,
      columns([["Control", 4], ["Status", 1.3], ["Attestation", 4]]),
      view.manualControls.map((c) => [
        [txt(c.id, S.cellBold), txt(c.title)],
        [{ badge: c.status }],
        [txt(c.attestation ? `${c.attestation.attestedBy}, ${c.attestation.date}; valid until ${c.attestation.expires}` : "No valid attestation")],
      ]),
    );
  heading(doc, S.h2, `Attestations on file (${view.attestations.length})`, 4);
  if (view.attestations.length === 0) paragraph(doc, S.body, "No attestations were provided.");
  for (const a of view.attestations) {
    heading(doc, S.h3, a.control, 2);
    attestationBox(doc, a);
  }
});
