import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, REGION, configItem, described, findingsOf, only, record } from "./estate.js";

// Issue 8 point 5 and kms.sagemaker-key.customer-managed: AWS managed keys (KeyManager AWS, alias/aws/*)
// satisfy no check that exists to require a customer managed key, and every way of naming one key
// lands on one finding. Key shapes follow DescribeKey's KeyMetadata
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html) and AWS Config's
// AWS::KMS::Key item; aliases come from ListAliases
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html).

const CUSTOMER_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const AWS_ID = "9f8e7d6c-1111-2222-3333-444455556666";
const MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";
const arn = (id: string): string => `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;

const describeKey = (id: string, manager: "CUSTOMER" | "AWS", extra: Record<string, unknown> = {}): EvidenceRecord =>
  record("kms", "DescribeKey", { KeyId: id }, {
    KeyMetadata: { AWSAccountId: ACCOUNT, KeyId: id, Arn: arn(id), KeyManager: manager, KeyState: "Enabled", Origin: "AWS_KMS", KeySpec: "SYMMETRIC_DEFAULT", Enabled: true, MultiRegion: id.startsWith("mrk-"), ...extra },
  });
const rotation = (id: string, enabled: boolean): EvidenceRecord => record("kms", "GetKeyRotationStatus", { KeyId: id }, { KeyRotationEnabled: enabled, KeyId: arn(id) });
const aliases = record("kms", "ListAliases", { Limit: 100 }, {
  Aliases: [
    { AliasName: "alias/ml-data", AliasArn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ml-data`, TargetKeyId: CUSTOMER_ID },
    { AliasName: "alias/aws/s3", AliasArn: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3`, TargetKeyId: AWS_ID },
  ],
  Truncated: false,
});
const keys = [aliases, describeKey(CUSTOMER_ID, "CUSTOMER"), rotation(CUSTOMER_ID, true), describeKey(AWS_ID, "AWS")];
const notebook = (name: string, kmsKeyId: string | undefined): EvidenceRecord[] =>
  described("AWS::SageMaker::NotebookInstance", name, { NotebookInstanceStatus: "InService", ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}) });
const trail = (kmsKeyId: string | undefined): EvidenceRecord =>
  record("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, {
    trailList: [{ Name: "org", TrailARN: `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org`, HomeRegion: REGION, S3BucketName: "logs", ...(kmsKeyId ? { KmsKeyId: kmsKeyId } : {}) }],
  });

interface Case {
  label: string;
  records: EvidenceRecord[];
  status: string;
  reason: RegExp;
}

/** The whole reason, exactly. */
const exactly = (text: string): RegExp => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`);

