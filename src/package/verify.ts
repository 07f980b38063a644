import { createHash } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { CATALOGUE, CHECK_IDS } from "../checks/catalogue.js";
import { canonicalJson } from "../evidence/canonical.js";
import { merkleRoot } from "../evidence/merkle.js";
import { evidenceIndexOf, verifyEvidenceHash } from "../evidence/record.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { parseMapping } from "../frameworks/load.js";
import { parseAttestations, parseWaivers } from "../frameworks/waivers-file.js";
import type { Attestation, FrameworkMapping, InvalidWaiver } from "../frameworks/types.js";
import type { Finding, Waiver } from "../checks/types.js";
import { evaluateEvidence, evaluateFrameworkAt, runTime } from "../pipeline/evaluate.js";
import { renderReport } from "../pipeline/render.js";
import { buildReportModel } from "../report/model.js";
import type { TrendInput } from "../report/model.js";
import type { ReportModel } from "../report/types.js";
import { chainHash, findingsDigestMatches, GENESIS_HASH, runDigest } from "../store/digest.js";
import { diffControls, diffValues } from "./compare.js";
import type { Difference } from "./compare.js";
import { fingerprintOf, parsePublicKey, verifyBytes } from "./keys.js";
import { evidencePath, manifestSchema, PACKAGE_FILES, serialiseManifest } from "./manifest.js";
import type { PackageManifest } from "./manifest.js";
import { DEFAULT_ZIP_LIMITS, UnsafeZipError, ZipArchive } from "./zip-read.js";
import type { ZipEntry, ZipLimits } from "./zip-read.js";

export interface VerifyStep {
  step: "archive" | "files" | "signature" | "evidence" | "chain" | "re-evaluation" | "reports";
  ok: boolean;
  detail: string;
}

export interface PackageVerification {
  ok: boolean;
  package: string;
  run: { id: string; framework: string; finishedAt: string | null } | null;
  signature: { status: "valid" | "invalid" | "unsigned" | "unchecked"; pinned: boolean; fingerprint: string | null };
  steps: VerifyStep[];
  /** The first differences, in the order found; `problemCount` counts all of them. */
  problems: Difference[];
  problemCount: number;
}

export interface VerifyOptions {
  /** A key the auditor pinned (obtained out of band): the package must be signed by it. */
  publicKey?: KeyObject;
  limits?: ZipLimits;
  maxProblems?: number;
}

class Problems {
  readonly list: Difference[] = [];
  count = 0;
  constructor(private readonly max: number) {}
  add(where: string, what: string): void {
    this.count += 1;
    if (this.list.length < this.max) this.list.push({ where, what });
  }
  addAll(differences: readonly Difference[]): void {
    for (const d of differences) this.add(d.where, d.what);
  }
}

const sha256 = (data: string | Uint8Array): string => createHash("sha256").update(data).digest("hex");

/** Files whose content verify parses; every other file is only hashed while streaming. */
function isParsed(name: string, manifest: PackageManifest): boolean {
  return (
    name.startsWith("evidence/") ||
    name === PACKAGE_FILES.reportJson ||
    name === PACKAGE_FILES.events ||
    name === PACKAGE_FILES.publicKey ||
    name === manifest.framework.mappingFile ||
    name === manifest.inputs.waivers ||
    name === manifest.inputs.attestations
  );
}

/**
 * Verifies an evidence package offline: structure (ZipArchive refuses unsafe archives before
 * reading any entry), every file against manifest.json, the signature, every evidence hash and
 * the Merkle root, the run's chain hash, and then re-derives findings and control results from
 * the packaged evidence with the packaged mapping, waivers and attestations, through the same
 * functions a run uses (src/pipeline/evaluate.ts), and compares them with report.json; finally
 * the CSV, HTML and PDF must be what report.json renders to.
 */
