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
  /** Stored cursor (newest event time already stored), ISO; undefined on a first run. */
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
 * Events reach event history minutes after the call ("CloudTrail typically delivers events within an
 * average of about 5 minutes of an API call. This time is not guaranteed."):
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/how-cloudtrail-works.html. A run re-reads
 * this much before its cursor so late arrivals are not skipped; events are unique by EventId.
 */
export const CURSOR_OVERLAP_MS = 60 * 60 * 1000;

/** The configured look-back window: what the activity checks judge. */
export function lookbackStart(lookbackDays: number, now: Date): Date {
  return new Date(now.getTime() - Math.min(lookbackDays, MAX_LOOKBACK_DAYS) * DAY_MS);
}

/** Where fetching starts: the cursor less the overlap, or the look-back on a first run, never beyond 90 days. */
export function eventWindowStart(cursor: string | undefined, lookbackDays: number, now: Date): Date {
  const oldest = now.getTime() - MAX_LOOKBACK_DAYS * DAY_MS;
  const fromCursor = cursor !== undefined ? Date.parse(cursor) - CURSOR_OVERLAP_MS : Number.NaN;
  const wanted = cursor !== undefined ? fromCursor : lookbackStart(lookbackDays, now).getTime();
  return new Date(Math.max(oldest, Number.isNaN(wanted) ? oldest : wanted));
}

/**
 * Trails (with shadow trails, so a multi-region trail shows in every region), the status and event
 * selectors of the trails homed in this region, and the management events since the cursor.
 * Returns the newest event time seen, the next cursor.
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
  let newest = options.cursor;
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
    for await (const page of pages) {
      const events = arr(page.Events);
      scope.progress(events.length);
      for (const event of events) {
        const time = event.EventTime instanceof Date ? event.EventTime.toISOString() : str(event.EventTime);
        if (time && (newest === undefined || time > newest)) newest = time;
      }
    }
  }
  // Stored pages of earlier runs that still hold events inside the look-back window.
  if (options.cursor !== undefined) scope.reuseEventPages(lookbackStart(options.lookbackDays, options.now).toISOString());
  return newest;
}
