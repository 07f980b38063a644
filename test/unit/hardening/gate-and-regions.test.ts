import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PARTITION_REGIONS, validateRegions } from "../../../src/aws/regions.js";
import { nonCompliance } from "../../../src/cli/report.js";
import type { ReportControl, ReportModel } from "../../../src/report/types.js";
import { sampleReportModel } from "../../fixtures/report-model.js";

/** "ok", or the message of what `fn` threw. */
const outcome = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("region validation", () => {
  it("knows every region of every partition the installed SDK resolves endpoints for", () => {
    // The SDK's own endpoint data (@aws-sdk/core, util-endpoints partitions): a region AWS adds
    // there must be added to PARTITION_REGIONS too.
    const require = createRequire(import.meta.url);
    const core = dirname(require.resolve("@aws-sdk/core/package.json", { paths: [dirname(require.resolve("@aws-sdk/client-sts"))] }));
    const text = readFileSync(join(core, "dist-es/submodules/client/util-endpoints/lib/aws/partitions.js"), "utf8");
    const data = JSON.parse(text.slice(text.indexOf("{"), text.lastIndexOf("}") + 1)) as { partitions: { id: string; regions: Record<string, unknown> }[] };
    expect(data.partitions.length).toBeGreaterThan(0);
    for (const p of data.partitions) {
      const sdk = Object.keys(p.regions).filter((r) => !r.endsWith("-global")).sort();
      expect({ partition: p.id, regions: [...(PARTITION_REGIONS[p.id] ?? [])].sort() }).toEqual({ partition: p.id, regions: sdk });
    }
  });

  it.each([
    [["us-east-1", "eu-west-1"], undefined],
    [["af-south-1", "me-south-1", "ap-east-1"], undefined], // opt-in regions are valid names
    [["cn-north-1", "cn-northwest-1"], undefined],
    [[], undefined],
    [["mars-1"], /--regions: "mars-1" is not an AWS region/],
    [["us-east1", "eu-west-9"], /--regions: "us-east1", "eu-west-9" are not AWS regions/],
    [["aws-global"], /"aws-global" is not an AWS region/],
    [["eu-west-1", "cn-north-1"], /span several partitions \(aws, aws-cn\)/],
  ])("%j", (regions, error) => {
    expect(outcome(() => validateRegions(regions, "--regions"))).toMatch(error ?? /^ok$/);
  });
});

describe("nonCompliance (the --fail-on-noncompliant verdict)", () => {
  const base = sampleReportModel();
  const control = (id: string, status: ReportControl["status"], findingStatuses: string[]): ReportControl => {
    const template = base.controls.find((c) => c.findings.length > 0) as ReportControl;
    const finding = template.findings[0] as ReportControl["findings"][number];
    return { ...template, id, status, findings: findingStatuses.map((s, i) => ({ ...finding, resourceArn: `${finding.resourceArn}-${i}`, status: s as typeof finding.status })) };
  };
  const model = (controls: ReportControl[]): ReportModel => ({ ...base, controls });

  it.each([
    ["all PASS", [control("a", "PASS", ["PASS"])], undefined],
    ["NO_DATA with nothing applicable", [control("a", "PASS", ["PASS"]), control("b", "NO_DATA", []), control("c", "NO_DATA", ["NOT_APPLICABLE"])], undefined],
    ["manual and attested", [control("m", "MANUAL", []), control("t", "ATTESTED", [])], undefined],
    ["one FAIL", [control("a", "FAIL", ["FAIL", "PASS"])], "1 control(s) FAIL: a"],
    ["NO_DATA from a gap", [control("a", "PASS", ["PASS"]), control("b", "NO_DATA", ["ERROR"])], "1 control(s) NO_DATA because evidence is missing (1 gap(s)): b"],
    ["both", [control("a", "FAIL", ["FAIL"]), control("b", "NO_DATA", ["ERROR", "NOT_APPLICABLE"])], "1 control(s) FAIL: a; 1 control(s) NO_DATA because evidence is missing (1 gap(s)): b"],
    [
      "many, listed briefly",
      Array.from({ length: 7 }, (_, i) => control(`c${i}`, "FAIL", ["FAIL"])),
      "7 control(s) FAIL: c0, c1, c2, c3, c4, … (2 more)",
    ],
  ])("%s", (_name, controls, expected) => {
    expect(nonCompliance(model(controls))).toBe(expected);
  });
});
