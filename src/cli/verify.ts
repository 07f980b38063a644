import type { Command } from "commander";
import { UsageError } from "../errors.js";
import type { PackageVerification } from "../package/verify.js";
import { verifyStore } from "../store/verify.js";
import { openExistingDb } from "./store.js";
import { writeJson, writeOut } from "./terminal.js";

/** The store does not match its own hash chain: a runtime failure (exit 1), reported in full first. */
export class StoreTamperedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreTamperedError";
  }
}

/** An evidence package is invalid (altered, forged, refused as unsafe): exit 1, after the report. */
export class PackageInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PackageInvalidError";
  }
}

interface VerifyFlags {
  db?: string;
  publicKey?: string;
  json?: boolean;
}

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("verify an evidence package offline (FILE.zip), or a store's hash chain (--db FILE)")
    .argument("[package]", "evidence package (zip) written by sageaudit package")
    .option("--public-key <file>", "with a package: the sender's Ed25519 public key (PEM); the package must be signed by it")
    .option("--db <file>", "instead of a package: walk this SQLite store's hash chain and re-hash every run")
    .option("--json", "print JSON")
    .action(async (pkg: string | undefined, flags: VerifyFlags) => {
      if (pkg !== undefined && flags.db !== undefined) throw new UsageError("verify takes a package FILE.zip or --db FILE, not both");
      if (pkg === undefined && flags.db === undefined) throw new UsageError("verify needs a package FILE.zip, or --db FILE to verify a store");
      if (pkg !== undefined) await verifyPackageCommand(pkg, flags);
      else verifyStoreCommand(flags.db as string, Boolean(flags.json));
    });
}

async function verifyPackageCommand(path: string, flags: VerifyFlags): Promise<void> {
  const { existsSync, statSync } = await import("node:fs");
  if (!existsSync(path) || !statSync(path).isFile()) throw new UsageError(`no package file at ${path}`);
  const { loadPublicKey } = await import("../package/keys.js");
  const { verifyPackage } = await import("../package/verify.js");
  const publicKey = flags.publicKey ? loadPublicKey(flags.publicKey) : undefined;
  const result = await verifyPackage(path, publicKey ? { publicKey } : {});
  if (flags.json) writeJson(result);
  else writeOut(formatPackageVerification(result));
  if (!result.ok) {
    const first = result.problems[0];
    throw new PackageInvalidError(`package ${path} is INVALID (${result.problemCount} problem${result.problemCount === 1 ? "" : "s"})${first ? `; first: ${first.where}: ${first.what}` : ""}`);
  }
}

export function formatPackageVerification(r: PackageVerification): string {
  const lines = [`package ${r.package}${r.run ? `: run ${r.run.id}, framework ${r.run.framework}, finished ${r.run.finishedAt ?? "?"}` : ""}`];
  for (const s of r.steps) lines.push(`  ${s.ok ? "ok  " : "FAIL"}  ${s.step.padEnd(13)} ${s.detail}`);
  if (r.ok) {
    lines.push(r.signature.status === "valid" && r.signature.pinned ? "valid (signed by the pinned key)" : r.signature.status === "valid" ? "valid (signature key not pinned)" : "valid (unsigned)");
  } else {
    lines.push(`INVALID: ${r.problemCount} problem${r.problemCount === 1 ? "" : "s"}${r.problemCount > r.problems.length ? `, the first ${r.problems.length}` : ""}:`);
    for (const p of r.problems) lines.push(`  - ${p.where}: ${p.what}`);
  }
  return `${lines.join("\n")}\n`;
}

function verifyStoreCommand(dbPath: string, json: boolean): void {
  const db = openExistingDb(dbPath, { readonly: true });
  let result;
  try {
    result = verifyStore(db);
  } finally {
    db.close();
  }
  if (json) writeJson(result);
  else if (result.ok) {
    writeOut(
      `store ${dbPath} is intact: ${result.links} chain links, ${result.runsVerified} runs re-hashed, ${result.runsPruned} pruned by retention${result.reRedactions > 0 ? `, evidence re-redacted ${result.reRedactions} time${result.reRedactions === 1 ? "" : "s"}` : ""}\nhead ${result.head}\n`,
    );
  } else {
    writeOut(`store ${dbPath} does NOT match its hash chain (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}):\n`);
    for (const p of result.problems) writeOut(`  ${p.reason}\n`);
  }
  const first = result.problems[0];
  if (first) throw new StoreTamperedError(`store verification failed; first run that no longer matches: ${first.runId ?? `chain link ${first.seq ?? "?"}`}`);
}
