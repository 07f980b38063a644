import type { ReportView } from "../../view.js";
import { COLOR, FONT, MARGIN, PAGE, S, STATUS_COLOR, WIDTH, measure, paragraph, write, type Doc } from "../layout.js";

/** The cover: framework, score, control counts and what identifies the run and the report. */
export function drawCover(doc: Doc, view: ReportView): void {
  doc.addPage();
  doc.rect(0, 0, PAGE.width, 270).fill(COLOR.navy);
  write(doc, { font: FONT.bold, size: 9, color: COLOR.pale }, "COMPLIANCE REPORT", MARGIN.left, 72, { characterSpacing: 2 });
  write(doc, { font: FONT.bold, size: 26, color: "#ffffff" }, view.framework.title, MARGIN.left, 90, { width: WIDTH });
  write(doc, { font: FONT.regular, size: 11, color: "#d5deea" }, view.framework.version, MARGIN.left, doc.y + 4, { width: WIDTH });
  write(doc, { font: FONT.bold, size: 40, color: "#ffffff" }, view.summary.score, MARGIN.left, 180);
  write(doc, { font: FONT.regular, size: 9, color: COLOR.pale }, `of ${view.summary.totalControls} controls demonstrated (pass or attested)`, MARGIN.left, 226);
  statusTiles(doc, view, 290);
  doc.y = 362;
  keyValues(doc, [
    ["Scope: accounts", view.run.accounts],
    ["Scope: regions", view.run.regions],
    ["Run", `${view.run.id} (${view.run.status}, source ${view.run.source})`],
    ["Run period", `${view.run.startedAt} to ${view.run.finishedAt}`],
    ["Generated at", view.generatedAt],
    ["Tool", `${view.tool.name} ${view.tool.version}`],
    ["Evidence records", String(view.run.evidenceCount)],
    ["Mapping file SHA-256", view.framework.mappingSha256],
    ["Evidence Merkle root", view.run.merkleRoot],
    ["Report SHA-256", view.reportSha256],
  ]);
  paragraph(
    doc,
    { font: FONT.italic, size: 8, color: COLOR.muted },
    "Generated automatically from the evidence collected in the run above. The report SHA-256 is computed over the canonical JSON of the report model (report.json); every finding cites the evidence records (id and SHA-256) it was derived from.",
    0,
  );
}

const TILE_GAP = 8;
const TILE_WIDTH = (WIDTH - 4 * TILE_GAP) / 5;
export const TILE_HEIGHT = 50;

/** One tile per control status with its count: on the cover and in the summary. */
export function statusTiles(doc: Doc, view: ReportView, y: number): void {
  view.summary.controls.forEach((s, i) => {
    const x = MARGIN.left + i * (TILE_WIDTH + TILE_GAP);
    doc.lineWidth(0.5).strokeColor(COLOR.line).rect(x, y, TILE_WIDTH, TILE_HEIGHT).stroke();
    doc.rect(x, y, 4, TILE_HEIGHT).fill(STATUS_COLOR[s.code]);
    write(doc, { font: FONT.bold, size: 20, color: COLOR.ink }, String(s.count), x + 12, y + 8, { lineBreak: false });
    write(doc, { font: FONT.regular, size: 8, color: COLOR.muted }, `${s.label} controls`, x + 12, y + 34, { lineBreak: false });
  });
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

function keyValues(doc: Doc, rows: [string, string][]): void {
  const labelWidth = 130;
  const valueWidth = WIDTH - labelWidth;
  const labelStyle = { ...S.body, color: COLOR.muted };
  for (const [label, value] of rows) {
    const style = HEX_DIGEST.test(value) ? { ...S.mono, size: 8 } : S.body;
    const y = doc.y;
    const h = Math.max(measure(doc, labelStyle, label, labelWidth), measure(doc, style, value, valueWidth));
    write(doc, labelStyle, label, MARGIN.left, y, { width: labelWidth });
    write(doc, style, value, MARGIN.left + labelWidth, y, { width: valueWidth });
    const rule = y + h + 3;
    doc.lineWidth(0.5).strokeColor(COLOR.line).moveTo(MARGIN.left, rule).lineTo(MARGIN.left + WIDTH, rule).stroke();
    doc.y = rule + 5;
  }
  doc.y += 14;
}
