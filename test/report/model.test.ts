import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/checks/catalogue.js";
import type { Finding, FindingStatus } from "../../src/checks/types.js";
import type { ControlResult, FrameworkMapping } from "../../src/frameworks/types.js";
import { buildReportModel, controlScore, resourceShare } from "../../src/report/model.js";
import type { ReportInput, RunControlFindings } from "../../src/report/model.js";

const ACCOUNT = "111122223333";
const nb = (name: string): string => `arn:aws:sagemaker:us-east-1:${ACCOUNT}:notebook-instance/${name}`;

function finding(checkId: string, name: string, status: FindingStatus): Finding {
  return {
    checkId,
    resourceArn: nb(name),
    resourceType: "AWS::SageMaker::NotebookInstance",
    resourceName: name,
    account: ACCOUNT,
    region: "us-east-1",
    severity: "high",
    status,
    reason: `${checkId} is ${status} on ${name}`,
    evidenceIds: [`ev_${name}`],
  };
}

const KMS = "sagemaker.notebook.kms-encrypted";
const INTERNET = "sagemaker.notebook.direct-internet-disabled";
const ROOT = "sagemaker.notebook.root-access-disabled";

describe("resourceShare", () => {
  it.each<[string, [string, string, FindingStatus][], { passing: number; applicable: number; share: number | null }]>([
    ["no findings", [], { passing: 0, applicable: 0, share: null }],
    ["only not applicable", [[KMS, "a", "NOT_APPLICABLE"]], { passing: 0, applicable: 0, share: null }],
    ["every resource passes", [[KMS, "a", "PASS"], [KMS, "b", "PASS"]], { passing: 2, applicable: 2, share: 100 }],
    // One failing notebook among three: the control fails, but two thirds of the estate is fine.
    ["one failing resource", [[KMS, "a", "PASS"], [KMS, "b", "PASS"], [KMS, "c", "FAIL"]], { passing: 2, applicable: 3, share: 66.7 }],
    ["a resource counts once across checks", [[KMS, "a", "PASS"], [INTERNET, "a", "PASS"], [ROOT, "a", "FAIL"], [KMS, "b", "PASS"]], { passing: 1, applicable: 2, share: 50 }],
    ["an evidence gap is never a pass", [[KMS, "a", "ERROR"], [KMS, "b", "PASS"]], { passing: 1, applicable: 2, share: 50 }],
    ["waived findings are left out, as control status leaves them out", [[KMS, "a", "WAIVED"], [INTERNET, "b", "WAIVED"], [KMS, "b", "PASS"]], { passing: 1, applicable: 1, share: 100 }],
  ])("%s", (_name, rows, expected) => {
    expect(resourceShare(rows.map(([check, name, status]) => finding(check, name, status)))).toEqual(expected);
  });
});

describe("buildReportModel resource shares", () => {
  const mapping: FrameworkMapping = {
    framework: "hipaa",
    title: "HIPAA Security Rule",
    version: "test",
    file: "mappings/hipaa.yaml",
    sha256: "0".repeat(64),
    source: "",
    controls: [
      { id: "164.312(a)(2)(iv)", title: "Encryption and decryption", checks: [KMS], manual: false },
      { id: "164.312(a)(1)", title: "Access control", checks: [INTERNET, ROOT], manual: false },
      { id: "164.308(a)(5)(i)", title: "Security awareness and training", checks: [], manual: true },
    ],
  };
  const encryption = [finding(KMS, "a", "PASS"), finding(KMS, "b", "PASS"), finding(KMS, "c", "PASS"), finding(KMS, "d", "FAIL")];
  const access = [finding(INTERNET, "a", "PASS"), finding(ROOT, "a", "PASS"), finding(INTERNET, "b", "FAIL"), finding(ROOT, "b", "PASS")];
  const results: ControlResult[] = [
    { controlId: "164.312(a)(2)(iv)", status: "FAIL", findings: encryption, reason: "1 of 4 findings fail" },
    { controlId: "164.312(a)(1)", status: "FAIL", findings: access, reason: "1 of 4 findings fail" },
    { controlId: "164.308(a)(5)(i)", status: "MANUAL", findings: [], reason: "Manual control without a valid attestation" },
  ];
  const earlier: RunControlFindings = {
    runId: "run-1",
    controls: [
      { controlId: "164.312(a)(2)(iv)", findings: [{ checkId: KMS, resourceArn: nb("a"), status: "PASS" }, { checkId: KMS, resourceArn: nb("b"), status: "FAIL" }] },
      { controlId: "164.312(a)(1)", findings: [{ checkId: INTERNET, resourceArn: nb("a"), status: "FAIL" }] },
    ],
  };
  const input: ReportInput = {
    generatedAt: "2026-11-27T10:05:00.000Z",
    toolVersion: "0.1.0",
    run: { id: "run-3", startedAt: "2026-11-27T10:00:00.000Z", finishedAt: "2026-11-27T10:04:00.000Z", status: "completed", source: "demo", accounts: [ACCOUNT], regions: ["us-east-1"], evidenceCount: 4, merkleRoot: "", gaps: [] },
    mapping,
    results,
    score: controlScore(results.map((r) => r.status)),
    evidence: new Map(),
    checks: CATALOGUE,
    trend: [
      { runId: "run-1", at: "2026-11-25T10:00:00.000Z", score: 0 },
      // Pruned or evaluated before shares were stored: a gap in the trend, not a zero.
      { runId: "run-2", at: "2026-11-26T10:00:00.000Z", score: 0 },
    ],
    resourceHistory: [earlier],
    waivers: { active: [], expired: [] },
    attestations: [],
  };
  const model = buildReportModel(input);

  it("carries each check's peer controls into checks[] (report.json)", () => {
    expect(model.checks.find((c) => c.id === INTERNET)?.peers).toEqual({
      securityHub: ["SageMaker.1"],
      prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"],
      checkov: ["CKV_AWS_122"],
    });
  });

  it("gives each control the share of its resources that pass, beside its status", () => {
    expect(model.controls.map((c) => [c.id, c.status, c.resources.passing, c.resources.applicable, c.resources.share])).toEqual([
      ["164.312(a)(2)(iv)", "FAIL", 3, 4, 75],
      ["164.312(a)(1)", "FAIL", 1, 2, 50],
      ["164.308(a)(5)(i)", "MANUAL", 0, 0, null],
    ]);
  });

  it("gives the summary the share over every resource of the framework, next to the unchanged score", () => {
    expect(model.summary.score).toBe(0);
    // a, c pass everywhere; b fails access, d fails encryption.
    expect(model.summary.resources).toEqual({ passing: 2, applicable: 4, share: 50 });
  });

  it("trends the shares over the earlier runs' stored results", () => {
    expect(model.trend.map((p) => [p.runId, p.score, p.resourceShare])).toEqual([
      ["run-1", 0, 0],
      ["run-2", 0, null],
      ["run-3", 0, 50],
    ]);
    expect(model.controls[0]!.resources.trend.map((p) => p.share)).toEqual([50, null, 75]);
    expect(model.controls[1]!.resources.trend.map((p) => p.share)).toEqual([0, null, 50]);
  });
});
