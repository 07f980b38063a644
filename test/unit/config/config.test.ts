import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { UsageError } from "../../../src/errors.js";

function configFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sageaudit-config-"));
  const file = join(dir, "sageaudit.config.yaml");
  writeFileSync(file, text);
  return file;
}

describe("loadConfig", () => {
  it("applies defaults and resolves file paths against the config's directory", () => {
    const file = configFile("regions: [us-east-1]\nwaivers: waivers.yaml\n");
    const { config } = loadConfig(file, {});
    expect(config.regions).toEqual(["us-east-1"]);
    expect(config.retention.days).toBe(2190);
    expect(config.collection).toEqual({ maxAttempts: 8, concurrency: 4, cloudtrailLookbackDays: 7, jobLookbackDays: 90, supportingEvidence: "auto" });
    expect(config.waivers).toBe(join(file, "..", "waivers.yaml"));
  });

  it("names an unknown key with its line and column", () => {
    const file = configFile("regions: [us-east-1]\nretention:\n  dayz: 10\n");
    expect(() => loadConfig(file, {})).toThrow(UsageError);
    expect(() => loadConfig(file, {})).toThrow(/sageaudit\.config\.yaml:3:3: retention\.dayz: unknown key "dayz"/);
  });

  it("names a bad value", () => {
    const file = configFile("accounts:\n  - id: '12345'\n");
    expect(() => loadConfig(file, {})).toThrow(/:2:9: accounts\.0\.id: account id must be 12 digits/);
  });

  it("takes collection.supportingEvidence auto | api | config and names any other value", () => {
    expect(loadConfig(configFile("collection:\n  supportingEvidence: api\n"), {}).config.collection.supportingEvidence).toBe("api");
    const file = configFile("collection:\n  supportingEvidence: both\n");
    expect(() => loadConfig(file, {})).toThrow(/:2:23: collection\.supportingEvidence: /);
  });

  it("lets SAGEAUDIT_* variables override the file", () => {
    const file = configFile("regions: [us-east-1]\ndb: a.db\n");
    const { config } = loadConfig(file, { SAGEAUDIT_DB: "b.db", SAGEAUDIT_REGIONS: "eu-west-1, us-west-2" });
    expect(config.db).toBe("b.db");
    expect(config.regions).toEqual(["eu-west-1", "us-west-2"]);
  });

  it("rejects a bad override naming the key", () => {
    expect(() => loadConfig(undefined, { SAGEAUDIT_RETENTION_DAYS: "soon" })).toThrow(/retention\.days/);
  });
});
