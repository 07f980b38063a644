import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load.js";
import { runCli, tempDir } from "../helpers/cli.js";

describe("sageaudit init", () => {
  it("writes a config that loads, waivers, attestations and a read-only IAM policy", () => {
    const dir = tempDir();
    const result = runCli(["init", "--dir", dir]);
    expect(result.code).toBe(0);
    const { config } = loadConfig(join(dir, "sageaudit.config.yaml"), {});
    expect(config.frameworks).toEqual(["hipaa", "gdpr"]);
    expect(existsSync(config.waivers!)).toBe(true);
    expect(readFileSync(join(dir, "sageaudit.config.yaml"), "utf8")).toMatch(/^# yaml-language-server: \$schema=\.\/sageaudit\.config\.schema\.json/);
    expect(existsSync(join(dir, "sageaudit.config.schema.json"))).toBe(true);
    const policy = JSON.parse(readFileSync(join(dir, "sageaudit-iam-policy.json"), "utf8")) as { Statement: { Action: string[] }[] };
    const actions = policy.Statement.flatMap((s) => s.Action);
    // Read-only, plus assuming the member accounts' audit roles.
    expect(actions.filter((a) => a !== "sts:AssumeRole").every((a) => /:(List|Describe|Get|BatchGet|Select|LookupEvents)/.test(a))).toBe(true);
  });

  it("refuses to overwrite without --force and writes nothing", () => {
    const dir = tempDir();
    expect(runCli(["init", "--dir", dir]).code).toBe(0);
    const again = runCli(["init", "--dir", dir]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("use --force");
  });
});
