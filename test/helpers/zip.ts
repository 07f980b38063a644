import { writeFileSync } from "node:fs";
import { crc32, deflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import { readFileSync } from "node:fs";

/** An entry of a hand-built zip: tests craft hostile archives byte by byte. */
export interface RawEntry {
  name: string;
  data: Uint8Array | string;
  /** Unix mode in the upper half of the external attributes (default regular file 0644). */
  mode?: number;
  /** Override the declared uncompressed size (a lying header). */
  declaredSize?: number;
  store?: boolean;
}

/** Builds a zip from entries in the given order, duplicates and unsafe names included. */
export function buildZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = typeof e.data === "string" ? Buffer.from(e.data) : Buffer.from(e.data);
    const body = e.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(e.name, "utf8");
    const size = e.declaredSize ?? raw.length;
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(0x00210000, 10);
    local.writeUInt32LE(crc32(raw), 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(0x00210000, 12);
    central.writeUInt32LE(crc32(raw), 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries of a (trusted, test-made) zip, in archive order. */
export function readZipEntries(path: string): { name: string; data: Uint8Array }[] {
  const files = unzipSync(readFileSync(path));
  return Object.entries(files).map(([name, data]) => ({ name, data }));
}

export function writeZip(path: string, entries: readonly RawEntry[]): string {
  writeFileSync(path, buildZip(entries));
  return path;
}
