/** Live counts per service and region while a collection runs. */
export interface Progress {
  call(service: string, region: string): void;
  resources(service: string, region: string, count: number): void;
  gap(service: string, region: string): void;
  done(): void;
}

export const silentProgress: Progress = { call() {}, resources() {}, gap() {}, done() {} };

interface Row {
  calls: number;
  resources: number;
  gaps: number;
}

export interface TerminalProgressOptions {
  write: (text: string) => void;
  /** Milliseconds between redraws; a redraw per call would flood a slow terminal. */
  intervalMs?: number;
  now?: () => number;
}

/**
 * Redraws one line per service/region in place (ANSI cursor-up), at most every `intervalMs`.
 * Only for a terminal: under `--json` or without a TTY nothing is drawn (see `createProgress`).
 */
export class TerminalProgress implements Progress {
  private readonly rows = new Map<string, Row>();
  private drawn = 0;
  private lastDraw = 0;
  private readonly interval: number;
  private readonly now: () => number;

  constructor(private readonly options: TerminalProgressOptions) {
    this.interval = options.intervalMs ?? 100;
    this.now = options.now ?? Date.now;
  }

  call(service: string, region: string): void {
    this.row(service, region).calls++;
    this.maybeDraw();
  }

  resources(service: string, region: string, count: number): void {
    this.row(service, region).resources += count;
    this.maybeDraw();
  }

  gap(service: string, region: string): void {
    this.row(service, region).gaps++;
    this.maybeDraw();
  }

  done(): void {
    this.draw();
  }

  /** The lines as they would be drawn, for tests and the final draw. */
  lines(): string[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, r]) => {
        const [service = "", region = ""] = key.split("|");
        const gaps = r.gaps > 0 ? `  ${r.gaps} gap${r.gaps === 1 ? "" : "s"}` : "";
        return `  ${service.padEnd(11)}${region.padEnd(16)}${String(r.calls).padStart(6)} calls ${String(r.resources).padStart(6)} resources${gaps}`;
      });
  }

  private row(service: string, region: string): Row {
    const key = `${service}|${region}`;
    let row = this.rows.get(key);
    if (!row) {
      row = { calls: 0, resources: 0, gaps: 0 };
      this.rows.set(key, row);
    }
    return row;
  }

  private maybeDraw(): void {
    const now = this.now();
    if (now - this.lastDraw < this.interval) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    const lines = this.lines();
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : "";
    this.options.write(`${up}${lines.map((l) => `\x1b[2K${l}\n`).join("")}`);
    this.drawn = lines.length;
  }
}

/**
 * Progress on stderr when a person watches a terminal and asked for no machine output. Under
 * `--verbose` the per-call log lines are the progress (redrawing lines in place would overwrite them).
 */
export function createProgress(options: { json?: boolean; verbose?: boolean; stream?: NodeJS.WriteStream }): Progress {
  const stream = options.stream ?? process.stderr;
  if (options.json || options.verbose || !stream.isTTY) return silentProgress;
  return new TerminalProgress({ write: (text) => stream.write(text) });
}
