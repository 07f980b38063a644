import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../src/checks/catalogue.js";
import { runCli, tempDir } from "../helpers/cli.js";

describe("sageaudit checks list", () => {
  it("prints every check with its metadata as JSON, and nothing else on stdout", () => {
    const result = runCli(["checks", "list", "--json"]);
    expect(result.code).toBe(0);
    const checks = JSON.parse(result.stdout) as { id: string; severity: string; evidence: string[]; remediation: string; awsConfigRule?: string }[];
    expect(checks.map((c) => c.id)).toEqual(CATALOGUE.map((c) => c.id));
    expect(checks.find((c) => c.id === "sagemaker.notebook.direct-internet-disabled")).toMatchObject({
      severity: "high",
      awsConfigRule: "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS",
      evidence: ["sagemaker:ListNotebookInstances", "sagemaker:DescribeNotebookInstance"],
    });
  });

  it("lists each check's peer controls (Security Hub, AWS Config, Prowler, Checkov) in the JSON", () => {
    const checks = JSON.parse(runCli(["checks", "list", "--json"]).stdout) as { id: string; peers?: { securityHub?: string[]; awsConfig?: string[]; prowler?: string[]; checkov?: string[] } }[];
    expect(checks.find((c) => c.id === "sagemaker.notebook.direct-internet-disabled")?.peers).toEqual({
      securityHub: ["SageMaker.1"],
      prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"],
      checkov: ["CKV_AWS_122"],
    });
    const monitoring = checks.find((c) => c.id === "sagemaker.monitoring-job.inter-container-encryption")?.peers;
    expect(monitoring?.securityHub).toEqual(["SageMaker.9", "SageMaker.10", "SageMaker.13", "SageMaker.15", "SageMaker.22"]);
    expect(monitoring?.awsConfig).toContain("SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT");
    // A check without a peer control has no peers key rather than an invented one.
    expect(checks.find((c) => c.id === "sagemaker.domain.docker-access-disabled")).not.toHaveProperty("peers");
  });

  it("prints a table on request without --json", () => {
    const result = runCli(["checks", "list"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^ID +SEVERITY +RESOURCE TYPE +AWS CONFIG RULE +PEERS +TITLE$/m);
    expect(result.stdout).toMatch(/^sagemaker\.model\.in-vpc +medium +AWS::SageMaker::Model +SAGEMAKER_MODEL_IN_VPC +\+1 Prowler +Models run inside a VPC$/m);
    expect(result.stdout).toMatch(/^sagemaker\.notebook\.direct-internet-disabled +high +\S+ +\S+ +SageMaker\.1 \+1 Prowler +/m);
    expect(result.stdout).toContain("iam.sagemaker-role.least-privilege");
    expect(result.stdout).toMatch(/^sagemaker\.monitoring-job\.network-isolation +medium +AWS::SageMaker::MonitoringSchedule \+4 +- +SageMaker\.11,SageMaker\.12,SageMaker\.14,SageMaker\.20,SageMaker\.25 \+4 AWS Config +/m);
  });
});

describe("sageaudit frameworks", () => {
  it("lists the bundled frameworks as JSON", () => {
    const result = runCli(["frameworks", "list", "--json"]);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { id: string; controls: number; sha256: string }[];
    expect(list.map((f) => [f.id, f.controls])).toEqual([
      ["gdpr", 11],
      ["hipaa", 26],
    ]);
    for (const f of list) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("shows the control → checks table generated from the mapping file", () => {
    const result = runCli(["frameworks", "show", "hipaa"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toBe("HIPAA Security Rule — 45 CFR Part 164 Subpart C (2013 Omnibus)");
    expect(result.stdout).toMatch(/^164\.312\(a\)\(2\)\(iv\) +A +Encryption and decryption +sagemaker\.notebook\.kms-encrypted$/m);
    expect(result.stdout).toMatch(/^ +sagemaker\.training-job\.volume-kms-encrypted$/m);
    expect(result.stdout).toMatch(/^164\.308\(a\)\(5\)\(i\) +R +Security awareness and training +\(manual: needs an attestation\)$/m);
  });

  it("fails with exit code 2 for an unknown framework", () => {
    const result = runCli(["frameworks", "show", "sox"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown framework "sox"; known frameworks: gdpr, hipaa/);
  });
});

describe("sageaudit mappings validate", () => {
  it("accepts the bundled mappings", () => {
    const result = runCli(["mappings", "validate", "mappings/hipaa.yaml", "mappings/gdpr.yaml"]);
    expect([result.code, result.stdout.trim()]).toEqual([0, "2 mapping files valid"]);
  });

  it("reports every problem of every file as file:line:col and exits 2", () => {
    const dir = tempDir();
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, 'framework: custom\ntitle: Custom\nversion: "1"\ncontrols:\n  - id: C-1\n    title: Encryption\n    checks:\n      - sagemaker.notebook.kms-encrypted\n      - sagemaker.notebook.kms-encryption\n  - id: C-1\n    title: Again\n    manual: true\n  - id: C-2\n    title: Nothing\n');
    const broken = join(dir, "broken.yaml");
    writeFileSync(broken, "framework: custom\ncontrols: [\n");
    const result = runCli(["mappings", "validate", bad, broken]);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines.slice(0, 3)).toEqual([
      `${bad}:9:9: unknown check id "sagemaker.notebook.kms-encryption"`,
      `${bad}:10:9: duplicate control id "C-1" (first defined at line 5)`,
      `${bad}:13:5: control "C-2" has neither checks nor manual: true`,
    ]);
    expect(lines[3]).toMatch(new RegExp(`^${broken.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: `));
  });
});
