import { mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli, tempDir } from "../helpers/cli.js";
import { writeZip } from "../helpers/zip.js";
import type { RawEntry } from "../helpers/zip.js";

const manifest = { name: "manifest.json", data: "{}\n" };

/** Hostile archives an auditor might be handed: each must be refused before anything is read. */
const CASES: { name: string; entries: RawEntry[]; message: string }[] = [
  { name: "zip-slip", entries: [manifest, { name: "../../evil.sh", data: "#!/bin/sh\n" }], message: 'entry "../../evil.sh" refused: a ".." path segment' },
  { name: "nested zip-slip", entries: [manifest, { name: "evidence/../../x.json", data: "{}" }], message: "a \"..\" path segment" },
  { name: "backslash", entries: [manifest, { name: "evidence\\..\\x.json", data: "{}" }], message: "a backslash in its name" },
  { name: "absolute path", entries: [manifest, { name: "/etc/cron.d/evil", data: "x" }], message: "an absolute path" },
  { name: "drive letter", entries: [manifest, { name: "C:/Windows/evil.dll", data: "x" }], message: "an absolute Windows path" },
  { name: "symlink", entries: [manifest, { name: "evidence/link.json", data: "/etc/passwd", mode: 0o120777 }], message: "it is a symbolic link" },
  { name: "duplicate", entries: [manifest, { name: "report.json", data: "{}" }, { name: "report.json", data: "{}" }], message: 'entry "report.json" refused: duplicate of "report.json"' },
  { name: "case duplicate", entries: [manifest, { name: "Report.json", data: "{}" }, { name: "report.json", data: "{}" }], message: "duplicate of" },
  {
    name: "zip bomb (compression ratio)",
    entries: [manifest, { name: "report.json", data: Buffer.alloc(64 * 1024 * 1024) }],
    message: "exceeds 200:1, the mark of a zip bomb",
  },
];

describe("verify refuses unsafe zips before extracting anything", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir("sageaudit-unsafe-");
    mkdirSync(join(dir, "work"));
  });

  for (const c of CASES) {
    it(`refuses ${c.name}`, () => {
      const file = writeZip(join(dir, `${c.name.replace(/\W+/g, "-")}.zip`), c.entries);
      const r = runCli(["verify", file], { cwd: join(dir, "work") });
      expect(r.stdout).toContain("refused before extracting anything");
      expect(r.stdout).toContain(c.message);
      expect(r.stderr).toContain("INVALID");
      expect(r.code).toBe(1);
      // Nothing was written anywhere: verify never extracts.
      expect(readdirSync(join(dir, "work"))).toEqual([]);
    });
  }

  it("refuses an entry that inflates past its declared size (a lying header) while streaming", () => {
    const file = writeZip(join(dir, "liar.zip"), [{ name: "manifest.json", data: Buffer.alloc(4 * 1024 * 1024, 0x20), declaredSize: 1000 }]);
    const r = runCli(["verify", file, "--json"], { cwd: join(dir, "work") });
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as { ok: boolean; problems: { where: string; what: string }[] };
    expect(result.ok).toBe(false);
    expect(result.problems[0]?.what).toContain("inflates beyond its declared 1000 bytes");
  });

  it("says plainly when the file is not a zip, and exits 2 when there is no file", () => {
    const file = join(dir, "not.zip");
    writeZip(file, []);
    const junk = runCli(["verify", join(dir, "work")], { cwd: dir });
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain("no package file at");
    const both = runCli(["verify", file, "--db", "x.db"], { cwd: dir });
    expect(both.code).toBe(2);
    const neither = runCli(["verify"], { cwd: dir });
    expect(neither.code).toBe(2);
    const empty = runCli(["verify", file], { cwd: dir });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toContain("manifest.json: missing: this is not a sageaudit evidence package");
  });
});