export async function verifyPackage(path: string, options: VerifyOptions = {}): Promise<PackageVerification> {
  const problems = new Problems(options.maxProblems ?? 20);
  const steps: VerifyStep[] = [];
  const result = (run: PackageVerification["run"], signature: PackageVerification["signature"]): PackageVerification => ({
    ok: problems.count === 0,
    package: path,
    run,
    signature,
    steps,
    problems: problems.list,
    problemCount: problems.count,
  });
  const unchecked = { status: "unchecked" as const, pinned: options.publicKey !== undefined, fingerprint: null };

  let zip: ZipArchive;
  try {
    zip = await ZipArchive.open(path, options.limits ?? DEFAULT_ZIP_LIMITS);
  } catch (error) {
    if (!(error instanceof UnsafeZipError)) throw error;
    problems.add(path, `refused before extracting anything: ${error.message}`);
    steps.push({ step: "archive", ok: false, detail: error.message });
    return result(null, unchecked);
  }
  try {
    return await verifyOpen(zip, options, problems, steps, result, unchecked);
  } finally {
    await zip.close();
  }
}

async function verifyOpen(
  zip: ZipArchive,
  options: VerifyOptions,
  problems: Problems,
  steps: VerifyStep[],
  result: (run: PackageVerification["run"], signature: PackageVerification["signature"]) => PackageVerification,
  unchecked: PackageVerification["signature"],
): Promise<PackageVerification> {
  steps.push({ step: "archive", ok: true, detail: `${zip.entries.length} entries, no unsafe name, link, duplicate or oversized entry` });
  const byName = new Map(zip.entries.map((e) => [e.name, e]));
  const read = async (entry: ZipEntry): Promise<Buffer | undefined> => {
    try {
      return await zip.readAll(entry);
    } catch (error) {
      if (!(error instanceof UnsafeZipError)) throw error;
      problems.add(entry.name, error.message);
      return undefined;
    }
  };

  // 1. The manifest, exactly as the writer serialises it.
  const manifestEntry = byName.get(PACKAGE_FILES.manifest);
  if (!manifestEntry) {
    problems.add(PACKAGE_FILES.manifest, "missing: this is not a sageaudit evidence package (no manifest.json)");
    return result(null, unchecked);
  }
  const manifestBytes = await read(manifestEntry);
  if (!manifestBytes) return result(null, unchecked);
  let manifest: PackageManifest;
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(manifestBytes.toString("utf8")));
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) problems.add(`${PACKAGE_FILES.manifest} ${issue.path.join(".")}`, issue.message);
      return result(null, unchecked);
    }
    manifest = parsed.data;
  } catch (error) {
    problems.add(PACKAGE_FILES.manifest, `not valid JSON: ${(error as Error).message}`);
    return result(null, unchecked);
  }
  if (serialiseManifest(manifest) !== manifestBytes.toString("utf8")) problems.add(PACKAGE_FILES.manifest, "is not in the form sageaudit writes (bytes were changed)");
  const run = { id: manifest.run.id, framework: manifest.framework.id, finishedAt: manifest.run.finishedAt };

  // 2. Every file: listed, present, same size and SHA-256. Contents needed later are kept.
  const before = problems.count;
  const listed = new Map(manifest.files.map((f) => [f.path, f]));
  if (listed.size !== manifest.files.length) problems.add(PACKAGE_FILES.manifest, "lists a file twice");
  for (const f of manifest.files) if (!byName.has(f.path)) problems.add(f.path, "missing: listed in manifest.json but not in the package");
  const own = new Set<string>([PACKAGE_FILES.manifest, ...(manifest.signature ? [PACKAGE_FILES.signature] : [])]);
  for (const e of zip.entries) if (!listed.has(e.name) && !own.has(e.name)) problems.add(e.name, "extra file: in the package but not listed in manifest.json");
  const contents = new Map<string, Buffer>();
  const records: EvidenceRecord[] = [];
  let evidenceProblems = 0;
  for (const entry of zip.entries) {
    const expected = listed.get(entry.name);
    if (!expected) continue;
    const hash = createHash("sha256");
    const keep: Buffer[] | undefined = isParsed(entry.name, manifest) ? [] : undefined;
    let size = 0;
    try {
      for await (const chunk of zip.read(entry)) {
        hash.update(chunk);
        size += chunk.length;
        keep?.push(chunk);
      }
    } catch (error) {
      if (!(error instanceof UnsafeZipError)) throw error;
      problems.add(entry.name, error.message);
      continue;
    }
    const digest = hash.digest("hex");
    if (size !== expected.size) problems.add(entry.name, `is ${size} bytes, manifest.json says ${expected.size}`);
    else if (digest !== expected.sha256) problems.add(entry.name, `SHA-256 is ${digest}, manifest.json says ${expected.sha256}: the file was altered`);
    else if (keep && entry.name.startsWith("evidence/")) {
      // Parsed at once, so the raw bytes of thousands of records are never held together.
      const counted = problems.count;
      const record = parseEvidenceFile(entry.name, Buffer.concat(keep).toString("utf8"), problems);
      evidenceProblems += problems.count - counted;
      if (record) records.push(record);
    } else if (keep) contents.set(entry.name, Buffer.concat(keep));
  }
  const fileProblems = problems.count - before - evidenceProblems;
  steps.push({ step: "files", ok: fileProblems === 0, detail: fileProblems === 0 ? `${manifest.files.length} files, every size and SHA-256 matches manifest.json, none missing or extra` : `${fileProblems} file problem(s)` });

  // 3. Signature.
  const signature = await verifySignature(manifest, manifestBytes, byName, contents, read, options, problems, steps);

  // 4. Evidence: each record's hash and file name (checked while streaming, above), the Merkle root.
  const evidenceBefore = problems.count;
  const root = merkleRoot(records.map((r) => r.sha256));
  if (root !== manifest.run.merkleRoot) problems.add(`${PACKAGE_FILES.manifest} run.merkleRoot`, `is ${manifest.run.merkleRoot}, the packaged evidence gives ${root}`);
  if (records.length !== manifest.run.evidenceCount) problems.add(`${PACKAGE_FILES.manifest} run.evidenceCount`, `is ${manifest.run.evidenceCount}, the package holds ${records.length} evidence records`);
  evidenceProblems += problems.count - evidenceBefore;
  steps.push({ step: "evidence", ok: evidenceProblems === 0, detail: evidenceProblems === 0 ? `${records.length} records, each hash verifies; Merkle root ${root}` : `${evidenceProblems} evidence problem(s)` });

  // 5. Inputs, then re-evaluation with the code a run uses.
  const inputs = parseInputs(manifest, contents, problems);
  const reportBytes = contents.get(PACKAGE_FILES.reportJson);
  let report: ReportModel | undefined;
  if (reportBytes) {
    try {
      report = JSON.parse(reportBytes.toString("utf8")) as ReportModel;
      contents.delete(PACKAGE_FILES.reportJson);
    } catch (error) {
      problems.add(PACKAGE_FILES.reportJson, `not valid JSON: ${(error as Error).message}`);
    }
  }
  if (!inputs || !report) {
    steps.push({ step: "re-evaluation", ok: false, detail: "not attempted: the report or the inputs could not be read" });
    return result(run, signature);
  }
  if (problems.count > 0) {
    // Re-deriving from altered or incomplete evidence would only bury the cause under its consequences.
    steps.push({ step: "re-evaluation", ok: false, detail: "not attempted: the package's files do not match its manifest (see above)" });
    return result(run, signature);
  }
  const reEvalProblems = reDerive(manifest, records, inputs, report, contents, problems, steps, root);
  records.length = 0;

  // 7. The human-readable reports are what report.json renders to (only once report.json is sound).
  if (reEvalProblems === 0) {
    const reportsBefore = problems.count;
    for (const [format, name] of [["csv", PACKAGE_FILES.findingsCsv], ["html", PACKAGE_FILES.reportHtml], ["pdf", PACKAGE_FILES.reportPdf]] as const) {
      const expected = listed.get(name);
      if (!expected) {
        problems.add(name, "missing from manifest.json");
        continue;
      }
      const rendered = sha256(await renderReport(report, format));
      if (rendered !== expected.sha256) problems.add(name, `is not what report.json renders to (SHA-256 ${expected.sha256}, rendered ${rendered})`);
    }
    const reportProblems = problems.count - reportsBefore;
    steps.push({ step: "reports", ok: reportProblems === 0, detail: reportProblems === 0 ? "report.pdf, report.html and findings.csv are exactly what report.json renders to" : `${reportProblems} report problem(s)` });
  }
  return result(run, signature);
}

