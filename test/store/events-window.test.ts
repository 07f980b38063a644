import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import { openDb } from "../../src/store/db.js";
import type { Db } from "../../src/store/db.js";
import { storeMemory } from "../../src/store/evidence.js";
import { tempDir } from "../helpers/cli.js";
import { ACCOUNT, REGION, storeRun } from "./helpers.js";

// Activity over the whole look-back window: the store hands the collector the stored LookupEvents
// pages that still hold an event inside the window, so a run with nothing new still judges them.

const page = (id: string, name: string, time: string) =>
  sealEvidence({
    source: "cloudtrail",
    operation: "LookupEvents",
    account: ACCOUNT,
    region: REGION,
    params: { LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: "cloudtrail.amazonaws.com" }], StartTime: "2026-11-20T10:00:00.000Z", EndTime: "2026-11-27T10:00:00.000Z", MaxResults: 50 },
    collectedAt: "2026-11-27T10:00:00.000Z",
    response: { Events: [{ EventId: id, EventName: name, EventTime: time, EventSource: "cloudtrail.amazonaws.com", Resources: [], CloudTrailEvent: JSON.stringify({ awsRegion: REGION, recipientAccountId: ACCOUNT, eventSource: "cloudtrail.amazonaws.com", eventName: name }) }] },
  });

describe("stored CloudTrail pages inside the window", () => {
  let db: Db | undefined;
  afterEach(() => db?.close());

  it("returns the pages of completed runs with an event at or after the window start, and no others", async () => {
    db = openDb(join(tempDir(), "events.db"));
    const stop = page("stop-1", "StopLogging", "2026-11-25T02:00:00.000Z");
    await storeRun(db, [stop], new Date("2026-11-27T10:00:00.000Z"));
    const memory = storeMemory(db);
    expect(memory.storedEventPages(ACCOUNT, REGION, "2026-11-20T10:00:00.000Z").map((r) => r.id)).toEqual([stop.id]);
    // Once the event leaves the window, its page is no longer carried forward.
    expect(memory.storedEventPages(ACCOUNT, REGION, "2026-11-26T00:00:00.000Z")).toEqual([]);
    expect(memory.storedEventPages(ACCOUNT, "eu-west-1", "2026-11-20T10:00:00.000Z")).toEqual([]);
  });
});
