import { NEEDS_ACTION, type FindingGroup, type FindingRow, type StatusView } from "./view.js";

/**
 * Beyond this many rows that need no action (passing, not applicable) in one check's group, the HTML
 * lists none of them as markup: an estate of 10,000 resources has groups of thousands of passing
 * rows, which made the file tens of megabytes of table that a browser lays out slowly and nobody
 * reads row by row. Fifty still shows a small estate whole, as the reader expects. The rows ride
 * along as JSON and the report's script draws them on request; the CSV and JSON list them too.
 */
export const MAX_LISTED_QUIET_ROWS = 50;

/**
 * The collapsed rows of a group. `data` is JSON, already safe to place inside a `<script
 * type="application/json">` element (see `jsonForScript`); its shape is `TailData`.
 */
export interface Tail {
  id: string;
  count: string;
  /** "1,234 passing, 12 not applicable". */
  summary: string;
  data: string;
}

/** A finding group as the HTML template reads it: the rows listed as markup, and the collapsed rest. */
export interface HtmlFindingGroup extends FindingGroup {
  listed: FindingRow[];
  tail: Tail | null;
}

/**
 * The wire shape of one collapsed row, read by `templates/scripts/findings.js` (which documents the
 * same positions). Tuples, not objects: a tail holds thousands of rows, and key names would double
 * its size. Status is an index into `TailData.statuses`; the short hash of an evidence reference is
 * not sent, the script cuts it from the full one as `evidenceRef` in view.ts does.
 */
type TailRow = [
  status: number,
  name: string,
  arn: string,
  account: string,
  region: string,
  reason: string,
  lastChange: [eventName: string, time: string, principal: string, sourceIp: string] | null,
  configRule: [name: string, compliance: string, evidenceId: string] | null,
  waiver: [reason: string, approvedBy: string, expires: string] | null,
  evidence: [id: string, sha256: string, href: string | null][],
];
interface TailData {
  statuses: [code: string, label: string, css: string][];
  rows: TailRow[];
}

/**
 * Splits a group: everything when its quiet rows are few, else the rows that need action as markup
 * and the quiet ones as a tail. `nextId` numbers the tails of one report in document order.
 */
export function splitGroup(group: FindingGroup, maxListedQuiet: number, nextId: () => string): HtmlFindingGroup {
  const quiet = group.rows.filter((r) => !NEEDS_ACTION.has(r.status.code));
  if (quiet.length <= maxListedQuiet) return { ...group, listed: group.rows, tail: null };
  return {
    ...group,
    listed: group.rows.filter((r) => NEEDS_ACTION.has(r.status.code)),
    tail: { id: nextId(), count: formatCount(quiet.length), summary: statusSummary(quiet), data: jsonForScript(tailData(quiet)) },
  };
}

function tailData(rows: readonly FindingRow[]): TailData {
  const statuses: StatusView[] = [];
  const index = (s: StatusView): number => {
    const at = statuses.findIndex((x) => x.code === s.code);
    return at >= 0 ? at : statuses.push(s) - 1;
  };
  return {
    rows: rows.map((r) => [
      index(r.status),
      r.name,
      r.arn,
      r.account,
      r.region,
      r.reason,
      r.lastChange ? [r.lastChange.eventName, r.lastChange.time, r.lastChange.principal, r.lastChange.sourceIp] : null,
      r.configRule ? [r.configRule.name, r.configRule.compliance, r.configRule.evidenceId] : null,
      r.waiver ? [r.waiver.reason, r.waiver.approvedBy, r.waiver.expires] : null,
      r.evidence.map((e) => [e.id, e.sha256, e.href]),
    ]),
    statuses: statuses.map((s) => [s.code, s.label, s.css]),
  };
}

/** Counts by status in the order the rows come (the view sorts them): "1,234 passing, 12 not applicable". */
function statusSummary(rows: readonly FindingRow[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const phrase = r.status.code === "PASS" ? "passing" : r.status.label.toLowerCase();
    counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
  }
  return [...counts].map(([phrase, n]) => `${formatCount(n)} ${phrase}`).join(", ");
}

/** Thousands separated by commas, without depending on the process's locale. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * JSON that can sit inside a `<script>` element: the HTML parser ends a script at `</script` and
 * changes state at `<!--`, whatever the type, so `<` (and, for good measure, `>` and `&`) become
 * JSON escapes that parse back to the same string. U+2028/U+2029 are escaped too: valid in JSON,
 * but line terminators to older JavaScript parsers, should anyone paste the data into a script.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
