import type { Command } from "commander";
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

export function registerVerify(program: Command): void {
  program
    .command("verify")
    .description("walk the store's hash chain and re-hash every run's evidence, findings and control results")
    .requiredOption("--db <file>", "SQLite store to verify")
    .option("--json", "print JSON")
    .action((flags: { db: string; json?: boolean }) => {
      const db = openExistingDb(flags.db, { readonly: true });
      let result;
      try {
        result = verifyStore(db);
      } finally {
        db.close();
      }
      if (flags.json) writeJson(result);
      else if (result.ok) {
        writeOut(
          `store ${flags.db} is intact: ${result.links} chain links, ${result.runsVerified} runs re-hashed, ${result.runsPruned} pruned by retention\nhead ${result.head}\n`,
        );
      } else {
        writeOut(`store ${flags.db} does NOT match its hash chain (${result.problems.length} problem${result.problems.length === 1 ? "" : "s"}):\n`);
        for (const p of result.problems) writeOut(`  ${p.reason}\n`);
      }
      const first = result.problems[0];
      if (first) throw new StoreTamperedError(`store verification failed; first run that no longer matches: ${first.runId ?? `chain link ${first.seq ?? "?"}`}`);
    });
}
