import { mkdirSync, readdirSync, symlinkSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { printable, printableJson } from "../../../src/cli/terminal.js";
import { YamlSource } from "../../../src/config/yaml-source.js";
import { schedulePeriodSeconds } from "../../../src/daemon/daemon.js";
import { health } from "../../../src/daemon/metrics.js";
import { jsonTooDeep, LIMITS, parseBoundedJson, readBoundedFile, yamlTooDeep } from "../../../src/input/limits.js";
import { safeFileComponent, sweepStaleTemps, validateOutDir } from "../../../src/pipeline/output.js";
import { reportPaths } from "../../../src/pipeline/report-run.js";
import { sealEvidence } from "../../../src/evidence/record.js";
import { joinEvidence, splitEvidence } from "../../../src/store/runs.js";
import { tempDir } from "../../helpers/cli.js";

const nested = (n: number): string => `${"[".repeat(n)}${"]".repeat(n)}`;

describe("bounded JSON", () => {
  it.each([
    ["flat", '{"a":1}', 128, undefined],
    ["at the limit", nested(128), 128, undefined],
    ["one deeper", nested(129), 128, { line: 1 }],
    ["brackets in strings do not count", `{"a":"${"[".repeat(500)}"}`, 128, undefined],
    ["escaped quotes keep the string open", `{"a":"\\"[[[[[["}`, 3, undefined],
    ["line of the excess", `{\n"a":\n${nested(10)}}`, 5, { line: 3 }],
    ["5,000 deep", nested(5000), 128, { line: 1 }],
  ])("%s", (_name, text, max, expected) => {
    expect(jsonTooDeep(text, max)).toEqual(expected);
  });

  it("refuses 5,000-deep JSON before parsing it, naming where", () => {
    expect(() => parseBoundedJson(nested(5000), "snap/evidence.jsonl:7")).toThrow("snap/evidence.jsonl:7: JSON nested deeper than 128 levels; refused");
    expect(() => parseBoundedJson("{", "x.json")).toThrow(/^x\.json: not valid JSON/);
  });
});

describe("bounded YAML", () => {
  it.each([
    ["a mapping file", "framework: hipaa\ncontrols:\n  - id: a\n    checks:\n      - x\n      - y\n", undefined],
    ["flow nesting", `a: ${nested(70)}\n`, { line: 1 }],
    ["brackets in quotes and comments", `a: "${"[".repeat(100)}" # ${"{".repeat(100)}\nb: '[[[['\n`, undefined],
    ["block nesting", Array.from({ length: 70 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), { line: 65 }],
    ["compact sequences", `${"- ".repeat(70)}x\n`, { line: 1 }],
  ])("%s", (_name, text, expected) => {
    expect(yamlTooDeep(text, LIMITS.yamlDepth)).toEqual(expected);
  });

  it("refuses 20,000 nested brackets (which exhaust the yaml parser's memory) with file and line", () => {
    const { issues } = YamlSource.parse("conf.yaml", `regions: []\nx: ${nested(20_000)}\n`);
    expect(issues).toEqual([{ file: "conf.yaml", line: 2, col: 1, message: "nested deeper than 64 levels; refused" }]);
  });

  it("refuses an alias bomb, naming the file and the first alias", () => {
    const rows = ["a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) rows.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const { source, issues } = YamlSource.parse("bomb.yaml", `${rows.join("\n")}\n`);
    expect(issues).toEqual([]);
    expect(() => source.toJS()).toThrow(/^bomb\.yaml:2:\d+: Excessive alias count.*\(YAML aliases expand to too many nodes; refused\)$/);
  });
});

describe("readBoundedFile", () => {
  const dir = tempDir();
  const inside = join(dir, "snap");
  mkdirSync(inside);
  writeFileSync(join(dir, "secret.json"), "{}");
  writeFileSync(join(inside, "ok.json"), "{}");
  symlinkSync(join(dir, "secret.json"), join(inside, "out.json"));
  symlinkSync(join(inside, "ok.json"), join(inside, "in.json"));
  writeFileSync(join(inside, "big.json"), "x".repeat(2000));
  mkdirSync(join(inside, "dir.json"));

  it.each([
    ["a file", "ok.json", undefined],
    ["a symlink that stays inside", "in.json", undefined],
    ["a symlink out of the directory", "out.json", /snapshot file .*out\.json is a symlink to .*secret\.json, outside .*snap; refused/],
    ["too big", "big.json", /snapshot file .*big\.json is 2000 bytes, more than the 1000 allowed; refused/],
    ["a directory", "dir.json", /snapshot file .*dir\.json is not a regular file/],
    ["missing", "none.json", /cannot read snapshot file .*none\.json: ENOENT/],
  ])("%s", (_name, file, error) => {
    let got: string;
    try {
      got = readBoundedFile(join(inside, file), { kind: "snapshot file", maxBytes: 1000, within: inside });
    } catch (e) {
      got = (e as Error).message;
    }
    expect(got).toMatch(error ?? /^\{\}$/);
  });
});

describe("output paths", () => {
  it.each([
    ["hipaa", "hipaa"],
    ["20261127T100000Z-3fa9c1", "20261127T100000Z-3fa9c1"],
    ["../../etc/passwd", "__.._etc_passwd"],
    ["a/b\\c", "a_b_c"],
    [".hidden", "_hidden"],
    ["", "_"],
    ["run\u001b[2J", "run__2J"],
  ])("%j -> %j", (name, safe) => {
    expect(safeFileComponent(name)).toBe(safe);
  });

  it("keeps report files inside --out whatever the run id says", () => {
    const paths = reportPaths("/out", "hipaa", "../../../tmp/evil", ["json", "pdf"]);
    expect(paths).toEqual({ json: "/out/hipaa-__.._.._tmp_evil.json", pdf: "/out/hipaa-__.._.._tmp_evil.pdf" });
  });

  it("validates --out before anything runs", () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expect(() => validateOutDir(join(dir, "new", "deeper"))).not.toThrow();
    expect(() => validateOutDir(dir)).not.toThrow();
    expect(() => validateOutDir(join(dir, "file"))).toThrow(`--out ${join(dir, "file")}: exists and is not a directory`);
    expect(() => validateOutDir(join(dir, "file", "reports"))).toThrow(`--out ${join(dir, "file", "reports")}: cannot be created, ${join(dir, "file")} is not a directory`);
  });

  it("sweeps temp files of dead processes (and of an earlier process with this pid), not of live ones", () => {
    const dir = tempDir();
    const names = [`hipaa-r1.pdf.tmp-999999`, `gdpr-r1.json.tmp-${process.pid}`, `hipaa-r2.html.tmp-${process.ppid}`, "hipaa-r1.pdf", "notes.tmp-999999"];
    for (const n of names) writeFileSync(join(dir, n), "x");
    expect(sweepStaleTemps(dir).map((p) => p.slice(dir.length + 1)).sort()).toEqual([`gdpr-r1.json.tmp-${process.pid}`, "hipaa-r1.pdf.tmp-999999"]);
    expect(readdirSync(dir).sort()).toEqual(["hipaa-r1.pdf", `hipaa-r2.html.tmp-${process.ppid}`, "notes.tmp-999999"]);
    expect(sweepStaleTemps(join(dir, "missing"))).toEqual([]);
    expect(existsSync(dir)).toBe(true);
  });
});

describe("terminal output", () => {
  it.each([
    ["plain", "nb-1  FAIL", "nb-1  FAIL"],
    ["newlines and tabs stay", "a\tb\nc", "a\tb\nc"],
    ["ESC sequences", "nb-\u001b[31mred\u001b[0m", "nb-\\x1b[31mred\\x1b[0m"],
    ["title rewrite (OSC) and bell", "\u001b]0;pwned\u0007", "\\x1b]0;pwned\\x07"],
    ["C1 CSI and DEL", "a\u009b2Jb\u007f", "a\\x9b2Jb\\x7f"],
    ["bidi override", "evil\u202egnp.exe", "evil\\u202egnp.exe"],
    ["carriage return", "ok\rFAIL", "ok\\x0dFAIL"],
    ["CJK and emoji unchanged", "模型-🚀", "模型-🚀"],
  ])("%s", (_name, text, shown) => {
    expect(printable(text)).toBe(shown);
  });

  it("escapes C1 and bidi characters in JSON output, which still parses to the same value", () => {
    const value = { name: "a\u009bb\u202ec\u001bd" };
    const json = printableJson(value);
    // eslint-disable-next-line no-control-regex
    expect(json.replace(/\n/g, "")).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/u);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe("daemon health", () => {
  it.each([
    ["0 */6 * * *", 6 * 3600],
    ["*/5 * * * *", 300],
    ["0 9 * * 1-5", 3 * 86_400 - 0], // Friday 09:00 to Monday 09:00
  ])("the period of %s is %is", (expression, seconds) => {
    expect(schedulePeriodSeconds(expression)).toBe(seconds);
  });

  const run = { id: "r1", status: "completed" } as never;
  const at = (s: number): Date => new Date(Date.UTC(2026, 10, 27, 10, 0, s));
  it.each([
    ["starting", undefined, 5, 200, "starting"],
    ["no run for too long after start", undefined, 50, 503, "unhealthy"],
    ["recent completed run", { result: { run, frameworks: [] }, startedAt: at(0), finishedAt: at(1) }, 20, 200, "ok"],
    ["completed run too old", { result: { run, frameworks: [] }, startedAt: at(0), finishedAt: at(1) }, 40, 503, "unhealthy"],
    ["failed run", { error: "no usable evidence", startedAt: at(0), finishedAt: at(1) }, 2, 503, "unhealthy"],
  ])("%s", (_name, last, nowSeconds, code, status) => {
    const state = { startedAt: at(0), running: false, runsByStatus: {}, skippedTicks: 0, ...(last ? { last } : {}) };
    const h = health(state, at(nowSeconds), 30);
    expect({ code: h.ok ? 200 : 503, status: h.body.status }).toEqual({ code, status });
  });
});

describe("stored evidence", () => {
  it("refuses to rebuild a stored body nested 5,000 deep instead of overflowing the stack", () => {
    expect(() => joinEvidence(`{"response":${nested(5000)}}`, "2026-11-27T10:00:00.000Z", "0".repeat(64))).toThrow(
      "a stored evidence body is nested deeper than 128 levels: the database was altered outside sageaudit",
    );
    expect(joinEvidence('{"id":"ev_1"}', "2026-11-27T10:00:00.000Z", "ab")).toEqual({ id: "ev_1", collectedAt: "2026-11-27T10:00:00.000Z", sha256: "ab" });
  });

  it("rebuilds a stored record in sealEvidence's key order: canonical, collectedAt in its place, sha256 last", () => {
    const record = sealEvidence({ source: "sagemaker", operation: "DescribeTrainingJob", account: "111122223333", region: "eu-west-1", params: { TrainingJobName: "t" }, collectedAt: "2026-11-27T10:00:00.000Z", response: { b: { z: 1, a: [{ y: 2, c: 3 }] }, a: "x" } });
    const { body } = splitEvidence(record);
    const rebuilt = joinEvidence(body, record.collectedAt, record.sha256);
    expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(record));
    expect(Object.keys(rebuilt)).toEqual([...Object.keys(rebuilt).filter((k) => k !== "sha256").sort(), "sha256"]);
    // A body that carries a collectedAt or sha256 of its own (altered outside sageaudit) does not override the row's.
    expect(joinEvidence('{"collectedAt":"1999","id":"ev_1","sha256":"cd"}', "2026-11-27T10:00:00.000Z", "ab")).toEqual({ id: "ev_1", collectedAt: "2026-11-27T10:00:00.000Z", sha256: "ab" });
  });
});
