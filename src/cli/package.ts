import { resolve } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { TOOL_VERSION } from "../paths.js";
import type { CommonFlags } from "./context.js";
import { resolveConfig } from "./context.js";
import { openExistingDb, resolveRunRef } from "./store.js";

interface PackageFlags extends CommonFlags {
  framework: string;
  run: string;
  out?: string;
  signKey?: string;
}

export function registerPackage(program: Command): void {
  program
    .command("package")
    .description("write a stored run's evidence package (zip): reports, raw evidence, inputs, signed manifest")
    .requiredOption("--framework <id>", "framework id, e.g. hipaa or gdpr")
    .option("--run <ref>", "latest | previous | <run-id>", "latest")
    .requiredOption("--out <file.zip>", "the zip to write (replaced only once complete)")
    .option("--sign-key <file>", "Ed25519 private key (PEM) to sign with; default: config signing.keyFile or SAGEAUDIT_SIGN_KEY")
    .option("--config <file>", "config file (default ./sageaudit.config.yaml)")
    .option("--db <file>", "SQLite store (default ./data/sageaudit.db)")
    .option("--mappings <dir>", "extra directory of framework mapping files")
    .option("--json", "print the result as JSON")
    .action(async (flags: PackageFlags) => {
      const config = resolveConfig(flags);
      const out = resolve(flags.out ?? "");
      if (!flags.out) throw new UsageError("--out FILE.zip is required");
      const { loadPackageInputs } = await import("../package/inputs.js");
      const { loadSigningKey } = await import("../package/keys.js");
      const { writePackage } = await import("../package/write.js");
      // Every input is read and validated before the store is opened or anything is written.
      const inputs = loadPackageInputs(flags.framework, config);
      const keyFile = flags.signKey ?? config.signing?.keyFile;
      const signingKey = keyFile ? loadSigningKey(keyFile) : undefined;
      const db = openExistingDb(config.db);
      try {
        const run = resolveRunRef(db, flags.run, config.db);
        const written = await writePackage({ db, run, inputs, out, toolVersion: TOOL_VERSION, ...(signingKey ? { signingKey } : {}) });
        if (flags.json) {
          process.stdout.write(`${JSON.stringify({ ...written, run: run.id, framework: flags.framework, signed: Boolean(signingKey) }, null, 2)}\n`);
        } else {
          process.stdout.write(
            `package ${written.path}\n  run ${run.id}, framework ${flags.framework}: ${written.files} files, ${written.evidence} evidence records\n  manifest sha256 ${written.manifestSha256}\n  ${
              written.fingerprint ? `signed with Ed25519 key ${written.fingerprint}` : "NOT signed (use --sign-key FILE; create a key with sageaudit keygen)"
            }\n`,
          );
        }
      } finally {
        db.close();
      }
    });
}
