import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface OutputFile {
  path: string;
  data: string | Uint8Array;
}

/**
 * The single place that writes report files. Each file is written to a temporary name and renamed,
 * and renames happen only after every file was written: a failure leaves no partial report.
 */
export function writeFilesAtomically(files: readonly OutputFile[]): void {
  const temps: { temp: string; path: string }[] = [];
  try {
    for (const file of files) {
      mkdirSync(dirname(file.path), { recursive: true });
      const temp = `${file.path}.tmp-${process.pid}`;
      writeFileSync(temp, file.data);
      temps.push({ temp, path: file.path });
    }
  } catch (error) {
    for (const { temp } of temps) rmSync(temp, { force: true });
    throw error;
  }
  for (const { temp, path } of temps) renameSync(temp, path);
}