function parseEvidenceFile(name: string, text: string, problems: Problems): EvidenceRecord | undefined {
  let record: EvidenceRecord;
  try {
    record = JSON.parse(text) as EvidenceRecord;
  } catch (error) {
    problems.add(name, `not valid JSON: ${(error as Error).message}`);
    return undefined;
  }
  if (typeof record !== "object" || record === null || typeof record.sha256 !== "string" || typeof record.id !== "string") {
    problems.add(name, "is not an evidence record");
    return undefined;
  }
  if (!verifyEvidenceHash(record)) problems.add(name, `record content does not hash to its sha256 ${record.sha256}`);
  if (evidencePath(record.id) !== name) problems.add(name, `holds record ${record.id}, expected at ${evidencePath(record.id)}`);
  if (`${canonicalJson(record)}\n` !== text) problems.add(name, "is not the record's canonical JSON");
  return record;
}

/**
 * Re-derives findings and control results (steps 6 and 7). A function of its own, so the derived
 * model and the inventory are garbage before the reports are re-rendered.
 */
/** The earlier runs of report.json's trend with the scores and resource shares it reports for them. */
function reportedTrend(report: ReportModel, runId: string): TrendInput[] {
  const trend = Array.isArray(report.trend) ? report.trend : [];
  const controls = Array.isArray(report.controls) ? report.controls : [];
  return trend
    .filter((p) => p.runId !== runId)
    .map((p) => {
      const controlShares: Record<string, number | null> = {};
      for (const c of controls) {
        const point = Array.isArray(c.resources?.trend) ? c.resources.trend.find((t) => t.runId === p.runId) : undefined;
        if (point) controlShares[c.id] = point.share;
      }
      return { runId: p.runId, at: p.at, score: p.score, resourceShare: p.resourceShare, controlShares };
    });
}

