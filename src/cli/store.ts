import { accessSync, constants, existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import type { LockHolder } from "../store/lock.js";
import { resolveRun } from "../store/runs.js";
import type { RunRow } from "../store/runs.js";
import { writeErr } from "./terminal.js";

/**
 * Opens a store that must already exist: reading commands never create an empty database by
 * accident. `readonly` (history, diff, verify --db): opened read-only, so they work on a read-only
 * file even when it holds a run a killed process left `running`.
 */
export function openExistingDb(path: string, options: { readonly?: boolean } = {}): Db {
  if (path !== ":memory:" && !existsSync(path)) throw new UsageError(`no sageaudit database at ${path} (use --db FILE, or run "sageaudit collect" first)`);
  return openDb(path, { readonly: Boolean(options.readonly) });
}

/** Whether this process may write the database file (and its directory, for the WAL files). */
export function canWrite(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(resolve(path)), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** `latest`, `previous` or a run id, as every command that takes a run accepts it. */
export function resolveRunRef(db: Db, ref: string, dbPath: string): RunRow {
  const run = resolveRun(db, ref);
  if (!run) throw new UsageError(`no completed run "${ref}" in ${dbPath} (incomplete, failed and running runs are never read)`);
  return run;
}

export function sayWaiting(holder: LockHolder): void {
  writeErr(`sageaudit: waiting for the lock held by pid ${holder.pid} on ${holder.hostname} (${holder.command}, started ${holder.acquiredAt})\n`);
}
