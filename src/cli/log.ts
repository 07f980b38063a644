import pino from "pino";
import type { Logger } from "pino";
import { printable } from "./terminal.js";

/**
 * One-shot commands log to stderr so `--json` on stdout stays clean; the daemon logs to stdout
 * (container convention). JSON lines unless a person is watching a terminal.
 */
export function createLogger(options: { verbose?: boolean; quiet?: boolean; toStdout?: boolean }): Logger {
  const fd = options.toStdout ? 1 : 2;
  const level = options.verbose ? "debug" : options.quiet ? "warn" : "info";
  const tty = fd === 1 ? process.stdout.isTTY : process.stderr.isTTY;
  if (!tty) return pino({ level, base: undefined }, pino.destination({ fd, sync: true }));
  const stream = {
    write(line: string): void {
      const entry = JSON.parse(line) as { level: number; msg: string; [k: string]: unknown };
      const { level: lvl, msg, time: _time, ...rest } = entry;
      const name = pino.levels.labels[lvl] ?? String(lvl);
      const extra = Object.keys(rest).length > 0 ? ` ${Object.entries(rest).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`).join(" ")}` : "";
      (fd === 1 ? process.stdout : process.stderr).write(printable(`${name.padEnd(5)} ${msg}${extra}`) + "\n");
    },
  };
  return pino({ level, base: undefined }, stream);
}
