import { accessSync, constants, readdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { processAlive } from "../store/lock.js";

/**
 * A name that becomes part of a file name (framework id, run id read back from the database):
 * anything but letters, digits, `.`, `_` and `-` becomes `_`, and it cannot start with a dot, so
 * `../../etc/x` or `a/b` from a tampered store or a hostile mapping file name stays inside `--out`.
 */
export function safeFileComponent(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_").slice(0, 200);
  return safe === "" ? "_" : safe;
}

/**
 * `--out` must be a writable directory, or creatable under the nearest existing ancestor; checked
 * before anything is collected or stored, so a bad path costs nothing (exit 2).
 */
export function validateOutDir(dir: string, flag = "--out"): void {
  let probe = resolve(dir);
  for (;;) {
    let stat;
    try {
      stat = statSync(probe, { throwIfNoEntry: false });
    } catch (error) {
      // ENOTDIR: an ancestor is a file; the loop reaches it and says so.
      if ((error as NodeJS.ErrnoException).code !== "ENOTDIR") throw error;
    }
    if (stat) {
      if (!stat.isDirectory()) {
        throw new UsageError(
          probe === resolve(dir) ? `${flag} ${dir}: exists and is not a directory` : `${flag} ${dir}: cannot be created, ${probe} is not a directory`,
        );
      }
      try {
        accessSync(probe, constants.W_OK | constants.X_OK);
      } catch {
        throw new UsageError(`${flag} ${dir}: ${probe === resolve(dir) ? "is not writable" : `cannot be created, ${probe} is not writable`}`);
      }
      return;
    }
    const parent = dirname(probe);
    if (parent === probe) throw new UsageError(`${flag} ${dir}: no existing parent directory`);
    probe = parent;
  }
}

/** Temp files a report writer leaves next to its target: `<file>.tmp-<pid>`. */
const TEMP = /\.(pdf|html|json|csv)\.tmp-(\d+)$/;


/**
 * Removes report temp files of processes that are gone (killed mid-write, full disk): swept at
 * start so `--out` never accumulates them. A temp file of a live other process is its business;
 * one with this process's own pid is a previous incarnation's (containers reuse pids), since
 * this process has not written any yet. Returns the removed paths.
 */
export function sweepStaleTemps(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const match = TEMP.exec(name);
    if (!match) continue;
    const pid = Number(match[2]);
    if (pid !== process.pid && processAlive(pid)) continue;
    const path = join(dir, name);
    rmSync(path, { force: true });
    removed.push(path);
  }
  return removed;
}

/** Removes this process's temp files for the given targets (after a failed or aborted write). */
export function removeOwnTemps(paths: readonly string[]): void {
  for (const path of paths) rmSync(`${path}.tmp-${process.pid}`, { force: true });
}

/** The report files in `dir` that have a temp file of this process next to them. */
export function ownTempTargets(dir: string): string[] {
  const suffix = `.tmp-${process.pid}`;
  try {
    return readdirSync(dir).filter((n) => n.endsWith(suffix)).map((n) => join(dir, n.slice(0, -suffix.length)));
  } catch {
    return [];
  }
}
