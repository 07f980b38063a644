import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { recoverInterruptedRuns } from "./lock.js";
import { MIGRATIONS } from "./migrations.js";
import type { Migration } from "./migrations.js";

export type Db = Database.Database;


/**
 * Opens (creating if needed) and migrates the store, then marks runs that a killed process left
 * `running` as `incomplete`. WAL keeps readers (reports) unblocked while a run is written and makes
 * every committed transaction survive a crash; busy_timeout lets short writes queue instead of failing.
 */
export function openDb(path: string, options: { migrations?: readonly Migration[] } = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma("busy_timeout = 10000");
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    // NORMAL in WAL mode may lose the last commits on power loss but never corrupts; FULL makes each
    // committed run durable, which an audit trail wants more than write speed.
    db.pragma("synchronous = FULL");
    // Deleted content is overwritten, not left in free pages: evidence re-redacted under a new
    // policy (src/store/redaction.ts) must not survive in the file's unused space.
    db.pragma("secure_delete = ON");
    migrate(db, options.migrations ?? MIGRATIONS);
    recoverInterruptedRuns(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma("user_version", { simple: true }) as number;
}

export function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): void {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new Error(`database schema version ${current} is newer than this sageaudit supports (${migrations.length}); upgrade the tool`);
  }
  for (let version = current; version < migrations.length; version++) {
    const step = migrations[version] as Migration;
    // IMMEDIATE: two processes opening an old database at once must not both migrate it.
    db.transaction(() => {
      if (schemaVersion(db) !== version) return;
      db.exec(step.sql);
      step.up?.(db);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}
