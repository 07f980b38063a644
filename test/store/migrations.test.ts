import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sha256Bytes } from "../../src/evidence/canonical.js";
import { merkleRoot } from "../../src/evidence/merkle.js";
import { sealUnsealedRuns } from "../../src/store/chain.js";
import { migrate, openDb, schemaVersion } from "../../src/store/db.js";
import type { Db } from "../../src/store/db.js";
import { MIGRATIONS } from "../../src/store/migrations.js";
import { loadEvidence, loadFindings, resolveRun, splitEvidence } from "../../src/store/runs.js";
import { verifyStore } from "../../src/store/verify.js";
import { tempDir } from "../helpers/cli.js";
import { estate } from "./helpers.js";

const schemaOf = (db: Db): string[] =>
  (db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`).all() as { type: string; name: string; sql: string }[]).map(
    (r) => `${r.type} ${r.name}: ${r.sql.replace(/\s+/g, " ")}`,
  );

/** A database at schema `version`, as an older sageaudit left it, with one completed run written with that schema. */
function databaseAt(version: number): string {
  const path = join(tempDir(), `v${version}.db`);
  const db = new Database(path);
  migrate(db, MIGRATIONS.slice(0, version));
  const records = estate({ notebooks: 2, open: new Set([0]) });
  db.prepare(
    `INSERT INTO runs (id, started_at, finished_at, status, source, accounts, regions, tool_version, evidence_count, merkle_root)
     VALUES ('r1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z', 'completed', 'test', '[]', '[]', '0.0.1', ?, ?)`,
  ).run(records.length, merkleRoot(records.map((r) => r.sha256)));
  for (const r of records) {
    const { body, contentSha256 } = splitEvidence(r);
    db.prepare(`INSERT OR IGNORE INTO evidence (content_sha256, id, source, operation, account, region, is_gap, body) VALUES (?, ?, ?, ?, ?, ?, 0, ?)`).run(contentSha256, r.id, r.source, r.operation, r.account, r.region, body);
    db.prepare(`INSERT INTO run_evidence VALUES ('r1', ?, ?, ?, ?)`).run(r.id, r.sha256, r.collectedAt, contentSha256);
  }
  // Two findings with the same body: the v5 upgrade stores it once. From v5 on, the body is a row of its own.
  const checks = ["sagemaker.notebook.direct-internet-disabled", "sagemaker.notebook.root-access-disabled"];
  if (version >= 5) {
    const body = db.prepare(`INSERT INTO finding_bodies (sha256, body) VALUES (?, '{"status":"FAIL"}')`).run(sha256Bytes('{"status":"FAIL"}')).lastInsertRowid;
    for (const check of checks) db.prepare(`INSERT INTO findings VALUES ('r1', ?, 'arn:nb-0', 'FAIL', ?)`).run(check, body);
  } else {
    for (const check of checks) db.prepare(`INSERT INTO findings VALUES ('r1', ?, 'arn:nb-0', 'FAIL', '{"status":"FAIL"}')`).run(check);
  }
  if (version >= 4) {
    db.prepare(`INSERT INTO events (event_id, account, region, event_time, event_name, evidence_id) VALUES ('evt-1', '111122223333', 'us-east-1', '2026-01-01T00:00:30.000Z', 'StopLogging', 'ev_page1')`).run();
  } else {
    // Before v4 an event row carried the event as JSON; only its page id was ever read back.
    const event = db.prepare(`INSERT INTO events (event_id, account, region, event_time, event_name, body) VALUES (?, '111122223333', 'us-east-1', '2026-01-01T00:00:30.000Z', 'StopLogging', ?)`);
    event.run("evt-1", JSON.stringify({ eventId: "evt-1", principal: "arn:aws:iam::111122223333:user/alice", sourceIp: "198.51.100.7", evidenceId: "ev_page1" }));
    event.run("evt-2", "{not json");
  }
  db.prepare(`INSERT INTO mappings VALUES ('m1', 'hipaa', 'framework: hipaa')`).run();
  db.prepare(`INSERT INTO framework_runs VALUES ('r1', 'hipaa', 'm1', 50, '2026-01-01T00:02:00.000Z', '[]', '[]')`).run();
  db.prepare(`INSERT INTO control_results VALUES ('r1', 'hipaa', 'c1', 'FAIL', '{}')`).run();
  // From version 2 on, a completed run is sealed into the chain when it is written.
  if (version >= 2) db.transaction(() => sealUnsealedRuns(db, "2026-01-01T00:03:00.000Z"))();
  // A run a crash left behind under the old version.
  db.prepare(`INSERT INTO runs (id, started_at, status, source, accounts, regions, tool_version) VALUES ('r2', '2026-01-02T00:00:00.000Z', 'running', 'test', '[]', '[]', '0.0.1')`).run();
  db.close();
  return path;
}

describe("schema migrations", () => {
  it("creates the current schema from an empty file", () => {
    const db = openDb(join(tempDir(), "new.db"));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(schemaOf(db).join("\n")).toMatch(/table run_chain/);
    db.close();
  });

  it("reopens a current database without changing it", () => {
    const path = join(tempDir(), "again.db");
    const first = openDb(path);
    const schema = schemaOf(first);
    first.close();
    const second = openDb(path);
    expect(schemaOf(second)).toEqual(schema);
    second.close();
  });

  // Every earlier version (1 … current-1) must upgrade to exactly the schema a fresh database gets.
  const earlier = Array.from({ length: MIGRATIONS.length - 1 }, (_, i) => i + 1);
  it.each(earlier)("upgrades a version %i database with its history intact", (version) => {
    const fresh = openDb(join(tempDir(), "fresh.db"));
    const expected = schemaOf(fresh);
    fresh.close();

    const db = openDb(databaseAt(version));
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(schemaOf(db)).toEqual(expected);
    expect(resolveRun(db, "latest")?.id).toBe("r1");
    expect(loadFindings(db, "r1")).toEqual([{ status: "FAIL" }, { status: "FAIL" }]);
    expect(db.prepare(`SELECT count(*) FROM finding_bodies`).pluck().get()).toBe(1);
    // The (check, resource) text is kept once, in finding_subjects, named by both rows.
    expect(db.prepare(`SELECT check_id, resource_arn FROM finding_subjects ORDER BY check_id`).raw().all()).toEqual([
      ["sagemaker.notebook.direct-internet-disabled", "arn:nb-0"],
      ["sagemaker.notebook.root-access-disabled", "arn:nb-0"],
    ]);
    expect(loadEvidence(db, "r1")).toHaveLength(estate({ notebooks: 2 }).length);
    // Runs written before the chain existed are sealed on upgrade, so the store verifies.
    expect(verifyStore(db).problems).toEqual([]);
    // Events keep their page id and nothing else of the event; a row without one is dropped.
    expect(db.prepare(`SELECT * FROM events`).all()).toEqual([
      { event_id: "evt-1", account: "111122223333", region: "us-east-1", event_time: "2026-01-01T00:00:30.000Z", event_name: "StopLogging", evidence_id: "ev_page1" },
    ]);
    // And the crashed run is recognised as such.
    expect((db.prepare(`SELECT status FROM runs WHERE id = 'r2'`).get() as { status: string }).status).toBe("incomplete");
    db.close();
  });

  it("refuses a database written by a newer sageaudit", () => {
    const path = join(tempDir(), "future.db");
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();
    expect(() => openDb(path)).toThrow(/newer than this sageaudit supports/);
  });
});
