import type { Db } from "./db.js";
import { chainHash, controlsDigest, findingsDigest, GENESIS_HASH, runDigest } from "./digest.js";
import type { ChainEntry, ControlRow, FindingRow, FrameworkRunRow, RunHeader } from "./digest.js";

/** Row readers shared by the writers (sealing) and by `verify --db` (re-hashing). */
export function findingRows(db: Db, runId: string): FindingRow[] {
  // Migration v2 seals the runs of an older database while its findings still carry their bodies
  // inline; v5 moved the bodies to finding_bodies and v6 the (check, resource) text to
  // finding_subjects (src/store/migrations.ts). The rows read the same text either way.
  const version = db.pragma("user_version", { simple: true }) as number;
  const sql =
    version < FINDING_BODIES_VERSION
      ? `SELECT check_id AS checkId, resource_arn AS resourceArn, status, body FROM findings WHERE run_id = ?`
      : version < FINDING_SUBJECTS_VERSION
        ? `SELECT f.check_id AS checkId, f.resource_arn AS resourceArn, f.status, b.body FROM findings f JOIN finding_bodies b ON b.id = f.body_id WHERE f.run_id = ?`
        : `SELECT s.check_id AS checkId, s.resource_arn AS resourceArn, f.status, b.body FROM findings f
           JOIN finding_subjects s ON s.id = f.subject_id JOIN finding_bodies b ON b.id = f.body_id WHERE f.run_id = ?`;
  return db.prepare(sql).all(runId) as FindingRow[];
}

/** The schema versions whose migrations moved finding bodies, then finding subjects, into their own tables. */
const FINDING_BODIES_VERSION = 5;
const FINDING_SUBJECTS_VERSION = 6;

export function runHeader(db: Db, runId: string): RunHeader | undefined {
  return db
    .prepare(
      `SELECT id, started_at AS startedAt, finished_at AS finishedAt, status, source, accounts, regions, tool_version AS toolVersion,
              evidence_count AS evidenceCount, merkle_root AS merkleRoot, api_calls AS apiCalls, gaps FROM runs WHERE id = ?`,
    )
    .get(runId) as RunHeader | undefined;
}

export function frameworkRunRow(db: Db, runId: string, framework: string): FrameworkRunRow | undefined {
  return db
    .prepare(
      `SELECT framework, mapping_sha256 AS mappingSha256, score, evaluated_at AS evaluatedAt, waivers, attestations
       FROM framework_runs WHERE run_id = ? AND framework = ?`,
    )
    .get(runId, framework) as FrameworkRunRow | undefined;
}

export function controlRows(db: Db, runId: string, framework: string): ControlRow[] {
  return db
    .prepare(`SELECT control_id AS controlId, status, body FROM control_results WHERE run_id = ? AND framework = ?`)
    .all(runId, framework) as ControlRow[];
}

export interface StoredChainEntry extends ChainEntry {
  seq: number;
  prevHash: string;
  chainHash: string;
}

export function chainEntries(db: Db): StoredChainEntry[] {
  return db
    .prepare(
      `SELECT seq, kind, run_id AS runId, framework, merkle_root AS merkleRoot, findings_digest AS findingsDigest,
              controls_digest AS controlsDigest, detail, created_at AS createdAt, prev_hash AS prevHash, chain_hash AS chainHash
       FROM run_chain ORDER BY seq`,
    )
    .all() as StoredChainEntry[];
}

/**
 * Appends a link. Must run inside the caller's write transaction: the tail is read and extended
 * atomically, so two writers can never fork the chain.
 */
export function appendChainEntry(db: Db, entry: ChainEntry): string {
  if (!db.inTransaction) throw new Error("appendChainEntry must run inside a transaction");
  const tail = db.prepare(`SELECT chain_hash FROM run_chain ORDER BY seq DESC LIMIT 1`).get() as { chain_hash: string } | undefined;
  const prev = tail?.chain_hash ?? GENESIS_HASH;
  const hash = chainHash(prev, entry);
  db.prepare(
    `INSERT INTO run_chain (kind, run_id, framework, merkle_root, findings_digest, controls_digest, detail, created_at, prev_hash, chain_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(entry.kind, entry.runId, entry.framework, entry.merkleRoot, entry.findingsDigest, entry.controlsDigest, entry.detail, entry.createdAt, prev, hash);
  return hash;
}

/** Seals a run's row, evidence root and findings as stored. Inside the transaction that completes the run. */
/** `findingsDigestOfRun`: the digest of the rows the writer has just inserted, so the run is not read back to be sealed. */
export function sealRun(db: Db, runId: string, merkleRoot: string, at: string, findingsDigestOfRun?: string): string {
  const header = runHeader(db, runId);
  if (!header) throw new Error(`run ${runId} does not exist`);
  return appendChainEntry(db, {
    kind: "run",
    runId,
    framework: null,
    merkleRoot,
    findingsDigest: findingsDigestOfRun ?? findingsDigest(findingRows(db, runId)),
    controlsDigest: null,
    detail: runDigest(header),
    createdAt: at,
  });
}

/** Current digest of one framework's stored results for a run, or undefined if none are stored. */
export function storedControlsDigest(db: Db, runId: string, framework: string): string | undefined {
  const header = frameworkRunRow(db, runId, framework);
  return header && controlsDigest(header, controlRows(db, runId, framework));
}

/** The digest the chain holds for a framework's results of a run (latest link wins). */
export function sealedControlsDigest(db: Db, runId: string, framework: string): string | undefined {
  const row = db
    .prepare(`SELECT controls_digest FROM run_chain WHERE kind = 'controls' AND run_id = ? AND framework = ? ORDER BY seq DESC LIMIT 1`)
    .get(runId, framework) as { controls_digest: string } | undefined;
  return row?.controls_digest;
}

export function sealControls(db: Db, runId: string, framework: string, at: string, written?: { header: FrameworkRunRow; rows: readonly ControlRow[] }): string {
  const digest = written ? controlsDigest(written.header, written.rows) : storedControlsDigest(db, runId, framework);
  if (digest === undefined) throw new Error(`no ${framework} results stored for run ${runId}`);
  return appendChainEntry(db, { kind: "controls", runId, framework, merkleRoot: null, findingsDigest: null, controlsDigest: digest, detail: null, createdAt: at });
}

/**
 * Seals completed runs and framework results that have no link yet, oldest first. Used by the
 * migration that introduced the chain (history written before it existed).
 */
export function sealUnsealedRuns(db: Db, at: string): void {
  const runs = db
    .prepare(
      `SELECT id, merkle_root FROM runs WHERE status IN ('completed','completed_with_gaps')
       AND id NOT IN (SELECT run_id FROM run_chain WHERE kind = 'run') ORDER BY started_at, id`,
    )
    .all() as { id: string; merkle_root: string | null }[];
  for (const run of runs) {
    sealRun(db, run.id, run.merkle_root ?? "", at);
    const frameworks = db.prepare(`SELECT framework FROM framework_runs WHERE run_id = ? ORDER BY framework`).all(run.id) as { framework: string }[];
    for (const f of frameworks) sealControls(db, run.id, f.framework, at);
  }
}
