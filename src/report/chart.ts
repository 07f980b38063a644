/**
 * The compliance-score trend chart. The geometry is computed once here so the HTML (SVG markup) and
 * the PDF (pdfkit vector paths) draw the same chart from the same numbers.
 */

export interface TrendPoint {
  runId: string;
  at: string;
  score: number;
  /** Share of resources that pass, drawn as a second (dashed) series; null or absent: no point. */
  resourceShare?: number | null;
}

export interface TrendGeometry {
  width: number;
  height: number;
  /** The plotting area inside the axis labels. */
  plot: { left: number; top: number; right: number; bottom: number };
  points: { x: number; y: number; point: TrendPoint }[];
  /** The resource-share series, split where a run has no share so no line bridges a gap. */
  shareRuns: { x: number; y: number; share: number }[][];
  yTicks: { y: number; label: string }[];
  xTicks: { x: number; label: string }[];
}

export interface TrendSvgOptions {
  width?: number;
  height?: number;
  title?: string;
}

const MARGIN = { left: 40, right: 32, top: 14, bottom: 26 };
const Y_TICKS = [0, 25, 50, 75, 100];
/** Below this spacing date labels would overlap, so only every n-th run is labelled. */
const MIN_LABEL_SPACING = 72;

export const CHART_COLORS = { line: "#1f4e79", area: "#1f4e79", grid: "#dde2e9", text: "#5b6472", share: "#1a7f37" } as const;

/** Scores are percentages with one decimal; whole numbers drop the ".0". */
export function formatScore(score: number): string {
  return `${Number.isInteger(score) ? String(score) : score.toFixed(1)}%`;
}

export function trendGeometry(points: readonly TrendPoint[], width: number, height: number): TrendGeometry {
  const plot = { left: MARGIN.left, top: MARGIN.top, right: width - MARGIN.right, bottom: height - MARGIN.bottom };
  const plotWidth = plot.right - plot.left;
  const plotHeight = plot.bottom - plot.top;
  const xAt = (index: number): number =>
    points.length === 1 ? plot.left + plotWidth / 2 : plot.left + (index * plotWidth) / (points.length - 1);
  const yAt = (score: number): number => plot.bottom - (Math.min(100, Math.max(0, score)) / 100) * plotHeight;

  const step = Math.max(1, Math.ceil((points.length * MIN_LABEL_SPACING) / Math.max(plotWidth, 1)));
  return {
    width,
    height,
    plot,
    points: points.map((point, index) => ({ x: round(xAt(index)), y: round(yAt(point.score)), point })),
    shareRuns: points.reduce<{ x: number; y: number; share: number }[][]>((runs, point, index) => {
      const share = point.resourceShare;
      if (share === null || share === undefined) runs.push([]);
      else {
        if (runs.length === 0) runs.push([]);
        runs.at(-1)?.push({ x: round(xAt(index)), y: round(yAt(share)), share });
      }
      return runs;
    }, []).filter((run) => run.length > 0),
    yTicks: Y_TICKS.map((tick) => ({ y: round(yAt(tick)), label: `${tick}%` })),
    // Counted from the newest run so the current run always carries a label.
    xTicks: points.flatMap((point, index) =>
      (points.length - 1 - index) % step === 0 ? [{ x: round(xAt(index)), label: point.at.slice(0, 10) }] : [],
    ),
  };
}

export function trendSvg(points: readonly TrendPoint[], opts: TrendSvgOptions = {}): string {
  const g = trendGeometry(points, opts.width ?? 640, opts.height ?? 200);
  const title = opts.title ?? "Compliance score by run";
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" viewBox="0 0 ${g.width} ${g.height}" width="${g.width}" height="${g.height}" role="img" font-family="Helvetica, Arial, sans-serif" font-size="10">`,
    `<title>${escapeXml(title)}</title>`,
    ...g.yTicks.map(
      (t) =>
        `<line x1="${g.plot.left}" y1="${t.y}" x2="${g.plot.right}" y2="${t.y}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>` +
        `<text x="${g.plot.left - 6}" y="${round(t.y + 3.5)}" text-anchor="end" fill="${CHART_COLORS.text}">${escapeXml(t.label)}</text>`,
    ),
    ...g.xTicks.map(
      (t) => `<text x="${t.x}" y="${g.plot.bottom + 16}" text-anchor="middle" fill="${CHART_COLORS.text}">${escapeXml(t.label)}</text>`,
    ),
    g.points.length === 0
      ? `<text x="${round((g.plot.left + g.plot.right) / 2)}" y="${round((g.plot.top + g.plot.bottom) / 2)}" text-anchor="middle" fill="${CHART_COLORS.text}">No runs recorded yet</text>`
      : seriesSvg(g) + shareSvg(g),
    "</svg>",
  ];
  return parts.join("");
}

