import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import type { ReportModel } from "../../src/report/types.js";
import { runCli, tempDir } from "../helpers/cli.js";

const demoEvidence: Map<string, EvidenceRecord> = new Map(
  readFileSync(resolve("examples/demo-estate/evidence.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvidenceRecord)
    .map((r) => [r.id, r]),
);

const findingsOf = (model: ReportModel, checkId: string) =>
  model.controls.flatMap((c) => c.findings).filter((f) => f.checkId === checkId);

describe("sageaudit report --source demo", () => {
  let dir: string;
  let model: ReportModel;
  let stdout: string;

  beforeAll(() => {
    dir = tempDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo"], { cwd: dir });
    if (result.code !== 0) throw new Error(`report failed (${result.code}): ${result.stderr}`);
    stdout = result.stdout;
    const files = readdirSync(join(dir, "reports"));
    const json = files.find((f) => f.endsWith(".json"));
    model = JSON.parse(readFileSync(join(dir, "reports", json!), "utf8")) as ReportModel;
  });

  it("writes exactly the pdf, html and json reports named after the framework and run", () => {
    const files = readdirSync(join(dir, "reports")).sort();
    expect(files).toEqual(["pdf", "html", "json"].map((ext) => `hipaa-${model.run.id}.${ext}`).sort());
    expect(readFileSync(join(dir, "reports", `hipaa-${model.run.id}.pdf`)).subarray(0, 5).toString()).toBe("%PDF-");
    expect(readFileSync(join(dir, "reports", `hipaa-${model.run.id}.html`), "utf8")).toMatch(/^<!DOCTYPE html>/i);
    expect(existsSync(join(dir, "data", "sageaudit.db"))).toBe(true);
  });

  it("prints a short summary with controls by status, score and the files", () => {
    expect(stdout).toContain(`run ${model.run.id}`);
    expect(stdout).toMatch(/Controls\s+PASS \d+\s+FAIL \d+/);
    expect(stdout).toMatch(/Score\s+\d+(\.\d)?%/);
    expect(stdout).toContain(`hipaa-${model.run.id}.pdf`);
  });

  it("follows the report.json contract", () => {
    expect(model.schemaVersion).toBe(1);
    expect(model.tool.name).toBe("sageaudit");
    expect(model.framework.id).toBe("hipaa");
    expect(model.framework.mappingSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(model.run.source).toBe("demo");
    expect(model.run.accounts).toEqual(["111122223333", "444455556666"]);
    expect(model.run.regions).toEqual(["eu-west-1", "us-east-1"]);
    expect(model.run.evidenceCount).toBe(demoEvidence.size);
    expect(model.run.merkleRoot).toMatch(/^[0-9a-f]{64}$/);
    const total = Object.values(model.summary.controls).reduce((a, b) => a + b, 0);
    expect(total).toBe(model.controls.length);
    expect(model.controls.some((c) => c.status === "FAIL")).toBe(true);
  });

  it("reports failing and passing notebooks with real reasons and evidence ids + SHA-256 from the estate", () => {
    const findings = findingsOf(model, "sagemaker.notebook.direct-internet-disabled");
    const failing = findings.filter((f) => f.status === "FAIL");
    const passing = findings.filter((f) => f.status === "PASS");
    expect(failing.length).toBeGreaterThan(0);
    expect(passing.length).toBeGreaterThan(0);
    for (const f of failing) expect(f.reason).toBe("DirectInternetAccess is Enabled");
    for (const f of [...failing, ...passing]) {
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(demoEvidence.get(e.id)?.sha256).toBe(e.sha256);
      const describe = f.evidence.map((e) => demoEvidence.get(e.id)!).find((r) => r.operation === "DescribeNotebookInstance");
      expect(describe?.response?.NotebookInstanceArn).toBe(f.resourceArn);
    }
  });

  it("reports trails failing on validation and encryption, and the account without multi-region logging", () => {
    const validation = findingsOf(model, "cloudtrail.log-file-validation");
    expect(validation.filter((f) => f.status === "FAIL").map((f) => f.reason)).toContain("LogFileValidationEnabled is false");
    expect(validation.some((f) => f.status === "PASS")).toBe(true);
    const multi = findingsOf(model, "cloudtrail.multi-region-logging");
    expect(Object.fromEntries(multi.map((f) => [f.account, f.status]))).toEqual({ "111122223333": "PASS", "444455556666": "FAIL" });
  });

  it("lists the estate's evidence gap on the run", () => {
    expect(model.run.status).toBe("completed_with_gaps");
    expect(model.run.gaps.map((g) => `${g.operation} ${g.account}`)).toContain("ListModelPackageGroups 444455556666");
  });

  it("renders the stored run again with --run latest, without collecting", () => {
    const again = runCli(["report", "--framework", "hipaa", "--run", "latest", "--format", "json", "--out", "again"], { cwd: dir });
    expect(again.code).toBe(0);
    const rerendered = JSON.parse(readFileSync(join(dir, "again", `hipaa-${model.run.id}.json`), "utf8")) as ReportModel;
    expect(rerendered.controls).toEqual(model.controls);
    expect(rerendered.summary).toEqual(model.summary);
  });
});

describe("sageaudit report, other frameworks and gates", () => {
  it("renders GDPR too", () => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "gdpr", "--source", "demo", "--format", "json,csv"], { cwd: dir });
    expect(result.code).toBe(0);
    const files = readdirSync(join(dir, "reports"));
    expect(files.filter((f) => f.startsWith("gdpr-")).map((f) => f.split(".").pop()).sort()).toEqual(["csv", "json"]);
  });

  it("exits 3 with --fail-on-noncompliant when a control fails, after writing the reports", () => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--format", "json", "--fail-on-noncompliant"], { cwd: dir });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/control\(s\) FAIL/);
    expect(readdirSync(join(dir, "reports"))).toHaveLength(1);
  });
});

describe("sageaudit report, bad input", () => {
  const expectNothingWritten = (dir: string): void => {
    expect(existsSync(join(dir, "reports"))).toBe(false);
    expect(existsSync(join(dir, "data"))).toBe(false);
  };

  it("rejects an unknown framework with exit 2, listing the known ones", () => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "sox", "--source", "demo"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown framework "sox"; known frameworks: gdpr, hipaa');
    expectNothingWritten(dir);
  });

  it("rejects a missing snapshot directory with exit 2", () => {
    const dir = tempDir();
    const result = runCli(["report", "--framework", "hipaa", "--source", "snapshot:./nope"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("snapshot directory ./nope does not exist");
    expectNothingWritten(dir);
  });

  it("rejects a malformed mapping with exit 2 and file:line:col", () => {
    const dir = tempDir();
    mkdirSync(join(dir, "maps"));
    writeFileSync(join(dir, "maps", "hipaa.yaml"), 'framework: hipaa\ntitle: H\nversion: "1"\ncontrols:\n  - id: A\n    title: T\n    checks: [no.such-check]\n');
    const result = runCli(["report", "--framework", "hipaa", "--source", "demo", "--mappings", "maps"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, "maps", "hipaa.yaml")}:7:14: unknown check id "no.such-check"`);
    expectNothingWritten(dir);
  });

  it("rejects an unknown option with exit 2", () => {
    const result = runCli(["report", "--framework", "hipaa", "--frobnicate"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown option '--frobnicate'");
  });
});
