import { formatIssue } from "./config/yaml-source.js";
import type { SourceIssue } from "./config/yaml-source.js";

/** Bad input from the user (flags, config, mapping, waivers): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string, readonly issues: readonly SourceIssue[] = []) {
    super(issues.length > 0 ? `${message}\n${issues.map((i) => `  ${formatIssue(i)}`).join("\n")}` : message);
    this.name = "UsageError";
  }
}

/** `--fail-on-noncompliant` found a failing control: exit code 3. */
export class NonCompliantError extends Error {
  readonly exitCode = 3;
  constructor(message: string) {
    super(message);
    this.name = "NonCompliantError";
  }
}

export function exitCodeOf(error: unknown): number {
  if (error instanceof UsageError || error instanceof NonCompliantError) return error.exitCode;
  return 1;
}
