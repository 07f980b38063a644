import { describe, expect, it } from "vitest";
import type { Finding, Waiver } from "../../../src/checks/types.js";
import { UsageError } from "../../../src/errors.js";
import { parseWaivers } from "../../../src/frameworks/waivers-file.js";
import { applyWaivers, globMatches, isExpired } from "../../../src/frameworks/waivers.js";

const KNOWN = new Set(["sagemaker.notebook.root-access-disabled", "cloudtrail.kms-encrypted"]);
const NB = "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research-gpu";

const finding = (status: Finding["status"], resourceArn = NB): Finding => ({
  checkId: "sagemaker.notebook.root-access-disabled",
  resourceArn,
  resourceType: "AWS::SageMaker::NotebookInstance",
  resourceName: resourceArn.split("/").at(-1) ?? "",
  account: "111122223333",
  region: "us-east-1",
  severity: "medium",
  status,
  reason: "RootAccess is Enabled",
  evidenceIds: ["ev_1"],
});

const waiver = (resource: string, expires: string): Waiver => ({
  check: "sagemaker.notebook.root-access-disabled",
  resource,
  reason: "CUDA drivers",
  approvedBy: "ciso@example.org",
  expires,
});

describe("globMatches", () => {
  it.each([
    ["arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research-*", NB, true],
    ["arn:aws:sagemaker:*:111122223333:notebook-instance/*", NB, true],
    ["arn:aws:sagemaker:eu-west-1:111122223333:notebook-instance/*", NB, false],
    [NB, NB, true],
    ["arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research", NB, false],
    // Regex metacharacters in ARNs are literal.
    ["arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research.gpu", NB, false],
    ["*", NB, true],
  ])("%s matches %s: %s", (pattern, value, expected) => {
    expect(globMatches(pattern, value)).toBe(expected);
  });
});

describe("waiver expiry", () => {
  it.each([
    ["2027-01-31", "2027-01-31T23:59:00.000Z", false],
    ["2027-01-31", "2027-02-01T00:00:00.000Z", true],
    ["2027-01-31T12:00:00Z", "2027-01-31T12:00:01.000Z", true],
    ["2027-01-31T12:00:00Z", "2027-01-31T11:59:59.000Z", false],
  ])("expires %s, judged at %s: expired %s", (expires, now, expected) => {
    expect(isExpired(expires, now)).toBe(expected);
  });

  it("waives a FAIL while the waiver holds and attaches it", () => {
    const w = waiver("arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research-*", "2027-01-31");
    const out = applyWaivers([finding("FAIL"), finding("PASS", `${NB}-2`)], [w], "2027-01-31T10:00:00.000Z");
    expect(out.findings.map((f) => f.status)).toEqual(["WAIVED", "PASS"]);
    expect(out.findings[0]?.waiver).toEqual(w);
    expect(out.active).toEqual([{ ...w, matched: 1 }]);
  });

  it("no longer applies an expired waiver and reports it with what it would have matched", () => {
    const w = waiver("arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/*", "2026-10-31");
    const out = applyWaivers([finding("FAIL")], [w], "2026-11-27T10:00:00.000Z");
    expect(out.findings[0]?.status).toBe("FAIL");
    expect(out.findings[0]?.waiver).toBeUndefined();
    expect(out.expired).toEqual([{ ...w, matched: 1 }]);
    expect(out.active).toEqual([]);
  });
});

describe("parseWaivers", () => {
  const file = "waivers.yaml";
  const good = `  - check: sagemaker.notebook.root-access-disabled
    resource: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research-*"
    reason: CUDA drivers
    approvedBy: ciso@example.org
    expires: 2027-03-31
`;

  it("reads valid entries, turning an unquoted YAML date into the date written", () => {
    const { waivers, invalid } = parseWaivers(file, `waivers:\n${good}`, KNOWN);
    expect(invalid).toEqual([]);
    expect(waivers).toEqual([{ check: "sagemaker.notebook.root-access-disabled", resource: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/research-*", reason: "CUDA drivers", approvedBy: "ciso@example.org", expires: "2027-03-31" }]);
  });

  it("keeps the valid entries and reports each malformed one at its position", () => {
    const text = `waivers:\n${good}  - check: cloudtrail.kms-encrypted\n    resource: "*"\n    reason: legacy trail\n    expires: someday\n`;
    const { waivers, invalid } = parseWaivers(file, text, KNOWN);
    expect(waivers).toHaveLength(1);
    expect(invalid.map((i) => `${i.line}:${i.col} [${i.index}] ${i.message}`)).toEqual([
      "7:5 [1] waivers.1.approvedBy: Invalid input: expected string, received undefined",
      "10:14 [1] waivers.1.expires: not a date (use YYYY-MM-DD or an ISO timestamp)",
    ]);
  });

  it("reports a waiver of a check that does not exist, at its check id", () => {
    const text = `waivers:\n${good.replace("sagemaker.notebook.root-access-disabled", "sagemaker.notebook.root-acess-disabled")}`;
    const { waivers, invalid } = parseWaivers(file, text, KNOWN);
    expect(waivers).toEqual([]);
    expect(invalid).toEqual([{ file, line: 2, col: 12, index: 0, message: 'waivers.0.check: unknown check id "sagemaker.notebook.root-acess-disabled"' }]);
  });

  it("rejects a file that is not YAML, or not a waivers list, as a usage error", () => {
    expect(() => parseWaivers(file, "waivers: [unclosed\n", KNOWN)).toThrow(UsageError);
    expect(() => parseWaivers(file, "waiver:\n  - check: x\n", KNOWN)).toThrow(/waivers\.yaml:1:1: .*unknown key "waiver"/);
  });

  it("treats an empty file as no waivers", () => {
    expect(parseWaivers(file, "", KNOWN)).toEqual({ waivers: [], invalid: [] });
  });
});
