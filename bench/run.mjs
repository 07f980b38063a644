// Benchmark: a deterministic synthetic estate through every stage of the pipeline, each stage's
// wall time, CPU time and peak RSS, next to the floor (parsing the same evidence and a bare
// better-sqlite3 bulk insert of it). `npm run bench -- --resources N --events M --jobs J`;
// `--scaling` runs 1k, 10k and 50k resources and prints each stage's growth exponent; `--no-package`
// skips the evidence package stages. Writes bench/results/<timestamp>.json; never a timed test.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { estateSize, generateEstate } from "./estate.mjs";
import { measureStage, printTable } from "./measure.mjs";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);

const { values: flags } = parseArgs({
  options: {
    resources: { type: "string" },
    events: { type: "string" },
    jobs: { type: "string" },
    scaling: { type: "boolean", default: false },
    "no-package": { type: "boolean", default: false },
    out: { type: "string" },
  },
});
const int = (name) => {
  if (flags[name] === undefined) return undefined;
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got ${flags[name]}`);
  return n;
};

const { readSnapshot } = await load("collect/snapshot.js");
const { buildInventory } = await load("evidence/inventory.js");
const { evaluateFindings } = await load("checks/findings.js");
const { CATALOGUE, CHECK_IDS } = await load("checks/catalogue.js");
const { loadFramework } = await load("frameworks/load.js");
const { openDb } = await load("store/db.js");
const { completeRun, Handover, startRun } = await load("store/runs.js");
const { collectRun } = await load("pipeline/collect-run.js");
const { evaluateFrameworkAt } = await load("pipeline/evaluate.js");
const { buildRunReport, frameworkResultsEntry } = await load("pipeline/report-run.js");
const { renderReportFiles } = await load("pipeline/render.js");
const { evidenceIndexOf } = await load("evidence/record.js");
const Database = (await import("better-sqlite3")).default;

/** Writes the estate as a snapshot directory, as `--source snapshot:DIR` reads it. */
function writeSnapshot(dir, records) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "evidence.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

/** The floor: what any tool must do with this evidence — parse it and insert it in one transaction. */
function floor(dir, work) {
  return measureStage("floor", () => {
    const text = readFileSync(join(dir, "evidence.jsonl"), "utf8");
    const db = new Database(join(work, "floor.db"));
    db.exec("CREATE TABLE evidence (id TEXT PRIMARY KEY, body TEXT NOT NULL)");
    const insert = db.prepare("INSERT INTO evidence (id, body) VALUES (?, ?)");
    db.transaction(() => {
      for (const line of text.split("\n")) if (line) insert.run(JSON.parse(line).id, line);
    })();
    db.close();
  });
}

async function benchEstate(size, options) {
  const work = mkdtempSync(join(tmpdir(), "sageaudit-bench-"));
  try {
    const snapshot = join(work, "snapshot");
    writeSnapshot(snapshot, generateEstate(size));
    const mapping = loadFramework("hipaa", CHECK_IDS);
    const inputs = { mapping, waivers: [], attestations: [] };
    const stages = [];
    const at = (s) => (stages.push(s), s.value);

    const collection = at(await measureStage("load", () => readSnapshot(snapshot, "bench")));
    const inventory = at(await measureStage("inventory", () => buildInventory(collection.records)));
    const findings = at(await measureStage("checks", () => evaluateFindings(inventory, CATALOGUE)));
    const finishedAt = new Date().toISOString();
    const evaluation = at(await measureStage("frameworks", () => evaluateFrameworkAt(mapping, findings, [], [], finishedAt)));
    const db = openDb(join(work, "stages.db"));
    const run = at(
      await measureStage("store", () => {
        startRun(db, { id: "bench-1", startedAt: finishedAt, source: "bench", accounts: [], regions: [], toolVersion: "bench" });
        return completeRun(db, "bench-1", {
          finishedAt, accounts: collection.accounts, regions: collection.regions, evidence: new Handover({ records: collection.records, resources: inventory.resources, events: inventory.events }), findings,
          gaps: inventory.gaps, apiCalls: {},
          frameworks: [frameworkResultsEntry(inputs, evaluation, finishedAt)],
        });
      }),
    );
    const evaluated = { run, findings, evidence: evidenceIndexOf(collection.records) };
    const model = at(await measureStage("model", () => buildRunReport(db, evaluated, inputs, evaluation, finishedAt, "bench")));
    for (const format of ["json", "csv", "html", "pdf"]) {
      at(await measureStage(`render ${format}`, () => renderReportFiles(model, [format], join(work, "reports"))));
    }
    db.close();

    // The ratio's numerator: the real one-pass path (collect from the snapshot, evaluate, store).
    const pipelineDb = openDb(join(work, "pipeline.db"));
    const pipeline = await measureStage("pipeline (collect+evaluate+store)", () =>
      collectRun({ db: pipelineDb, sourceName: "bench", collect: async () => readSnapshot(snapshot, "bench"), toolVersion: "bench", frameworks: [inputs] }),
    );
    const packagedRun = pipeline.value.run.id;
    pipelineDb.close();
    const floorStage = await floor(snapshot, work);

    if (options.package) {
      const child = (args) => JSON.parse(execFileSync(process.execPath, [fileURLToPath(new URL("package-stage.mjs", import.meta.url)), ...args], { encoding: "utf8", maxBuffer: 1 << 24 }));
      const zip = join(work, "bench.zip");
      const packaged = child(["package", join(work, "pipeline.db"), packagedRun, zip]);
      stages.push({ name: "package", wallMs: packaged.ms, cpuMs: packaged.cpuMs, peakRssBytes: packaged.peakRssMiB * 1048576 });
      const verified = child(["verify", zip]);
      if (!verified.ok) throw new Error(`bench package does not verify: ${JSON.stringify(verified.problems)}`);
      stages.push({ name: "verify", wallMs: verified.ms, cpuMs: verified.cpuMs, peakRssBytes: verified.peakRssMiB * 1048576 });
    }
    // The whole `report` command as a user runs it, in a process of its own: its peak RSS is the 1 GiB target.
    const command = reportCommand(snapshot, work);
    return {
      resources: inventory.resources.length,
      events: inventory.events.length,
      evidenceRecords: collection.records.length,
      findings: findings.length,
      floorMs: floorStage.wallMs,
      pipelineMs: pipeline.wallMs,
      ratio: Math.round((pipeline.wallMs / floorStage.wallMs) * 100) / 100,
      reportCommand: command,
      peakRssBytes: command.peakRssBytes,
      stages: [...stages, pipeline, floorStage].map(({ value: _value, ...s }) => s),
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** `sageaudit report --format pdf,html,json,csv --source snapshot:DIR` with its wall time and peak RSS. */
function reportCommand(snapshot, work) {
  const rssFile = join(work, "report-rss.json");
  const cli = fileURLToPath(new URL("cli/main.js", dist));
  const probe = new URL("rss-probe.mjs", import.meta.url).href;
  const start = Date.now();
  execFileSync(process.execPath, ["--import", probe, cli, "report", "--framework", "hipaa", "--format", "pdf,html,json,csv", "--source", `snapshot:${snapshot}`, "--db", join(work, "cli.db"), "--out", join(work, "cli-reports"), "--json"], {
    env: { ...process.env, BENCH_RSS_FILE: rssFile, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    stdio: ["ignore", "ignore", "inherit"],
    maxBuffer: 1 << 24,
  });
  return { wallMs: Date.now() - start, ...JSON.parse(readFileSync(rssFile, "utf8")) };
}

const resultsDir = flags.out ?? fileURLToPath(new URL("results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
let result;
if (flags.scaling) {
  const sizes = [1000, 10000, 50000];
  const runs = [];
  for (const resources of sizes) {
    process.stderr.write(`scaling: ${resources} resources\n`);
    runs.push(await benchEstate({ resources, events: resources * 10 }, { package: false }));
  }
  const exponents = Object.fromEntries(
    runs[0].stages.map((s) => {
      const wall = runs.map((r) => r.stages.find((t) => t.name === s.name)?.wallMs ?? 0);
      // The slope of log(wall) over log(resources) from the first size to the last: 1 is linear, ~1.1 n log n.
      const slope = Math.log(Math.max(wall[2], 1) / Math.max(wall[0], 1)) / Math.log(runs[2].resources / runs[0].resources);
      return [s.name, Math.round(slope * 100) / 100];
    }),
  );
  result = { kind: "scaling", sizes: runs.map((r) => r.resources), exponents, runs };
  for (const r of runs) printTable(`${r.resources} resources, ${r.events} events`, r);
  process.stdout.write(`\ngrowth exponents (1k→50k resources; 1 = linear, n log n ≈ 1.1):\n`);
  for (const [name, e] of Object.entries(exponents)) process.stdout.write(`  ${name.padEnd(36)} ${e}\n`);
} else {
  const size = estateSize({ resources: int("resources"), events: int("events"), jobs: int("jobs") });
  const resources = size.notebooks + size.models + size.jobs;
  result = { kind: "estate", ...(await benchEstate({ resources, events: size.events, jobs: size.jobs }, { package: !flags["no-package"] })) };
  printTable(`${result.resources} resources, ${result.events} events, ${result.findings} findings`, result);
}
const file = join(resultsDir, `${stamp}.json`);
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: (await import("node:os")).cpus().length, ...result }, null, 2)}\n`);
process.stdout.write(`\nresults: ${file}\n`);
