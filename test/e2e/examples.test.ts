import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import type { ReportModel } from "../../src/report/types.js";
import { runCli, tempDir } from "../helpers/cli.js";

describe("the bundled example config on the demo estate", () => {
  it("applies the example waivers and attestation", () => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--format", "json", "--config", resolve("examples/sageaudit.config.yaml")], { cwd: dir });
    expect(result.code).toBe(0);
    const file = readdirSync(join(dir, "reports"))[0]!;
    const model = JSON.parse(readFileSync(join(dir, "reports", file), "utf8")) as ReportModel;

    const waived = model.controls.flatMap((c) => c.findings).filter((f) => f.status === "WAIVED");
    expect([...new Set(waived.map((f) => `${f.checkId} ${f.resourceName}`))]).toEqual(["sagemaker.notebook.root-access-disabled research-sandbox-nb"]);
    expect(model.waivers.active.map((w) => w.check)).toEqual(["sagemaker.notebook.root-access-disabled"]);
    // The expired waiver still matches a failing trail, which fails again.
    expect(model.waivers.expired.map((w) => [w.check, w.matched])).toEqual([["cloudtrail.kms-encrypted", 1]]);
    const trail = model.controls.flatMap((c) => c.findings).find((f) => f.checkId === "cloudtrail.kms-encrypted" && f.resourceName === "nw-eu-data-events");
    expect(trail?.status).toBe("FAIL");
    expect(model.controls.find((c) => c.id === "164.308(a)(5)(i)")?.status).toBe("ATTESTED");
  });
});