function reDerive(
  manifest: PackageManifest,
  records: readonly EvidenceRecord[],
  inputs: ParsedInputs,
  report: ReportModel,
  contents: ReadonlyMap<string, Buffer>,
  problems: Problems,
  steps: VerifyStep[],
  root: string,
): number {
  const at = runTime(manifest.run);
  const { inventory, findings } = evaluateEvidence(records);
  const evaluation = evaluateFrameworkAt(inputs.mapping, findings, inputs.waivers, inputs.attestations, at);

  // 6. The chain: this run's link recomputed from re-derived content, then back to the previous run.
  const chainBefore = problems.count;
  verifyChain(manifest, root, findings, problems);
  const gaps = inventory.gaps;
  const gapDiff: Difference[] = [];
  diffValues(manifest.run.gaps, gaps, "run.gaps", PACKAGE_FILES.manifest, gapDiff);
  problems.addAll(gapDiff);
  const chainProblems = problems.count - chainBefore;
  steps.push({
    step: "chain",
    ok: chainProblems === 0,
    detail: chainProblems === 0
      ? `run sealed with chain hash ${manifest.chain.runChainHash}${manifest.chain.previousRun ? `; previous run ${manifest.chain.previousRun.id} ${manifest.chain.previousRun.chainHash}` : "; first run of its chain"}`
      : `${chainProblems} chain problem(s)`,
  });

  const reEvalBefore = problems.count;
  const derived = buildReportModel({
    generatedAt: at,
    toolVersion: manifest.tool.version,
    run: {
      id: manifest.run.id,
      startedAt: manifest.run.startedAt,
      finishedAt: at,
      status: manifest.run.status,
      source: manifest.run.source,
      accounts: manifest.run.accounts,
      regions: manifest.run.regions,
      evidenceCount: records.length,
      merkleRoot: root,
      gaps: gaps.map((g) => ({ source: g.source, operation: g.operation, account: g.account, region: g.region, error: g.error, evidenceId: g.evidenceId })),
    },
    mapping: inputs.mapping,
    results: evaluation.results,
    score: evaluation.score,
    evidence: evidenceIndexOf(records),
    checks: CATALOGUE,
    // Earlier runs are not in the package: their scores and resource shares are taken as reported;
    // this run's are re-derived.
    trend: reportedTrend(report, manifest.run.id),
    waivers: { active: evaluation.waived.active, expired: evaluation.waived.expired, invalid: inputs.invalidWaivers },
    attestations: inputs.attestations,
  });
  const differences: Difference[] = [];
  const file = PACKAGE_FILES.reportJson;
  diffControls(Array.isArray(report.controls) ? report.controls : [], derived.controls, file, differences);
  const { controls: _c, changes: _ch, ...derivedRest } = derived;
  const { controls: _rc, changes: reportChanges, ...reportRest } = report;
  diffValues(reportRest, derivedRest, "", file, differences);
  const previousId = manifest.chain.previousRun?.id ?? null;
  if ((reportChanges?.previousRunId ?? null) !== previousId) {
    differences.push({ where: `${file} changes.previousRunId`, what: `is ${JSON.stringify(reportChanges?.previousRunId ?? null)}, the chain names ${JSON.stringify(previousId)}` });
  }
  diffValues({ tool: manifest.tool, framework: { id: manifest.framework.id, title: manifest.framework.title, version: manifest.framework.version, mappingSha256: manifest.framework.mappingSha256 } }, { tool: derived.tool, framework: derived.framework }, "", PACKAGE_FILES.manifest, differences);
  const eventsText = contents.get(PACKAGE_FILES.events)?.toString("utf8");
  const derivedEvents = inventory.events.map((e) => `${canonicalJson(e)}\n`).join("");
  if (eventsText !== undefined && eventsText !== derivedEvents) {
    differences.push({ where: PACKAGE_FILES.events, what: `does not hold the ${inventory.events.length} CloudTrail events of the packaged evidence` });
  }
  problems.addAll(differences);
  const reEvalProblems = problems.count - reEvalBefore;
  const findingCount = Object.values(derived.summary.findings).reduce((a, b) => a + b, 0);
  steps.push({
    step: "re-evaluation",
    ok: reEvalProblems === 0,
    detail: reEvalProblems === 0
      ? `${findings.length} findings re-derived from the evidence (${findingCount} mapped to ${derived.controls.length} controls) with the packaged mapping, waivers and attestations at ${at}: identical to report.json`
      : `${reEvalProblems} difference(s) between report.json and the re-derivation`,
  });

  return reEvalProblems;
}

