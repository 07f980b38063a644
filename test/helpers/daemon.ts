import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { CLI } from "./cli.js";

export interface LogLine {
  msg: string;
  [key: string]: unknown;
}

export interface SpawnedDaemon {
  child: ChildProcess;
  lines: LogLine[];
  stderr: () => string;
  exited: Promise<number | null>;
  waitFor: (pred: (l: LogLine) => boolean, timeoutMs?: number) => Promise<LogLine>;
}

/** Starts the built CLI's daemon, collecting its JSON log lines from stdout. */
export function spawnDaemon(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): SpawnedDaemon {
  const child = spawn(process.execPath, [CLI, "daemon", ...args], {
    cwd: options.cwd,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true", ...options.env },
  });
  const lines: LogLine[] = [];
  let buffer = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as LogLine);
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((r) =>
    child.on("exit", (code) => {
      exitCode = code;
      r(code);
    }),
  );
  const waitFor = async (pred: (l: LogLine) => boolean, timeoutMs = 90_000): Promise<LogLine> => {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      const hit = lines.find(pred);
      if (hit) return hit;
      if (exitCode !== undefined) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`log line not seen (exit ${String(exitCode)}); got: ${lines.map((l) => l.msg).join(" | ")}; stderr: ${stderr}`);
  };
  return { child, lines, stderr: () => stderr, exited, waitFor };
}
