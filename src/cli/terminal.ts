/**
 * Terminal output built from stored data (resource names, tag values, reasons, error messages
 * echoed by an endpoint) is attacker-controlled. Raw C0/C1 control characters (ESC starts the
 * sequences that move the cursor, rewrite the title or hide text), DEL and the bidirectional
 * overrides (which reorder what is shown) never reach the terminal: each is written as a visible
 * `\x1b` / `\u202e` escape instead, so two different names never print the same.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const escape = (ch: string): string => {
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
};

/** Human-readable text with every unsafe character replaced by its visible escape. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/**
 * JSON for stdout: JSON.stringify escapes C0 characters but leaves C1 and the bidi overrides raw;
 * these become `\u009b`-style escapes, which parse back to the very same value.
 */
export function printableJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The one way commands write to stdout. */
export function writeOut(text: string): void {
  process.stdout.write(printable(text));
}

export function writeJson(value: unknown): void {
  process.stdout.write(`${printableJson(value)}\n`);
}

export function writeErr(text: string): void {
  process.stderr.write(printable(text));
}
