import { CHART_COLORS, formatScore, trendGeometry } from "../../chart.js";
import type { ReportView } from "../../view.js";
import { FONT, MARGIN, S, WIDTH, heading, paragraph, write, type Doc } from "../layout.js";
import { titledSection } from "../section.js";
import { columns, table, txt } from "../table.js";
import { TILE_HEIGHT, statusTiles } from "./cover.js";

/** Executive summary: status counts, score and resource share, their trend, the top failing checks. */
export const summarySection = titledSection("summary", "Executive summary", true, (doc, view) => {
  const tilesTop = doc.y;
  statusTiles(doc, view, tilesTop);
  doc.y = tilesTop + TILE_HEIGHT + 12;
  paragraph(doc, S.body, `Score ${view.summary.score} = (pass + attested) / ${view.summary.totalControls} controls.`, 4);
  const res = view.summary.resources;
  paragraph(doc, S.bodyBold, `Resources passing: ${res.share} (${res.caption}${res.delta ? `; ${res.delta} since the previous run` : ""}).`, 4);
  paragraph(doc, S.body, `Findings: ${view.summary.findings.map((f) => `${f.count} ${f.label.toLowerCase()}`).join(", ")}.`, 4);
  heading(doc, S.h2, "Score (solid) and resources passing (dashed) trend", 10);
  drawTrend(doc, view, doc.y, 190);
  heading(doc, S.h2, "Top failing checks", 10);
  if (view.topFailingChecks.length === 0) return paragraph(doc, S.body, "No check is failing.");
  table(
    doc,
    columns([["Check", 6], ["Severity", 1.4], ["Failing resources", 1.6]]),
    view.topFailingChecks.map((c) => [[txt(c.title, S.cellBold), txt(c.checkId, S.cellMuted)], [txt(c.severity.label)], [txt(String(c.failing))]]),
  );
});

const TICK_STYLE = { font: FONT.regular, size: 7.5, color: CHART_COLORS.text };

function drawTrend(doc: Doc, view: ReportView, top: number, height: number): void {
  const g = trendGeometry(view.trend, WIDTH, height);
  const left = MARGIN.left;
  const at = (x: number, y: number): [number, number] => [left + x, top + y];
  doc.lineWidth(0.6).strokeColor(CHART_COLORS.grid);
  for (const t of g.yTicks) {
    doc.moveTo(...at(g.plot.left, t.y)).lineTo(...at(g.plot.right, t.y)).stroke();
    write(doc, TICK_STYLE, t.label, left, top + t.y - 3.5, { width: g.plot.left - 6, align: "right", lineBreak: false });
  }
  for (const t of g.xTicks) {
    write(doc, TICK_STYLE, t.label, left + t.x - 30, top + g.plot.bottom + 8, { width: 60, align: "center", lineBreak: false });
  }
  const [first, ...rest] = g.points;
  const last = g.points.at(-1);
  if (!first || !last) {
    write(doc, S.body, "No runs recorded yet", left, top + height / 2 - 5, { width: WIDTH, align: "center" });
  } else {
    doc.moveTo(...at(first.x, g.plot.bottom)).lineTo(...at(first.x, first.y));
    for (const p of rest) doc.lineTo(...at(p.x, p.y));
    doc.lineTo(...at(last.x, g.plot.bottom)).closePath().fillOpacity(0.08).fill(CHART_COLORS.area).fillOpacity(1);
    doc.moveTo(...at(first.x, first.y));
    for (const p of rest) doc.lineTo(...at(p.x, p.y));
    doc.lineWidth(2).lineJoin("round").strokeColor(CHART_COLORS.line).stroke();
    for (const p of g.points) doc.circle(...at(p.x, p.y), 3).lineWidth(1.5).fillAndStroke("#ffffff", CHART_COLORS.line);
    for (const run of g.shareRuns) {
      const [head, ...tail] = run;
      if (!head) continue;
      if (tail.length > 0) {
        doc.moveTo(...at(head.x, head.y));
        for (const p of tail) doc.lineTo(...at(p.x, p.y));
        doc.lineWidth(1.5).dash(5, { space: 3 }).strokeColor(CHART_COLORS.share).stroke().undash();
      }
      for (const p of run) doc.circle(...at(p.x, p.y), 2.2).fill(CHART_COLORS.share);
    }
    write(doc, { font: FONT.bold, size: 8, color: CHART_COLORS.line }, formatScore(last.point.score), left + last.x - 64, top + Math.max(last.y - 16, g.plot.top), { width: 58, align: "right", lineBreak: false });
  }
  doc.y = top + height + 6;
}
