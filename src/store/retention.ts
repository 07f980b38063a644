import { appendChainEntry } from "./chain.js";
import type { Db } from "./db.js";

export interface PrunePlan {
  cutoff: string;
  runs: { id: string; startedAt: string; status: string }[];
  /** Evidence content rows no remaining run references once those runs are gone. */
  evidence: number;
  events: number;
  /** Resources not seen by any run since the cutoff. */
  resources: number;
}

/**
 * Retention: runs that started before `now - days` go, with their findings, control results and
 * evidence links; evidence content that no remaining run references goes too. Their chain links
 * stay, and a `prune` link records which runs were removed, so `verify --db` still walks an
 * unbroken chain and can tell pruning from deletion. The newest readable run is always kept, so a
 * long-idle installation still has a last known state to report.
 */
export function pruneRuns(db: Db, options: { days: number; now: Date; dryRun: boolean }): PrunePlan {
  const cutoff = new Date(options.now.getTime() - options.days * 86_400_000).toISOString();
  const plan = (): PrunePlan => {
    const runs = db
      .prepare(
        `SELECT id, started_at AS startedAt, status FROM runs WHERE started_at < ?
         AND id IS NOT (SELECT id FROM runs WHERE status IN ('completed','completed_with_gaps') ORDER BY started_at DESC, id DESC LIMIT 1)
         AND status <> 'running'
         ORDER BY started_at, id`,
      )
      .all(cutoff) as PrunePlan["runs"];
    const ids = JSON.stringify(runs.map((r) => r.id));
    const evidence = (
      db
        .prepare(
          `SELECT count(*) AS n FROM evidence e WHERE NOT EXISTS (
             SELECT 1 FROM run_evidence re WHERE re.content_sha256 = e.content_sha256 AND re.run_id NOT IN (SELECT value FROM json_each(?)))`,
        )
        .get(ids) as { n: number }
    ).n;
    const events = (db.prepare(`SELECT count(*) AS n FROM events WHERE event_time < ?`).get(cutoff) as { n: number }).n;
    const resources = (db.prepare(`SELECT count(*) AS n FROM resources WHERE last_seen_at < ?`).get(cutoff) as { n: number }).n;
    return { cutoff, runs, evidence, events, resources };
  };
  if (options.dryRun) return plan();
  return db.transaction(() => {
    const p = plan();
    if (p.runs.length === 0 && p.evidence === 0 && p.events === 0 && p.resources === 0) return p;
    const ids = JSON.stringify(p.runs.map((r) => r.id));
    // Cascades remove run_evidence, findings, framework_runs and control_results of these runs.
    db.prepare(`DELETE FROM runs WHERE id IN (SELECT value FROM json_each(?))`).run(ids);
    db.prepare(`DELETE FROM evidence WHERE NOT EXISTS (SELECT 1 FROM run_evidence re WHERE re.content_sha256 = evidence.content_sha256)`).run();
    // NOT IN builds the set of bodies still named once; findings have no index on body_id to probe.
    db.prepare(`DELETE FROM finding_bodies WHERE id NOT IN (SELECT body_id FROM findings)`).run();
    db.prepare(`DELETE FROM finding_subjects WHERE id NOT IN (SELECT subject_id FROM findings)`).run();
    db.prepare(`DELETE FROM events WHERE event_time < ?`).run(p.cutoff);
    db.prepare(`DELETE FROM resources WHERE last_seen_at < ?`).run(p.cutoff);
    db.prepare(`DELETE FROM mappings WHERE NOT EXISTS (SELECT 1 FROM framework_runs f WHERE f.mapping_sha256 = mappings.sha256)`).run();
    if (p.runs.length > 0) {
      appendChainEntry(db, {
        kind: "prune",
        runId: null,
        framework: null,
        merkleRoot: null,
        findingsDigest: null,
        controlsDigest: null,
        detail: ids,
        createdAt: options.now.toISOString(),
      });
    }
    return p;
  }).immediate();
}
