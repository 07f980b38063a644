import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** True when `name` (a path, or a command looked up on PATH) is an executable file. */
export function hasBinary(name: string): boolean {
  const candidates = name.includes("/") ? [name] : (process.env.PATH ?? "").split(delimiter).filter(Boolean).map((dir) => join(dir, name));
  return candidates.some((file) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * Whether to skip a suite that needs `what`. Locally a missing tool skips with a note; under CI=true
 * it throws, so a CI image that lost a tool fails loudly instead of going green on skipped tests.
 */
export function requireInCi(available: boolean, what: string): boolean {
  if (available) return false;
  if (process.env.CI === "true") throw new Error(`${what} is required when CI=true but was not found`);
  console.warn(`[skip] ${what} not found: skipping the tests that need it (they are required under CI=true)`);
  return true;
}
