// Benchmark: a synthetic estate of configurable size through the whole pipeline, timing each stage
// and sampling memory. Run `npm run bench` (builds first); `BENCH_SCALE=4 npm run bench` for more.
// Prints one JSON document; compare runs by eye or in CI artefacts, never in timed tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { generateEstate } from "./estate.mjs";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);

const { buildInventory } = await load("evidence/inventory.js");
const { evaluateFindings } = await load("checks/findings.js");
const { CATALOGUE, CHECK_IDS } = await load("checks/catalogue.js");
const { loadFramework } = await load("frameworks/load.js");
const { openDb } = await load("store/db.js");
const { collectRun } = await load("pipeline/collect-run.js");
const { evaluateStoredRun } = await load("pipeline/report-run.js");
const { renderJson } = await load("report/json.js");
const { renderHtml } = await load("report/html.js");
const { renderPdf } = await load("report/pdf.js");
const { TEMPLATES_DIR } = await load("paths.js");

const scale = Number(process.env.BENCH_SCALE ?? 1);
// BENCH_EVENTS: CloudTrail events in total (default 20,000 × scale); the issue-11 target is BENCH_SCALE=0.59 BENCH_EVENTS=100000.
const events = process.env.BENCH_EVENTS ? Number(process.env.BENCH_EVENTS) : undefined;
let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
const timings = {};
async function stage(name, fn) {
  const start = performance.now();
  const out = await fn();
  timings[name] = Math.round(performance.now() - start);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  return out;
}

const records = await stage("generate", () => generateEstate(scale, events));
const inventory = await stage("inventory", () => buildInventory(records));
const findings = await stage("checks", () => evaluateFindings(inventory, CATALOGUE));

const dir = mkdtempSync(join(tmpdir(), "sageaudit-bench-"));
const db = openDb(join(dir, "bench.db"));
const collection = { source: "bench", records, accounts: inventory.accounts, regions: inventory.regions, apiCalls: {} };
const { run } = await stage("collect+store", () => collectRun({ db, sourceName: "bench", collect: async () => collection, toolVersion: "bench" }));
const { run: second } = await stage("collect+store (identical second run)", () =>
  collectRun({ db, sourceName: "bench", collect: async () => collection, toolVersion: "bench" }),
);
const mapping = loadFramework("hipaa", CHECK_IDS);
const inputs = { mapping, waivers: [], attestations: [] };
const model = await stage("evaluate+model", () => evaluateStoredRun(db, second, inputs, new Date().toISOString(), "bench"));
const json = await stage("render json", () => renderJson(model));
const html = await stage("render html", () => renderHtml(model, TEMPLATES_DIR));
const pdf = await stage("render pdf", () => renderPdf(model));
clearInterval(sampler);
db.close();

// Evidence package of the run (signed), then an offline verify of it, each in a fresh process
// as the CLI runs them, so their peak memory is their own: both stream the zip entry by entry.
const child = (args) => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL("package-stage.mjs", import.meta.url)), ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out);
};
const packagePath = join(dir, "bench.zip");
const packaged = child(["package", join(dir, "bench.db"), second.id, packagePath]);
const verified = child(["verify", packagePath]);
if (!verified.ok) throw new Error(`bench package does not verify: ${JSON.stringify(verified.problems)}`);
timings.package = packaged.ms;
timings["verify package"] = verified.ms;
rmSync(dir, { recursive: true, force: true });

process.stdout.write(
  `${JSON.stringify(
    {
      scale,
      estate: { evidenceRecords: records.length, resources: inventory.resources.length, events: inventory.events.length, findings: findings.length },
      runs: [run.id, second.id],
      timingsMs: timings,
      outputBytes: { json: json.length, html: html.length, pdf: pdf.length, package: packaged.bytes },
      package: { files: packaged.files, evidence: packaged.evidence, verified: verified.ok, peakRssMiB: { package: packaged.peakRssMiB, verify: verified.peakRssMiB } },
      peakRssMiB: Math.round(peakRss / 1048576),
    },
    null,
    2,
  )}\n`,
);
