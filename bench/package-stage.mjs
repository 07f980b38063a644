// One benchmark stage in a process of its own: `package DB RUN OUT` writes a signed evidence
// package of a stored run; `verify ZIP` verifies it offline. Prints time, peak RSS and the result.
import { statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";

const dist = new URL("../dist/", import.meta.url);
const load = (p) => import(new URL(p, dist).href);
const [stage, ...args] = process.argv.slice(2);
const peak = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = () => Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000);

if (stage === "package") {
  const [dbPath, runId, out] = args;
  const { openDb } = await load("store/db.js");
  const { getRun } = await load("store/runs.js");
  const { loadFramework } = await load("frameworks/load.js");
  const { CHECK_IDS } = await load("checks/catalogue.js");
  const { writePackage } = await load("package/write.js");
  const { generateSigningKeys, loadSigningKey } = await load("package/keys.js");
  const keyFile = join(dirname(out), "bench-key.pem");
  writeFileSync(keyFile, generateSigningKeys().privatePem, { mode: 0o600 });
  const db = openDb(dbPath);
  const inputs = { mapping: loadFramework("hipaa", CHECK_IDS), waivers: [], attestations: [], attachments: [] };
  const start = performance.now();
  const written = await writePackage({ db, run: getRun(db, runId), inputs, out, toolVersion: "bench", signingKey: loadSigningKey(keyFile) });
  const ms = Math.round(performance.now() - start);
  db.close();
  process.stdout.write(JSON.stringify({ ms, cpuMs: cpuMs(), peakRssMiB: peak(), files: written.files, evidence: written.evidence, bytes: statSync(out).size }));
} else if (stage === "verify") {
  const { verifyPackage } = await load("package/verify.js");
  const start = performance.now();
  const result = await verifyPackage(args[0]);
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - start), cpuMs: cpuMs(), peakRssMiB: peak(), ok: result.ok, problems: result.problems }));
} else {
  throw new Error(`unknown stage ${stage}`);
}
