import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import { UsageError } from "../errors.js";
import { PACKAGE_ROOT } from "../paths.js";
import { writeOut } from "./terminal.js";

const FILES: [string, string][] = [
  ["examples/sageaudit.config.yaml", "sageaudit.config.yaml"],
  ["examples/sageaudit.config.schema.json", "sageaudit.config.schema.json"],
  ["examples/waivers.yaml", "waivers.yaml"],
  ["examples/attestations.yaml", "attestations.yaml"],
  ["examples/iam-policy.json", "sageaudit-iam-policy.json"],
];

export function registerInit(program: Command): void {
  program
    .command("init")
    .description("write a sample config, waivers and attestations files, and the read-only IAM policy")
    .option("--dir <dir>", "target directory", ".")
    .option("--force", "overwrite existing files")
    .action((flags: { dir: string; force?: boolean }) => {
      const targets = FILES.map(([from, to]) => [join(PACKAGE_ROOT, from), join(flags.dir, to)] as const);
      const existing = targets.filter(([, to]) => existsSync(to)).map(([, to]) => to);
      // Refuse before writing anything, so a half-initialised directory never results.
      if (existing.length > 0 && !flags.force) throw new UsageError(`would overwrite ${existing.join(", ")}; use --force`);
      mkdirSync(flags.dir, { recursive: true });
      for (const [from, to] of targets) {
        copyFileSync(from, to);
        writeOut(`wrote ${to}\n`);
      }
    });
}
