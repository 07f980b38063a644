import { describe, expect, test } from "vitest";
import { referencedBuckets, referencedKeys, referencedRoles, referencedSecurityGroups } from "../../../src/checks/references.js";
import { addReferences, emptyReferences } from "../../../src/collect/aws/references.js";
import type { References } from "../../../src/collect/aws/references.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { ACCOUNT, notebookRecords } from "../../helpers/evidence.js";

// What the checks judge must be what the collector fetched: a reference the checks resolve but the
// collector never asked for is an ERROR finding no collection can fix, and a reference collected
// but never judged is a wasted call. Both sides read one extractor; this pins that they agree.

const MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";

const cases: { kind: string; field: string; value: string; referenced: boolean; collected: (r: References) => boolean; judged: typeof referencedKeys }[] = [
  ...[
    [KEY_ID, true],
    [MRK_ID, true],
    [`arn:aws:kms:us-east-1:${ACCOUNT}:key/${MRK_ID}`, true],
    ["alias/ml-data", true],
    [`arn:aws:kms:us-east-1:${ACCOUNT}:alias/ml-data`, true],
    ["mrk-1234abcd-12ab-34cd-56ef-1234567890ab", false],
    ["1234abcd12ab34cd56ef1234567890ab", false],
    ["deadbeef", false],
  ].map(([value, referenced]) => ({
    kind: "KMS key",
    field: "KmsKeyId",
    value: value as string,
    referenced: referenced as boolean,
    collected: (r: References) => r.kmsKeyRefs.has(value as string),
    judged: referencedKeys,
  })),
  ...[
    ["sg-0123456789abcdef0", true],
    ["sg-0a1b2c3d", true],
    ["sg-3", false],
  ].map(([value, referenced]) => ({
    kind: "security group",
    field: "SecurityGroups",
    value: value as string,
    referenced: referenced as boolean,
    collected: (r: References) => r.securityGroups.has(value as string),
    judged: referencedSecurityGroups,
  })),
  ...[
    ["s3://ml-data/prefix/", true],
    ["s3://ML_Data/prefix/", false],
  ].map(([value, referenced]) => ({
    kind: "bucket",
    field: "S3OutputPath",
    value: value as string,
    referenced: referenced as boolean,
    collected: (r: References) => r.buckets.size > 0,
    judged: referencedBuckets,
  })),
  {
    kind: "role",
    field: "RoleArn",
    value: `arn:aws:iam::${ACCOUNT}:role/service-role/ml-exec`,
    referenced: true,
    collected: (r: References) => r.roles.has("ml-exec"),
    judged: referencedRoles,
  },
];

describe("the collector collects exactly what the checks resolve", () => {
  test.each(cases.map((c) => [`${c.kind} ${c.value}`, c] as const))("%s", (_label, c) => {
    const fields = { [c.field]: c.field === "SecurityGroups" ? [c.value] : c.value };
    const refs = emptyReferences();
    addReferences(refs, { NotebookInstanceName: "nb", ...fields });
    const judged = c.judged(buildInventory(notebookRecords("nb", fields)));
    expect({ collected: c.collected(refs), judged: judged.length > 0 }).toEqual({ collected: c.referenced, judged: c.referenced });
  });
});
