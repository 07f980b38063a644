import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { dirname } from "node:path";

/** A file's content: bytes, or string pieces written as they come (a streamed JSON or CSV). */
export type OutputData = string | Uint8Array | Iterable<string>;

export interface OutputFile {
  path: string;
  /** Called only when this file's turn comes, so one file's content is held at a time. */
  data: () => OutputData | Promise<OutputData>;
}

/** Pieces are gathered to about this size before each write. */
const WRITE_BATCH = 1 << 20;

/**
 * The single place that writes report files. Each file is produced and written to a temporary name
 * in turn, its content dropped before the next is produced, and renames happen only after every
 * file was written: a failure leaves no partial report.
 */
export async function writeFilesAtomically(files: readonly OutputFile[]): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temp = `${file.path}.tmp-${process.pid}`;
      temps.push({ temp, path: file.path });
      writeData(temp, await file.data());
    }
  } catch (error) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, path } of temps) renameSync(temp, path);
}

function writeData(path: string, data: OutputData): void {
  if (typeof data === "string" || data instanceof Uint8Array) return writeFileSync(path, data);
  const fd = openSync(path, "w");
  try {
    let batch: string[] = [];
    let size = 0;
    for (const piece of data) {
      batch.push(piece);
      size += piece.length;
      if (size >= WRITE_BATCH) {
        writeSync(fd, batch.join(""));
        batch = [];
        size = 0;
      }
    }
    if (size > 0) writeSync(fd, batch.join(""));
  } finally {
    closeSync(fd);
  }
}
