import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ZIP_LIMITS, UnsafeZipError, unsafeEntryName, ZipArchive } from "../../../src/package/zip-read.js";
import { ZipWriter } from "../../../src/package/zip-write.js";
import { tempDir } from "../../helpers/cli.js";
import { buildZip, readZipEntries } from "../../helpers/zip.js";

describe("unsafeEntryName", () => {
  it.each([
    ["report.json", undefined],
    ["evidence/ev_0123.json", undefined],
    ["attestations/001-training.pdf", undefined],
    ["", "an empty name"],
    ["../x", "a \"..\" path segment"],
    ["a/../../x", "a \"..\" path segment"],
    ["a\\b", "a backslash"],
    ["/abs", "an absolute path"],
    ["c:x", "an absolute Windows path"],
    ["dir/", "a directory entry"],
    ["a//b", "an empty or \".\" path segment"],
    ["./a", "an empty or \".\" path segment"],
    ["a\u0000b", "a control character"],
  ])("%j → %s", (name, problem) => {
    const got = unsafeEntryName(name);
    expect(problem === undefined ? got === undefined : got?.includes(problem)).toBe(true);
  });
});

describe("ZipWriter + ZipArchive", () => {
  const dir = tempDir("sageaudit-zip-");

  it("round-trips entries in order, with fixed UTC timestamps and modes, readable by another implementation", async () => {
    const path = join(dir, "a.zip");
    const zip = new ZipWriter(path, new Date("2026-11-27T10:00:00.000Z"));
    zip.add("b.txt", "hello ".repeat(1000));
    zip.add("a/c.bin", new Uint8Array([1, 2, 3]));
    zip.finish();
    expect(readZipEntries(path).map((e) => e.name)).toEqual(["b.txt", "a/c.bin"]);
    const archive = await ZipArchive.open(path);
    expect(archive.entries.map((e) => [e.name, e.method, e.size])).toEqual([["b.txt", 8, 6000], ["a/c.bin", 0, 3]]);
    expect((await archive.readAll(archive.entries[0]!)).toString()).toBe("hello ".repeat(1000));
    await archive.close();
    const again = join(dir, "b.zip");
    const z2 = new ZipWriter(again, new Date("2026-11-27T10:00:00.000Z"));
    z2.add("b.txt", "hello ".repeat(1000));
    z2.add("a/c.bin", new Uint8Array([1, 2, 3]));
    z2.finish();
    const { readFileSync } = await import("node:fs");
    expect(readFileSync(again).equals(readFileSync(path))).toBe(true);
  });

  it("refuses to add an entry twice and never overwrites an existing file", () => {
    const path = join(dir, "dup.zip");
    const zip = new ZipWriter(path, new Date(0));
    zip.add("x", "1");
    expect(() => zip.add("x", "2")).toThrow("added twice");
    zip.finish();
    expect(() => new ZipWriter(path, new Date(0))).toThrow(/EEXIST/);
  });

  const write = (name: string, bytes: Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it.each([
    ["entry count", { maxEntries: 2 }, [{ name: "a", data: "1" }, { name: "b", data: "2" }, { name: "c", data: "3" }], "3 entries, more than the limit of 2"],
    ["total size", { maxTotalSize: 1500 }, [{ name: "a", data: "x".repeat(1000) }, { name: "b", data: "y".repeat(1000) }], "more than the limit of 1500 bytes in total"],
    ["entry size", { maxEntrySize: 100 }, [{ name: "a", data: "x".repeat(101) }], "101 bytes uncompressed, more than the limit of 100"],
    ["ratio", { maxRatio: 10, ratioFloor: 1000 }, [{ name: "a", data: "x".repeat(5000) }], "exceeds 10:1"],
  ])("enforces the %s limit before inflating", async (_label, limits, entries, message) => {
    const path = write(`limit-${_label.replace(/\W/g, "")}.zip`, buildZip(entries));
    await expect(ZipArchive.open(path, { ...DEFAULT_ZIP_LIMITS, ...limits })).rejects.toThrow(message);
    await expect(ZipArchive.open(path, { ...DEFAULT_ZIP_LIMITS, ...limits })).rejects.toBeInstanceOf(UnsafeZipError);
  });

  it("refuses a corrupted entry by its CRC-32 and overlapping entries", async () => {
    const bytes = buildZip([{ name: "a", data: "abcdef", store: true }]);
    bytes[30 + 1 + 2] = "X".charCodeAt(0);
    const archive = await ZipArchive.open(write("crc.zip", bytes));
    await expect(archive.readAll(archive.entries[0]!)).rejects.toThrow("fails its CRC-32 check");
    await archive.close();

    // Two central directory entries pointing at the same local data.
    const one = buildZip([{ name: "a", data: "abc", store: true }]);
    const local = one.subarray(0, 30 + 1 + 3);
    const central = one.subarray(34, 34 + 46 + 1);
    const twin = Buffer.from(central);
    twin[46] = "b".charCodeAt(0);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(2, 8);
    end.writeUInt16LE(2, 10);
    end.writeUInt32LE(central.length * 2, 12);
    end.writeUInt32LE(local.length, 16);
    await expect(ZipArchive.open(write("overlap.zip", Buffer.concat([local, central, twin, end])))).rejects.toThrow(/local header names it|overlap/);
  });

  it("refuses what is not a zip", async () => {
    await expect(ZipArchive.open(write("junk.zip", Buffer.from("PK not really a zip file at all, no end record")))).rejects.toThrow("not a zip file");
  });
});
