import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { CLI, runCli, tempDir } from "../helpers/cli.js";
import { estate, writeSnapshot } from "./helpers.js";

/** The status of the newest run as another process sees it (committed state only), or undefined. */
function newestRun(path: string): { id: string; status: string } | undefined {
  if (!existsSync(path)) return undefined;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT id, status FROM runs ORDER BY started_at DESC LIMIT 1`).get() as { id: string; status: string } | undefined;
    } finally {
      db.close();
    }
  } catch {
    return undefined; // not created or not migrated yet
  }
}

const walSize = (path: string): number => (existsSync(`${path}-wal`) ? statSync(`${path}-wal`).size : 0);

describe("a collection killed mid-write", () => {
  it("leaves a database that opens, passes integrity_check, marks the run incomplete and hides it from reports", async () => {
    const dir = tempDir();
    const db = join(dir, "store.db");
    // Heavy enough that writing the run spills uncommitted pages into the WAL before it commits.
    const big = writeSnapshot(join(dir, "big"), estate({ notebooks: 20_000, padding: 1000, open: new Set([1]) }));
    const small = writeSnapshot(join(dir, "small"), estate({ notebooks: 3, open: new Set([2]) }));

    const child = spawn(process.execPath, [CLI, "collect", "--source", `snapshot:${big}`, "--db", db], {
      cwd: dir,
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let done = false;
    void exited.then(() => (done = true));

    // Wait for the run row, then for the run's write transaction to be under way (WAL growing while
    // readers still see the run as running), then kill without warning.
    let running: { id: string; status: string } | undefined;
    let walAtStart = 0;
    while (!done) {
      const run = newestRun(db);
      if (run?.status === "running") {
        if (!running) {
          running = run;
          walAtStart = walSize(db);
        } else if (walSize(db) > walAtStart + 4 * 1024 * 1024) break;
      } else if (run && running) break; // it committed first: the assertion below reports it
      await sleep(2);
    }
    // If this fails, the collection finished before it could be killed: make the snapshot bigger.
    expect(done).toBe(false);
    child.kill("SIGKILL");
    await exited;
    expect(newestRun(db)).toEqual(running);

    const raw = new Database(db);
    expect(raw.pragma("integrity_check", { simple: true })).toBe("ok");
    expect((raw.prepare(`SELECT count(*) AS n FROM findings`).get() as { n: number }).n).toBe(0);
    raw.close();

    // The next start of any command marks it incomplete; reports never read it.
    const history = runCli(["history", "--framework", "hipaa", "--json", "--db", db], { cwd: dir });
    expect(history.code).toBe(0);
    expect(JSON.parse(history.stdout).runs).toMatchObject([{ runId: running!.id, status: "incomplete", score: null }]);
    const report = runCli(["report", "--framework", "hipaa", "--run", "latest", "--format", "json", "--db", db], { cwd: dir });
    expect(report.code).toBe(2);
    expect(report.stderr).toMatch(/no completed run "latest"/);
    expect(runCli(["verify", "--db", db], { cwd: dir }).code).toBe(0);

    // The dead process's lock does not block the next collection.
    const next = runCli(["collect", "--source", `snapshot:${small}`, "--db", db, "--json"], { cwd: dir });
    expect({ code: next.code, output: next.stderr }).toMatchObject({ code: 0 });
    const nextId = (JSON.parse(next.stdout) as { runId: string }).runId;
    const again = runCli(["report", "--framework", "hipaa", "--run", "latest", "--format", "json", "--db", db, "--json"], { cwd: dir });
    expect({ code: again.code, output: again.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(again.stdout).runId).toBe(nextId);
  });
});
