import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/db.js";
import { acquireLock, LockHeldError, lockHolder } from "../../src/store/lock.js";
import { startRun } from "../../src/store/runs.js";
import { verifyStore } from "../../src/store/verify.js";
import { CLI, runCli, tempDir } from "../helpers/cli.js";
import { estate, writeSnapshot } from "./helpers.js";

const ENV = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

/** Starts the CLI without waiting for it; resolves with its exit code and output. */
function startCli(args: string[], cwd: string, onStderr?: (text: string) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: ENV });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    onStderr?.(stderr);
  });
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("one collecting process per database", () => {
  it("refuses a second collector with a clear message, and --wait waits for the lock", async () => {
    const dir = tempDir();
    const path = join(dir, "store.db");
    const snapshot = writeSnapshot(join(dir, "snap"), estate({ notebooks: 3 }));
    const db = openDb(path);
    const lock = await acquireLock(db, path, { command: "test holder" });

    const refused = runCli(["collect", "--source", `snapshot:${snapshot}`, "--db", path], { cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`another sageaudit run (pid ${process.pid}`);
    expect(refused.stderr).toMatch(/holds the lock on .*store\.db; use --wait/);

    let release!: () => void;
    const waiting = new Promise<void>((resolve) => (release = resolve));
    const waiter = startCli(["collect", "--source", `snapshot:${snapshot}`, "--db", path, "--wait", "--json"], dir, (err) => {
      if (err.includes("waiting for the lock held by pid")) release();
    });
    await waiting;
    lock.release();
    const result = await waiter;
    expect({ code: result.code, output: result.stderr }).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout).status).toBe("completed");
    expect(lockHolder(db)).toBeUndefined();
    db.close();
  });

  it("serialises two collectors racing with --wait: both runs complete and the chain verifies", async () => {
    const dir = tempDir();
    const path = join(dir, "store.db");
    const snapshot = writeSnapshot(join(dir, "snap"), estate({ notebooks: 500, open: new Set([3]) }));
    const args = ["collect", "--source", `snapshot:${snapshot}`, "--db", path, "--wait", "--json"];
    const [a, b] = await Promise.all([startCli(args, dir), startCli(args, dir)]);
    expect({ code: a.code, output: a.stderr }).toMatchObject({ code: 0 });
    expect({ code: b.code, output: b.stderr }).toMatchObject({ code: 0 });
    const db = openDb(path);
    const statuses = db.prepare(`SELECT status FROM runs`).pluck().all();
    expect(statuses).toEqual(["completed", "completed"]);
    expect(verifyStore(db).problems).toEqual([]);
    db.close();
  });

  it("takes over a lock whose holder died, or whose remote holder stopped its heartbeat", async () => {
    const path = join(tempDir(), "store.db");
    const db = openDb(path);
    const dead = spawnSync(process.execPath, ["-e", "0"]).pid;
    const put = (pid: number, host: string, heartbeat: string): void => {
      db.prepare(`INSERT OR REPLACE INTO locks VALUES ('collect', ?, ?, ?, ?, 'collect')`).run(pid, host, heartbeat, heartbeat);
    };
    put(dead, (await import("node:os")).hostname(), new Date().toISOString());
    (await acquireLock(db, path, { command: "t" })).release();

    const now = new Date("2026-11-27T12:00:00.000Z");
    put(1, "other-host", "2026-11-27T11:59:00.000Z");
    await expect(acquireLock(db, path, { command: "t", now: () => now })).rejects.toBeInstanceOf(LockHeldError);
    put(1, "other-host", "2026-11-27T11:00:00.000Z");
    (await acquireLock(db, path, { command: "t", now: () => now })).release();
    db.close();
  });

  it("opens the store for reading while a collector holds the write lock mid-transaction", async () => {
    const path = join(tempDir(), "store.db");
    const writer = openDb(path);
    const lock = await acquireLock(writer, path, { command: "writer" });
    startRun(writer, { id: "r-live", startedAt: new Date().toISOString(), source: "t", accounts: [], regions: [], toolVersion: "t" });
    writer.exec("BEGIN IMMEDIATE");
    const reader = openDb(path);
    expect(reader.prepare(`SELECT status FROM runs WHERE id = 'r-live'`).pluck().get()).toBe("running");
    reader.close();
    writer.exec("ROLLBACK");
    lock.release();
    writer.close();
  });

  it("refuses a second lock inside the same process", async () => {
    const path = join(tempDir(), "store.db");
    const db = openDb(path);
    const lock = await acquireLock(db, path, { command: "first" });
    await expect(acquireLock(db, path, { command: "second" })).rejects.toThrow(/holds the lock/);
    lock.release();
    db.close();
  });
});
