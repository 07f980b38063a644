import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/evidence/canonical.js";
import { findingsDigest } from "../../src/store/digest.js";
import type { FindingRow } from "../../src/store/digest.js";

/** The digest's defined form, as stores sealed before the sliced hashing were sealed. */
const oneString = (rows: readonly FindingRow[]): string => {
  const key = (r: FindingRow): string => `${r.checkId}\u0000${r.resourceArn}`;
  const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sha256Hex(canonicalJson(sorted.map((r) => [r.checkId, r.resourceArn, r.status, r.body])));
};

const row = (i: number): FindingRow => ({
  checkId: `check.${i % 7}`,
  resourceArn: `arn:aws:sagemaker:us-east-1:111122223333:training-job/j-${i}`,
  status: i % 3 === 0 ? "FAIL" : "PASS",
  body: JSON.stringify({ reason: `"quoted" \u2028 ✓ </script> ${i}`, n: i }),
});

describe("findingsDigest", () => {
  it("hashes the same bytes as the one-string canonical form, for any number of rows around the slice size", () => {
    for (const n of [0, 1, 511, 512, 513, 1500]) {
      const rows = Array.from({ length: n }, (_, i) => row(n - i));
      expect(findingsDigest(rows)).toBe(oneString(rows));
    }
  });

  it("orders rows as the NUL-joined keys did, where a check id is a prefix of another and ARNs differ in case", () => {
    const rows: FindingRow[] = [];
    for (const checkId of ["s3.bucket", "s3.bucket-tls", "s3.bucket.x", "S3.bucket", "s3.buckeu"]) {
      for (const arn of ["arn:aws:s3:::b", "arn:aws:s3:::B", "arn:aws:s3:::b-1", "arn:aws:s3:::b", "arn:aws:s3:::a\u00e9", "arn:aws:s3:::ab"]) {
        rows.push({ checkId, resourceArn: arn, status: "PASS", body: JSON.stringify({ checkId, arn }) });
      }
    }
    rows.reverse();
    expect(findingsDigest(rows)).toBe(oneString(rows));
  });

  it("changes when any row changes and not when the rows are reordered", () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    const digest = findingsDigest(rows);
    expect(findingsDigest([...rows].reverse())).toBe(digest);
    expect(findingsDigest(rows.map((r, i) => (i === 550 ? { ...r, status: "PASS" === r.status ? "FAIL" : "PASS" } : r)))).not.toBe(digest);
  });
});
