import { createHash } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { notebookRecords } from "../helpers/evidence.js";
import { estate, writeSnapshot } from "../store/helpers.js";

const nested = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`;
const ALIAS_BOMB = (() => {
  const names = "abcdefghi";
  const rows = [`${names[0]}: &${names[0]} [x, x, x, x, x, x, x, x, x]`];
  for (let i = 1; i < names.length; i++) rows.push(`${names[i]}: &${names[i]} [${Array(9).fill(`*${names[i - 1]}`).join(", ")}]`);
  return `${rows.join("\n")}\n`;
})();
const sha = (file: string): string => createHash("sha256").update(readFileSync(file)).digest("hex");

/** A valid one-notebook snapshot in `dir/name`. */
function snapshot(dir: string, name = "snap"): string {
  return writeSnapshot(join(dir, name), estate({ notebooks: 2 }));
}

describe("hostile snapshots", () => {
  it("refuses a record nested 5,000 deep in evidence/*.json with exit 2, naming the file", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "snap", "evidence"), { recursive: true });
    writeFileSync(join(dir, "snap", "evidence", "ev_deep.json"), `{"id":"ev_1","response":${nested(5000)}}`);
    const result = runCli(["collect", "--source", "snapshot:snap"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("snap/evidence/ev_deep.json: JSON nested deeper than 128 levels (line 1); refused");
    expect(result.stderr).not.toContain("Maximum call stack");
    expect(existsSync(join(dir, "data"))).toBe(false);
  });

  it("names the line of evidence.jsonl that is too deep", () => {
    const dir = tempDir();
    const snap = snapshot(dir);
    writeFileSync(join(snap, "evidence.jsonl"), `${readFileSync(join(snap, "evidence.jsonl"), "utf8")}${nested(5000)}\n`);
    const lines = readFileSync(join(snap, "evidence.jsonl"), "utf8").trimEnd().split("\n").length;
    const result = runCli(["collect", "--source", "snapshot:snap"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`snap/evidence.jsonl:${lines}: JSON nested deeper than 128 levels; refused`);
  });

  it("refuses a symlink that leaves the snapshot directory", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "snap", "evidence"), { recursive: true });
    const [record] = notebookRecords("nb-1", { DirectInternetAccess: "Enabled" });
    writeFileSync(join(dir, "outside.json"), JSON.stringify(record));
    symlinkSync(join(dir, "outside.json"), join(dir, "snap", "evidence", "ev_link.json"));
    const result = runCli(["collect", "--source", "snapshot:snap"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/snapshot file snap\/evidence\/ev_link\.json is a symlink to .*outside\.json, outside snap; refused/);
  });

  it("refuses an evidence directory that is a symlink out of the snapshot", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "elsewhere"), { recursive: true });
    mkdirSync(join(dir, "snap"));
    symlinkSync(join(dir, "elsewhere"), join(dir, "snap", "evidence"));
    const result = runCli(["collect", "--source", "snapshot:snap"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/snapshot evidence directory snap\/evidence is a symlink to .*elsewhere, outside .*snap; refused/);
  });
});

describe("hostile YAML", () => {
  it.each([
    ["config", (dir: string) => writeFileSync(join(dir, "sageaudit.config.yaml"), ALIAS_BOMB), /sageaudit\.config\.yaml:2:\d+: Excessive alias count/],
    [
      "waivers",
      (dir: string) => {
        writeFileSync(join(dir, "sageaudit.config.yaml"), "waivers: waivers.yaml\n");
        writeFileSync(join(dir, "waivers.yaml"), `waivers: []\n${ALIAS_BOMB}`);
      },
      /waivers\.yaml:3:\d+: Excessive alias count/,
    ],
    [
      "attestations",
      (dir: string) => {
        writeFileSync(join(dir, "sageaudit.config.yaml"), "attestations: attestations.yaml\n");
        writeFileSync(join(dir, "attestations.yaml"), `attestations: []\n${ALIAS_BOMB}`);
      },
      /attestations\.yaml:3:\d+: Excessive alias count/,
    ],
    [
      "mapping",
      (dir: string) => {
        mkdirSync(join(dir, "maps"));
        writeFileSync(join(dir, "maps", "hipaa.yaml"), `framework: hipaa\n${ALIAS_BOMB}`);
        writeFileSync(join(dir, "sageaudit.config.yaml"), "mappings: maps\n");
      },
      /maps\/hipaa\.yaml:3:\d+: Excessive alias count/,
    ],
    [
      "config 20,000 brackets deep",
      (dir: string) => writeFileSync(join(dir, "sageaudit.config.yaml"), `regions: ${nested(20_000)}\n`),
      /invalid config file sageaudit\.config\.yaml\n {2}sageaudit\.config\.yaml:1:1: nested deeper than 64 levels; refused/,
    ],
    [
      "config of 5 MB",
      (dir: string) => writeFileSync(join(dir, "sageaudit.config.yaml"), `# ${"x".repeat(5 * 1024 * 1024)}\n`),
      /config file sageaudit\.config\.yaml is \d+ bytes, more than the 4194304 allowed; refused/,
    ],
  ])("refuses an alias bomb or oversized %s with exit 2, naming the file", (_name, setup, message) => {
    const dir = tempDir();
    setup(dir);
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--format", "json"], { cwd: dir });
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(message) as unknown });
    expect(existsSync(join(dir, "data"))).toBe(false);
  });

  it("refuses a mapping file that is a symlink out of --mappings", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "maps"));
    writeFileSync(join(dir, "elsewhere.yaml"), readFileSync("mappings/hipaa.yaml"));
    symlinkSync(join(dir, "elsewhere.yaml"), join(dir, "maps", "hipaa.yaml"));
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--mappings", "maps"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/mapping file .*maps\/hipaa\.yaml is a symlink to .*elsewhere\.yaml, outside .*maps; refused/);
  });
});

