import { existsSync } from "node:fs";
import { UsageError } from "../errors.js";
import { openDb } from "../store/db.js";
import type { Db } from "../store/db.js";
import type { LockHolder } from "../store/lock.js";
import { resolveRun } from "../store/runs.js";
import type { RunRow } from "../store/runs.js";

/** Opens a store that must already exist: reading commands never create an empty database by accident. */
export function openExistingDb(path: string): Db {
  if (path !== ":memory:" && !existsSync(path)) throw new UsageError(`no sageaudit database at ${path} (use --db FILE, or run "sageaudit collect" first)`);
  return openDb(path);
}

/** `latest`, `previous` or a run id, as every command that takes a run accepts it. */
export function resolveRunRef(db: Db, ref: string, dbPath: string): RunRow {
  const run = resolveRun(db, ref);
  if (!run) throw new UsageError(`no completed run "${ref}" in ${dbPath} (incomplete, failed and running runs are never read)`);
  return run;
}

export function sayWaiting(holder: LockHolder): void {
  process.stderr.write(`sageaudit: waiting for the lock held by pid ${holder.pid} on ${holder.hostname} (${holder.command}, started ${holder.acquiredAt})\n`);
}
