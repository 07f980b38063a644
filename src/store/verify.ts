import { sha256Hex } from "../evidence/canonical.js";
import { merkleRoot } from "../evidence/merkle.js";
import { hashEvidence } from "../evidence/record.js";
import { chainEntries, findingRows, runHeader, storedControlsDigest } from "./chain.js";
import type { StoredChainEntry } from "./chain.js";
import type { Db } from "./db.js";
import { chainHash, findingsDigestMatches, GENESIS_HASH, runDigest } from "./digest.js";
import { redactionOverrides } from "./redaction.js";
import { joinEvidence } from "./runs.js";

export interface StoreProblem {
  runId: string | null;
  framework?: string;
  /** Chain link the problem was found at, when there is one. */
  seq?: number;
  reason: string;
}

export interface StoreVerification {
  ok: boolean;
  links: number;
  runsVerified: number;
  runsPruned: number;
  /** `redact` links: times stored evidence was re-redacted under a new redaction policy. */
  reRedactions: number;
  /** Hash of the last link: record it elsewhere to detect truncation of the newest history. */
  head: string;
  problems: StoreProblem[];
}

interface RunInfo {
  id: string;
  status: string;
  started_at: string;
  merkle_root: string | null;
  evidence_count: number;
}

const SEALABLE = new Set(["completed", "completed_with_gaps"]);

/**
 * Walks the hash chain of a store and re-hashes every row it vouches for: each run's evidence
 * (content hash, record hash, Merkle root), findings and per-framework control results. Problems
 * come ordered by run start, so the first one names the earliest run whose rows no longer match.
 */
