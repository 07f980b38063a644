import { describe, expect, it } from "vitest";
import type { Finding } from "../../../src/checks/types.js";
import { evaluateFramework } from "../../../src/frameworks/evaluate.js";
import type { FrameworkMapping } from "../../../src/frameworks/types.js";
import { applyWaivers } from "../../../src/frameworks/waivers.js";

const mapping: FrameworkMapping = {
  framework: "t",
  title: "T",
  version: "1",
  file: "t.yaml",
  sha256: "0".repeat(64),
  source: "",
  controls: [
    { id: "C1", title: "one", checks: ["a"], manual: false },
    { id: "C2", title: "two", checks: ["b"], manual: false },
    { id: "M", title: "manual", checks: [], manual: true },
  ],
};

const finding = (checkId: string, status: Finding["status"], arn = `arn:aws:x:::${checkId}`): Finding => ({
  checkId,
  resourceArn: arn,
  resourceType: "T",
  resourceName: arn,
  account: "111122223333",
  region: "us-east-1",
  severity: "high",
  status,
  reason: status,
  evidenceIds: [],
});

const NOW = "2026-11-27T10:00:00.000Z";
const statuses = (findings: Finding[], attestations = []) =>
  evaluateFramework(mapping, findings, attestations, NOW).map((r) => [r.controlId, r.status]);

describe("evaluateFramework", () => {
  it("fails a control on any failing finding, passes it only on passes", () => {
    expect(statuses([finding("a", "PASS"), finding("a", "FAIL", "x"), finding("b", "PASS")])).toEqual([
      ["C1", "FAIL"],
      ["C2", "PASS"],
      ["M", "MANUAL"],
    ]);
  });

  it("never passes a control whose evidence has gaps", () => {
    expect(statuses([finding("a", "PASS"), finding("a", "ERROR", "x"), finding("b", "ERROR")])).toEqual([
      ["C1", "NO_DATA"],
      ["C2", "NO_DATA"],
      ["M", "MANUAL"],
    ]);
  });

  it("shows NO_DATA when no resource applies", () => {
    expect(statuses([finding("a", "NOT_APPLICABLE")])).toEqual([
      ["C1", "NO_DATA"],
      ["C2", "NO_DATA"],
      ["M", "MANUAL"],
    ]);
  });

  it("turns a manual control ATTESTED only while its attestation is valid", () => {
    const attestation = { control: "M", statement: "trained", attestedBy: "ciso", date: "2026-01-01", expires: "2026-12-31", evidence: [] };
    expect(evaluateFramework(mapping, [], [attestation], NOW)[2]!.status).toBe("ATTESTED");
    const expired = evaluateFramework(mapping, [], [{ ...attestation, expires: "2026-11-01" }], NOW)[2]!;
    expect(expired.status).toBe("MANUAL");
    expect(expired.reason).toContain("expired");
  });

  it("excludes waived findings from failing a control while the waiver holds", () => {
    const waiver = { check: "a", resource: "arn:aws:x:::*", reason: "accepted", approvedBy: "ciso", expires: "2026-12-31" };
    const waived = applyWaivers([finding("a", "FAIL"), finding("b", "PASS")], [waiver], NOW);
    expect(waived.findings[0]!.status).toBe("WAIVED");
    expect(waived.findings[0]!.waiver).toEqual(waiver);
    expect(evaluateFramework(mapping, waived.findings, [], NOW)[0]!.status).toBe("NO_DATA");
    const expired = applyWaivers([finding("a", "FAIL")], [{ ...waiver, expires: "2026-11-26" }], NOW);
    expect(expired.findings[0]!.status).toBe("FAIL");
    expect(expired.expired).toHaveLength(1);
    expect(expired.expired[0]!.matched).toBe(1);
  });
});
