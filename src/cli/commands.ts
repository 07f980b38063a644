import type { Command } from "commander";

/**
 * The command table: names and one-line descriptions for the top-level help, and the module that
 * registers each command in full. Only the module of the command being run is imported, so
 * `sageaudit --help` (and every command) starts without loading the AWS SDK, SQLite or the
 * renderers it does not need. A test keeps the descriptions equal to the modules' own.
 */
export interface CommandEntry {
  name: string;
  description: string;
  load: () => Promise<(program: Command) => void>;
}

export const COMMANDS: readonly CommandEntry[] = [
  { name: "report", description: "collect now (or read a stored run) and render the compliance report for one framework", load: async () => (await import("./report.js")).registerReport },
  { name: "collect", description: "collect evidence, evaluate every check and the configured frameworks, and store the run", load: async () => (await import("./collect.js")).registerCollect },
  { name: "daemon", description: "collect and report on a schedule (UTC), with /healthz and /metrics", load: async () => (await import("./daemon.js")).registerDaemon },
  { name: "checks", description: "the check catalogue", load: async () => (await import("./catalogue.js")).registerCatalogue },
  { name: "frameworks", description: "the framework mappings", load: async () => (await import("./catalogue.js")).registerCatalogue },
  { name: "mappings", description: "framework mapping files", load: async () => (await import("./catalogue.js")).registerCatalogue },
  { name: "history", description: "compliance of one framework over time: each run's status, score, controls by status and evidence gaps", load: async () => (await import("./history.js")).registerHistory },
  { name: "diff", description: "what changed between two runs: newly failing, resolved and still failing findings, control status changes, changed evidence", load: async () => (await import("./diff.js")).registerDiff },
  { name: "package", description: "write a stored run's evidence package (zip): reports, raw evidence, inputs, signed manifest", load: async () => (await import("./package.js")).registerPackage },
  { name: "verify", description: "verify an evidence package offline (FILE.zip), or a store's hash chain (--db FILE)", load: async () => (await import("./verify.js")).registerVerify },
  { name: "keygen", description: "create an Ed25519 key pair for signing evidence packages (private key mode 0600)", load: async () => (await import("./keygen.js")).registerKeygen },
  { name: "prune", description: "apply retention.days (default 2190 days, six years): remove older runs and evidence no remaining run uses; the hash chain stays verifiable", load: async () => (await import("./prune.js")).registerPrune },
  { name: "init", description: "write a sample config, waivers and attestations files, and the read-only IAM policy", load: async () => (await import("./init.js")).registerInit },
];

/**
 * Which command's module `argv` needs: the first argument that names a command (`help <cmd>`
 * names its second). Undefined for the top-level help, version, or an unknown command.
 */
export function commandOf(args: readonly string[]): CommandEntry | undefined {
  const first = args.find((a) => !a.startsWith("-"));
  const name = first === "help" ? args[args.indexOf("help") + 1] : first;
  return COMMANDS.find((c) => c.name === name);
}
