import { open } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { createInflateRaw, crc32 } from "node:zlib";

/**
 * Reading an untrusted zip (an evidence package an auditor received). Everything is judged from
 * the central directory and the local headers before a single entry is inflated: unsafe names,
 * links, duplicates, encryption, overlapping entries and the size limits below. Entries are then
 * inflated as streams, never past their declared size, and their CRC-32 checked. Nothing is ever
 * written to disk. Format: PKWARE APPNOTE 6.3.10 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
 */

export interface ZipLimits {
  /** Number of entries. */
  maxEntries: number;
  /** Sum of the declared uncompressed sizes. */
  maxTotalSize: number;
  /** Declared uncompressed size of one entry. */
  maxEntrySize: number;
  /** Uncompressed / compressed size of one entry, for entries of at least `ratioFloor` bytes. */
  maxRatio: number;
  ratioFloor: number;
}

const MiB = 1024 * 1024;

/**
 * Generous for real packages (a run of 20,000 resources is about 20,000 entries and a few hundred
 * MiB; JSON evidence deflates about 5-30:1), far below what a zip bomb needs (deflate reaches ~1000:1).
 */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 65_535,
  maxTotalSize: 4096 * MiB,
  maxEntrySize: 1024 * MiB,
  maxRatio: 200,
  ratioFloor: 1 * MiB,
};

/** The file is not a zip we accept; nothing was extracted. */
export class UnsafeZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsafeZipError";
  }
}

export interface ZipEntry {
  name: string;
  method: 0 | 8;
  crc32: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the entry's data starts, from its local header. */
  dataOffset: number;
}

/** Why a name may not be extracted anywhere (zip-slip and friends), or undefined when it is safe. */
export function unsafeEntryName(name: string): string | undefined {
  if (name === "") return "an empty name";
  if (name.length > 1024) return "a name longer than 1024 characters";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "a control character in its name";
  if (name.includes("\\")) return "a backslash in its name (a Windows path separator)";
  if (name.startsWith("/")) return "an absolute path";
  if (/^[A-Za-z]:/.test(name)) return "an absolute Windows path (drive letter)";
  const segments = name.split("/");
  if (segments.includes("..")) return "a \"..\" path segment (it would escape the extraction directory)";
  if (name.endsWith("/")) return "a directory entry";
  if (segments.some((s) => s === "" || s === ".")) return "an empty or \".\" path segment";
  return undefined;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;

function entryTypeProblem(madeBy: number, externalAttrs: number): string | undefined {
  if (externalAttrs & 0x10) return "a directory entry (MS-DOS directory attribute)";
  // The upper half of the external attributes is a Unix mode when the entry was made on Unix (3).
  if (madeBy >> 8 !== 3) return undefined;
  const type = (externalAttrs >>> 16) & S_IFMT;
  if (type === S_IFLNK) return "a symbolic link";
  if (type === S_IFDIR) return "a directory entry";
  if (type !== 0 && type !== S_IFREG) return `a special file (mode ${((externalAttrs >>> 16) & 0xffff).toString(8)})`;
  return undefined;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

export class ZipArchive {
  private constructor(
    private readonly fh: FileHandle,
    readonly path: string,
    readonly entries: readonly ZipEntry[],
  ) {}

  /** Opens and validates the whole structure; throws UnsafeZipError naming the first problem. */
  static async open(path: string, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Promise<ZipArchive> {
    const fh = await open(path, "r");
    try {
      const entries = await readDirectory(fh, limits);
      return new ZipArchive(fh, path, entries);
    } catch (error) {
      await fh.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.fh.close();
  }

  /** The entry's bytes, inflated chunk by chunk; fails past the declared size or on a CRC mismatch. */
  async *read(entry: ZipEntry): AsyncGenerator<Buffer> {
    const raw = Readable.from(this.compressed(entry));
    const source: AsyncIterable<Buffer> = entry.method === 8 ? raw.pipe(createInflateRaw()) : raw;
    let size = 0;
    let crc = 0;
    try {
      for await (const chunk of source) {
        const buffer = chunk;
        size += buffer.length;
        if (size > entry.size) throw new UnsafeZipError(`${entry.name} inflates beyond its declared ${entry.size} bytes (a zip bomb or a corrupted entry)`);
        crc = crc32(buffer, crc);
        yield buffer;
      }
    } catch (error) {
      if (error instanceof UnsafeZipError) throw error;
      throw new UnsafeZipError(`${entry.name} cannot be inflated: ${(error as Error).message}`);
    } finally {
      raw.destroy();
      if (source !== raw) (source as Readable).destroy();
    }
    if (size !== entry.size) throw new UnsafeZipError(`${entry.name} inflates to ${size} bytes but declares ${entry.size}`);
    if (crc >>> 0 !== entry.crc32) throw new UnsafeZipError(`${entry.name} fails its CRC-32 check (the entry is corrupted)`);
  }

  async readAll(entry: ZipEntry): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(entry)) chunks.push(chunk);
    return Buffer.concat(chunks);
  }

  private async *compressed(entry: ZipEntry): AsyncGenerator<Buffer> {
    const CHUNK = 256 * 1024;
    let position = entry.dataOffset;
    const end = entry.dataOffset + entry.compressedSize;
    while (position < end) {
      const length = Math.min(CHUNK, end - position);
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await this.fh.read(buffer, 0, length, position);
      if (bytesRead !== length) throw new UnsafeZipError(`${entry.name} is truncated`);
      position += length;
      yield buffer;
    }
  }
}

async function readAt(fh: FileHandle, position: number, length: number, what: string): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buffer, 0, length, position);
  if (bytesRead !== length) throw new UnsafeZipError(`not a valid zip file: ${what} is truncated`);
  return buffer;
}

