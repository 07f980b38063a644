import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { CHECK_IDS } from "../../src/checks/catalogue.js";
import { loadFramework } from "../../src/frameworks/load.js";
import { collectRun } from "../../src/pipeline/collect-run.js";
import type { FrameworkEvaluation } from "../../src/pipeline/evaluate.js";
import { buildRunReport, evaluateStoredRun } from "../../src/pipeline/report-run.js";
import { openDb } from "../../src/store/db.js";
import { Handover } from "../../src/store/runs.js";
import type { Db } from "../../src/store/db.js";
import { verifyStore } from "../../src/store/verify.js";
import { ACCOUNT, REGION, estate, storeRun } from "./helpers.js";

interface Executed {
  sql: string;
  args: unknown[];
  result: unknown;
  /** Which transaction invocation the statement ran in (0: none). */
  transaction: number;
}

/** Records every statement the store executes, and the transaction it ran in. */
function spy(db: Db): Executed[] {
  const executed: Executed[] = [];
  let current = 0;
  let next = 0;
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const statement = prepare(sql);
    for (const method of ["run", "get", "all", "iterate"] as const) {
      const original = (statement[method] as (...args: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        const result = original(...args);
        executed.push({ sql, args, result, transaction: current });
        return result;
      };
    }
    return statement;
  }) as typeof db.prepare;
  const transaction = db.transaction.bind(db);
  db.transaction = ((fn: (...args: unknown[]) => unknown) =>
    transaction((...args: unknown[]) => {
      const outer = current;
      current = ++next;
      try {
        return fn(...args);
      } finally {
        current = outer;
      }
    })) as typeof db.transaction;
  return executed;
}

const RUN_TABLES = /\b(findings|run_evidence|control_results|framework_runs|evidence|events|resources)\b/;
const hipaa = () => ({ mapping: loadFramework("hipaa", CHECK_IDS), waivers: [], attestations: [] });

describe("one pass: a run is stored once and never read back within it", () => {
  it("writes the run's content and framework results in one transaction, reads only earlier runs, and builds the same model as report --run", async () => {
    const db = openDb(":memory:");
    await storeRun(db, estate({ notebooks: 3 }), new Date("2026-11-26T10:00:00.000Z"));
    const executed = spy(db);
    const at = new Date("2026-11-27T10:00:00.000Z");
    const inputs = hipaa();
    const collected = await collectRun({
      db,
      sourceName: "test",
      toolVersion: "test",
      now: () => at,
      evaluatedAt: () => at.toISOString(),
      frameworks: [inputs],
      collect: () => Promise.resolve({ source: "test", records: estate({ notebooks: 3, open: new Set([1]) }), accounts: [ACCOUNT], regions: [REGION], apiCalls: {} }),
    });
    const model = buildRunReport(db, collected, inputs, collected.frameworks[0] as FrameworkEvaluation, collected.evaluatedAt, "test");
    const runId = collected.run.id;

    const writes = executed.filter((e) => /^\s*(INSERT|UPDATE|DELETE)/i.test(e.sql) && RUN_TABLES.test(e.sql));
    expect(writes.length).toBeGreaterThan(0);
    expect(new Set(writes.map((w) => w.transaction)).size).toBe(1);
    expect(writes[0]?.transaction).not.toBe(0);
    expect(writes.some((w) => /INTO control_results/.test(w.sql))).toBe(true);

    // Reads of run content return earlier runs (history), never a row of this one: no query is even
    // asked about this run's content (its id bound as the run looked up).
    const rowsOf = (result: unknown): unknown[] => (Array.isArray(result) ? result : result === undefined ? [] : [result]);
    const reads = executed.filter((e) => /^\s*SELECT/i.test(e.sql) && RUN_TABLES.test(e.sql));
    expect(reads.length).toBeGreaterThan(0);
    const readBack = reads.filter((e) => rowsOf(e.result).some((row) => JSON.stringify(row).includes(runId)));
    expect(readBack.map((e) => e.sql.replace(/\s+/g, " ").slice(0, 120))).toEqual([]);
    const askedAbout = reads.filter((e) => /\brun_id = \?/.test(e.sql) && e.args[0] === runId);
    expect(askedAbout.map((e) => e.sql.replace(/\s+/g, " ").slice(0, 120))).toEqual([]);

    expect(model.summary.findings.FAIL).toBeGreaterThan(0);
    // `report --run` feeds the same path from the stored run: the same model, and nothing new stored.
    const controlRowsBefore = (db.prepare(`SELECT count(*) AS n FROM run_chain`).get() as { n: number }).n;
    const stored = evaluateStoredRun(db, collected.run, inputs, collected.evaluatedAt, "test");
    expect(stored).toEqual(model);
    expect((db.prepare(`SELECT count(*) AS n FROM run_chain`).get() as { n: number }).n).toBe(controlRowsBefore);
    expect(verifyStore(db).ok).toBe(true);
    db.close();
  });

  it("tells each phase as it ends: collected before anything of the run is stored, stored once the run is complete", async () => {
    const db = openDb(":memory:");
    const seen: { phase: string; status: string | undefined; findings: number }[] = [];
    const status = () => (db.prepare(`SELECT status FROM runs ORDER BY started_at DESC LIMIT 1`).get() as { status: string } | undefined)?.status;
    const findings = () => (db.prepare(`SELECT COUNT(*) AS n FROM findings`).get() as { n: number }).n;
    await collectRun({
      db,
      sourceName: "test",
      toolVersion: "t",
      now: () => new Date("2026-11-27T10:00:00.000Z"),
      collect: () => Promise.resolve({ source: "test", records: estate({ notebooks: 2 }), accounts: [ACCOUNT], regions: [REGION], apiCalls: {} }),
      onPhase: (phase) => seen.push({ phase, status: status(), findings: findings() }),
    });
    expect(seen.map((s) => s.phase)).toEqual(["collected", "evaluated", "stored"]);
    expect(seen[0]).toMatchObject({ status: "running", findings: 0 });
    expect(seen[1]).toMatchObject({ status: "running", findings: 0 });
    expect(seen[2]?.status).toMatch(/^completed/);
    expect(seen[2]?.findings).toBeGreaterThan(0);
  });
});

