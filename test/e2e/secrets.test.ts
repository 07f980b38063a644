import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord, EvidenceSource } from "../../src/evidence/types.js";
import type { ReportModel } from "../../src/report/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { hasBinary, requireInCi } from "../helpers/requires.js";

// Seeded secrets, built from parts so no literal in the repository looks like a live credential.
const SECRETS = {
  wandb: "c0ffee00" + "0123456789abcdef0123456789abcdef",
  tagToken: "tagtok-" + "5e6f7a8b9c0d1e2f",
  dbPass: "Db-Pa55-" + "seeded-0042",
  registryToken: "regtok" + "a1b2c3d4e5f6",
  signature: "sig" + "0a1b2c3d4e5f60718293",
  github: "ghp_" + "S".repeat(20) + "4".repeat(16),
  trailPassword: "Trail-Pa55-" + "seeded-7",
};
const ACCOUNT = "111122223333";
const REGION = "us-east-1";
const AT = "2026-11-27T10:00:00.000Z";
const smArn = (kind: string, name: string): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:${kind}/${name}`;
const seal = (source: EvidenceSource, operation: string, params: Record<string, unknown>, response: Record<string, unknown>): EvidenceRecord =>
  sealEvidence({ source, operation, account: ACCOUNT, region: REGION, params, collectedAt: AT, response });
const b64 = (text: string): string => Buffer.from(text, "utf8").toString("base64");

/**
 * A snapshot written by another tool (or by hand): sealed, hashes valid, and NOT redacted. The
 * snapshot source must redact it before anything is stored, rendered or logged.
 */
function unredactedSnapshot(dir: string): void {
  const job = "claims-sweep-2026-11-26-10-12-00";
  const records = [
    seal("sts", "GetCallerIdentity", {}, { Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/auditor/s`, UserId: "AROAEXAMPLE:s" }),
    seal("sagemaker", "ListTrainingJobs", { MaxResults: 100 }, { TrainingJobSummaries: [{ TrainingJobName: job, TrainingJobArn: smArn("training-job", job), TrainingJobStatus: "Completed", CreationTime: AT }] }),
    seal("sagemaker", "DescribeTrainingJob", { TrainingJobName: job }, {
      TrainingJobName: job,
      TrainingJobArn: smArn("training-job", job),
      TrainingJobStatus: "Completed",
      HyperParameters: { learning_rate: "0.1", wandb_api_key: SECRETS.wandb },
      AlgorithmSpecification: {
        TrainingImage: `registry.example.com/ml/sweep:0.3?token=${SECRETS.registryToken}`,
        TrainingInputMode: "File",
        ContainerArguments: ["--github-token", SECRETS.github],
      },
      OutputDataConfig: { S3OutputPath: `s3://claims-models/out/?X-Amz-Signature=${SECRETS.signature}` },
      ResourceConfig: { InstanceType: "ml.m5.xlarge", InstanceCount: 1, VolumeSizeInGB: 30 },
      RoleArn: `arn:aws:iam::${ACCOUNT}:role/ml`,
      CreationTime: AT,
    }),
    seal("sagemaker", "ListTags", { ResourceArn: smArn("training-job", job), MaxResults: 100 }, { Tags: [{ Key: "team", Value: "claims" }, { Key: "deploy-token", Value: SECRETS.tagToken }] }),
    seal("sagemaker", "ListModels", { MaxResults: 100 }, { Models: [{ ModelName: "scorer", ModelArn: smArn("model", "scorer"), CreationTime: AT }] }),
    seal("sagemaker", "DescribeModel", { ModelName: "scorer" }, {
      ModelName: "scorer",
      ModelArn: smArn("model", "scorer"),
      PrimaryContainer: { Image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/scorer:1`, Environment: { DB_PASS: SECRETS.dbPass, MODEL_NAME: "scorer" } },
      ExecutionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ml`,
      EnableNetworkIsolation: true,
      CreationTime: AT,
    }),
    seal("sagemaker", "DescribeNotebookInstanceLifecycleConfig", { NotebookInstanceLifecycleConfigName: "setup" }, {
      NotebookInstanceLifecycleConfigName: "setup",
      OnStart: [{ Content: b64(`#!/bin/bash\nexport GITHUB_TOKEN=${SECRETS.github}\n`) }],
    }),
    seal("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T10:00:00.000Z", EndTime: AT, MaxResults: 50 }, {
      Events: [{
        EventId: "0f1e2d3c-aaaa-bbbb-cccc-000000000001",
        EventName: "CreateTrainingJob",
        EventTime: "2026-11-26T10:12:00.000Z",
        EventSource: "sagemaker.amazonaws.com",
        Username: "alice",
        Resources: [{ ResourceType: "AWS::SageMaker::TrainingJob", ResourceName: job }],
        CloudTrailEvent: JSON.stringify({
          eventName: "CreateTrainingJob",
          userIdentity: { arn: `arn:aws:sts::${ACCOUNT}:assumed-role/ml/alice` },
          sourceIPAddress: "10.0.0.1",
          awsRegion: REGION,
          recipientAccountId: ACCOUNT,
          requestParameters: { trainingJobName: job, hyperParameters: { wandb_api_key: SECRETS.wandb }, environment: { DB_PASSWORD: SECRETS.trailPassword } },
        }),
      }],
    }),
  ];
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "evidence.jsonl"), `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe("secrets never reach the store, a report or a log", () => {
  let work: string;
  let result: ReturnType<typeof runCli>;
  beforeAll(() => {
    work = tempDir();
    const snapshot = join(tempDir(), "snapshot");
    unredactedSnapshot(snapshot);
    // The snapshot itself does hold them: the test would prove nothing otherwise.
    const raw = readFileSync(join(snapshot, "evidence.jsonl"), "utf8");
    const missing = Object.values(SECRETS).filter((secret) => !raw.includes(secret));
    if (missing.length > 0) throw new Error(`the seeded snapshot lacks ${missing.length} secret(s)`);
    result = runCli(["report", "--framework", "hipaa", "--source", `snapshot:${snapshot}`, "--format", "pdf,html,json,csv", "--db", join(work, "audit.db"), "--out", join(work, "reports"), "--verbose"], { cwd: work });
  });

  it("runs", () => {
    if (result.code !== 0) throw new Error(`report failed (${result.code}): ${result.stderr}`);
    expect(result.code).toBe(0);
  });

  it("no seeded secret in the database file, any report, stdout or the logs", () => {
    const written = filesUnder(work);
    expect(written.some((f) => f.endsWith(".db"))).toBe(true);
    expect(written.filter((f) => f.includes("reports")).map((f) => f.split(".").pop()).sort()).toEqual(["csv", "html", "json", "pdf"]);
    const texts = [result.stdout, result.stderr, ...written.map((f) => readFileSync(f).toString("latin1"))];
    for (const [name, secret] of Object.entries(SECRETS)) {
      expect(texts.filter((text) => text.includes(secret)).length, `${name} leaked`).toBe(0);
    }
  });

  it.skipIf(requireInCi(hasBinary("pdftotext"), "pdftotext (poppler-utils)"))("no seeded secret in the PDF's text either", () => {
    const pdf = filesUnder(join(work, "reports")).find((f) => f.endsWith(".pdf")) as string;
    const text = spawnSync("pdftotext", [pdf, "-"], { encoding: "utf8" }).stdout;
    expect(text.length).toBeGreaterThan(100);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });

  it("reports each secret by resource, field and kind", () => {
    const json = filesUnder(join(work, "reports")).find((f) => f.endsWith(".json")) as string;
    const model = JSON.parse(readFileSync(json, "utf8")) as ReportModel;
    const findings = model.controls.flatMap((c) => c.findings).filter((f) => f.checkId.endsWith("no-plaintext-secrets"));
    const job = findings.find((f) => f.checkId === "sagemaker.resource.no-plaintext-secrets" && f.resourceArn.includes("training-job"));
    expect(job?.status).toBe("FAIL");
    expect(job?.reason).toBe(
      "plaintext secrets in AlgorithmSpecification.ContainerArguments[1] (github-token), AlgorithmSpecification.TrainingImage (url-token), HyperParameters.wandb_api_key (api-key), OutputDataConfig.S3OutputPath (presigned-url), tag deploy-token (token)",
    );
    const model_ = findings.find((f) => f.checkId === "sagemaker.model.no-plaintext-secrets");
    expect([model_?.status, model_?.reason]).toEqual(["FAIL", "plaintext secret in container environment: container 0: DB_PASS (password)"]);
  });
});

describe("a redaction key added to the configuration later", () => {
  it("re-redacts the evidence already stored, and the store still verifies", () => {
    const work = tempDir();
    const snapshot = join(tempDir(), "snapshot");
    unredactedSnapshot(snapshot);
    // A value no built-in rule masks; the operator decides later that it is sensitive.
    const note = "internal-note-" + "5f4e3d2c";
    const lines = readFileSync(join(snapshot, "evidence.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as EvidenceRecord);
    const patched = lines.map((r) =>
      r.operation === "DescribeModel" ? sealEvidence({ ...r, response: { ...r.response, InternalNote: note } }) : r,
    );
    writeFileSync(join(snapshot, "evidence.jsonl"), `${patched.map((r) => JSON.stringify(r)).join("\n")}\n`);
    const db = join(work, "audit.db");
    const args = ["collect", "--source", `snapshot:${snapshot}`, "--db", db];
    const first = runCli(args, { cwd: work });
    if (first.code !== 0) throw new Error(first.stderr);
    expect(readFileSync(db).toString("latin1")).toContain(note);

    writeFileSync(join(work, "sageaudit.config.yaml"), "redaction:\n  valueKeys: [InternalNote]\n");
    const second = runCli([...args, "--config", join(work, "sageaudit.config.yaml")], { cwd: work });
    if (second.code !== 0) throw new Error(second.stderr);
    const files = filesUnder(work).filter((f) => f.includes("audit.db"));
    expect(files.filter((f) => readFileSync(f).toString("latin1").includes(note))).toEqual([]);

    const verify = runCli(["verify", "--db", db], { cwd: work });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/evidence re-redacted 1 time/);
  });
});
