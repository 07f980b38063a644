import { UsageError } from "../errors.js";

/**
 * `generatedAt` of a report rendered now. With SOURCE_DATE_EPOCH (the reproducible-builds
 * convention, https://reproducible-builds.org/specs/source-date-epoch/: integer seconds since the
 * epoch) it is that time, so rendering the same stored run twice gives the same bytes; otherwise
 * the current time.
 */
export function renderTime(env: NodeJS.ProcessEnv = process.env, now: () => Date = () => new Date()): string {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === "") return now().toISOString();
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`SOURCE_DATE_EPOCH must be an integer number of seconds since 1970-01-01, got "${value}"`);
  const date = new Date(Number(value.trim()) * 1000);
  if (Number.isNaN(date.getTime())) throw new UsageError(`SOURCE_DATE_EPOCH ${value} is out of range`);
  return date.toISOString();
}