async function verifySignature(
  manifest: PackageManifest,
  manifestBytes: Buffer,
  byName: ReadonlyMap<string, ZipEntry>,
  contents: ReadonlyMap<string, Buffer>,
  read: (entry: ZipEntry) => Promise<Buffer | undefined>,
  options: VerifyOptions,
  problems: Problems,
  steps: VerifyStep[],
): Promise<PackageVerification["signature"]> {
  const pinned = options.publicKey !== undefined;
  const pinnedPrint = options.publicKey ? fingerprintOf(options.publicKey) : null;
  if (!manifest.signature) {
    if (byName.has(PACKAGE_FILES.signature)) problems.add(PACKAGE_FILES.signature, "extra file: manifest.json declares the package unsigned");
    if (pinned) {
      problems.add(PACKAGE_FILES.signature, `missing: the package is not signed, but --public-key pins ${pinnedPrint}`);
      steps.push({ step: "signature", ok: false, detail: "not signed, but a public key was pinned" });
      return { status: "unsigned", pinned, fingerprint: null };
    }
    steps.push({ step: "signature", ok: true, detail: "NOT SIGNED: hashes and re-derivation hold, but nothing proves who made the package" });
    return { status: "unsigned", pinned, fingerprint: null };
  }
  const declared = manifest.signature.fingerprint;
  const fail = (where: string, what: string): PackageVerification["signature"] => {
    problems.add(where, what);
    steps.push({ step: "signature", ok: false, detail: what });
    return { status: "invalid", pinned, fingerprint: declared };
  };
  const sigEntry = byName.get(PACKAGE_FILES.signature);
  if (!sigEntry) return fail(PACKAGE_FILES.signature, "missing: manifest.json declares a signature");
  const sig = await read(sigEntry);
  if (!sig) return { status: "invalid", pinned, fingerprint: declared };
  const pem = contents.get(PACKAGE_FILES.publicKey);
  if (!pem) return fail(PACKAGE_FILES.publicKey, "missing or altered: the signature cannot be checked");
  let packaged: KeyObject;
  try {
    packaged = parsePublicKey(pem.toString("utf8"), PACKAGE_FILES.publicKey);
  } catch (error) {
    return fail(PACKAGE_FILES.publicKey, (error as Error).message);
  }
  if (fingerprintOf(packaged) !== declared) return fail(PACKAGE_FILES.publicKey, `has fingerprint ${fingerprintOf(packaged)}, manifest.json declares ${declared}`);
  if (options.publicKey && pinnedPrint !== declared) {
    return fail(PACKAGE_FILES.signature, `signed by key ${declared}, not by the pinned key ${pinnedPrint ?? ""}`);
  }
  const key = options.publicKey ?? packaged;
  if (!verifyBytes(manifestBytes, sig.toString("utf8"), key)) return fail(PACKAGE_FILES.signature, "does not verify: manifest.json was altered after signing, or signed by another key");
  steps.push({
    step: "signature",
    ok: true,
    detail: pinned
      ? `Ed25519 signature valid, made by the pinned key ${declared}`
      : `Ed25519 signature valid for the package's own key ${declared}; key NOT pinned (pass --public-key FILE with the sender's key to prove who signed it)`,
  });
  return { status: "valid", pinned, fingerprint: declared };
}

