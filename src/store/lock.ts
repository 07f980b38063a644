import { hostname } from "node:os";
import { resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Db } from "./db.js";

/**
 * One collecting process per database. The lock is a row taken in a `BEGIN IMMEDIATE`
 * transaction, so the check and the take are atomic across processes. A holder that died without
 * releasing it (SIGKILL, power loss) is detected by its pid on this host, or by a heartbeat older
 * than `staleAfterMs` from another host sharing the file.
 */

export const COLLECT_LOCK = "collect";
/** The daemon lease: one scheduling daemon per database (a manual collect only takes COLLECT_LOCK). */
export const DAEMON_LEASE = "daemon";
const HEARTBEAT_MS = 30_000;
const DEFAULT_STALE_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 500;

export interface LockHolder {
  pid: number;
  hostname: string;
  acquiredAt: string;
  heartbeatAt: string;
  command: string;
}

/** Another live process holds the lock: a runtime condition (exit 1), not a usage error. */
export class LockHeldError extends Error {
  constructor(
    readonly dbPath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `another sageaudit run (pid ${holder.pid} on ${holder.hostname}, ${holder.command}, started ${holder.acquiredAt}) holds the lock on ${dbPath}; use --wait to wait for it`,
    );
    this.name = "LockHeldError";
  }
}

export interface LockOptions {
  command: string;
  now?: () => Date;
  staleAfterMs?: number;
}

/** Whether a process of this host is alive (signal 0 probes without signalling). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readHolder(db: Db, name: string): LockHolder | undefined {
  return db
    .prepare(`SELECT pid, hostname, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt, command FROM locks WHERE name = ?`)
    .get(name) as LockHolder | undefined;
}

/**
 * Database files this process holds the lock on (by path, so every connection of the process
 * agrees). A row with our own pid whose file is not in here is a previous incarnation's: pids are
 * reused, in containers often the very same one.
 */
const heldHere = new Set<string>();
const heldKey = (db: Db, name: string): string => `${name}|${resolve(db.name)}`;

function isLive(db: Db, holder: LockHolder, now: Date, staleAfterMs: number, name: string = COLLECT_LOCK): boolean {
  if (holder.hostname === hostname()) return holder.pid === process.pid ? heldHere.has(heldKey(db, name)) : processAlive(holder.pid);
  return now.getTime() - Date.parse(holder.heartbeatAt) < staleAfterMs;
}

/** The live holder of the collect lock, if any. */
export function lockHolder(db: Db, options: { now?: () => Date; staleAfterMs?: number } = {}): LockHolder | undefined {
  const holder = readHolder(db, COLLECT_LOCK);
  const now = (options.now ?? (() => new Date()))();
  return holder && isLive(db, holder, now, options.staleAfterMs ?? DEFAULT_STALE_MS) ? holder : undefined;
}

/**
 * Marks runs left `running` by a dead process as `incomplete`. Safe to call from any process:
 * while a live process holds the lock, its running run is left alone.
 */
export function recoverInterruptedRuns(db: Db, now: () => Date = () => new Date()): number {
  // Plain reads first: in WAL mode they never wait, so opening the store for a report or `history`
  // while a collector is writing does not queue behind its transaction.
  const running = db.prepare(`SELECT count(*) FROM runs WHERE status = 'running'`).pluck().get() as number;
  if (running === 0 || lockHolder(db, { now })) return 0;
  return db.transaction(() => {
    const holder = lockHolder(db, { now });
    if (holder) return 0;
    const result = db
      .prepare(`UPDATE runs SET status = 'incomplete', finished_at = ?, error = 'interrupted: the collecting process ended before the run was written' WHERE status = 'running'`)
      .run(now().toISOString());
    return result.changes;
  }).immediate();
}

export interface Lock {
  release(): void;
}

