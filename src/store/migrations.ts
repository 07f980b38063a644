import { sha256Bytes } from "../evidence/canonical.js";
import { DEFAULT_REDACTION } from "../evidence/redact.js";
import { sealUnsealedRuns } from "./chain.js";
import type { Db } from "./db.js";
import { reRedactStore } from "./redaction.js";

/**
 * One schema step. SQL for shape changes; `up` for steps that must compute something SQLite
 * cannot (hashes), run in the same transaction right after the SQL.
 */
export interface Migration {
  sql: string;
  up?: (db: Db) => void;
}

/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a released migration: append a new one.
 *
 * Evidence storage. An EvidenceRecord's sha256 covers `collectedAt`, so a live collection of an
 * unchanged API answer yields a new record hash on every run. Keyed by that hash, the store would
 * grow with the number of runs. So the heavy part is split off:
 *   - `evidence` holds the record *content* — the canonical JSON of the record without
 *     `collectedAt` and `sha256` — keyed by `content_sha256`, the SHA-256 of that JSON. One row per
 *     distinct API answer, shared by every run that saw it: the table grows with change only.
 *   - `run_evidence` is the thin per-run row: evidence id, `collected_at` and the record's own
 *     `sha256`. Content + collected_at rebuild the record exactly (same canonical JSON, same hash),
 *     which `verify --db` checks.
 * Replayed snapshots have fixed `collectedAt`, so there even the record hashes repeat.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    sql: `
  CREATE TABLE runs (
    id             TEXT PRIMARY KEY,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    status         TEXT NOT NULL CHECK (status IN ('running','completed','completed_with_gaps','failed','incomplete')),
    source         TEXT NOT NULL,
    accounts       TEXT NOT NULL,
    regions        TEXT NOT NULL,
    tool_version   TEXT NOT NULL,
    pid            INTEGER,
    hostname       TEXT,
    evidence_count INTEGER NOT NULL DEFAULT 0,
    merkle_root    TEXT,
    api_calls      TEXT NOT NULL DEFAULT '{}',
    gaps           TEXT NOT NULL DEFAULT '[]',
    error          TEXT
  );
  CREATE INDEX runs_started ON runs (started_at, id);
  CREATE INDEX runs_status ON runs (status);

  CREATE TABLE evidence (
    content_sha256 TEXT PRIMARY KEY,
    id             TEXT NOT NULL,
    source         TEXT NOT NULL,
    operation      TEXT NOT NULL,
    account        TEXT NOT NULL,
    region         TEXT NOT NULL,
    is_gap         INTEGER NOT NULL,
    body           TEXT NOT NULL
  );
  CREATE INDEX evidence_id ON evidence (id);

  CREATE TABLE run_evidence (
    run_id         TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    evidence_id    TEXT NOT NULL,
    sha256         TEXT NOT NULL,
    collected_at   TEXT NOT NULL,
    content_sha256 TEXT NOT NULL REFERENCES evidence (content_sha256),
    PRIMARY KEY (run_id, evidence_id)
  ) WITHOUT ROWID;
  CREATE INDEX run_evidence_content ON run_evidence (content_sha256);
  CREATE INDEX run_evidence_id ON run_evidence (evidence_id);

  CREATE TABLE resources (
    arn            TEXT PRIMARY KEY,
    type           TEXT NOT NULL,
    account        TEXT NOT NULL,
    region         TEXT NOT NULL,
    name           TEXT NOT NULL,
    first_seen_run TEXT NOT NULL,
    first_seen_at  TEXT NOT NULL,
    last_seen_run  TEXT NOT NULL,
    last_seen_at   TEXT NOT NULL
  );

  CREATE TABLE findings (
    run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    check_id      TEXT NOT NULL,
    resource_arn  TEXT NOT NULL,
    status        TEXT NOT NULL,
    body          TEXT NOT NULL,
    PRIMARY KEY (run_id, check_id, resource_arn)
  ) WITHOUT ROWID;
  CREATE INDEX findings_key ON findings (check_id, resource_arn);

  CREATE TABLE mappings (
    sha256    TEXT PRIMARY KEY,
    framework TEXT NOT NULL,
    source    TEXT NOT NULL
  );
  CREATE TABLE framework_runs (
    run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    framework       TEXT NOT NULL,
    mapping_sha256  TEXT NOT NULL REFERENCES mappings (sha256),
    score           REAL NOT NULL,
    evaluated_at    TEXT NOT NULL,
    waivers         TEXT NOT NULL,
    attestations    TEXT NOT NULL,
    PRIMARY KEY (run_id, framework)
  ) WITHOUT ROWID;

  CREATE TABLE control_results (
    run_id      TEXT NOT NULL,
    framework   TEXT NOT NULL,
    control_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (run_id, framework, control_id),
    FOREIGN KEY (run_id, framework) REFERENCES framework_runs (run_id, framework) ON DELETE CASCADE
  ) WITHOUT ROWID;

  CREATE TABLE events (
    event_id    TEXT PRIMARY KEY,
    account     TEXT NOT NULL,
    region      TEXT NOT NULL,
    event_time  TEXT NOT NULL,
    event_name  TEXT NOT NULL,
    body        TEXT NOT NULL
  );
  CREATE INDEX events_time ON events (account, region, event_time);

  CREATE TABLE cursors (
    account    TEXT NOT NULL,
    region     TEXT NOT NULL,
    stream     TEXT NOT NULL,
    value      TEXT NOT NULL,
    run_id     TEXT NOT NULL,
    PRIMARY KEY (account, region, stream)
  ) WITHOUT ROWID;
  `,
  },
  {
    // v2: tamper-evident history and the collector lock. Runs completed under v1 are sealed into
    // the chain at upgrade time, in run order: the chain vouches for them from then on.
    sql: `
  CREATE TABLE run_chain (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('run','controls','prune')),
    run_id          TEXT,
    framework       TEXT,
    merkle_root     TEXT,
    findings_digest TEXT,
    controls_digest TEXT,
    detail          TEXT,
    created_at      TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    chain_hash      TEXT NOT NULL UNIQUE
  );
  CREATE INDEX run_chain_run ON run_chain (run_id, kind);

  CREATE TABLE locks (
    name         TEXT PRIMARY KEY,
    pid          INTEGER NOT NULL,
    hostname     TEXT NOT NULL,
    acquired_at  TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    command      TEXT NOT NULL
  );
  `,
    up: (db) => sealUnsealedRuns(db, new Date().toISOString()),
  },
  {
    // v3: the redaction policy each evidence row was redacted under (NULL: before fingerprints),
    // and `redact` chain links (src/store/redaction.ts). The run_chain table is rebuilt because
    // SQLite cannot alter a CHECK constraint; its rows are copied unchanged, so every hash stays.
    // Evidence stored by earlier versions is then re-redacted under the built-in rules at once:
    // an upgrade never leaves secrets that the new rules would have removed in the store.
    sql: `
  ALTER TABLE evidence ADD COLUMN redaction TEXT;
  CREATE INDEX evidence_redaction ON evidence (redaction);

  CREATE TABLE run_chain_v3 (
    seq             INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('run','controls','prune','redact')),
    run_id          TEXT,
    framework       TEXT,
    merkle_root     TEXT,
    findings_digest TEXT,
    controls_digest TEXT,
    detail          TEXT,
    created_at      TEXT NOT NULL,
    prev_hash       TEXT NOT NULL,
    chain_hash      TEXT NOT NULL UNIQUE
  );
  INSERT INTO run_chain_v3 (seq, kind, run_id, framework, merkle_root, findings_digest, controls_digest, detail, created_at, prev_hash, chain_hash)
    SELECT seq, kind, run_id, framework, merkle_root, findings_digest, controls_digest, detail, created_at, prev_hash, chain_hash FROM run_chain;
  DROP TABLE run_chain;
  ALTER TABLE run_chain_v3 RENAME TO run_chain;
  CREATE INDEX run_chain_run ON run_chain (run_id, kind);
  `,
    up: (db) => {
      reRedactStore(db, DEFAULT_REDACTION, new Date().toISOString());
    },
  },
  {
    // v4: an event row keeps the evidence page it was first read from as a column, no longer a
    // JSON copy of the event. The copy was read for nothing but that id, cost a serialisation and a
    // write per event (100,000 a run at scale), and held principals and source addresses outside
    // the evidence table, where a later redaction pass (src/store/redaction.ts) never reached them:
    // the event is in its page, redacted with it. Rows without a page id cannot be found from a
    // run and are dropped. `findings_key` indexed findings by (check, resource) across runs, which
    // no query reads; every finding paid for it.
    sql: `
  CREATE TABLE events_v4 (
    event_id    TEXT PRIMARY KEY,
    account     TEXT NOT NULL,
    region      TEXT NOT NULL,
    event_time  TEXT NOT NULL,
    event_name  TEXT NOT NULL,
    evidence_id TEXT NOT NULL
  );
  INSERT INTO events_v4 (event_id, account, region, event_time, event_name, evidence_id)
    SELECT event_id, account, region, event_time, event_name, json_extract(body, '$.evidenceId') FROM events
    WHERE json_valid(body) AND json_type(body, '$.evidenceId') = 'text';
  DROP TABLE events;
  ALTER TABLE events_v4 RENAME TO events;
  CREATE INDEX events_time ON events (account, region, event_time);
  DROP INDEX findings_key;
  `,
  },
  {
    // v5: finding bodies move out of the runs' finding rows. A finding's JSON (check, resource,
    // verdict, reason, evidence ids) is the same from run to run while its resource is unchanged, yet
    // every run wrote it again: at 20,000 training jobs that was 91 MB a run, 86% of the database.
    // A run's row now names its body by id; a run reuses the body of the previous run's finding
    // for the same check and resource when it is the same (its sha256 says so), and writes a new
    // one otherwise (src/store/runs.ts). The sha256 is not indexed: a unique index made every new
    // body a random B-tree insert, 25% on a first run's store, to catch the rare body that comes
    // back after a change. The upgrade dedupes the copied bodies through a temporary index.
    // Bodies are copied unchanged, so the sealed findings digests (which hash the body text) still
    // verify. No foreign key from findings to bodies: SQLite would scan the (unindexed) findings
    // for every body retention deletes; the digest catches a missing or edited body instead.
    sql: `
  CREATE TABLE finding_bodies (
    id     INTEGER PRIMARY KEY,
    sha256 BLOB NOT NULL,
    body   TEXT NOT NULL
  );
  CREATE TABLE findings_v5 (
    run_id        TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    check_id      TEXT NOT NULL,
    resource_arn  TEXT NOT NULL,
    status        TEXT NOT NULL,
    body_id       INTEGER NOT NULL,
    PRIMARY KEY (run_id, check_id, resource_arn)
  ) WITHOUT ROWID;
  `,
    up: (db) => {
      // SQLite has no SHA-256 of its own: the step lends it ours for the copy.
      db.function("sageaudit_sha256", { deterministic: true }, (text: unknown) => sha256Bytes(String(text)));
      db.exec(`
  CREATE UNIQUE INDEX finding_bodies_upgrade ON finding_bodies (sha256);
  INSERT OR IGNORE INTO finding_bodies (sha256, body) SELECT sageaudit_sha256(body), body FROM findings;
  INSERT INTO findings_v5 (run_id, check_id, resource_arn, status, body_id)
    SELECT f.run_id, f.check_id, f.resource_arn, f.status, b.id FROM findings f JOIN finding_bodies b ON b.sha256 = sageaudit_sha256(f.body);
  DROP INDEX finding_bodies_upgrade;
  DROP TABLE findings;
  ALTER TABLE findings_v5 RENAME TO findings;
      `);
    },
  },
  {
    // v6: a finding row names its (check, resource) subject by an integer id. Every run wrote the
    // check id and the resource ARN as text in every row (and in the primary key's B-tree): at
    // 500,000 training jobs, 3.5 million rows and 781 MiB of store a run. A subject is written once,
    // when it is first seen; retention drops the subjects no finding names any more. The rows'
    // text is unchanged (a join gives it back), so the sealed findings digests still verify.
    sql: `
  CREATE TABLE finding_subjects (
    id           INTEGER PRIMARY KEY,
    check_id     TEXT NOT NULL,
    resource_arn TEXT NOT NULL,
    UNIQUE (check_id, resource_arn)
  );
  INSERT INTO finding_subjects (check_id, resource_arn) SELECT DISTINCT check_id, resource_arn FROM findings ORDER BY check_id, resource_arn;
  CREATE TABLE findings_v6 (
    run_id     TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    subject_id INTEGER NOT NULL,
    status     TEXT NOT NULL,
    body_id    INTEGER NOT NULL,
    PRIMARY KEY (run_id, subject_id)
  ) WITHOUT ROWID;
  INSERT INTO findings_v6 (run_id, subject_id, status, body_id)
    SELECT f.run_id, s.id, f.status, f.body_id FROM findings f JOIN finding_subjects s ON s.check_id = f.check_id AND s.resource_arn = f.resource_arn;
  DROP TABLE findings;
  ALTER TABLE findings_v6 RENAME TO findings;
  `,
  },
];
