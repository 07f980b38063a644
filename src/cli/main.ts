#!/usr/bin/env node
import { Command, CommanderError } from "commander";
import { exitCodeOf, UsageError } from "../errors.js";
import { TOOL_VERSION } from "../paths.js";
import { COMMANDS, commandOf } from "./commands.js";
import { writeErr } from "./terminal.js";

/**
 * The program with only the command being run registered in full (its module imported); every
 * other command appears by name and description, for the help.
 */
async function buildProgram(args: readonly string[]): Promise<Command> {
  const program = new Command("sageaudit")
    .description("Continuous HIPAA and GDPR compliance reporting for Amazon SageMaker")
    .version(TOOL_VERSION)
    .exitOverride()
    .showHelpAfterError();
  const wanted = commandOf(args);
  if (wanted) (await wanted.load())(program);
  for (const entry of COMMANDS) {
    if (!program.commands.some((c) => c.name() === entry.name)) program.command(entry.name).description(entry.description);
  }
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
    await (await buildProgram(argv.slice(2))).parseAsync(argv);
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
