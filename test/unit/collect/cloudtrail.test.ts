import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import type { LookupEventsCommandInput } from "@aws-sdk/client-cloudtrail";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { TokenBucket } from "../../../src/aws/limits.js";
import { eventWindowStart } from "../../../src/collect/aws/cloudtrail.js";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { InMemoryCollectorMemory } from "../../../src/collect/memory.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { ACCOUNT, NOW, fakeClock, mockAws, regionOf, testConfig } from "./aws-fixtures.js";

const DAY = 86_400_000;

describe("CloudTrail collection", () => {
  let aws: ReturnType<typeof mockAws>;
  beforeEach(() => {
    aws = mockAws();
  });
  afterEach(() => aws.restore());

  test("LookupEvents: one event source per call, 50 a page, from the stored cursor, every page recorded, cursor advanced to the walk's end", async () => {
    const clock = fakeClock();
    const sent: { region: string; at: number; input: LookupEventsCommandInput }[] = [];
    aws.cloudtrail.on(LookupEventsCommand).callsFake(async (input: LookupEventsCommandInput, getClient) => {
      sent.push({ region: await regionOf(getClient), at: clock.now().getTime(), input });
      const source = input.LookupAttributes?.[0]?.AttributeValue;
      if (source !== "sagemaker.amazonaws.com") return { Events: [] };
      if (input.NextToken === undefined) {
        return { Events: [{ EventId: "e1", EventName: "CreateNotebookInstance", EventTime: new Date("2026-11-26T12:00:00Z"), EventSource: source }], NextToken: "page-2" };
      }
      return { Events: [{ EventId: "e2", EventName: "StopMonitoringSchedule", EventTime: new Date("2026-11-27T09:30:00Z"), EventSource: source }] };
    });
    const memory = new InMemoryCollectorMemory();
    memory.remember({ records: [], cursors: [{ account: ACCOUNT, region: "us-east-1", stream: "cloudtrail", value: "2026-11-26T00:00:00.000Z" }] });

    const collection = await createAwsSource(testConfig({ regions: ["us-east-1", "eu-west-1"] }), { now: () => NOW, memory, limiterClock: clock }).collect();

    const east = sent.filter((s) => s.region === "us-east-1");
    expect(east).toHaveLength(7); // six event sources, one of them two pages
    expect(east.map((s) => s.input.LookupAttributes)).toContainEqual([{ AttributeKey: "EventSource", AttributeValue: "kms.amazonaws.com" }]);
    expect(east.every((s) => s.input.LookupAttributes?.length === 1 && s.input.MaxResults === 50)).toBe(true);
    // The cursor less the 15-minute late-delivery margin: events that reached event history late are read again.
    expect(east.every((s) => s.input.StartTime?.toISOString() === "2026-11-25T23:45:00.000Z" && s.input.EndTime?.toISOString() === NOW.toISOString())).toBe(true);
    // No cursor for eu-west-1: a first run reaches back the configured 7 days.
    const west = sent.filter((s) => s.region === "eu-west-1");
    expect(west.every((s) => s.input.StartTime?.getTime() === NOW.getTime() - 7 * DAY)).toBe(true);

    const pages = collection.records.filter((r) => r.operation === "LookupEvents" && r.region === "us-east-1" && r.params.NextToken === "page-2");
    expect(pages).toHaveLength(1);
    expect(collection.apiCalls["cloudtrail:LookupEvents"]).toBe(14);
    expect(buildInventory(collection.records).events.map((e) => e.eventId)).toEqual(["e1", "e2"]);
    expect(collection.cursors).toEqual([
      { account: ACCOUNT, region: "eu-west-1", stream: "cloudtrail", value: NOW.toISOString() },
      { account: ACCOUNT, region: "us-east-1", stream: "cloudtrail", value: NOW.toISOString() },
    ]);
  });

  test("LookupEvents stays under 2 requests/s per account and region", async () => {
    const clock = fakeClock();
    const sent: { region: string; at: number }[] = [];
    aws.cloudtrail.on(LookupEventsCommand).callsFake(async (_input, getClient) => {
      sent.push({ region: await regionOf(getClient), at: clock.now().getTime() });
      return { Events: [] };
    });
    await createAwsSource(testConfig({ regions: ["us-east-1", "us-west-2"] }), { now: () => NOW, limiterClock: clock }).collect();
    for (const region of ["us-east-1", "us-west-2"]) {
      const times = sent.filter((s) => s.region === region).map((s) => s.at);
      expect(times).toHaveLength(6);
      // Any three consecutive calls span more than a second: never 2 in under a second, let alone more.
      const tooDense = times.slice(2).filter((t, i) => t - times[i]! <= 1000);
      expect(tooDense).toEqual([]);
    }
    expect(clock.sleeps.length).toBeGreaterThan(0);
  });

  test("trails with shadow trails; status and selectors asked once, in the trail's home region", async () => {
    const trail = (home: string) => ({
      Name: "org",
      TrailARN: `arn:aws:cloudtrail:${home}:${ACCOUNT}:trail/org`,
      HomeRegion: home,
      IsMultiRegionTrail: true,
      S3BucketName: "org-trail-logs",
    });
    aws.cloudtrail.on(DescribeTrailsCommand).resolves({ trailList: [trail("us-east-1")] });
    aws.cloudtrail.on(GetTrailStatusCommand).resolves({ IsLogging: true });
    const collection = await createAwsSource(testConfig({ regions: ["us-east-1", "us-west-2"] }), { now: () => NOW, limiterClock: fakeClock() }).collect();
    expect(aws.cloudtrail.commandCalls(DescribeTrailsCommand).map((c) => c.args[0].input)).toEqual([{ includeShadowTrails: true }, { includeShadowTrails: true }]);
    expect(aws.cloudtrail.commandCalls(GetTrailStatusCommand)).toHaveLength(1);
    expect(aws.cloudtrail.commandCalls(GetEventSelectorsCommand).map((c) => c.args[0].input)).toEqual([{ TrailName: trail("us-east-1").TrailARN }]);
    const inventory = buildInventory(collection.records);
    const trails = inventory.resources.filter((r) => r.type === "AWS::CloudTrail::Trail");
    expect(trails.map((t) => [t.arn, t.region])).toEqual([[trail("us-east-1").TrailARN, "us-east-1"]]);
    expect(trails[0]?.config).toMatchObject({ Status: { IsLogging: true } });
  });

  test("activity over the whole window: a StopLogging fetched by an earlier run stays in the next run's evidence until it leaves the look-back", async () => {
    const clock = fakeClock();
    const stop = { EventId: "stop-1", EventName: "StopLogging", EventTime: new Date("2026-11-25T02:00:00Z"), EventSource: "cloudtrail.amazonaws.com" };
    const old = { EventId: "old-1", EventName: "StopLogging", EventTime: new Date("2026-11-01T02:00:00Z"), EventSource: "cloudtrail.amazonaws.com" };
    let run = 0;
    aws.cloudtrail.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
      const source = input.LookupAttributes?.[0]?.AttributeValue;
      // First run: the StopLogging; second run: nothing new.
      return Promise.resolve({ Events: run === 0 && source === "cloudtrail.amazonaws.com" ? [stop] : [] });
    });
    const memory = new InMemoryCollectorMemory();
    const source = createAwsSource(testConfig({ regions: ["us-east-1"] }), { now: () => NOW, memory, limiterClock: clock });
    const first = await source.collect();
    memory.remember(first);
    // A page from long ago, outside the 7-day window, must not come back.
    memory.remember({ records: [{ ...first.records.find((r) => r.operation === "LookupEvents" && Array.isArray(r.response?.Events) && r.response.Events.length > 0)!, id: "ev_old", response: { Events: [{ ...old, EventTime: old.EventTime.toISOString() }] } }] });
    run = 1;
    const second = await source.collect();
    const events = buildInventory(second.records).events.map((e) => e.eventId);
    expect(events).toEqual(["stop-1"]);
    expect(aws.cloudtrail.commandCalls(LookupEventsCommand).length).toBe(12);
  });

  test("an unchanged second run re-reads at most the late-delivery margin, and a new event costs its page, not the history's", async () => {
    // One sagemaker event a minute over the six hours before the first run: 360 events, 8 pages.
    const first = NOW.getTime();
    const events = Array.from({ length: 360 }, (_, i) => ({ EventId: `e${i}`, EventName: "CreateTrainingJob", EventTime: new Date(first - (360 - i) * 60_000), EventSource: "sagemaker.amazonaws.com" }));
    let now = first;
    const sent: LookupEventsCommandInput[] = [];
    aws.cloudtrail.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
      sent.push({ ...input });
      if (input.LookupAttributes?.[0]?.AttributeValue !== "sagemaker.amazonaws.com") return { Events: [] };
      // Newest first, inclusive bounds, 50 a page, like LookupEvents.
      const inWindow = events.filter((e) => e.EventTime >= input.StartTime! && e.EventTime <= input.EndTime!).reverse();
      const from = Number(input.NextToken ?? 0);
      return { Events: inWindow.slice(from, from + 50), ...(from + 50 < inWindow.length ? { NextToken: String(from + 50) } : {}) };
    });
    const memory = new InMemoryCollectorMemory();
    const source = createAwsSource(testConfig(), { now: () => new Date(now), memory, limiterClock: fakeClock() });
    const run = async () => {
      sent.length = 0;
      const collection = await source.collect();
      memory.remember(collection);
      return collection;
    };
    const eventsRead = (c: Awaited<ReturnType<typeof run>>) => c.records.filter((r) => r.operation === "LookupEvents" && r.params.EndTime === new Date(now).toISOString()).flatMap((r) => (r.response?.Events as unknown[] | undefined) ?? []).length;

    expect(eventsRead(await run())).toBe(360);
    // An hour later, nothing new: only the 15 minutes before the first walk's end are read again.
    now = first + 3_600_000;
    const quiet = await run();
    expect(sent.every((s) => s.StartTime?.getTime() === first - 15 * 60_000)).toBe(true);
    expect(eventsRead(quiet)).toBe(15);
    expect(quiet.apiCalls["cloudtrail:LookupEvents"]).toBe(6);
    // Three new events (one of them delivered late, before the previous walk's end): all read, one page.
    events.push(
      { EventId: "late", EventName: "StopLogging", EventTime: new Date(now - 5 * 60_000), EventSource: "sagemaker.amazonaws.com" },
      ...[1, 2].map((k) => ({ EventId: `new${k}`, EventName: "CreateModel", EventTime: new Date(now + k * 60_000), EventSource: "sagemaker.amazonaws.com" })),
    );
    now += 10 * 60_000;
    const changed = await run();
    expect(changed.apiCalls["cloudtrail:LookupEvents"]).toBe(6);
    const ids = buildInventory(changed.records).events.map((e) => e.eventId);
    expect(ids).toEqual(expect.arrayContaining(["late", "new1", "new2"]));
  });

  test("a walk that fails half-way keeps the cursor where it was: the older events it missed are read next time", async () => {
    aws.cloudtrail.on(LookupEventsCommand).callsFake((input: LookupEventsCommandInput) => {
      if (input.LookupAttributes?.[0]?.AttributeValue !== "sagemaker.amazonaws.com") return { Events: [] };
      if (input.NextToken === undefined) return { Events: [{ EventId: "newest", EventName: "CreateModel", EventTime: new Date(NOW.getTime() - 60_000), EventSource: "sagemaker.amazonaws.com" }], NextToken: "older" };
      throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
    });
    const memory = new InMemoryCollectorMemory();
    memory.remember({ records: [], cursors: [{ account: ACCOUNT, region: "us-east-1", stream: "cloudtrail", value: "2026-11-26T00:00:00.000Z" }] });
    const collection = await createAwsSource(testConfig({ collection: { maxAttempts: 1 } }), { now: () => NOW, memory, limiterClock: fakeClock() }).collect();
    expect(collection.records.some((r) => r.operation === "LookupEvents" && r.error)).toBe(true);
    expect(collection.cursors).toEqual([{ account: ACCOUNT, region: "us-east-1", stream: "cloudtrail", value: "2026-11-26T00:00:00.000Z" }]);
  });

  test("the event window: cursor less the late-delivery margin, else the look-back, never past 90 days", () => {
    expect(eventWindowStart("2026-11-20T00:00:00.000Z", 7, NOW).toISOString()).toBe("2026-11-19T23:45:00.000Z");
    expect(eventWindowStart(undefined, 30, NOW).getTime()).toBe(NOW.getTime() - 30 * DAY);
    expect(eventWindowStart("2025-01-01T00:00:00.000Z", 7, NOW).getTime()).toBe(NOW.getTime() - 90 * DAY);
  });

  test("the token bucket spaces requests at its rate", async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, 1, clock);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await bucket.take();
      times.push(clock.now().getTime() - NOW.getTime());
    }
    expect(times).toEqual([0, 500, 1000, 1500, 2000]);
  });
});
