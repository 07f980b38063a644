import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, REGION, described, findingsOf, record } from "./estate.js";

// A Config managed rule that judges the same setting on the same resource and disagrees with our
// check is shown on the finding: one of the two is wrong or stale, and an auditor must see it.

const NB = "AWS::SageMaker::NotebookInstance";
const CHECK = "sagemaker.notebook.direct-internet-disabled";
const open = described(NB, "claims-eda", { DirectInternetAccess: "Enabled", RootAccess: "Disabled" });
const closed = described(NB, "claims-eda", { DirectInternetAccess: "Disabled", RootAccess: "Disabled" });

const rules = (name: string, identifier: string): EvidenceRecord =>
  record("config", "DescribeConfigRules", {}, { ConfigRules: [{ ConfigRuleName: name, ConfigRuleArn: `arn:aws:config:${REGION}:${ACCOUNT}:config-rule/config-rule-abc`, Source: { Owner: "AWS", SourceIdentifier: identifier }, ConfigRuleState: "ACTIVE" }] });
const verdict = (name: string, compliance: string, resourceId = "claims-eda", resourceType = NB): EvidenceRecord =>
  record("config", "GetComplianceDetailsByConfigRule", { ConfigRuleName: name }, {
    EvaluationResults: [
      {
        EvaluationResultIdentifier: { EvaluationResultQualifier: { ConfigRuleName: name, ResourceType: resourceType, ResourceId: resourceId }, OrderingTimestamp: "2026-11-27T08:00:00.000Z" },
        ComplianceType: compliance,
        ResultRecordedTime: "2026-11-27T08:05:00.000Z",
      },
    ],
  });

const only = (records: EvidenceRecord[]) => {
  const [f, ...rest] = findingsOf(CHECK, records);
  expect(rest).toEqual([]);
  return f!;
};

describe("AWS Config cross-check", () => {
  it("records a rule that calls COMPLIANT what we FAIL, matched through its source identifier", () => {
    const v = verdict("nb-internet", "COMPLIANT");
    const f = only([...open, rules("nb-internet", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS"), v]);
    expect(f.status).toBe("FAIL");
    expect(f.configRule).toEqual({ configRuleName: "nb-internet", compliance: "COMPLIANT", evidenceId: v.id });
    expect(f.evidenceIds).toContain(v.id);
  });

  it("records a rule that calls NON_COMPLIANT what we PASS", () => {
    const f = only([...closed, rules("nb-internet", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS"), verdict("nb-internet", "NON_COMPLIANT")]);
    expect([f.status, f.configRule?.compliance]).toEqual(["PASS", "NON_COMPLIANT"]);
  });

  it("says nothing when they agree", () => {
    const f = only([...open, rules("nb-internet", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS"), verdict("nb-internet", "NON_COMPLIANT")]);
    expect(f.configRule).toBeUndefined();
  });

  it("ignores rules of another identifier and verdicts on other resources", () => {
    expect(only([...open, rules("nb-root", "SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK"), verdict("nb-root", "COMPLIANT")]).configRule).toBeUndefined();
    expect(only([...open, rules("nb-internet", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS"), verdict("nb-internet", "COMPLIANT", "other-notebook")]).configRule).toBeUndefined();
  });

  it("falls back to the conventional rule name when DescribeConfigRules was not collected", () => {
    const name = "sagemaker-notebook-no-direct-internet-access-conformance-pack-x1y2z3";
    expect(only([...open, verdict(name, "COMPLIANT")]).configRule?.configRuleName).toBe(name);
  });
});