export function verifyStore(db: Db): StoreVerification {
  const entries = chainEntries(db);
  const runs = new Map((db.prepare(`SELECT id, status, started_at, merkle_root, evidence_count FROM runs`).all() as RunInfo[]).map((r) => [r.id, r]));
  const problems: (StoreProblem & { order: string })[] = [];
  const orderOf = (runId: string | null, fallback: string): string => (runId && runs.get(runId)?.started_at) ?? fallback;
  const report = (p: StoreProblem, fallback: string): void => {
    problems.push({ ...p, order: orderOf(p.runId, fallback) });
  };

  // 1. The links themselves.
  let prev = GENESIS_HASH;
  for (const e of entries) {
    if (e.prevHash !== prev) report({ runId: e.runId, seq: e.seq, reason: `chain link ${e.seq} does not follow the link before it (a link was removed, inserted or altered)` }, e.createdAt);
    else if (chainHash(e.prevHash, e) !== e.chainHash) report({ runId: e.runId, seq: e.seq, reason: `chain link ${e.seq} (${e.kind}) was altered: its fields no longer hash to its chain hash` }, e.createdAt);
    prev = e.chainHash;
  }

  const pruned = new Set<string>();
  for (const e of entries) if (e.kind === "prune" && e.detail) for (const id of JSON.parse(e.detail) as string[]) pruned.add(id);
  // Runs whose evidence was re-redacted: their latest sealed root and run digest are in `redact` links.
  const overrides = redactionOverrides(entries);
  const latestControls = new Map<string, StoredChainEntry>();
  for (const e of entries) if (e.kind === "controls") latestControls.set(`${e.runId ?? ""}\u0000${e.framework ?? ""}`, e);

  // 2. The rows each link vouches for.
  const contentOk = new Map<string, boolean>();
  const recordOk = new Set<string>();
  const evidenceRows = db.prepare(
    `SELECT re.evidence_id, re.sha256, re.collected_at, re.content_sha256, e.body
     FROM run_evidence re LEFT JOIN evidence e ON e.content_sha256 = re.content_sha256 WHERE re.run_id = ?`,
  );
  const sealedRuns = new Set<string>();
  let runsVerified = 0;
  for (const e of entries) {
    if (e.kind !== "run" || e.runId === null) continue;
    sealedRuns.add(e.runId);
    if (pruned.has(e.runId)) continue;
    const run = runs.get(e.runId);
    const fail = (reason: string): void => report({ runId: e.runId, seq: e.seq, reason }, e.createdAt);
    if (!run) {
      fail(`run ${e.runId} is sealed in the chain but its row is gone (and no prune link records its removal)`);
      continue;
    }
    runsVerified++;
    if (!SEALABLE.has(run.status)) fail(`run ${run.id} is sealed as completed but its status is now ${run.status}`);
    const header = runHeader(db, run.id);
    const override = overrides.get(run.id);
    const sealedRoot = override?.merkleRoot ?? e.merkleRoot;
    if (header && runDigest(header) !== (override?.runDigest ?? e.detail)) fail(`run ${run.id}: its run row (times, scope, status, source, tool version, gaps) was changed after it was sealed`);
    if (run.merkle_root !== sealedRoot) fail(`run ${run.id}: stored Merkle root ${run.merkle_root ?? "null"} differs from the sealed one ${sealedRoot ?? "null"}`);
    const rows = evidenceRows.all(run.id) as { evidence_id: string; sha256: string; collected_at: string; content_sha256: string; body: string | null }[];
    const bad: string[] = [];
    for (const r of rows) {
      if (r.body === null) {
        bad.push(`${r.evidence_id}: content ${r.content_sha256.slice(0, 12)}… is missing`);
        continue;
      }
      let ok = contentOk.get(r.content_sha256);
      if (ok === undefined) contentOk.set(r.content_sha256, (ok = sha256Hex(r.body) === r.content_sha256));
      if (!ok) {
        bad.push(`${r.evidence_id}: content no longer matches its hash`);
        continue;
      }
      const key = `${r.content_sha256}|${r.collected_at}|${r.sha256}`;
      if (recordOk.has(key)) continue;
      const { sha256, ...rest } = joinEvidence(r.body, r.collected_at, r.sha256);
      if (hashEvidence(rest) === sha256) recordOk.add(key);
      else bad.push(`${r.evidence_id}: record no longer matches its sha256`);
    }
    if (bad.length > 0) fail(`run ${run.id}: evidence altered: ${bad.slice(0, 3).join("; ")}${bad.length > 3 ? `; and ${bad.length - 3} more` : ""}`);
    const root = merkleRoot(rows.map((r) => r.sha256));
    if (root !== sealedRoot) fail(`run ${run.id}: its evidence rows (${rows.length}) no longer hash to the sealed Merkle root (rows added, removed or changed)`);
    if (rows.length !== run.evidence_count) fail(`run ${run.id}: ${rows.length} evidence rows stored, ${run.evidence_count} recorded`);
    if (!findingsDigestMatches(e.findingsDigest, findingRows(db, run.id))) fail(`run ${run.id}: findings no longer match the sealed findings digest (a finding was added, removed or changed)`);
  }
  for (const e of latestControls.values()) {
    if (e.runId === null || e.framework === null || pruned.has(e.runId)) continue;
    const digest = storedControlsDigest(db, e.runId, e.framework);
    if (digest !== e.controlsDigest) {
      report(
        { runId: e.runId, framework: e.framework, seq: e.seq, reason: `run ${e.runId}: ${e.framework} control results ${digest === undefined ? "are gone" : "no longer match the sealed digest (a control result was added, removed or changed)"}` },
        e.createdAt,
      );
    }
  }

  // 3. Rows no link vouches for.
  for (const run of runs.values()) {
    if (SEALABLE.has(run.status) && !sealedRuns.has(run.id)) report({ runId: run.id, reason: `run ${run.id} is ${run.status} but was never sealed into the chain` }, run.started_at);
  }
  const unsealedFrameworks = db
    .prepare(`SELECT run_id, framework FROM framework_runs ORDER BY run_id, framework`)
    .all() as { run_id: string; framework: string }[];
  for (const f of unsealedFrameworks) {
    if (!latestControls.has(`${f.run_id}\u0000${f.framework}`)) report({ runId: f.run_id, framework: f.framework, reason: `run ${f.run_id}: ${f.framework} control results were never sealed` }, "");
  }
  const strays = db
    .prepare(
      `SELECT r.id FROM runs r WHERE r.status NOT IN ('completed','completed_with_gaps')
       AND (EXISTS (SELECT 1 FROM findings f WHERE f.run_id = r.id) OR EXISTS (SELECT 1 FROM run_evidence re WHERE re.run_id = r.id))`,
    )
    .all() as { id: string }[];
  for (const s of strays) report({ runId: s.id, reason: `run ${s.id} is ${runs.get(s.id)?.status ?? "?"} yet has findings or evidence rows` }, "");

  problems.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : (a.seq ?? Infinity) - (b.seq ?? Infinity)));
  return {
    ok: problems.length === 0,
    links: entries.length,
    runsVerified,
    runsPruned: pruned.size,
    reRedactions: entries.filter((e) => e.kind === "redact").length,
    head: entries.at(-1)?.chainHash ?? GENESIS_HASH,
    problems: problems.map(({ order: _order, ...p }) => p),
  };
}