function tryAcquire(db: Db, options: LockOptions, name: string = COLLECT_LOCK): LockHolder | Lock {
  const now = options.now ?? (() => new Date());
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_MS;
  const taken = db.transaction(() => {
    const holder = readHolder(db, name);
    const at = now();
    if (holder && isLive(db, holder, at, staleAfterMs, name)) return holder;
    const stamp = at.toISOString();
    db.prepare(
      `INSERT INTO locks (name, pid, hostname, acquired_at, heartbeat_at, command) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET pid = excluded.pid, hostname = excluded.hostname, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at, command = excluded.command`,
    ).run(name, process.pid, hostname(), stamp, stamp, options.command);
    // Whatever was running under a dead collector can never finish now.
    if (name === COLLECT_LOCK) {
      db.prepare(
        `UPDATE runs SET status = 'incomplete', finished_at = ?, error = 'interrupted: the collecting process ended before the run was written' WHERE status = 'running'`,
      ).run(stamp);
    }
    return undefined;
  }).immediate();
  if (taken) return taken;
  heldHere.add(heldKey(db, name));
  const beat = setInterval(() => {
    try {
      db.prepare(`UPDATE locks SET heartbeat_at = ? WHERE name = ? AND pid = ? AND hostname = ?`).run(now().toISOString(), name, process.pid, hostname());
    } catch {
      // A busy database delays one heartbeat; the next one catches up.
    }
  }, HEARTBEAT_MS);
  beat.unref();
  let released = false;
  return {
    release(): void {
      if (released) return;
      released = true;
      clearInterval(beat);
      heldHere.delete(heldKey(db, name));
      db.prepare(`DELETE FROM locks WHERE name = ? AND pid = ? AND hostname = ?`).run(name, process.pid, hostname());
    },
  };
}

/**
 * Takes the collect lock, or throws LockHeldError naming the holder; with `wait`, polls until
 * the holder is gone. `onWait` is told once, so the CLI can say why it is not progressing.
 */
export async function acquireLock(
  db: Db,
  dbPath: string,
  options: LockOptions & { wait?: boolean; pollMs?: number; onWait?: (holder: LockHolder) => void },
): Promise<Lock> {
  let told = false;
  for (;;) {
    const result = tryAcquire(db, options);
    if ("release" in result) return result;
    if (!options.wait) throw new LockHeldError(dbPath, result);
    if (!told) {
      told = true;
      options.onWait?.(result);
    }
    await sleep(options.pollMs ?? DEFAULT_POLL_MS);
  }
}

/** A second daemon on the same database: refused at start, naming the one that runs (exit 1). */
export class DaemonLeaseError extends Error {
  constructor(
    readonly dbPath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `another sageaudit daemon (pid ${holder.pid} on ${holder.hostname}, started ${holder.acquiredAt}, last heartbeat ${holder.heartbeatAt}) already schedules runs on ${dbPath}; stop it first, or point this one at another --db`,
    );
    this.name = "DaemonLeaseError";
  }
}

/**
 * The daemon lease: a row in `locks` naming the daemon (host, pid, start), heartbeated while it
 * runs, taken atomically like the collect lock and judged dead the same way (pid on this host,
 * heartbeat from another). Unlike the collect lock it is held for the daemon's whole life, so a
 * second daemon is refused at start instead of quietly skipping ticks; a manual `collect` does not
 * take it and still queues (--wait) or stops on the collect lock.
 */
export function acquireDaemonLease(db: Db, dbPath: string, options: LockOptions): Lock {
  const result = tryAcquire(db, options, DAEMON_LEASE);
  if ("release" in result) return result;
  throw new DaemonLeaseError(dbPath, result);
}

/**
 * Drops the collect lock this process holds through a connection it can no longer use (a worker
 * thread that was terminated mid-run): same pid, so other processes would otherwise see it alive.
 */
export function releaseOwnCollectLock(db: Db): void {
  db.prepare(`DELETE FROM locks WHERE name = ? AND pid = ? AND hostname = ?`).run(COLLECT_LOCK, process.pid, hostname());
}
