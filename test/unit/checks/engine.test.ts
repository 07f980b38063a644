import { describe, expect, it } from "vitest";
import { defineCheck } from "../../../src/checks/define.js";
import { evaluateChecks } from "../../../src/checks/engine.js";
import { notebookDirectInternetDisabled } from "../../../src/checks/sagemaker/notebook.js";
import { fail, pass } from "../../../src/checks/verdict.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { gapRecord, notebookRecords, record } from "../../helpers/evidence.js";

const compliant = { DirectInternetAccess: "Disabled", RootAccess: "Disabled", SubnetId: "subnet-1", KmsKeyId: "key" };

describe("evaluateChecks", () => {
  it("gives each resource a finding with its evidence ids and the observed value", () => {
    const records = [...notebookRecords("good", compliant), ...notebookRecords("bad", { ...compliant, DirectInternetAccess: "Enabled" })];
    const findings = evaluateChecks([notebookDirectInternetDisabled], buildInventory(records));
    expect(findings.map((f) => [f.resourceName, f.status, f.reason])).toEqual([
      ["bad", "FAIL", "DirectInternetAccess is Enabled"],
      ["good", "PASS", "DirectInternetAccess is Disabled"],
    ]);
    const bad = findings[0]!;
    const describe = records.find((r) => r.operation === "DescribeNotebookInstance" && r.params.NotebookInstanceName === "bad")!;
    expect(bad.evidenceIds).toContain(describe.id);
  });

  it("shares one frozen, sorted evidence-id array among a resource's findings that read nothing more, and gives extra evidence its own", () => {
    const records = notebookRecords("nb", compliant);
    const plain = (id: string) => defineCheck<Record<string, unknown>>({ ...notebookDirectInternetDisabled, id, evaluate: () => pass("fine") });
    const extra = defineCheck<Record<string, unknown>>({ ...notebookDirectInternetDisabled, id: "test.extra", evaluate: () => ({ ...pass("fine"), evidenceIds: ["ev_000extra"] }) });
    const [a, b, c] = evaluateChecks([plain("test.a"), plain("test.b"), extra], buildInventory(records));
    expect(a!.evidenceIds).toBe(b!.evidenceIds);
    expect(Object.isFrozen(a!.evidenceIds)).toBe(true);
    const describe = records.find((r) => r.operation === "DescribeNotebookInstance")!;
    expect(a!.evidenceIds).toContain(describe.id);
    expect(a!.evidenceIds).toEqual([...new Set(a!.evidenceIds)].sort());
    expect(c!.evidenceIds).toEqual(["ev_000extra", ...a!.evidenceIds].sort());
    expect(a!.evidenceIds).not.toContain("ev_000extra");
  });

  it("shares one merged array among a resource's findings that add the same extra evidence", () => {
    const records = notebookRecords("nb", compliant);
    const adds = (id: string, ids: string[]) => defineCheck<Record<string, unknown>>({ ...notebookDirectInternetDisabled, id, evaluate: () => ({ ...pass("fine"), evidenceIds: ids }) });
    const [a, b, c] = evaluateChecks([adds("test.a", ["ev_000role", "ev_000key"]), adds("test.b", ["ev_000key", "ev_000role"]), adds("test.c", ["ev_000role"])], buildInventory(records));
    expect(a!.evidenceIds).toBe(b!.evidenceIds);
    expect(Object.isFrozen(a!.evidenceIds)).toBe(true);
    expect(a!.evidenceIds).toContain("ev_000key");
    expect(c!.evidenceIds).not.toContain("ev_000key");
    expect(c!.evidenceIds).toContain("ev_000role");
  });

  it("evaluates a check over hundreds of thousands of targets (a 500,000-job estate overflowed the stack)", () => {
    const TARGETS = 300_000;
    const targetCheck = defineCheck<Record<string, unknown>>({
      ...notebookDirectInternetDisabled,
      id: "test.many-targets",
      resourceType: "AWS::IAM::Role",
      targets: () =>
        Array.from({ length: TARGETS }, (_, i) => {
          const arn = `arn:aws:iam::111122223333:role/r-${i}`;
          const resource = { arn, type: "AWS::IAM::Role", account: "111122223333", region: "global", name: `r-${i}`, config: {}, evidenceIds: [], gaps: [], tags: {} };
          return { arn, name: resource.name, account: resource.account, region: resource.region, referencedBy: [], evidenceIds: [], resource };
        }),
      evaluate: () => pass("fine"),
    });
    const findings = evaluateChecks([targetCheck], buildInventory([]));
    expect(findings).toHaveLength(TARGETS);
    expect(findings.every((f) => f.status === "PASS")).toBe(true);
  });

  it("contains a check that throws to an ERROR finding for that resource and carries on", () => {
    const throwing = defineCheck<{ NotebookInstanceName: string }>({
      ...notebookDirectInternetDisabled,
      id: "test.throws-on-one",
      evaluate: (nb) => {
        if (nb.NotebookInstanceName === "boom") throw new Error("unexpected shape");
        return pass("fine");
      },
    });
    const findings = evaluateChecks([throwing], buildInventory([...notebookRecords("boom", compliant), ...notebookRecords("ok", compliant)]));
    expect(findings.map((f) => [f.resourceName, f.status])).toEqual([
      ["boom", "ERROR"],
      ["ok", "PASS"],
    ]);
    expect(findings[0]!.reason).toContain("unexpected shape");
  });

  it("turns a failed describe into ERROR for exactly that resource", () => {
    const records = [
      ...notebookRecords("ok", compliant),
      record("sagemaker", "ListNotebookInstances", { MaxResults: 100 }, {
        NotebookInstances: [{ NotebookInstanceName: "hidden", NotebookInstanceArn: "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/hidden" }],
      }),
      gapRecord("sagemaker", "DescribeNotebookInstance", { NotebookInstanceName: "hidden" }),
    ];
    const findings = evaluateChecks([notebookDirectInternetDisabled], buildInventory(records));
    const hidden = findings.find((f) => f.resourceName === "hidden")!;
    expect(hidden.status).toBe("ERROR");
    expect(hidden.resourceArn).toBe("arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/hidden");
    expect(hidden.reason).toMatch(/evidence gap: DescribeNotebookInstance failed \(AccessDeniedException/);
    expect(findings.find((f) => f.resourceName === "ok")!.status).toBe("PASS");
  });

  it("turns a failed list call into an ERROR on the region, never an empty pass", () => {
    const records = [...notebookRecords("ok", compliant, "us-east-1"), gapRecord("sagemaker", "ListNotebookInstances", { MaxResults: 100 }, "AccessDeniedException", { region: "eu-west-1" })];
    const findings = evaluateChecks([notebookDirectInternetDisabled], buildInventory(records));
    const byRegion = Object.fromEntries(findings.map((f) => [f.region, [f.status, f.resourceArn]]));
    expect(byRegion).toEqual({
      "us-east-1": ["PASS", "arn:aws:sagemaker:us-east-1:111122223333:notebook-instance/ok"],
      "eu-west-1": ["ERROR", "arn:aws:sagemaker:eu-west-1:111122223333:region/eu-west-1"],
    });
    expect(findings.find((f) => f.status === "ERROR")!.reason).toContain("sagemaker:ListNotebookInstances in 111122223333/eu-west-1 failed");
  });

  it("does not let a gap in unrelated evidence touch a check", () => {
    const records = [...notebookRecords("ok", compliant), gapRecord("cloudtrail", "LookupEvents", { MaxResults: 50 })];
    const findings = evaluateChecks([notebookDirectInternetDisabled], buildInventory(records));
    expect(findings.map((f) => f.status)).toEqual(["PASS"]);
  });

  it("is deterministic whatever the order of the evidence", () => {
    const check = defineCheck<Record<string, unknown>>({ ...notebookDirectInternetDisabled, id: "test.order", evaluate: (c) => (c.SubnetId ? pass("in vpc") : fail("no vpc")) });
    const records = [...notebookRecords("a", compliant), ...notebookRecords("b", {}), ...notebookRecords("c", compliant)];
    expect(evaluateChecks([check], buildInventory([...records].reverse()))).toEqual(evaluateChecks([check], buildInventory(records)));
  });
});
