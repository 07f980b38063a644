import { CHART_COLORS, sparklineGeometry } from "../../chart.js";
import type { ControlView } from "../../view.js";
import { COLOR, FONT, MARGIN, S, STATUS_COLOR, WIDTH, badge, badgeWidth, callout, heading, outlineTitle, pageIndex, paragraph, write, type Doc } from "../layout.js";
import type { PdfSection } from "../section.js";
import { drawGroup } from "./findings.js";

/**
 * Controls get one page each, grouped under one "Controls" entry in the contents and the outline
 * (pointing at the first control), then one entry per control with its status.
 */
export const controlsSection: PdfSection = {
  id: "controls",
  title: "Controls",
  applies: (view) => view.controls.length > 0,
  tocEntries: (view) => 1 + view.controls.length,
  draw(doc, view, toc) {
    let outline: PDFKit.PDFOutline | undefined;
    for (const control of view.controls) {
      doc.addPage();
      doc.addNamedDestination(control.anchor);
      if (!outline) {
        outline = doc.outline.addItem(controlsSection.title, { expanded: true });
        toc.push({ label: controlsSection.title, dest: control.anchor, level: 0, page: pageIndex(doc) });
      }
      outline.addItem(outlineTitle(`${control.id} ${control.title}`));
      toc.push({ label: `${control.id}  ${control.title}`, dest: control.anchor, level: 1, status: control.status, page: pageIndex(doc) });
      drawControl(doc, control);
    }
  },
};

const KIND_STYLE = { font: FONT.bold, size: 8.5, color: COLOR.muted };
const SHARE_STYLE = { font: FONT.regular, size: 8, color: COLOR.muted };
const TITLE_STYLE = { ...S.h2, color: COLOR.ink };
const META_STYLE = { ...S.body, size: 8.5, color: COLOR.muted };

function drawControl(doc: Doc, control: ControlView): void {
  const top = doc.y;
  write(doc, KIND_STYLE, "CONTROL", MARGIN.left, top, { characterSpacing: 1 });
  const badgeX = MARGIN.left + WIDTH - badgeWidth(doc, control.status, 9);
  badge(doc, control.status, badgeX, top - 2, 9);
  // Beside the status: the share of resources that pass, and its trend over the last runs.
  const r = control.resources;
  const shareText = r.trend.at(-1)?.share == null ? "No applicable resources" : `${r.share} of resources pass (${r.caption}${r.delta ? `; ${r.delta}` : ""})`;
  write(doc, SHARE_STYLE, shareText, MARGIN.left + 80, top, { width: badgeX - 76 - (MARGIN.left + 80), align: "right", lineBreak: false });
  sparkline(doc, r.trend, badgeX - 70, top - 3, 60, 14);
  doc.y = top;
  write(doc, S.h1, control.id, MARGIN.left, top + 12, { width: WIDTH - 80 });
  write(doc, TITLE_STYLE, control.title, MARGIN.left, doc.y + 1, { width: WIDTH });
  const meta = [control.requirement, control.manual ? "Manual control" : null, control.findingSummary].filter((m): m is string => m !== null);
  write(doc, META_STYLE, meta.join("  |  "), MARGIN.left, doc.y + 3, { width: WIDTH });
  doc.y += 8;
  if (control.description) paragraph(doc, S.body, control.description, 8);
  callout(doc, `Status reason: ${control.reason}`, STATUS_COLOR[control.status.code]);
  if (control.checks.length > 0) {
    heading(doc, S.h3, "Mapped checks", 2);
    for (const c of control.checks) paragraph(doc, S.cell, `•  ${c.id}  (${c.title})`, 1, MARGIN.left + 6, WIDTH - 6);
    doc.y += 6;
  }
  if (control.attestation) attestationBox(doc, control.attestation);
  for (const group of control.groups()) drawGroup(doc, group);
}

function sparkline(doc: Doc, trend: readonly { share: number | null }[], x: number, y: number, width: number, height: number): void {
  const g = sparklineGeometry(trend, width, height);
  doc.lineWidth(0.5).strokeColor(CHART_COLORS.grid).moveTo(x, y + height - 2).lineTo(x + width, y + height - 2).stroke();
  for (const run of g.runs) {
    const [first, ...rest] = run;
    if (!first || rest.length === 0) continue;
    doc.moveTo(x + first.x, y + first.y);
    for (const p of rest) doc.lineTo(x + p.x, y + p.y);
    doc.lineWidth(1.2).strokeColor(CHART_COLORS.share).stroke();
  }
  const last = g.runs.flat().at(-1);
  if (last) doc.circle(x + last.x, y + last.y, 1.8).fill(CHART_COLORS.share);
}

/** An attestation's statement and documents: on its control's page and in the attestations section. */
export function attestationBox(doc: Doc, a: NonNullable<ControlView["attestation"]>): void {
  callout(
    doc,
    `Attestation by ${a.attestedBy} on ${a.date}, valid until ${a.expires}:\n"${a.statement}"${a.evidence.length ? `\nSupporting documents: ${a.evidence.join(", ")}` : ""}`,
    STATUS_COLOR.ATTESTED,
  );
}
