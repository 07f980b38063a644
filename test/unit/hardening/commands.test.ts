import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMANDS, commandOf } from "../../../src/cli/commands.js";
import { CLI, tempDir } from "../../helpers/cli.js";

describe("lazy command table", () => {
  it("describes every command exactly as its module registers it", async () => {
    const program = new Command("sageaudit");
    for (const register of new Set(await Promise.all(COMMANDS.map((c) => c.load())))) register(program);
    const registered = program.commands.map((c) => ({ name: c.name(), description: c.description() }));
    expect(COMMANDS.map((c) => ({ name: c.name, description: c.description }))).toEqual(registered);
  });

  it.each([
    [["report", "--framework", "hipaa"], "report"],
    [["help", "diff"], "diff"],
    [["frameworks", "show", "hipaa"], "frameworks"],
    [["--help"], undefined],
    [["--version"], undefined],
    [["nope"], undefined],
  ])("%j loads %s", (args, name) => {
    expect(commandOf(args)?.name).toBe(name);
  });

  /** The CommonJS packages a CLI invocation loaded (ESM importing CJS fills require.cache). */
  const loadedPackages = (args: string[]): string[] => {
    const dir = tempDir();
    const out = join(dir, "loaded.json");
    const hook = join(dir, "hook.mjs");
    writeFileSync(hook, `import { createRequire } from "node:module"; import { writeFileSync } from "node:fs";\nconst req = createRequire(import.meta.url);\nprocess.on("exit", () => writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(req.cache))));\n`);
    const result = spawnSync(process.execPath, ["--import", hook, CLI, ...args], { encoding: "utf8", env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } });
    expect(result.status).toBe(0);
    const files = JSON.parse(readFileSync(out, "utf8")) as string[];
    return [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f)?.[1]).filter((p): p is string => p !== undefined))].sort();
  };

  it("--help loads none of the AWS SDK, SQLite, PDF or logging packages", () => {
    const loaded = loadedPackages(["--help"]);
    expect(loaded.filter((p) => /^@aws-sdk|^@smithy|better-sqlite3|pdfkit|pino|handlebars|node-cron/.test(p))).toEqual([]);
    expect(loaded).toContain("commander");
  });

  it("checks list loads no AWS SDK, SQLite or PDF package", () => {
    expect(loadedPackages(["checks", "list"]).filter((p) => /^@aws-sdk|^@smithy|better-sqlite3|pdfkit/.test(p))).toEqual([]);
  });
});