describe("hostile output paths and databases", () => {
  it("refuses --out under a file before collecting or storing anything", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "afile"), "");
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--out", "afile/reports"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--out afile/reports: cannot be created");
    expect(result.stderr).toContain("afile is not a directory");
    expect(existsSync(join(dir, "data"))).toBe(false);
    const daemon = runCli(["daemon", "--source", "demo", "--out", "afile"], { cwd: dir });
    expect(daemon.code).toBe(2);
    expect(daemon.stderr).toContain("--out afile: exists and is not a directory");
  });

  it.each([["history", "--framework", "hipaa"], ["verify"], ["collect", "--source", "demo"], ["report", "--framework", "hipaa", "--run", "latest"]])(
    "names the file that is not a database (%s), exit 2",
    (...args) => {
      const dir = tempDir();
      writeFileSync(join(dir, "junk.db"), "this is not sqlite, just text that is long enough to have a header.".repeat(20));
      const result = runCli([...args, "--db", "junk.db"], { cwd: dir });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("database junk.db cannot be used: file is not a database (SQLITE_NOTADB); is it a sageaudit database?");
    },
  );

  it("refuses a --db that is a directory with exit 2", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "db"));
    const result = runCli(["collect", "--source", "demo", "--db", "db"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("database db is a directory, not a SQLite file");
  });

  it("reads a read-only database holding an interrupted run without writing to it", () => {
    const dir = tempDir();
    const db = join(dir, "store.db");
    expect(runCli(["collect", "--source", "demo", "--db", db], { cwd: dir }).code).toBe(0);
    expect(runCli(["collect", "--source", "demo", "--db", db], { cwd: dir }).code).toBe(0);
    // A run a killed process left behind (pid 999999 is not alive).
    const raw = new Database(db);
    raw.prepare(`INSERT INTO runs (id, started_at, status, source, accounts, regions, tool_version, pid, hostname) VALUES ('20991231T000000Z-dead00', '2099-12-31T00:00:00.000Z', 'running', 'aws', '[]', '[]', 't', 999999, 'gone')`).run();
    raw.pragma("wal_checkpoint(TRUNCATE)");
    raw.close();
    chmodSync(db, 0o444);
    const before = sha(db);
    const history = runCli(["history", "--framework", "hipaa", "--json", "--db", db], { cwd: dir });
    expect(history.code).toBe(0);
    expect((JSON.parse(history.stdout) as { runs: { status: string }[] }).runs.map((r) => r.status)).toEqual(["incomplete", "completed_with_gaps", "completed_with_gaps"]);
    expect(runCli(["diff", "previous", "latest", "--db", db], { cwd: dir }).code).toBe(0);
    expect(runCli(["verify", "--db", db], { cwd: dir }).code).toBe(0);
    expect(sha(db)).toBe(before);
    const check = new Database(db, { readonly: true });
    expect(check.prepare(`SELECT status FROM runs WHERE id = '20991231T000000Z-dead00'`).pluck().get()).toBe("running");
    check.close();
  });

  it("keeps a report inside --out when the stored run id is a path", () => {
    const dir = tempDir();
    const db = join(dir, "store.db");
    expect(runCli(["collect", "--source", "demo", "--db", db], { cwd: dir }).code).toBe(0);
    const raw = new Database(db);
    raw.pragma("foreign_keys = OFF");
    const id = raw.prepare(`SELECT id FROM runs`).pluck().get() as string;
    for (const table of ["run_evidence", "findings", "framework_runs", "control_results", "run_chain"]) raw.prepare(`UPDATE ${table} SET run_id = ? WHERE run_id = ?`).run("../../escaped", id);
    raw.prepare(`UPDATE runs SET id = ? WHERE id = ?`).run("../../escaped", id);
    raw.close();
    const result = runCli(["report", "--framework", "hipaa", "--run", "../../escaped", "--db", db, "--format", "json", "--out", "out/reports"], { cwd: dir });
    expect({ code: result.code, stderr: result.stderr }).toMatchObject({ code: 0 });
    expect(readdirSync(join(dir, "out", "reports"))).toEqual(["hipaa-__.._escaped.json"]);
    expect(existsSync(join(dir, "escaped.json"))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(["out", "store.db", "store.db-shm", "store.db-wal"].filter((n) => existsSync(join(dir, n))).sort());
  });
});

