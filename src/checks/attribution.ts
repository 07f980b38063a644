import type { ActivityEvent, Inventory } from "../evidence/inventory.js";
import { amendFinding } from "./finding.js";
import type { Finding } from "./types.js";

/** Read-only calls say nothing about who changed a resource. */
const MUTATING = /^(Create|Update|Put|Modify|Attach|Detach|Delete|Stop|Start|Enable|Disable|Associate|Disassociate|Add|Remove|Tag|Untag|Set)/;

/**
 * Attaches to each FAIL finding the latest mutating CloudTrail event in the window that names its
 * resource (by name or ARN), so the engineer knows who to talk to.
 */
export function attributeChanges(findings: readonly Finding[], inventory: Inventory): Finding[] {
  // Events come sorted by time, so the last one indexed under a key is the latest.
  const latestByKey = new Map<string, ActivityEvent>();
  for (const event of inventory.events) {
    // A refused call (CloudTrail errorCode) changed nothing.
    if (!MUTATING.test(event.eventName) || event.errorCode !== undefined) continue;
    for (const name of event.resourceNames) latestByKey.set(`${event.account}|${name}`, event);
  }
  return findings.map((f) => {
    if (f.status !== "FAIL") return f;
    const candidates = [latestByKey.get(`${f.account}|${f.resourceName}`), latestByKey.get(`${f.account}|${f.resourceArn}`)];
    const latest = candidates
      .filter((e): e is ActivityEvent => e !== undefined)
      .sort((a, b) => a.eventTime.localeCompare(b.eventTime) || a.eventId.localeCompare(b.eventId))
      .at(-1);
    if (!latest) return f;
    return amendFinding(f, {
      evidenceIds: [...new Set([...f.evidenceIds, latest.evidenceId])].sort(),
      lastChange: {
        eventName: latest.eventName,
        eventTime: latest.eventTime,
        principal: latest.principal,
        sourceIp: latest.sourceIp,
        eventId: latest.eventId,
      },
    });
  });
}