/** The resource-share series: dashed, with a dot per run. */
function shareSvg(g: TrendGeometry): string {
  return g.shareRuns
    .map((run) =>
      [
        run.length > 1 ? `<polyline points="${run.map((p) => `${p.x},${p.y}`).join(" ")}" fill="none" stroke="${CHART_COLORS.share}" stroke-width="1.5" stroke-dasharray="5 3"/>` : "",
        ...run.map((p) => `<circle cx="${p.x}" cy="${p.y}" r="2.5" fill="${CHART_COLORS.share}"><title>${escapeXml(`resources passing: ${formatScore(p.share)}`)}</title></circle>`),
      ].join(""),
    )
    .join("");
}

function seriesSvg(g: TrendGeometry): string {
  const coords = g.points.map((p) => `${p.x},${p.y}`).join(" ");
  const first = g.points[0];
  const last = g.points.at(-1);
  if (!first || !last) return "";
  const area = `${first.x},${g.plot.bottom} ${coords} ${last.x},${g.plot.bottom}`;
  return [
    `<polygon points="${area}" fill="${CHART_COLORS.area}" fill-opacity="0.08"/>`,
    `<polyline points="${coords}" fill="none" stroke="${CHART_COLORS.line}" stroke-width="2" stroke-linejoin="round"/>`,
    ...g.points.map(
      (p) =>
        `<circle cx="${p.x}" cy="${p.y}" r="3.5" fill="#ffffff" stroke="${CHART_COLORS.line}" stroke-width="2">` +
        `<title>${escapeXml(`${p.point.runId} (${p.point.at}): ${formatScore(p.point.score)}`)}</title></circle>`,
    ),
    `<text x="${last.x}" y="${round(Math.max(last.y - 8, g.plot.top + 8))}" text-anchor="end" font-weight="bold" fill="${CHART_COLORS.line}">${escapeXml(formatScore(last.point.score))}</text>`,
  ].join("");
}

/** Two decimals are plenty for a chart and keep the markup byte-stable across platforms. */
function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A control's resource-share trend as a small chart beside its status: x by run, y 0-100 %. */
export interface Sparkline {
  width: number;
  height: number;
  runs: { x: number; y: number; share: number }[][];
}

export function sparklineGeometry(points: readonly { share: number | null }[], width: number, height: number): Sparkline {
  const pad = 2;
  const xAt = (i: number): number => (points.length <= 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1));
  const yAt = (share: number): number => height - pad - (Math.min(100, Math.max(0, share)) / 100) * (height - 2 * pad);
  const runs: Sparkline["runs"] = [[]];
  points.forEach((p, i) => {
    if (p.share === null) runs.push([]);
    else runs.at(-1)?.push({ x: round(xAt(i)), y: round(yAt(p.share)), share: p.share });
  });
  return { width, height, runs: runs.filter((r) => r.length > 0) };
}

export function sparklineSvg(points: readonly { runId: string; share: number | null }[], width = 84, height = 20): string {
  const g = sparklineGeometry(points, width, height);
  const label = points.map((p) => `${p.runId}: ${p.share === null ? "no data" : formatScore(p.share)}`).join("; ");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="spark" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">`,
    `<title>${escapeXml(`Resources passing by run: ${label}`)}</title>`,
    `<line x1="0" y1="${height - 2}" x2="${width}" y2="${height - 2}" stroke="${CHART_COLORS.grid}" stroke-width="1"/>`,
    ...g.runs.map((run) =>
      run.length > 1
        ? `<polyline points="${run.map((p) => `${p.x},${p.y}`).join(" ")}" fill="none" stroke="${CHART_COLORS.share}" stroke-width="1.5"/>`
        : "",
    ),
    ...g.runs.flat().slice(-1).map((p) => `<circle cx="${p.x}" cy="${p.y}" r="2" fill="${CHART_COLORS.share}"/>`),
    "</svg>",
  ].join("");
}
