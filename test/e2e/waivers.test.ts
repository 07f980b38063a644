import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/report/types.js";
import { runCli, tempDir } from "../helpers/cli.js";

describe("waivers in a report", () => {
  it("waives matching findings, and reports entries that do not apply with their position", () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, "waivers.yaml"),
      [
        "waivers:",
        "  - check: sagemaker.notebook.root-access-disabled",
        '    resource: "arn:aws:sagemaker:*"',
        "    reason: Research notebooks need root for GPU drivers (SEC-412)",
        "    approvedBy: ciso@example.org",
        "    expires: 2099-12-31",
        "  - check: sagemaker.notebook.root-acess-disabled",
        '    resource: "*"',
        "    reason: typo in the check id",
        "    approvedBy: ciso@example.org",
        "    expires: 2099-12-31",
        "  - check: cloudtrail.kms-encrypted",
        '    resource: "*"',
        "    reason: no approver",
        "    expires: 2099-12-31",
        "",
      ].join("\n"),
    );
    writeFileSync(join(dir, "sageaudit.config.yaml"), "waivers: waivers.yaml\n");
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--format", "json", "--db", join(dir, "db.sqlite"), "--out", join(dir, "out")], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`not applied: ${join(dir, "waivers.yaml")}:7:12: waivers.1.check: unknown check id "sagemaker.notebook.root-acess-disabled"`);

    const file = readdirSync(join(dir, "out")).find((f) => f.endsWith(".json"))!;
    const model = JSON.parse(readFileSync(join(dir, "out", file), "utf8")) as ReportModel;
    expect(model.waivers.active).toHaveLength(1);
    expect(model.waivers.active[0]!.matched).toBeGreaterThan(0);
    expect(model.waivers.invalid.map((i) => [i.index, i.line, i.col])).toEqual([
      [1, 7, 12],
      [2, 12, 5],
    ]);
    const waived = model.controls.flatMap((c) => c.findings).filter((f) => f.status === "WAIVED");
    expect(waived.length).toBeGreaterThan(0);
    expect(waived.every((f) => f.checkId === "sagemaker.notebook.root-access-disabled" && f.waiver?.approvedBy === "ciso@example.org")).toBe(true);
  });
});
