import { describe, expect, it } from "vitest";
import { attributeChanges } from "../../../src/checks/attribution.js";
import { evaluateChecks } from "../../../src/checks/engine.js";
import { amendFinding, findingJson, findingKeyJson, newFinding } from "../../../src/checks/finding.js";
import type { FindingAmendment } from "../../../src/checks/finding.js";
import { notebookDirectInternetDisabled, notebookRootAccessDisabled } from "../../../src/checks/sagemaker/notebook.js";
import type { Finding } from "../../../src/checks/types.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { applyWaivers } from "../../../src/frameworks/waivers.js";
import { notebookRecords } from "../../helpers/evidence.js";

const rule = { id: "sagemaker.notebook.root-access-disabled", severity: "high" as const };
const subject = { arn: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/nb", type: "AWS::SageMaker::NotebookInstance", name: "nb", account: "111122223333", region: "us-east-1" };

/** The plain finding the engine made before findings shared their subject, member for member. */
const plain = (status: Finding["status"], reason: string, evidenceIds: readonly string[]): Finding => ({
  checkId: rule.id,
  resourceArn: subject.arn,
  resourceType: subject.type,
  resourceName: subject.name,
  account: subject.account,
  region: subject.region,
  severity: rule.severity,
  status,
  reason,
  evidenceIds,
});

const lastChange = { eventName: "UpdateNotebookInstance", eventTime: "2026-11-22T10:00:00Z", principal: "arn:aws:iam::111122223333:user/bob", sourceIp: "203.0.113.7", eventId: "e2" };
const configRule = { configRuleName: "sagemaker-notebook-no-direct-internet-access", compliance: "COMPLIANT", evidenceId: "ev-rule" };
const waiver = { check: rule.id, resource: "*", reason: "accepted", approvedBy: "ciso@example.com", expires: "2027-01-01" };

describe("a finding with a shared subject and rule", () => {
  it("reads and serialises exactly as the plain finding, key order included", () => {
    const shared = newFinding(rule, subject, "FAIL", "RootAccess is Enabled", ["ev-1", "ev-2"]);
    const expected = plain("FAIL", "RootAccess is Enabled", ["ev-1", "ev-2"]);
    expect(JSON.stringify(shared)).toBe(JSON.stringify(expected));
    expect(JSON.stringify(shared, null, 2)).toBe(JSON.stringify(expected, null, 2));
    for (const key of Object.keys(expected) as (keyof Finding)[]) expect(shared[key]).toEqual(expected[key]);
  });

  it("amended in any order, serialises as the spread `{ ...f, ...amendment }` of the plain finding", () => {
    const steps: FindingAmendment[] = [
      { evidenceIds: ["ev-1", "ev-rule"], configRule },
      { reason: "RootAccess is Enabled; the AWS Config configuration item disagrees" },
      { evidenceIds: ["ev-1", "ev-3", "ev-rule"], lastChange },
      { status: "WAIVED", waiver },
    ];
    // Every order of the four stages: annotations keep the places the spread gave them.
    const orders = [
      [0, 1, 2, 3],
      [2, 0, 3, 1],
      [3, 2, 1, 0],
      [1, 3, 0, 2],
    ];
    for (const order of orders) {
      let shared = newFinding(rule, subject, "FAIL", "RootAccess is Enabled", ["ev-1"]);
      let spread: Finding = plain("FAIL", "RootAccess is Enabled", ["ev-1"]);
      for (const i of order) {
        const step = steps[i] as FindingAmendment;
        shared = amendFinding(shared, step);
        spread = { ...spread, ...step };
        expect(JSON.stringify(shared)).toBe(JSON.stringify(spread));
      }
      expect(shared.resourceArn).toBe(subject.arn);
      expect(shared.waiver).toBe(waiver);
    }
  });

  it("an annotation amended again stays where it was first added", () => {
    const other = { ...lastChange, eventId: "e9" };
    const once = amendFinding(amendFinding(newFinding(rule, subject, "FAIL", "r", ["ev-1"]), { lastChange }), { waiver, status: "WAIVED" });
    const twice = amendFinding(once, { lastChange: other });
    const spread = { ...{ ...{ ...plain("FAIL", "r", ["ev-1"]), lastChange }, waiver, status: "WAIVED" as const }, lastChange: other };
    expect(JSON.stringify(twice)).toBe(JSON.stringify(spread));
    expect(twice.lastChange).toBe(other);
    expect(once.lastChange).toBe(lastChange);
  });

  it("a plain finding (parsed from the store) is amended by spreading it", () => {
    const stored = plain("FAIL", "r", ["ev-1"]);
    const amended = amendFinding(stored, { status: "WAIVED", waiver });
    expect(amended).toEqual({ ...stored, status: "WAIVED", waiver });
    expect(Object.getPrototypeOf(amended)).toBe(Object.prototype);
  });

  it("the engine's findings of one resource share one subject, and every later stage keeps it", () => {
    const inventory = buildInventory([...notebookRecords("nb", { DirectInternetAccess: "Enabled", RootAccess: "Enabled" })]);
    const findings = evaluateChecks([notebookDirectInternetDisabled, notebookRootAccessDisabled], inventory);
    expect(findings).toHaveLength(2);
    const [a, b] = findings as [Finding, Finding];
    const subjectOfFinding = (f: Finding): unknown => (f as unknown as { subject: unknown }).subject;
    expect(subjectOfFinding(a)).toBeDefined();
    expect(subjectOfFinding(a)).toBe(subjectOfFinding(b));
    const attributed = attributeChanges(findings, inventory);
    const { findings: waived } = applyWaivers(attributed, [{ ...waiver, check: a.checkId }], "2026-12-01T00:00:00Z");
    const w = waived.find((f) => f.status === "WAIVED") as Finding;
    expect(subjectOfFinding(w)).toBe(subjectOfFinding(a));
    expect(JSON.parse(JSON.stringify(w))).toEqual({ ...JSON.parse(JSON.stringify(a)), status: "WAIVED", waiver: { ...waiver, check: a.checkId } });
    expect(Object.keys(JSON.parse(JSON.stringify(w)))).toEqual([
      "checkId",
      "resourceArn",
      "resourceType",
      "resourceName",
      "account",
      "region",
      "severity",
      "status",
      "reason",
      "evidenceIds",
      "waiver",
    ]);
  });
});

describe("findingJson", () => {
  // Values the store meets in ARNs, names, tags and reasons: quotes, backslashes, control
  // characters, non-ASCII, lone surrogates (JSON.stringify escapes those as \udxxx).
  const awkward = ["plain", 'quo"te', "back\\slash", "line\nbreak\ttab\u0001", "ünïcødé ✓ 𝄞", "\ud800lone", "\u2028\u2029", "</script>", "", "a reason longer than forty characters, \"quoted\", and then some more"];
  const pick = (i: number) => awkward[i % awkward.length] as string;

  it("is JSON.stringify of the finding, byte for byte, whatever its strings hold", () => {
    let compared = 0;
    for (let i = 0; i < awkward.length; i++) {
      const r = { id: `check.${pick(i)}`, severity: "high" as const };
      const s = { arn: `arn:aws:sagemaker:us-east-1:1:x/${pick(i + 1)}`, type: pick(i + 2), name: pick(i + 3), account: pick(i + 4), region: pick(i + 5) };
      const ids = Object.freeze([pick(i + 6), pick(i + 7)]);
      for (const status of ["PASS", "FAIL", "ERROR", "NOT_APPLICABLE"] as const) {
        const f = newFinding(r, s, status, pick(i + 8), ids);
        // twice: the second call reads the texts remembered per rule and per repeated value
        expect(findingJson(f)).toBe(JSON.stringify(f));
        expect(findingJson(f)).toBe(JSON.stringify(f));
        expect(findingKeyJson(f)).toBe(`${JSON.stringify(f.checkId)},${JSON.stringify(f.resourceArn)}`);
        compared++;
      }
    }
    expect(compared).toBe(awkward.length * 4);
  });

  it("writes annotations, plain findings and an evidence list changed after use as JSON.stringify does", () => {
    const ids = ["ev-1"];
    const f = newFinding(rule, subject, "FAIL", "RootAccess is Enabled", ids);
    expect(findingJson(f)).toBe(JSON.stringify(f));
    ids.push("ev-2");
    expect(findingJson(f)).toBe(JSON.stringify(f));
    expect(findingJson(f)).toContain('"ev-2"');
    for (const amendment of [{ lastChange }, { configRule }, { waiver, status: "WAIVED" as const }, { lastChange: undefined }]) {
      const amended = amendFinding(f, amendment);
      expect(findingJson(amended)).toBe(JSON.stringify(amended));
    }
    const p = plain("PASS", "ok", ["ev-9"]);
    expect(findingJson(p)).toBe(JSON.stringify(p));
    expect(findingKeyJson(p)).toBe(`${JSON.stringify(p.checkId)},${JSON.stringify(p.resourceArn)}`);
    expect(findingJson(amendFinding(f, { waiver }))).toContain('"waiver":');
  });

  it("stays exact past the bound of its table of repeated texts", () => {
    const ids = Object.freeze(["ev-1"]);
    for (let i = 0; i < 9000; i++) {
      const f = newFinding(rule, { ...subject, region: `region-${i % 5000}` }, "FAIL", `reason ${i % 6000} "${i}"`, ids);
      expect(findingJson(f)).toBe(JSON.stringify(f));
    }
  });

  it("writes the engine's findings exactly as JSON.stringify does", () => {
    const inventory = buildInventory([...notebookRecords("nb", { DirectInternetAccess: "Enabled", RootAccess: "Disabled" }), ...notebookRecords("n\"b✓", { DirectInternetAccess: "Disabled", RootAccess: "Enabled" })]);
    const findings = evaluateChecks([notebookDirectInternetDisabled, notebookRootAccessDisabled], inventory);
    expect(findings).toHaveLength(4);
    for (const f of findings) expect(findingJson(f)).toBe(JSON.stringify(f));
  });
});
