import { DescribeTrailsCommand, GetEventSelectorsCommand, GetTrailStatusCommand, paginateLookupEvents } from "@aws-sdk/client-cloudtrail";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { TokenBucket } from "../../aws/limits.js";
import type { CallScope, Output } from "./call.js";
import type { References } from "./references.js";
import { trailReferences } from "../../evidence/references.js";
import { noteReferences } from "./references.js";

/** Management events of the services whose configuration the checks judge. */
export const EVENT_SOURCES = ["sagemaker", "cloudtrail", "config", "iam", "kms", "s3"].map((s) => `${s}.amazonaws.com`);

/** LookupEvents returns at most 50 events per page. */
const EVENT_PAGE = 50;
/** LookupEvents reaches back 90 days at most. */
export const MAX_LOOKBACK_DAYS = 90;
const DAY_MS = 86_400_000;

export interface CloudTrailCollectOptions {
  /** Stored cursor (the EndTime of the last complete walk), ISO; undefined on a first run. */
  cursor: string | undefined;
  lookbackDays: number;
  now: Date;
  /** Shared by every LookupEvents call of this account and region (2 requests/s quota). */
  limiter: TokenBucket;
  references: References;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);

/**
 * How late an event may reach event history and still be read. AWS: "CloudTrail typically delivers
 * events within an average of about 5 minutes of an API call. This time is not guaranteed."
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html). Three times
 * the documented average: an event with an EventTime before the previous walk's end less this
 * margin was in event history when that walk ran.
 *
 * So each run reads `[previous walk's EndTime − margin, now]` (LookupEvents' StartTime and EndTime
 * are both inclusive: "events that occur after or at" / "before or at" the time,
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html) and the calls
 * are proportional to the events that are new since that walk plus at most this margin's worth of
 * events read again: the re-read is bounded by the margin (the cursor used to be the newest event's
 * time less an hour, so every run re-read the hour of events before the newest one, however long
 * ago the previous run had already read them). Events read twice are one event:
 * the store and the inventory keep them unique by EventId.
 */
export const LATE_DELIVERY_MS = 15 * 60 * 1000;

/** The configured look-back window: what the activity checks judge. */
export function lookbackStart(lookbackDays: number, now: Date): Date {
  return new Date(now.getTime() - Math.min(lookbackDays, MAX_LOOKBACK_DAYS) * DAY_MS);
}

/**
 * Where fetching starts: the cursor (the end of the last complete walk; older collections stored
 * their newest event's time, which is earlier, so safe) less the late-delivery margin, or the
 * look-back on a first run, never beyond 90 days.
 */
export function eventWindowStart(cursor: string | undefined, lookbackDays: number, now: Date): Date {
  const oldest = now.getTime() - MAX_LOOKBACK_DAYS * DAY_MS;
  const fromCursor = cursor !== undefined ? Date.parse(cursor) - LATE_DELIVERY_MS : Number.NaN;
  const wanted = cursor !== undefined ? fromCursor : lookbackStart(lookbackDays, now).getTime();
  return new Date(Math.max(oldest, Number.isNaN(wanted) ? oldest : wanted));
}

/**
 * Trails (with shadow trails, so a multi-region trail shows in every region), the status and event
 * selectors of the trails homed in this region, and the management events since the cursor.
 * Returns the next cursor: this walk's EndTime when every event source was read to its last page,
 * else the cursor it started from (LookupEvents answers newest first, so a walk that failed half-way
 * has the new events and lacks older ones: advancing would skip those for good).
 */
export async function collectCloudTrail(scope: CallScope, client: CloudTrailClient, options: CloudTrailCollectOptions): Promise<string | undefined> {
  const [, newest] = await Promise.all([collectTrails(scope, client, options.references), collectEvents(scope, client, options)]);
  return newest;
}

async function collectTrails(scope: CallScope, client: CloudTrailClient, references: References): Promise<void> {
  const params = { includeShadowTrails: true };
  const out = await scope.call("DescribeTrails", params, () => client.send(new DescribeTrailsCommand(params)));
  if (!out) return;
  const trails = arr(out.trailList);
  scope.progress(trails.length);
  await Promise.all(
    trails.map(async (trail) => {
      const arn = str(trail.TrailARN);
      // The trail's key and bucket are supporting resources like any SageMaker one.
      noteReferences(references, trailReferences(trail));
      // A shadow trail's status is asked of its home region, once.
      if (!arn || (str(trail.HomeRegion) ?? scope.region) !== scope.region) return;
      const status = { Name: arn };
      const selectors = { TrailName: arn };
      await Promise.all([
        scope.call("GetTrailStatus", status, () => client.send(new GetTrailStatusCommand(status))),
        scope.call("GetEventSelectors", selectors, () => client.send(new GetEventSelectorsCommand(selectors))),
      ]);
    }),
  );
}

async function collectEvents(scope: CallScope, client: CloudTrailClient, options: CloudTrailCollectOptions): Promise<string | undefined> {
  const start = eventWindowStart(options.cursor, options.lookbackDays, options.now);
  let complete = true;
  // LookupEvents takes one lookup attribute per call, hence one walk per event source.
  for (const source of EVENT_SOURCES) {
    const input: Output = {
      LookupAttributes: [{ AttributeKey: "EventSource", AttributeValue: source }],
      StartTime: start,
      EndTime: options.now,
      MaxResults: EVENT_PAGE,
    };
    const pages = scope.pages(
      "LookupEvents",
      input,
      (i) => paginateLookupEvents({ client, stopOnSameToken: true }, i),
      { before: () => options.limiter.take() },
    );
    let reachedEnd = false;
    for await (const page of pages) {
      scope.progress(arr(page.Events).length);
      reachedEnd = str(page.NextToken) === undefined;
    }
    if (!reachedEnd) complete = false;
  }
  // Stored pages of earlier runs that still hold events inside the look-back window.
  if (options.cursor !== undefined) scope.reuseEventPages(lookbackStart(options.lookbackDays, options.now).toISOString());
  return complete ? options.now.toISOString() : options.cursor;
}
