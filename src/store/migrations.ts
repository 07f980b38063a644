/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many have run.
 * Never edit a released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    id            TEXT PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    status        TEXT NOT NULL CHECK (status IN ('running','completed','completed_with_gaps','failed','incomplete')),
    source        TEXT NOT NULL,
    accounts      TEXT NOT NULL,
    regions       TEXT NOT NULL,
    tool_version  TEXT NOT NULL,
    evidence_count INTEGER NOT NULL DEFAULT 0,
    merkle_root   TEXT,
    api_calls     TEXT NOT NULL DEFAULT '{}',
    gaps          TEXT NOT NULL DEFAULT '[]',
    error         TEXT
  );
  CREATE INDEX runs_started ON runs (started_at);

  -- Content-addressed: identical evidence in many runs is stored once.
  CREATE TABLE evidence (
    sha256     TEXT PRIMARY KEY,
    id         TEXT NOT NULL,
    source     TEXT NOT NULL,
    operation  TEXT NOT NULL,
    account    TEXT NOT NULL,
    region     TEXT NOT NULL,
    is_gap     INTEGER NOT NULL,
    body       TEXT NOT NULL
  );
  CREATE TABLE run_evidence (
    run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    sha256  TEXT NOT NULL REFERENCES evidence (sha256),
    PRIMARY KEY (run_id, sha256)
  ) WITHOUT ROWID;
  CREATE INDEX run_evidence_sha ON run_evidence (sha256);

  CREATE TABLE resources (
    arn         TEXT PRIMARY KEY,
    type        TEXT NOT NULL,
    account     TEXT NOT NULL,
    region      TEXT NOT NULL,
    name        TEXT NOT NULL,
    first_seen_run TEXT NOT NULL,
    last_seen_run  TEXT NOT NULL
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

  CREATE TABLE framework_runs (
    run_id          TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    framework       TEXT NOT NULL,
    mapping_sha256  TEXT NOT NULL,
    score           REAL NOT NULL,
    evaluated_at    TEXT NOT NULL,
    waivers         TEXT NOT NULL,
    attestations    TEXT NOT NULL,
    PRIMARY KEY (run_id, framework)
  ) WITHOUT ROWID;
  CREATE TABLE mappings (
    sha256  TEXT PRIMARY KEY,
    framework TEXT NOT NULL,
    source  TEXT NOT NULL
  );

  CREATE TABLE control_results (
    run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    framework   TEXT NOT NULL,
    control_id  TEXT NOT NULL,
    status      TEXT NOT NULL,
    body        TEXT NOT NULL,
    PRIMARY KEY (run_id, framework, control_id)
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
    account  TEXT NOT NULL,
    region   TEXT NOT NULL,
    stream   TEXT NOT NULL,
    value    TEXT NOT NULL,
    PRIMARY KEY (account, region, stream)
  ) WITHOUT ROWID;
  `,
];
