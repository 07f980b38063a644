import { createHash } from "node:crypto";
import { renameSync, rmSync } from "node:fs";
import type { KeyObject } from "node:crypto";
import { canonicalJson } from "../evidence/canonical.js";
import { buildInventory } from "../evidence/inventory.js";
import { runTime } from "../pipeline/evaluate.js";
import { renderReport } from "../pipeline/render.js";
import { evaluateStoredRun } from "../pipeline/report-run.js";
import { chainEntries } from "../store/chain.js";
import type { Db } from "../store/db.js";
import { loadEvidence, previousRun } from "../store/runs.js";
import type { RunRow } from "../store/runs.js";
import type { PackageInputs } from "./inputs.js";
import { fingerprintOf, publicKeyPem, signBytes } from "./keys.js";
import { attachmentPath, evidencePath, mappingPath, PACKAGE_FILES, serialiseManifest } from "./manifest.js";
import type { PackageManifest } from "./manifest.js";
import { packageReadme } from "./readme.js";
import { ZipWriter } from "./zip-write.js";

export interface WritePackageOptions {
  db: Db;
  run: RunRow;
  inputs: PackageInputs;
  out: string;
  toolVersion: string;
  signingKey?: { privateKey: KeyObject; publicKey: KeyObject };
}

export interface WrittenPackage {
  path: string;
  files: number;
  evidence: number;
  manifestSha256: string;
  fingerprint?: string;
}

/** The chain from the previous readable run's link (or the start) through this run's link. */
function chainSegment(db: Db, run: RunRow): PackageManifest["chain"] {
  const entries = chainEntries(db);
  const runIndex = entries.findIndex((e) => e.kind === "run" && e.runId === run.id);
  const own = entries[runIndex];
  if (!own) throw new Error(`run ${run.id} has no link in the store's hash chain; run "sageaudit verify --db" on the store`);
  const previous = previousRun(db, run.id);
  const previousIndex = previous ? entries.findIndex((e) => e.kind === "run" && e.runId === previous.id) : -1;
  const from = previousIndex >= 0 && previousIndex < runIndex ? previousIndex : 0;
  const links = entries.slice(from, runIndex + 1).map((e): PackageManifest["chain"]["links"][number] => ({
    kind: e.kind,
    runId: e.runId,
    framework: e.framework,
    merkleRoot: e.merkleRoot,
    findingsDigest: e.findingsDigest,
    controlsDigest: e.controlsDigest,
    detail: e.detail,
    createdAt: e.createdAt,
    prevHash: e.prevHash,
    chainHash: e.chainHash,
  }));
  const previousLink = previousIndex >= 0 ? entries[previousIndex] : undefined;
  return {
    runChainHash: own.chainHash,
    previousRun: previous && previousLink ? { id: previous.id, chainHash: previousLink.chainHash } : null,
    links,
  };
}

/**
 * Writes the evidence package of one stored run: the reports rendered as of the run's finish time,
 * every evidence record of the run, the inputs of the evaluation, the manifest and its signature.
 * Entries stream into a temporary file, renamed over `out` only when complete: a failure leaves
 * no partial package. The same run and inputs always give the same bytes.
 */
export async function writePackage(options: WritePackageOptions): Promise<WrittenPackage> {
  const { db, run, inputs } = options;
  const at = runTime(run);
  const model = evaluateStoredRun(db, run, inputs, at, options.toolVersion);
  const records = loadEvidence(db, run.id);
  const events = buildInventory(records).events;
  const chain = chainSegment(db, run);
  const publicKey = options.signingKey?.publicKey;
  const signature = publicKey
    ? { algorithm: "Ed25519" as const, publicKeyFile: PACKAGE_FILES.publicKey, signatureFile: PACKAGE_FILES.signature, fingerprint: fingerprintOf(publicKey) }
    : null;
  const head = {
    tool: { name: "sageaudit" as const, version: options.toolVersion },
    framework: { id: inputs.mapping.framework, title: inputs.mapping.title, version: inputs.mapping.version, mappingFile: mappingPath(inputs.mapping.framework), mappingSha256: inputs.mapping.sha256 },
    run: {
      id: run.id,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      status: run.status as "completed" | "completed_with_gaps",
      source: run.source,
      accounts: run.accounts,
      regions: run.regions,
      toolVersion: run.toolVersion,
      evidenceCount: run.evidenceCount,
      merkleRoot: run.merkleRoot ?? "",
      apiCalls: run.apiCalls,
      gaps: run.gaps,
    },
  };

  const temp = `${options.out}.tmp-${process.pid}`;
  const zip = new ZipWriter(temp, new Date(at));
  const files: PackageManifest["files"] = [];
  const add = (path: string, data: string | Uint8Array): void => {
    const { size } = zip.add(path, data);
    files.push({ path, size, sha256: createHash("sha256").update(data).digest("hex") });
  };
  try {
    add(PACKAGE_FILES.readme, packageReadme({ ...head, signature }));
    add(PACKAGE_FILES.reportJson, await renderReport(model, "json"));
    add(PACKAGE_FILES.reportHtml, await renderReport(model, "html"));
    add(PACKAGE_FILES.reportPdf, await renderReport(model, "pdf"));
    add(PACKAGE_FILES.findingsCsv, await renderReport(model, "csv"));
    add(head.framework.mappingFile, inputs.mapping.source);
    if (inputs.waiversText !== undefined) add(PACKAGE_FILES.waivers, inputs.waiversText);
    if (inputs.attestationsText !== undefined) add(PACKAGE_FILES.attestations, inputs.attestationsText);
    const attachments = inputs.attachments.map((a, i) => ({ control: a.control, source: a.source, file: attachmentPath(i, a.name) }));
    inputs.attachments.forEach((a, i) => add(attachmentPath(i, a.name), a.bytes));
    add(PACKAGE_FILES.events, events.map((e) => `${canonicalJson(e)}\n`).join(""));
    for (const record of records) add(evidencePath(record.id), `${canonicalJson(record)}\n`);
    if (publicKey) add(PACKAGE_FILES.publicKey, publicKeyPem(publicKey));
    const manifest: PackageManifest = {
      format: "sageaudit-evidence-package",
      formatVersion: 1,
      ...head,
      chain,
      inputs: {
        waivers: inputs.waiversText !== undefined ? PACKAGE_FILES.waivers : null,
        attestations: inputs.attestationsText !== undefined ? PACKAGE_FILES.attestations : null,
        attachments,
      },
      signature,
      files,
    };
    const manifestBytes = Buffer.from(serialiseManifest(manifest), "utf8");
    zip.add(PACKAGE_FILES.manifest, manifestBytes);
    if (options.signingKey) zip.add(PACKAGE_FILES.signature, signBytes(manifestBytes, options.signingKey.privateKey));
    zip.finish();
    renameSync(temp, options.out);
    return {
      path: options.out,
      files: files.length + (options.signingKey ? 2 : 1),
      evidence: records.length,
      manifestSha256: createHash("sha256").update(manifestBytes).digest("hex"),
      ...(signature ? { fingerprint: signature.fingerprint } : {}),
    };
  } catch (error) {
    zip.abort();
    rmSync(temp, { force: true });
    throw error;
  }
}
