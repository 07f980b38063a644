import { closeSync, existsSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";

export const PRIVATE_KEY_FILE = "sageaudit-signing-key.pem";
export const PUBLIC_KEY_FILE = "sageaudit-signing-key.pub.pem";

/** Creates the file exclusively (never overwrites) with the given mode, and writes it whole. */
function writeNew(path: string, text: string, mode: number): void {
  const fd = openSync(path, "wx", mode);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}

export function registerKeygen(program: Command): void {
  program
    .command("keygen")
    .description("create an Ed25519 key pair for signing evidence packages (private key mode 0600)")
    .requiredOption("--out <dir>", "directory for sageaudit-signing-key.pem and sageaudit-signing-key.pub.pem")
    .option("--json", "print the result as JSON")
    .action(async (flags: { out: string; json?: boolean }) => {
      const { generateSigningKeys } = await import("../package/keys.js");
      const privatePath = join(flags.out, PRIVATE_KEY_FILE);
      const publicPath = join(flags.out, PUBLIC_KEY_FILE);
      for (const p of [privatePath, publicPath]) if (existsSync(p)) throw new UsageError(`${p} already exists; keygen never overwrites a key (move it away first)`);
      mkdirSync(flags.out, { recursive: true, mode: 0o700 });
      const keys = generateSigningKeys();
      const exists = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === "EEXIST";
      try {
        writeNew(privatePath, keys.privatePem, 0o600);
      } catch (error) {
        if (exists(error)) throw new UsageError(`${privatePath} already exists; keygen never overwrites a key`);
        throw error;
      }
      try {
        writeNew(publicPath, keys.publicPem, 0o644);
      } catch (error) {
        // Never leave a private key without its public half; the one we just wrote is ours to remove.
        rmSync(privatePath, { force: true });
        if (exists(error)) throw new UsageError(`${publicPath} already exists; keygen never overwrites a key`);
        throw error;
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ privateKey: privatePath, publicKey: publicPath, fingerprint: keys.fingerprint }, null, 2)}\n`);
      else {
        process.stdout.write(
          `private key ${privatePath} (mode 0600: keep it secret; point --sign-key, signing.keyFile or SAGEAUDIT_SIGN_KEY at it)\npublic key  ${publicPath} (give it to auditors: sageaudit verify PACKAGE.zip --public-key FILE)\nfingerprint ${keys.fingerprint}\n`,
        );
      }
    });
}
