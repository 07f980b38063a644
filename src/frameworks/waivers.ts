import { amendFinding } from "../checks/finding.js";
import type { Finding, Waiver } from "../checks/types.js";

/** `*` matches any run of characters (ARNs contain `/` and `:`, so no path semantics). */
export function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes("*")) return pattern === value;
  const regex = new RegExp(`^${pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
  return regex.test(value);
}

export function isExpired(expires: string, now: string): boolean {
  // A date-only expiry lasts through that whole day (UTC).
  const end = /^\d{4}-\d{2}-\d{2}$/.test(expires) ? `${expires}T23:59:59.999Z` : expires;
  return Date.parse(end) < Date.parse(now);
}

export interface WaiverOutcome {
  findings: Finding[];
  active: (Waiver & { matched: number })[];
  expired: (Waiver & { matched: number })[];
}

/**
 * FAIL and ERROR findings covered by an unexpired waiver become WAIVED with the waiver attached.
 * An expired waiver changes nothing; it is reported with the findings it would have matched.
 */
export function applyWaivers(findings: readonly Finding[], waivers: readonly Waiver[], now: string): WaiverOutcome {
  const counts = new Map<Waiver, number>(waivers.map((w) => [w, 0]));
  const out = findings.map((f) => {
    if (f.status !== "FAIL" && f.status !== "ERROR") return f;
    const matching = waivers.filter((w) => w.check === f.checkId && globMatches(w.resource, f.resourceArn));
    for (const w of matching) counts.set(w, (counts.get(w) ?? 0) + 1);
    const waiver = matching.find((w) => !isExpired(w.expires, now));
    return waiver ? amendFinding(f, { status: "WAIVED", waiver }) : f;
  });
  const withCount = waivers.map((w) => ({ ...w, matched: counts.get(w) ?? 0 }));
  return {
    findings: out,
    active: withCount.filter((w) => !isExpired(w.expires, now)),
    expired: withCount.filter((w) => isExpired(w.expires, now)),
  };
}
