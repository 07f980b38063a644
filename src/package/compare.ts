import type { ReportControl, ReportFinding } from "../report/types.js";

/** One difference between what a package claims and what verify re-derived: what, and where. */
export interface Difference {
  where: string;
  what: string;
}

const show = (value: unknown): string => {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** Structural difference of two JSON values, reported per leaf path (object key order ignored). */
export function diffValues(claimed: unknown, derived: unknown, path: string, file: string, out: Difference[]): void {
  if (Array.isArray(claimed) && Array.isArray(derived)) {
    if (claimed.length !== derived.length) {
      out.push({ where: `${file} ${path}`, what: `${claimed.length} entries in ${file}, ${derived.length} re-derived` });
    }
    const n = Math.min(claimed.length, derived.length);
    for (let i = 0; i < n; i++) diffValues(claimed[i], derived[i], `${path}[${i}]`, file, out);
    return;
  }
  if (isObject(claimed) && isObject(derived)) {
    for (const key of new Set([...Object.keys(claimed), ...Object.keys(derived)])) {
      diffValues(claimed[key], derived[key], path === "" ? key : `${path}.${key}`, file, out);
    }
    return;
  }
  if (claimed !== derived) out.push({ where: `${file} ${path}`, what: `${file} has ${show(claimed)}, re-derived ${show(derived)}` });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const findingKey = (f: Pick<ReportFinding, "checkId" | "resourceArn">): string => `${f.checkId} on ${f.resourceArn}`;

/**
 * Control results and their findings, keyed by control id and by (check, resource), so each
 * difference names the control, check and resource it is about.
 */
export function diffControls(claimed: readonly ReportControl[], derived: readonly ReportControl[], file: string, out: Difference[]): void {
  const claimedById = new Map(claimed.map((c) => [c.id, c]));
  const derivedById = new Map(derived.map((c) => [c.id, c]));
  for (const c of claimed) if (!derivedById.has(c.id)) out.push({ where: `${file} control ${c.id}`, what: `control ${c.id} is not in the packaged mapping` });
  for (const d of derived) {
    const c = claimedById.get(d.id);
    const where = `${file} control ${d.id}`;
    if (!c) {
      out.push({ where, what: `control ${d.id} of the packaged mapping is missing from ${file}` });
      continue;
    }
    if (c.status !== d.status) out.push({ where, what: `control status is ${c.status} in ${file}, re-derived ${d.status} (${d.reason})` });
    const { findings: cf, status: _cs, ...cRest } = c;
    const { findings: df, status: _ds, ...dRest } = d;
    diffValues(cRest, dRest, "", `${file} control ${d.id}`, out);
    const claimedFindings = new Map(cf.map((f) => [findingKey(f), f]));
    const derivedFindings = new Map(df.map((f) => [findingKey(f), f]));
    for (const f of cf) {
      if (!derivedFindings.has(findingKey(f))) out.push({ where: `${where}, check ${f.checkId}, resource ${f.resourceArn}`, what: `finding is in ${file} but the evidence yields none` });
    }
    for (const f of df) {
      const w = `${where}, check ${f.checkId}, resource ${f.resourceArn}`;
      const g = claimedFindings.get(findingKey(f));
      if (!g) {
        out.push({ where: w, what: `the evidence yields a ${f.status} finding (${f.reason}) that ${file} does not list` });
        continue;
      }
      if (g.status !== f.status) out.push({ where: w, what: `status is ${g.status} in ${file}, re-derived ${f.status} from the evidence (reason: ${f.reason})` });
      else if (g.reason !== f.reason) out.push({ where: w, what: `reason is ${show(g.reason)} in ${file}, re-derived ${show(f.reason)}` });
      const { status: _gs, reason: _gr, ...gRest } = g;
      const { status: _fs, reason: _fr, ...fRest } = f;
      diffValues(gRest, fRest, "", w, out);
    }
    const order = (list: readonly ReportFinding[]): string => list.map(findingKey).join("\n");
    if (claimedFindings.size === derivedFindings.size && order(cf) !== order(df)) out.push({ where, what: `findings are listed in another order than re-derived` });
  }
  if (claimed.map((c) => c.id).join("\n") !== derived.map((c) => c.id).join("\n") && claimed.length === derived.length) {
    out.push({ where: `${file} controls`, what: "controls are listed in another order than the packaged mapping" });
  }
}
