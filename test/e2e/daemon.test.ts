import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, tempDir } from "../helpers/cli.js";

interface LogLine {
  msg: string;
  [key: string]: unknown;
}

describe("sageaudit daemon", () => {
  it("runs now, writes reports, serves /healthz and /metrics, and stops cleanly on SIGTERM", async () => {
    const dir = tempDir();
    const child = spawn(
      process.execPath,
      [CLI, "daemon", "--source", "demo", "--run-now", "--listen", "127.0.0.1:0", "--schedule", "0 0 1 1 *", "--format", "json,html"],
      { cwd: dir, env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } },
    );
    const lines: LogLine[] = [];
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const parts = buffer.split("\n");
      buffer = parts.pop() ?? "";
      for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as LogLine);
    });
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const waitFor = async (pred: (l: LogLine) => boolean): Promise<LogLine> => {
      for (let i = 0; i < 600; i++) {
        const hit = lines.find(pred);
        if (hit) return hit;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`log line not seen; got: ${lines.map((l) => l.msg).join(" | ")}`);
    };

    const listening = await waitFor((l) => l.msg === "health and metrics server listening");
    const { port } = listening.address as { port: number };
    await waitFor((l) => l.msg === "report written" && l.framework === "gdpr");

    const healthz = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(healthz.status).toBe(200);
    const body = (await healthz.json()) as { status: string; lastRun: { status: string; id: string } };
    expect(body.status).toBe("ok");
    expect(body.lastRun.status).toBe("completed_with_gaps");

    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toMatch(/^sageaudit_framework_score\{framework="hipaa"\} \d+(\.\d+)?$/m);
    expect(metrics).toMatch(/^sageaudit_runs_total\{status="completed_with_gaps"\} 1$/m);

    const reports = readdirSync(join(dir, "reports")).sort();
    expect(reports).toEqual([`gdpr-${body.lastRun.id}.html`, `gdpr-${body.lastRun.id}.json`, `hipaa-${body.lastRun.id}.html`, `hipaa-${body.lastRun.id}.json`]);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(lines.map((l) => l.msg)).toContain("daemon stopped");
  });

  it("rejects an invalid schedule with exit 2", async () => {
    const child = spawn(process.execPath, [CLI, "daemon", "--source", "demo", "--schedule", "every tuesday"], { cwd: tempDir() });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code).toBe(2);
    expect(stderr).toContain('"every tuesday" is not a valid cron expression');
  });
});
