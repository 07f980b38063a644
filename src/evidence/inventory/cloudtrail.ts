/**
 * CloudTrail: trails (DescribeTrails, then GetTrailStatus and GetEventSelectors per trail) and the
 * management events LookupEvents returned.
 */
import type { RecordIndex } from "../record-index.js";
import { arr, obj, parseJson, str } from "./builder.js";
import type { InventoryBuilder } from "./builder.js";
import type { Resource } from "./types.js";

export function collectTrails(index: RecordIndex, b: InventoryBuilder): void {
  for (const r of index.of("cloudtrail", "DescribeTrails")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.trailList)) {
      const trail = obj(raw);
      const arn = str(trail.TrailARN);
      if (!arn) continue;
      const home = str(trail.HomeRegion) ?? r.region;
      // With shadow trails every region lists a multi-region trail; its home region owns it.
      const resource = b.upsert("AWS::CloudTrail::Trail", arn, { account: r.account, region: home, name: str(trail.Name) ?? arn });
      resource.evidenceIds.push(r.id);
      if (!resource.config || r.region === home) {
        resource.config = { ...(resource.config ?? {}), Trail: trail };
      }
    }
  }
  const trails = trailLookup(b);
  for (const r of index.ofAny("cloudtrail", ["GetTrailStatus", "GetEventSelectors"])) {
    const resource = trails.get(`${r.account}|${str(r.params.Name) ?? str(r.params.TrailName) ?? ""}`);
    if (!resource) continue;
    resource.evidenceIds.push(r.id);
    if (r.error) {
      resource.gaps.push({ operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id });
      continue;
    }
    const key = r.operation === "GetTrailStatus" ? "Status" : "EventSelectors";
    resource.config = { ...(resource.config ?? {}), [key]: r.response ?? {} };
  }
}

/**
 * Trails by `account|ARN` and `account|name` (the status calls name a trail either way); the first
 * trail built wins a clash, as a scan in build order would find it.
 */
function trailLookup(b: InventoryBuilder): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const resource of b.live()) {
    if (resource.type !== "AWS::CloudTrail::Trail") continue;
    for (const ref of [resource.arn, resource.name]) {
      const key = `${resource.account}|${ref}`;
      if (!out.has(key)) out.set(key, resource);
    }
  }
  return out;
}

export function collectEvents(index: RecordIndex, b: InventoryBuilder): void {
  for (const r of index.of("cloudtrail", "LookupEvents")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.Events)) {
      const event = obj(raw);
      const eventId = str(event.EventId);
      if (!eventId || b.events.has(eventId)) continue;
      const detail = obj(parseJson(event.CloudTrailEvent));
      const identity = obj(detail.userIdentity);
      const eventTime = event.EventTime;
      b.events.set(eventId, {
        eventId,
        eventName: str(event.EventName) ?? "",
        eventTime: typeof eventTime === "string" ? new Date(eventTime).toISOString() : "",
        eventSource: str(event.EventSource) ?? str(detail.eventSource) ?? "",
        principal: str(identity.arn) ?? str(event.Username) ?? "unknown",
        sourceIp: str(detail.sourceIPAddress) ?? "",
        resourceNames: arr(event.Resources)
          .map((x) => str(obj(x).ResourceName))
          .filter((x): x is string => x !== undefined),
        account: str(detail.recipientAccountId) ?? r.account,
        region: str(detail.awsRegion) ?? r.region,
        evidenceId: r.id,
        ...(str(detail.errorCode) ? { errorCode: str(detail.errorCode) } : {}),
      });
    }
  }
}
