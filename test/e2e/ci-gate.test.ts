import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import type { MotoServer } from "../helpers/moto.js";
import { motoPlan, startMoto } from "../helpers/moto.js";

const CREDENTIALS = { AWS_ACCESS_KEY_ID: "testing", AWS_SECRET_ACCESS_KEY: "testing", AWS_EC2_METADATA_DISABLED: "true" };

/** A loopback port nothing listens on: every call is ECONNREFUSED. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const address = server.address();
  await new Promise<void>((r) => server.close(() => r()));
  return typeof address === "object" && address ? address.port : 1;
}

const runs = (db: string): { status: string; error: string | null }[] => {
  const raw = new Database(db, { readonly: true });
  try {
    return raw.prepare(`SELECT status, error FROM runs ORDER BY started_at`).all() as { status: string; error: string | null }[];
  } finally {
    raw.close();
  }
};

/** One attempt per call keeps an unreachable endpoint quick. */
function configDir(): string {
  const dir = tempDir();
  writeFileSync(join(dir, "sageaudit.config.yaml"), "collection:\n  maxAttempts: 1\n");
  return dir;
}

describe("the CI gate cannot go green on missing evidence", () => {
  it("stores a run against an unreachable endpoint as failed, exits 1 and says why", async () => {
    const dir = configDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "aws", "--regions", "us-east-1", "--format", "json", "--fail-on-noncompliant"], {
      cwd: dir,
      env: { ...CREDENTIALS, AWS_ENDPOINT_URL: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/run \S+ failed: no usable evidence from aws: every one of \d+ call\(s\) failed or only the caller identity answered \(ECONNREFUSED x\d+\)/);
    expect(runs(join(dir, "data", "sageaudit.db"))).toMatchObject([{ status: "failed", error: expect.stringContaining("ECONNREFUSED") as unknown }]);
    expect(existsSync(join(dir, "reports")) ? readdirSync(join(dir, "reports")) : []).toEqual([]);
    // history shows the failed run without a score.
    const history = runCli(["history", "--framework", "hipaa", "--json"], { cwd: dir });
    expect(JSON.parse(history.stdout)).toMatchObject({ runs: [{ status: "failed", score: null }] });
  });

  it("stores an empty snapshot as failed (exit 1)", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "snap"));
    writeFileSync(join(dir, "snap", "evidence.jsonl"), "\n");
    const result = runCli(["report", "--framework", "hipaa", "--source", "snapshot:snap", "--format", "json", "--fail-on-noncompliant"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed: collected no evidence from snapshot:snap: the source is empty or the scope matched nothing/);
    expect(runs(join(dir, "data", "sageaudit.db"))).toMatchObject([{ status: "failed" }]);
  });

  it("stores a scope that matches nothing as failed; an opt-in region is a valid name", () => {
    const dir = tempDir();
    const result = runCli(["collect", "--source", "demo", "--regions", "af-south-1"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/failed: collected no evidence from demo for regions af-south-1: the source is empty or the scope matched nothing/);
  });

  it.each([
    [["--regions", "mars-1"], /--regions: "mars-1" is not an AWS region \(known in partition aws: af-south-1, .*us-west-2\)/],
    [["--regions", "us-east-1,us-gov-west-1"], /--regions: the regions span several partitions \(aws, aws-us-gov\)/],
  ])("refuses %j with exit 2 before anything is stored", (flags, message) => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "aws", ...flags], { cwd: dir, env: CREDENTIALS });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, "data"))).toBe(false);
  });

  it("refuses AWS_REGION=mars-1 with exit 2", () => {
    const result = runCli(["collect", "--source", "aws"], { cwd: tempDir(), env: { ...CREDENTIALS, AWS_REGION: "mars-1" } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('AWS_REGION: "mars-1" is not an AWS region');
  });
});

const plan = motoPlan();

describe.skipIf(plan.skip)("the CI gate with one service unreachable (moto)", () => {
  let moto: MotoServer;
  beforeAll(async () => {
    if (!plan.path) throw new Error(plan.reason);
    moto = await startMoto(plan.path);
  });
  afterAll(async () => moto?.stop());

  it("exits 3 when controls are NO_DATA because AWS Config could not be reached", async () => {
    const dir = configDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "aws", "--regions", "us-east-1", "--format", "json", "--json", "--fail-on-noncompliant"], {
      cwd: dir,
      env: { ...moto.env, AWS_ENDPOINT_URL_CONFIG_SERVICE: `http://127.0.0.1:${await closedPort()}` },
    });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/\d+ control\(s\) NO_DATA because evidence is missing \(\d+ gap\(s\)\): /);
    const summary = JSON.parse(result.stdout) as { status: string; summary: { controls: { NO_DATA: number } } };
    expect(summary.status).toBe("completed_with_gaps");
    expect(summary.summary.controls.NO_DATA).toBeGreaterThan(0);
  });
});