describe("terminal output and temp files", () => {
  it("prints resource names with control characters escaped in diff, summary and history", () => {
    const dir = tempDir();
    const evil = "nb-\u001b]0;pwned\u0007\u001b[2Jx";
    const at = "2026-11-27T10:00:00.000Z";
    const seal = (operation: string, params: Record<string, unknown>, response: Record<string, unknown>): unknown =>
      sealEvidence({ source: "sagemaker", operation, account: "111122223333", region: "us-east-1", params, collectedAt: at, response });
    const arn = `arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/${evil}`;
    const write = (name: string, access: string): void => {
      mkdirSync(join(dir, name));
      const records = [
        seal("ListNotebookInstances", { MaxResults: 100 }, { NotebookInstances: [{ NotebookInstanceName: evil, NotebookInstanceArn: arn }] }),
        seal("DescribeNotebookInstance", { NotebookInstanceName: evil }, { NotebookInstanceName: evil, NotebookInstanceArn: arn, DirectInternetAccess: access, RootAccess: "Disabled" }),
      ];
      writeFileSync(join(dir, name, "evidence.jsonl"), records.map((r) => JSON.stringify(r)).join("\n"));
    };
    write("before", "Disabled");
    write("after", "Enabled");
    expect(runCli(["collect", "--source", "snapshot:before"], { cwd: dir }).code).toBe(0);
    const report = runCli(["report", "--framework", "hipaa", "--source", "snapshot:after", "--format", "json"], { cwd: dir });
    expect(report.code).toBe(0);
    const diff = runCli(["diff", "previous", "latest"], { cwd: dir });
    expect(diff.code).toBe(0);
    for (const out of [diff.stdout, report.stdout, runCli(["history", "--framework", "hipaa"], { cwd: dir }).stdout]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0007\u001b]/);
    }
    expect(diff.stdout).toContain("notebook-instance/nb-\\x1b]0;pwned\\x07\\x1b[2Jx");
    const json = runCli(["diff", "previous", "latest", "--json"], { cwd: dir });
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(JSON.stringify(evil).slice(1, -1));
  });

  it("sweeps temp files a killed render left in --out, and leaves none when writing fails", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "reports"));
    // What a render killed with SIGKILL (or a full disk) leaves: temp files of a dead pid.
    writeFileSync(join(dir, "reports", "hipaa-20261127T100000Z-aaaaaa.pdf.tmp-999999"), "%PDF-1.7 half");
    writeFileSync(join(dir, "reports", "gdpr-20261127T100000Z-aaaaaa.html.tmp-999998"), "<html");
    const first = runCli(["report", "--framework", "hipaa", "--source", "demo", "--format", "json", "--json"], { cwd: dir });
    expect(first.code).toBe(0);
    const runId = (JSON.parse(first.stdout) as { runId: string }).runId;
    expect(readdirSync(join(dir, "reports"))).toEqual([`hipaa-${runId}.json`]);
    // Writing fails after the temp files were written (the target is a directory): none stays.
    mkdirSync(join(dir, "reports", `hipaa-${runId}.html`));
    const failed = runCli(["report", "--framework", "hipaa", "--run", runId, "--format", "json,html,csv"], { cwd: dir });
    expect(failed.code).toBe(1);
    expect(readdirSync(join(dir, "reports")).filter((n) => n.includes(".tmp-"))).toEqual([]);
  });
});
