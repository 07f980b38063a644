import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN, SG, SUBNET, configItem, described, findingsOf, gapRecord, only, record } from "./estate.js";

// Evidence status before content (issue: "verdicts that hold under AWS's own semantics"): an item
// that does not describe the live resource, or a referrer we could not read, is a gap, never a verdict.

const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const notebook = described("AWS::SageMaker::NotebookInstance", "nb", {
  NotebookInstanceStatus: "InService",
  SubnetId: SUBNET,
  SecurityGroups: [SG],
  RoleArn: ROLE_ARN,
  KmsKeyId: KEY_ARN,
  DirectInternetAccess: "Disabled",
  RootAccess: "Disabled",
});
const keyItem = (item: Record<string, unknown> = {}): EvidenceRecord =>
  configItem(
    "AWS::KMS::Key",
    KEY_ARN,
    KEY_ID,
    { keyId: KEY_ID, arn: KEY_ARN, keyManager: "CUSTOMER", keyState: "Enabled", origin: "AWS_KMS", keySpec: "SYMMETRIC_DEFAULT", keyRotationEnabled: true },
    { resourceId: KEY_ID, item: { configurationItemStatus: "OK", configurationItemCaptureTime: "2026-11-01T12:00:00.000Z", ...item } },
  );
const recorderStatus = (status: Record<string, unknown>): EvidenceRecord[] => [
  record("config", "DescribeConfigurationRecorders", {}, { ConfigurationRecorders: [{ name: "default", recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] }),
  record("config", "DescribeConfigurationRecorderStatus", {}, { ConfigurationRecordersStatus: [{ name: "default", lastStatus: "SUCCESS", lastStartTime: "2026-01-10T00:00:00.000Z", ...status }] }),
];
const ROTATION = "kms.sagemaker-key.rotation-enabled";

describe("AWS Config item status (https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html)", () => {
  it.each([
    ["OK", "PASS", /rotation is enabled/],
    ["ResourceDiscovered", "PASS", /rotation is enabled/],
    ["ResourceNotRecorded", "ERROR", /configurationItemStatus is ResourceNotRecorded/],
    ["ResourceDeleted", "ERROR", /configurationItemStatus is ResourceDeleted/],
    ["ResourceDeletedNotRecorded", "ERROR", /configurationItemStatus is ResourceDeletedNotRecorded/],
  ])("configurationItemStatus %s → %s", (status, verdict, reason) => {
    const f = only(ROTATION, [...notebook, keyItem({ configurationItemStatus: status })]);
    expect([f.status, f.reason]).toEqual([verdict, expect.stringMatching(reason)]);
  });
});

describe("Config items older than the recorder's last stop (API_ConfigurationRecorderStatus.html)", () => {
  it.each([
    ["recording without a stop since capture", { recording: true }, "PASS", /rotation is enabled/],
    ["recorder stopped after the capture", { recording: false, lastStopTime: "2026-11-10T00:00:00.000Z" }, "ERROR", /captured at 2026-11-01T12:00:00.000Z but the recorder stopped at 2026-11-10T00:00:00.000Z/],
    ["restarted after a stop that followed the capture", { recording: true, lastStopTime: "2026-11-10T00:00:00.000Z", lastStartTime: "2026-11-12T00:00:00.000Z" }, "ERROR", /recorder stopped at 2026-11-10/],
    ["stopped before the capture, recording since", { recording: true, lastStopTime: "2026-10-01T00:00:00.000Z", lastStartTime: "2026-10-02T00:00:00.000Z" }, "PASS", /rotation is enabled/],
  ])("%s → %s", (_label, status, verdict, reason) => {
    const f = only(ROTATION, [...notebook, keyItem(), ...recorderStatus(status)]);
    expect([f.status, f.reason]).toEqual([verdict, expect.stringMatching(reason)]);
  });
});

describe("supporting checks when the referrers are hidden", () => {
  const SUPPORTING = [ROTATION, "iam.sagemaker-role.least-privilege", "s3.sagemaker-bucket.encrypted", "ec2.sagemaker-security-group.no-open-ingress"];

  it.each(SUPPORTING)("%s is ERROR for the region whose notebook listing failed", (checkId) => {
    const records = [...notebook, keyItem(), gapRecord("sagemaker", "ListNotebookInstances", {}, "AccessDeniedException", { region: "eu-west-1" })];
    const hidden = findingsOf(checkId, records).filter((f) => f.region === "eu-west-1");
    expect(hidden).toHaveLength(1);
    expect(hidden[0]?.status).toBe("ERROR");
    expect(hidden[0]?.reason).toMatch(/sagemaker:ListNotebookInstances failed in 111122223333\/eu-west-1, so any AWS::\S+ resources the unread SageMaker resources use are unknown/);
  });

  it("is ERROR for the region where a notebook could not be described", () => {
    const denied = [
      record("sagemaker", "ListNotebookInstances", {}, { NotebookInstances: [{ NotebookInstanceName: "secret-nb", NotebookInstanceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/secret-nb` }] }),
      gapRecord("sagemaker", "DescribeNotebookInstance", { NotebookInstanceName: "secret-nb" }),
    ];
    const findings = findingsOf(ROTATION, [...notebook, keyItem(), ...denied]);
    expect(findings.map((f) => [f.status, f.resourceName])).toEqual(expect.arrayContaining([["PASS", KEY_ID], ["ERROR", `${ACCOUNT}/${REGION}`]]));
    expect(findings.find((f) => f.status === "ERROR")?.reason).toMatch(/DescribeNotebookInstance of secret-nb/);
  });
});

describe("S3 default encryption (https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html)", () => {
  const model = described("AWS::SageMaker::Model", "risk", { PrimaryContainer: { Image: "x", ModelDataUrl: "s3://ml-artifacts/risk/model.tar.gz" }, ExecutionRoleArn: ROLE_ARN });
  const bucket = (supplementary: Record<string, unknown>): EvidenceRecord =>
    configItem("AWS::S3::Bucket", "arn:aws:s3:::ml-artifacts", "ml-artifacts", { name: "ml-artifacts" }, { supplementary });
  it.each([
    ["SSE-KMS", { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyID: KEY_ARN } }] } }, "PASS", /aws:kms with/],
    ["SSE-S3 (the baseline every bucket has)", { ServerSideEncryptionConfiguration: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] } }, "FAIL", /default encryption is AES256 \(SSE-S3/],
    ["not recorded in the item", {}, "ERROR", /was not recorded/],
  ])("%s → %s", (_label, supplementary, verdict, reason) => {
    const f = only("s3.sagemaker-bucket.encrypted", [...model, bucket(supplementary)]);
    expect([f.status, f.reason]).toEqual([verdict, expect.stringMatching(reason)]);
  });
});