interface ParsedInputs {
  mapping: FrameworkMapping;
  waivers: Waiver[];
  invalidWaivers: InvalidWaiver[];
  attestations: Attestation[];
}

function parseInputs(manifest: PackageManifest, contents: ReadonlyMap<string, Buffer>, problems: Problems): ParsedInputs | undefined {
  const text = (name: string): string | undefined => contents.get(name)?.toString("utf8");
  const mappingText = text(manifest.framework.mappingFile);
  if (mappingText === undefined) return undefined;
  const { mapping, issues } = parseMapping(manifest.framework.mappingFile, mappingText, CHECK_IDS);
  if (!mapping) {
    for (const i of issues.slice(0, 5)) problems.add(`${i.file}:${i.line}:${i.col}`, i.message);
    return undefined;
  }
  if (mapping.framework !== manifest.framework.id) problems.add(manifest.framework.mappingFile, `declares framework ${mapping.framework}, manifest.json says ${manifest.framework.id}`);
  if (mapping.sha256 !== manifest.framework.mappingSha256) problems.add(`${PACKAGE_FILES.manifest} framework.mappingSha256`, `is ${manifest.framework.mappingSha256}, the packaged mapping hashes to ${mapping.sha256}`);
  try {
    const w = manifest.inputs.waivers;
    const wText = w === null ? undefined : text(w);
    if (w !== null && wText === undefined) return undefined;
    const { waivers, invalid } = wText !== undefined && w !== null ? parseWaivers(w, wText, CHECK_IDS) : { waivers: [], invalid: [] };
    const a = manifest.inputs.attestations;
    const aText = a === null ? undefined : text(a);
    if (a !== null && aText === undefined) return undefined;
    const attestations = aText !== undefined && a !== null ? parseAttestations(a, aText) : [];
    const cited = attestations.flatMap((att) => att.evidence.map((source) => `${att.control}\u0000${source}`)).sort();
    const shipped = manifest.inputs.attachments.map((att) => `${att.control}\u0000${att.source}`).sort();
    if (cited.join("\n") !== shipped.join("\n")) problems.add(`${PACKAGE_FILES.manifest} inputs.attachments`, "do not match the documents the packaged attestations cite");
    const listedFiles = new Set(manifest.files.map((f) => f.path));
    for (const att of manifest.inputs.attachments) if (!listedFiles.has(att.file)) problems.add(att.file, `attachment of control ${att.control} is not in the package`);
    return { mapping, waivers, invalidWaivers: invalid, attestations };
  } catch (error) {
    problems.add("inputs", (error as Error).message);
    return undefined;
  }
}

