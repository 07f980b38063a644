// HTML render benchmark: the report model of a synthetic estate (as `bench/run.mjs` builds it), then
// `renderHtml` timed a few times, with the output size and how many finding rows are HTML rows.
// Much quicker than the whole benchmark when only the HTML renderer changed:
//   npm run build && node bench/html.mjs --resources 10000 --events 100000 [--model FILE] [--repeat 3]
// `--model FILE` caches the model as JSON: the first run writes it, later runs read it and skip the
// pipeline (delete the file when the estate generator or the model changes).
import { Buffer } from "node:buffer";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { estateSize, generateEstate } from "./estate.mjs";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);

const { values: flags } = parseArgs({
  options: {
    resources: { type: "string", default: "10000" },
    events: { type: "string", default: "100000" },
    model: { type: "string" },
    repeat: { type: "string", default: "3" },
  },
});

async function buildModel() {
  const { buildInventory } = await load("evidence/inventory.js");
  const { evaluateFindings } = await load("checks/findings.js");
  const { CATALOGUE, CHECK_IDS } = await load("checks/catalogue.js");
  const { loadFramework } = await load("frameworks/load.js");
  const { openDb } = await load("store/db.js");
  const { completeRun, Handover, startRun } = await load("store/runs.js");
  const { evaluateFrameworkAt } = await load("pipeline/evaluate.js");
  const { buildRunReport, frameworkResultsEntry } = await load("pipeline/report-run.js");
  const { evidenceIndexOf } = await load("evidence/record.js");
  const { readSnapshot } = await load("collect/snapshot.js");
  const size = estateSize({ resources: Number(flags.resources), events: Number(flags.events) });
  const work = mkdtempSync(join(tmpdir(), "sageaudit-bench-html-"));
  try {
    const snapshot = join(work, "snapshot");
    mkdirSync(snapshot);
    const records = generateEstate({ resources: size.notebooks + size.models + size.jobs, events: size.events, jobs: size.jobs });
    writeFileSync(join(snapshot, "evidence.jsonl"), records.map((r) => JSON.stringify(r)).join("\n") + "\n");
    const collection = await readSnapshot(snapshot, "bench");
    const inventory = buildInventory(collection.records);
    const findings = evaluateFindings(inventory, CATALOGUE);
    const mapping = loadFramework("hipaa", CHECK_IDS);
    const inputs = { mapping, waivers: [], attestations: [] };
    const finishedAt = "2026-12-03T00:00:00.000Z";
    const evaluation = evaluateFrameworkAt(mapping, findings, [], [], finishedAt);
    const db = openDb(join(work, "bench.db"));
    startRun(db, { id: "bench-1", startedAt: finishedAt, source: "bench", accounts: [], regions: [], toolVersion: "bench" });
    const run = completeRun(db, "bench-1", {
      finishedAt, accounts: collection.accounts, regions: collection.regions, evidence: new Handover({ records: collection.records, resources: inventory.resources, events: inventory.events }), findings,
      gaps: inventory.gaps, apiCalls: {},
      frameworks: [frameworkResultsEntry(inputs, evaluation, finishedAt)],
    });
    const model = buildRunReport(db, { run, findings, evidence: evidenceIndexOf(collection.records) }, inputs, evaluation, finishedAt, "bench");
    db.close();
    return model;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

let model;
if (flags.model && existsSync(flags.model)) model = JSON.parse(readFileSync(flags.model, "utf8"));
else {
  model = await buildModel();
  if (flags.model) writeFileSync(flags.model, JSON.stringify(model));
}

const { renderHtml } = await load("report/html.js");
const { TEMPLATES_DIR } = await load("paths.js");
const findings = model.controls.reduce((n, c) => n + c.findings.length, 0);
const times = [];
let html = "";
for (let i = 0; i < Number(flags.repeat); i++) {
  const start = performance.now();
  html = renderHtml(model, TEMPLATES_DIR);
  times.push(Math.round(performance.now() - start));
}
const htmlRows = (html.match(/<tr data-status="/g) ?? []).length;
const out = {
  findingRows: findings,
  evidenceRecords: model.evidenceIndex.length,
  renderMs: times,
  bytes: Buffer.byteLength(html, "utf8"),
  htmlFindingRows: htmlRows,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
};
process.stdout.write(`${JSON.stringify(out)}\n`);
