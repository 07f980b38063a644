import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { UsageError } from "../errors.js";
import { recoverInterruptedRuns } from "./lock.js";
import { MIGRATIONS } from "./migrations.js";
import type { Migration } from "./migrations.js";

export type Db = Database.Database;


/**
 * Opens (creating if needed) and migrates the store, then marks runs that a killed process left
 * `running` as `incomplete`. WAL keeps readers (reports) unblocked while a run is written and makes
 * every committed transaction survive a crash; busy_timeout lets short writes queue instead of failing.
 */
export function openDb(path: string, options: { migrations?: readonly Migration[]; readonly?: boolean } = {}): Db {
  if (options.readonly) return openReadOnly(path, options.migrations ?? MIGRATIONS);
  if (path !== ":memory:") {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`database ${path} is a directory, not a SQLite file`);
    mkdirSync(dirname(path), { recursive: true });
  }
  let db: Db;
  try {
    db = new Database(path);
  } catch (error) {
    throw storeError(path, error);
  }
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
    throw storeError(path, error);
  }
}

/** SQLite result codes that mean "this file is not a usable sageaudit store": bad input, exit 2. */
const NOT_A_STORE = new Set(["SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_READONLY_DBMOVED", "SQLITE_IOERR_SHORT_READ"]);

/** Names the database file in SQLite's errors, which never do ("file is not a database"). */
function storeError(path: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  if (typeof code !== "string" || !NOT_A_STORE.has(code)) return error;
  const message = (error as Error).message;
  if (code === "SQLITE_READONLY" || code === "SQLITE_READONLY_DBMOVED") {
    return new UsageError(`database ${path} is read-only (${message}); commands that only read (history, diff, verify --db, report --run) work on it`);
  }
  return new UsageError(`database ${path} cannot be used: ${message} (${code}); is it a sageaudit database?`);
}

/**
 * Read-only access for commands that only read: no migration, no repair of interrupted runs (a
 * run another process left `running` is simply not readable), nothing written, so it works on a
 * file or volume mounted read-only. The schema must be the current one.
 */
function openReadOnly(path: string, migrations: readonly Migration[]): Db {
  let db: Db;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw storeError(path, error);
  }
  try {
    db.pragma("busy_timeout = 10000");
    const version = schemaVersion(db);
    if (version === 0) throw new UsageError(`database ${path} is not a sageaudit database (it has no sageaudit schema)`);
    if (version > migrations.length) {
      throw new UsageError(`database ${path} has schema version ${version}, newer than this sageaudit supports (${migrations.length}); upgrade the tool`);
    }
    if (version < migrations.length) {
      throw new UsageError(`database ${path} has schema version ${version}; open it once with a writing command (sageaudit collect) to upgrade it to ${migrations.length}`);
    }
    return db;
  } catch (error) {
    db.close();
    throw storeError(path, error);
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