const table: Record<string, Case[]> = {
  "sagemaker.notebook.kms-encrypted": [
    { label: "customer managed key by ARN", records: [...keys, ...notebook("nb", arn(CUSTOMER_ID))], status: "PASS", reason: exactly(`KmsKeyId is ${arn(CUSTOMER_ID)} (customer managed key ${arn(CUSTOMER_ID)})`) },
    // Issue 8 point 4, KeyMetadata.KeyState: a key that cannot be used protects nothing, wherever a key is accepted.
    { label: "customer managed key pending deletion", records: [aliases, describeKey(CUSTOMER_ID, "CUSTOMER", { KeyState: "PendingDeletion", Enabled: false }), rotation(CUSTOMER_ID, true), ...notebook("nb", arn(CUSTOMER_ID))], status: "FAIL", reason: /is PendingDeletion, so the data it protects cannot be read or written/ },
    { label: "customer managed key disabled", records: [aliases, describeKey(CUSTOMER_ID, "CUSTOMER", { KeyState: "Disabled", Enabled: false }), rotation(CUSTOMER_ID, true), ...notebook("nb", "alias/ml-data")], status: "FAIL", reason: /is Disabled/ },
    { label: "customer managed key by alias", records: [...keys, ...notebook("nb", "alias/ml-data")], status: "PASS", reason: exactly(`KmsKeyId is alias/ml-data (customer managed key ${arn(CUSTOMER_ID)})`) },
    { label: "AWS managed key by its ARN", records: [...keys, ...notebook("nb", arn(AWS_ID))], status: "FAIL", reason: exactly(`KmsKeyId is ${arn(AWS_ID)}: key ${arn(AWS_ID)} has KeyManager AWS, an AWS managed key, not a customer managed key`) },
    { label: "AWS managed key by alias ARN", records: [...keys, ...notebook("nb", `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/s3`)], status: "FAIL", reason: /has KeyManager AWS/ },
    { label: "alias/aws/sagemaker, no lookup needed", records: notebook("nb", "alias/aws/sagemaker"), status: "FAIL", reason: exactly("KmsKeyId is alias/aws/sagemaker: an AWS managed key (alias/aws/sagemaker), not a customer managed key") },
    { label: "set, key not collected", records: notebook("nb", arn(CUSTOMER_ID)), status: "PASS", reason: /whether that key is customer managed is judged by kms\.sagemaker-key\.customer-managed/ },
    { label: "not set", records: notebook("nb", undefined), status: "FAIL", reason: /KmsKeyId is not set/ },
  ],
  "cloudtrail.kms-encrypted": [
    { label: "customer managed key", records: [...keys, trail(arn(CUSTOMER_ID))], status: "PASS", reason: /customer managed key/ },
    { label: "AWS managed key", records: [...keys, trail(arn(AWS_ID))], status: "FAIL", reason: /has KeyManager AWS/ },
    { label: "customer managed key pending deletion", records: [aliases, describeKey(CUSTOMER_ID, "CUSTOMER", { KeyState: "PendingDeletion", Enabled: false }), trail(arn(CUSTOMER_ID))], status: "FAIL", reason: /is PendingDeletion/ },
    { label: "no key", records: [trail(undefined)], status: "FAIL", reason: /KmsKeyId is not set/ },
  ],
  "kms.sagemaker-key.customer-managed": [
    { label: "CUSTOMER", records: [...keys, ...notebook("nb", "alias/ml-data")], status: "PASS", reason: exactly(`alias/ml-data (${CUSTOMER_ID}) has KeyManager CUSTOMER`) },
    { label: "AWS", records: [...keys, ...notebook("nb", arn(AWS_ID))], status: "FAIL", reason: exactly(`alias/aws/s3 (${AWS_ID}) has KeyManager AWS: an AWS managed key, whose key policy cannot restrict or revoke access`) },
    { label: "trail key", records: [...keys, trail(arn(CUSTOMER_ID))], status: "PASS", reason: /has KeyManager CUSTOMER/ },
    { label: "multi-Region key by mrk- id", records: [describeKey(MRK_ID, "CUSTOMER"), ...notebook("nb", MRK_ID)], status: "PASS", reason: exactly(`${MRK_ID} has KeyManager CUSTOMER`) },
    { label: "unresolved alias", records: notebook("nb", "alias/unknown"), status: "ERROR", reason: /alias\/unknown is an alias; the key behind it is not in the collected evidence/ },
    {
      label: "Config item without KeyManager",
      records: [configItem("AWS::KMS::Key", arn(CUSTOMER_ID), CUSTOMER_ID, { keyId: CUSTOMER_ID, arn: arn(CUSTOMER_ID) }, { resourceId: CUSTOMER_ID }), ...notebook("nb", arn(CUSTOMER_ID))],
      status: "ERROR",
      reason: /does not record its KeyManager/,
    },
  ],
  "kms.sagemaker-key.rotation-enabled": [
    { label: "customer key rotating", records: [...keys, ...notebook("nb", "alias/ml-data")], status: "PASS", reason: /rotation is enabled/ },
    { label: "disabled key", records: [describeKey(CUSTOMER_ID, "CUSTOMER", { KeyState: "Disabled", Enabled: false }), rotation(CUSTOMER_ID, true), ...notebook("nb", CUSTOMER_ID)], status: "FAIL", reason: /keyState is Disabled/ },
    { label: "asymmetric key", records: [describeKey(CUSTOMER_ID, "CUSTOMER", { KeySpec: "RSA_2048" }), ...notebook("nb", CUSTOMER_ID)], status: "NOT_APPLICABLE", reason: /keySpec is RSA_2048/ },
  ],
};

describe.each(Object.entries(table))("%s", (checkId, cases) => {
  it.each(cases)("$label → $status", ({ records, status, reason }) => {
    const f = only(checkId, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

describe("one key, one finding", () => {
  it("a key named by alias, alias ARN, key id and key ARN across resources is judged once, citing every referrer", () => {
    const records = [
      ...keys,
      ...notebook("a", "alias/ml-data"),
      ...notebook("b", `arn:aws:kms:${REGION}:${ACCOUNT}:alias/ml-data`),
      ...notebook("c", CUSTOMER_ID),
      ...notebook("d", arn(CUSTOMER_ID)),
      trail(arn(CUSTOMER_ID)),
    ];
    const findings = findingsOf("kms.sagemaker-key.customer-managed", records);
    expect(findings.map((f) => [f.resourceArn, f.status])).toEqual([[arn(CUSTOMER_ID), "PASS"]]);
    const describedNotebooks = records.filter((r) => r.operation === "DescribeNotebookInstance").map((r) => r.id);
    expect(describedNotebooks.every((id) => findings[0]?.evidenceIds.includes(id))).toBe(true);
  });
});