async function readDirectory(fh: FileHandle, limits: ZipLimits): Promise<ZipEntry[]> {
  const { size: fileSize } = await fh.stat();
  if (fileSize < 22) throw new UnsafeZipError("not a zip file (too short to hold an end of central directory record)");
  const tailLength = Math.min(fileSize, 22 + 0xffff);
  const tail = await readAt(fh, fileSize - tailLength, tailLength, "the end of the file");
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50 && i + 22 + tail.readUInt16LE(i + 20) === tail.length) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UnsafeZipError("not a zip file (no end of central directory record)");
  const eocdPosition = fileSize - tailLength + eocd;
  const disk = tail.readUInt16LE(eocd + 4);
  const cdDisk = tail.readUInt16LE(eocd + 6);
  const onDisk = tail.readUInt16LE(eocd + 8);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) throw new UnsafeZipError("multi-volume zip archives are not accepted");
  if (eocd >= 20 && tail.readUInt32LE(eocd - 20) === 0x07064b50) throw new UnsafeZipError("zip64 archives are not accepted (evidence packages never need zip64)");
  if (count > limits.maxEntries) throw new UnsafeZipError(`the zip holds ${count} entries, more than the limit of ${limits.maxEntries}`);
  if (cdOffset + cdSize > eocdPosition) throw new UnsafeZipError("not a valid zip file: the central directory lies outside the file");

  const cd = await readAt(fh, cdOffset, cdSize, "the central directory");
  const entries: ZipEntry[] = [];
  const seen = new Map<string, string>();
  let total = 0;
  let p = 0;
  for (let index = 0; index < count; index++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw new UnsafeZipError(`not a valid zip file: central directory entry ${index + 1} is malformed`);
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const externalAttrs = cd.readUInt32LE(p + 38);
    const localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLength + extraLength + commentLength > cd.length) throw new UnsafeZipError(`not a valid zip file: central directory entry ${index + 1} overruns the directory`);
    let name: string;
    try {
      name = utf8.decode(cd.subarray(p + 46, p + 46 + nameLength));
    } catch {
      throw new UnsafeZipError(`entry ${index + 1} has a name that is not valid UTF-8`);
    }
    p += 46 + nameLength + extraLength + commentLength;
    const shown = JSON.stringify(name);
    const badName = unsafeEntryName(name);
    if (badName) throw new UnsafeZipError(`entry ${shown} refused: ${badName}`);
    const badType = entryTypeProblem(madeBy, externalAttrs);
    if (badType) throw new UnsafeZipError(`entry ${shown} refused: it is ${badType}`);
    // Case- and normalisation-insensitive: two such names land on one file on macOS and Windows.
    const folded = name.normalize("NFC").toLowerCase();
    const twin = seen.get(folded);
    if (twin !== undefined) throw new UnsafeZipError(`entry ${shown} refused: duplicate of ${JSON.stringify(twin)}`);
    seen.set(folded, name);
    if (flags & 0x1) throw new UnsafeZipError(`entry ${shown} refused: it is encrypted`);
    if (method !== 0 && method !== 8) throw new UnsafeZipError(`entry ${shown} refused: compression method ${method} (only stored and deflate are accepted)`);
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new UnsafeZipError(`entry ${shown} refused: zip64 sizes are not accepted`);
    if (method === 0 && compressedSize !== size) throw new UnsafeZipError(`entry ${shown} refused: stored entry whose sizes disagree (${compressedSize} vs ${size})`);
    if (size > limits.maxEntrySize) throw new UnsafeZipError(`entry ${shown} refused: ${size} bytes uncompressed, more than the limit of ${limits.maxEntrySize}`);
    total += size;
    if (total > limits.maxTotalSize) throw new UnsafeZipError(`the zip inflates to more than the limit of ${limits.maxTotalSize} bytes in total (at entry ${shown})`);
    if (size >= limits.ratioFloor && size / Math.max(compressedSize, 1) > limits.maxRatio) {
      throw new UnsafeZipError(
        `entry ${shown} refused: compression ratio ${Math.round(size / Math.max(compressedSize, 1))}:1 (${compressedSize} -> ${size} bytes) exceeds ${limits.maxRatio}:1, the mark of a zip bomb`,
      );
    }
    entries.push({ name, method, crc32: crc, compressedSize, size, localOffset, dataOffset: 0 });
  }

  // Local headers: same name and method as the directory says, and no two entries share bytes
  // (overlapping entries are how non-recursive zip bombs multiply one compressed stream).
  for (const entry of entries) {
    const header = await readAt(fh, entry.localOffset, 30, `the local header of ${entry.name}`);
    if (header.readUInt32LE(0) !== 0x04034b50) throw new UnsafeZipError(`not a valid zip file: no local header for ${JSON.stringify(entry.name)}`);
    const nameLength = header.readUInt16LE(26);
    const extraLength = header.readUInt16LE(28);
    const localName = (await readAt(fh, entry.localOffset + 30, nameLength, `the local header of ${entry.name}`)).toString("utf8");
    if (localName !== entry.name) throw new UnsafeZipError(`entry ${JSON.stringify(entry.name)} refused: its local header names it ${JSON.stringify(localName)}`);
    if (header.readUInt16LE(8) !== entry.method) throw new UnsafeZipError(`entry ${JSON.stringify(entry.name)} refused: local and central compression methods differ`);
    entry.dataOffset = entry.localOffset + 30 + nameLength + extraLength;
    if (entry.dataOffset + entry.compressedSize > cdOffset) throw new UnsafeZipError(`entry ${JSON.stringify(entry.name)} refused: its data runs into the central directory`);
  }
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const before = byOffset[i - 1] as ZipEntry;
    const entry = byOffset[i] as ZipEntry;
    if (before.dataOffset + before.compressedSize > entry.localOffset) {
      throw new UnsafeZipError(`entries ${JSON.stringify(before.name)} and ${JSON.stringify(entry.name)} overlap (a zip bomb construction)`);
    }
  }
  return entries;
}
