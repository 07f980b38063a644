import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { accessSync, closeSync, constants, mkdtempSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";

/** `MOTO_SERVER` (what .ci/run sets), else `moto_server` on PATH. */
export function findMotoServer(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const candidates = [env.MOTO_SERVER, ...(env.PATH ?? "").split(delimiter).filter((d) => d !== "").map((d) => join(d, "moto_server"))];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/**
 * Whether moto tests run here: skipped with a reason when moto_server is absent locally, but under
 * CI=true its absence is a failure (reported by the test itself), never a silent skip — unless
 * .ci/run reports that PyPI refused the install (SAGEAUDIT_MOTO_UNAVAILABLE), a cause outside the
 * project, where the tests skip with that reason.
 */
export function motoPlan(env: NodeJS.ProcessEnv = process.env): { path?: string; skip: boolean; reason: string } {
  const path = findMotoServer(env);
  if (path) return { path, skip: false, reason: "" };
  if (env.SAGEAUDIT_MOTO_UNAVAILABLE) {
    const reason = ".ci/run could not install moto[server] from PyPI";
    console.warn(`[skip] moto integration tests: ${reason}`);
    return { skip: true, reason };
  }
  const reason = "moto_server not found (pip install 'moto[server]' or set MOTO_SERVER)";
  if (env.CI !== "true") console.warn(`[skip] moto integration tests: ${reason}`);
  return { skip: env.CI !== "true", reason };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface MotoServer {
  endpoint: string;
  port: number;
  /** Credentials and endpoint for an SDK client or a spawned CLI. */
  env: Record<string, string>;
  reset: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Starts moto_server on a free loopback port and waits until it answers. */
export async function startMoto(path: string): Promise<MotoServer> {
  const port = await freePort();
  // moto logs every request. Into a file, not a pipe: tests run the CLI with spawnSync, which
  // blocks this process from draining a pipe, and moto would then block on a full pipe mid-request.
  const logFile = join(mkdtempSync(join(tmpdir(), "sageaudit-moto-")), "moto.log");
  const logFd = openSync(logFile, "w");
  // AWS managed policies (AdministratorAccess, …) exist only when moto loads them: the collectors read their documents.
  const child: ChildProcess = spawn(path, ["-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", logFd, logFd],
    env: { ...process.env, MOTO_IAM_LOAD_MANAGED_POLICIES: "true" },
  });
  closeSync(logFd);
  const tail = (): string => readFileSync(logFile, "utf8").slice(-4000);
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}: ${tail()}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`moto_server did not answer on ${endpoint} within 30s: ${tail()}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    endpoint,
    port,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_ACCESS_KEY_ID: "testing",
      AWS_SECRET_ACCESS_KEY: "testing",
      AWS_SESSION_TOKEN: "testing",
      AWS_REGION: "us-east-1",
      AWS_EC2_METADATA_DISABLED: "true",
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    },
    reset: async () => {
      await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