describe("the store takes a run's evidence over", () => {
  it("lets the records and the inventory go before the findings are written (a large run's heap is mostly these)", async () => {
    // A real collection, forced: vitest runs without --expose-gc.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const db = openDb(":memory:");
    const records: WeakRef<object>[] = [];
    let recordsArray: WeakRef<object> | undefined;
    let aliveAtFirstFinding: number | undefined;
    const insertFinding = /^INSERT INTO findings /;
    const original = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      const statement = original(sql);
      if (!insertFinding.test(sql)) return statement;
      const run = statement.run.bind(statement);
      statement.run = ((...args: unknown[]) => {
        if (aliveAtFirstFinding === undefined) {
          gc();
          aliveAtFirstFinding = records.filter((r) => r.deref() !== undefined).length + (recordsArray?.deref() ? 1 : 0);
        }
        return run(...args);
      });
      return statement;
    }) as typeof db.prepare;
    const collected = await collectRun({
      db,
      sourceName: "test",
      toolVersion: "test",
      collect: async () => {
        const fresh = estate({ notebooks: 3, open: new Set([1]) });
        recordsArray = new WeakRef(fresh);
        for (const r of fresh) records.push(new WeakRef(r));
        // A WeakRef keeps its target alive to the end of the job that made it: end this one.
        await new Promise((resolve) => setImmediate(resolve));
        return { source: "test", records: fresh, accounts: [ACCOUNT], regions: [REGION], apiCalls: {} };
      },
    });
    expect(records.length).toBeGreaterThan(3);
    expect(collected.findings.length).toBeGreaterThan(0);
    expect(aliveAtFirstFinding).toBe(0);
    expect(verifyStore(db).ok).toBe(true);
    db.close();
  });

  it("is handed over once", () => {
    const evidence = { records: [], resources: [], events: [] };
    const box = new Handover(evidence);
    expect(box.take()).toBe(evidence);
    expect(() => box.take()).toThrow(/handed over twice/);
  });
});