function verifyChain(manifest: PackageManifest, root: string, findings: readonly Finding[], problems: Problems): void {
  const links = manifest.chain.links;
  const own = links[links.length - 1];
  if (!own) return;
  const r = manifest.run;
  const detail = runDigest({
    id: r.id,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    status: r.status,
    source: r.source,
    accounts: JSON.stringify(r.accounts),
    regions: JSON.stringify(r.regions),
    toolVersion: r.toolVersion,
    evidenceCount: r.evidenceCount,
    merkleRoot: r.merkleRoot,
    apiCalls: JSON.stringify(r.apiCalls),
    gaps: JSON.stringify(r.gaps),
  });
  const rows = findings.map((f) => ({ checkId: f.checkId, resourceArn: f.resourceArn, status: f.status, body: JSON.stringify(f) }));
  const where = `${PACKAGE_FILES.manifest} chain`;
  if (own.kind !== "run" || own.runId !== r.id) problems.add(where, `the last link is not the link of run ${r.id}`);
  if (own.merkleRoot !== root) problems.add(where, `this run's link seals Merkle root ${own.merkleRoot ?? "null"}, the packaged evidence gives ${root}`);
  if (!findingsDigestMatches(own.findingsDigest, rows)) problems.add(where, "this run's link seals other findings than the ones re-derived from the packaged evidence");
  if (own.detail !== detail) problems.add(where, "this run's link seals other run metadata (times, scope, status, tool version, gaps) than manifest.json states");
  for (const [i, link] of links.entries()) {
    if (chainHash(link.prevHash, link) !== link.chainHash) problems.add(`${where}.links[${i}]`, `link (${link.kind}${link.runId ? ` of run ${link.runId}` : ""}) does not hash to its chain hash ${link.chainHash}`);
    const next = links[i + 1];
    if (next && next.prevHash !== link.chainHash) problems.add(`${where}.links[${i + 1}]`, "does not follow the link before it");
  }
  if (own.chainHash !== manifest.chain.runChainHash) problems.add(`${where}.runChainHash`, `is ${manifest.chain.runChainHash}, this run's link hashes to ${own.chainHash}`);
  const prev = manifest.chain.previousRun;
  if (prev) {
    const first = links[0];
    if (!first || first.kind !== "run" || first.runId !== prev.id || first.chainHash !== prev.chainHash) problems.add(`${where}.previousRun`, `run ${prev.id} with chain hash ${prev.chainHash} is not the first link of the packaged chain`);
  } else if (links[0] && links[0].prevHash !== GENESIS_HASH) {
    problems.add(`${where}.links[0]`, "no previous run is named, but the chain does not start at the genesis hash");
  }
}
