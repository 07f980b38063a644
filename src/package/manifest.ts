import { z } from "zod";
import { EVIDENCE_SOURCES } from "../evidence/types.js";

/** Fixed names inside an evidence package. */
export const PACKAGE_FILES = {
  readme: "README.txt",
  reportJson: "report.json",
  reportHtml: "report.html",
  reportPdf: "report.pdf",
  findingsCsv: "findings.csv",
  events: "events.jsonl",
  waivers: "waivers.yaml",
  attestations: "attestations.yaml",
  publicKey: "public-key.pem",
  manifest: "manifest.json",
  signature: "manifest.sig",
} as const;

export const mappingPath = (framework: string): string => `mapping/${framework}.yaml`;
export const evidencePath = (id: string): string => `evidence/${id}.json`;
export const attachmentPath = (index: number, name: string): string =>
  `attestations/${String(index + 1).padStart(3, "0")}-${name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_")}`;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, "not a hex SHA-256");

const gap = z.strictObject({
  evidenceId: z.string(),
  source: z.enum(EVIDENCE_SOURCES),
  operation: z.string(),
  account: z.string(),
  region: z.string(),
  error: z.string(),
});

/** One link of the store's hash chain, as src/store/digest.ts hashes it. */
const chainLink = z.strictObject({
  kind: z.enum(["run", "controls", "prune", "redact"]),
  runId: z.string().nullable(),
  framework: z.string().nullable(),
  merkleRoot: z.string().nullable(),
  findingsDigest: z.string().nullable(),
  controlsDigest: z.string().nullable(),
  detail: z.string().nullable(),
  createdAt: z.string(),
  prevHash: hex64,
  chainHash: hex64,
});

/**
 * manifest.json. Key order here is the order the writer emits, and verify requires the file to be
 * exactly this serialisation (two-space JSON, newline), so no byte of it can change unnoticed.
 */
export const manifestSchema = z.strictObject({
  format: z.literal("sageaudit-evidence-package"),
  formatVersion: z.literal(1),
  tool: z.strictObject({ name: z.literal("sageaudit"), version: z.string() }),
  framework: z.strictObject({ id: z.string(), title: z.string(), version: z.string(), mappingFile: z.string(), mappingSha256: hex64 }),
  run: z.strictObject({
    id: z.string(),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    status: z.enum(["completed", "completed_with_gaps"]),
    source: z.string(),
    accounts: z.array(z.string()),
    regions: z.array(z.string()),
    toolVersion: z.string(),
    evidenceCount: z.number().int().min(0),
    merkleRoot: hex64,
    apiCalls: z.record(z.string(), z.number()),
    gaps: z.array(gap),
  }),
  /**
   * The store's chain from the previous run's link (or the chain's start) to this run's link, so
   * both chain hashes are recomputed offline: this run's from the packaged evidence and the
   * re-derived findings, the ones before it from their own fields.
   */
  chain: z.strictObject({
    runChainHash: hex64,
    previousRun: z.strictObject({ id: z.string(), chainHash: hex64 }).nullable(),
    links: z.array(chainLink).min(1),
  }),
  inputs: z.strictObject({
    waivers: z.string().nullable(),
    attestations: z.string().nullable(),
    attachments: z.array(z.strictObject({ control: z.string(), source: z.string(), file: z.string() })),
  }),
  signature: z
    .strictObject({ algorithm: z.literal("Ed25519"), publicKeyFile: z.literal(PACKAGE_FILES.publicKey), signatureFile: z.literal(PACKAGE_FILES.signature), fingerprint: z.string() })
    .nullable(),
  files: z.array(z.strictObject({ path: z.string(), size: z.number().int().min(0), sha256: hex64 })),
});

export type PackageManifest = z.infer<typeof manifestSchema>;
export type ManifestChainLink = PackageManifest["chain"]["links"][number];

export const serialiseManifest = (manifest: PackageManifest): string => `${JSON.stringify(manifest, null, 2)}\n`;
