import { closeSync, openSync, writeSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";

/**
 * A minimal, deterministic zip writer (PKWARE APPNOTE 6.3.10, no zip64): entries are written in
 * the order they are added, each compressed on its own and written straight to the file, so a
 * package never sits in memory as a whole; only the central directory (about 100 bytes an entry)
 * is kept until the end. Timestamps are the given UTC time and the file modes fixed (0644), so
 * the same entries give the same bytes on every machine and time zone.
 */
export class ZipWriter {
  private readonly fd: number;
  private offset = 0;
  private readonly central: Buffer[] = [];
  private readonly names = new Set<string>();
  private readonly dosTime: number;
  private readonly dosDate: number;

  constructor(path: string, mtime: Date) {
    const t = new Date(Math.max(mtime.getTime(), Date.UTC(1980, 0, 1)));
    this.dosTime = (t.getUTCHours() << 11) | (t.getUTCMinutes() << 5) | Math.floor(t.getUTCSeconds() / 2);
    this.dosDate = ((t.getUTCFullYear() - 1980) << 9) | ((t.getUTCMonth() + 1) << 5) | t.getUTCDate();
    this.fd = openSync(path, "wx", 0o644);
  }

  add(name: string, data: string | Uint8Array): { size: number } {
    if (this.names.has(name)) throw new Error(`zip entry ${name} added twice`);
    this.names.add(name);
    if (this.central.length >= 0xffff) throw new Error("an evidence package holds at most 65,535 files (zip without zip64)");
    const raw = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const deflated = deflateRawSync(raw, { level: 9 });
    const stored = deflated.length >= raw.length;
    const body = stored ? raw : deflated;
    const crc = crc32(raw);
    const nameBytes = Buffer.from(name, "utf8");
    if (this.offset + 30 + nameBytes.length + body.length > 0xffffffff) throw new Error("an evidence package is limited to 4 GiB (zip without zip64)");

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // bit 11: names are UTF-8
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt16LE(this.dosTime, 10);
    local.writeUInt16LE(this.dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0 — so the mode below is meaningful
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(stored ? 0 : 8, 10);
    entry.writeUInt16LE(this.dosTime, 12);
    entry.writeUInt16LE(this.dosDate, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(raw.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE((0o100644 << 16) >>> 0, 38); // regular file, rw-r--r--
    entry.writeUInt32LE(this.offset, 42);
    this.central.push(Buffer.concat([entry, nameBytes]));

    this.write(local);
    this.write(nameBytes);
    this.write(body);
    return { size: raw.length };
  }

  /** Writes the central directory and closes the file. */
  finish(): void {
    const start = this.offset;
    for (const entry of this.central) this.write(entry);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.central.length, 8);
    end.writeUInt16LE(this.central.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
  }

  /** Closes the file without finishing it (the caller removes it). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  private write(buffer: Buffer): void {
    let done = 0;
    while (done < buffer.length) done += writeSync(this.fd, buffer, done, buffer.length - done);
    this.offset += buffer.length;
  }
}
