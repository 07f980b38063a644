#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { exitCodeOf, UsageError } from "../errors.js";
import { TOOL_VERSION } from "../paths.js";
import { registerCatalogue } from "./catalogue.js";
import { registerCollect } from "./collect.js";
import { registerDiff } from "./diff.js";
import { registerHistory } from "./history.js";
import { registerPrune } from "./prune.js";
import { registerDaemon } from "./daemon.js";
import { registerInit } from "./init.js";
import { registerReport } from "./report.js";
import { registerVerify } from "./verify.js";
import { writeErr } from "./terminal.js";

function buildProgram(): Command {
  const program = new Command("sageaudit")
    .description("Continuous HIPAA and GDPR compliance reporting for Amazon SageMaker")
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();
  registerReport(program);
  registerCollect(program);
  registerDaemon(program);
  registerCatalogue(program);
  registerHistory(program);
  registerDiff(program);
  registerVerify(program);
  registerPrune(program);
  registerInit(program);
  const override = (command: Command): void => {
    command.exitOverride();
    command.commands.forEach(override);
  };
  override(program);
  return program;
}

/** The one top-level catch: error classes map to exit codes; exitCode (not exit) lets logs flush. */
async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end with code 0; any other commander error is a usage error.
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeErr(`sageaudit: ${error instanceof UsageError ? "" : "error: "}${message}\n`);
    if (process.env.SAGEAUDIT_DEBUG && error instanceof Error) writeErr(`${error.stack ?? ""}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

await main(process.argv);
