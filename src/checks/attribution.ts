import type { ActivityEvent, Inventory } from "../evidence/inventory.js";
import type { Finding } from "./types.js";

/** Read-only calls say nothing about who changed a resource. */
const MUTATING = /^(Create|Update|Put|Modify|Attach|Detach|Delete|Stop|Start|Enable|Disable|Associate|Disassociate|Add|Remove|Tag|Untag|Set)/;

function touches(event: ActivityEvent, finding: Finding): boolean {
  if (event.account !== finding.account) return false;
  return event.resourceNames.some((name) => name === finding.resourceName || name === finding.resourceArn);
}

/**
 * Attaches to each FAIL finding the latest mutating CloudTrail event in the window that names its
 * resource, so the engineer knows who to talk to. Events are sorted by time in the inventory.
 */
export function attributeChanges(findings: readonly Finding[], inventory: Inventory): Finding[] {
  const mutating = inventory.events.filter((e) => MUTATING.test(e.eventName));
  return findings.map((f) => {
    if (f.status !== "FAIL") return f;
    const latest = mutating.filter((e) => touches(e, f)).at(-1);
    if (!latest) return f;
    return {
      ...f,
      evidenceIds: [...new Set([...f.evidenceIds, latest.evidenceId])].sort(),
      lastChange: {
        eventName: latest.eventName,
        eventTime: latest.eventTime,
        principal: latest.principal,
        sourceIp: latest.sourceIp,
        eventId: latest.eventId,
      },
    };
  });
}
