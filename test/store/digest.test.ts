import { describe, expect, it } from "vitest";
import { canonicalJson, sha256Hex } from "../../src/evidence/canonical.js";
import { findingsDigest, findingsDigestMatches, FindingsDigest, inFindingOrder } from "../../src/store/digest.js";
import type { FindingRow } from "../../src/store/digest.js";

/** The v1 digest's defined form, as stores sealed before the sliced hashing were sealed. */
const oneString = (rows: readonly FindingRow[]): string => {
  const key = (r: FindingRow): string => `${r.checkId}\u0000${r.resourceArn}`;
  const sorted = [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return sha256Hex(canonicalJson(sorted.map((r) => [r.checkId, r.resourceArn, r.status, r.body])));
};

/** The v2 digest's defined form: the same rows with each body replaced by its sha256 in hex. */
const oneStringV2 = (rows: readonly FindingRow[]): string => `v2:${oneString(rows.map((r) => ({ ...r, body: sha256Hex(r.body) })))}`;

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
      expect(findingsDigest(rows)).toBe(oneStringV2(rows));
      expect(findingsDigest(rows, 1)).toBe(oneString(rows));
    }
  });

  it("takes the body's sha256 from the writer, which must be the body's own", () => {
    const rows = inFindingOrder(Array.from({ length: 600 }, (_, i) => row(i)));
    const fed = new FindingsDigest();
    for (const r of rows) fed.add(r, Buffer.from(sha256Hex(r.body), "hex"));
    expect(fed.digest()).toBe(findingsDigest(rows));
    const wrong = new FindingsDigest();
    for (const r of rows) wrong.add(r, Buffer.from(sha256Hex(`${r.body} `), "hex"));
    expect(wrong.digest()).not.toBe(findingsDigest(rows));
  });

  it("gives the same digest fed rows whose key members are serialised already", () => {
    const rows = inFindingOrder([...Array.from({ length: 1100 }, (_, i) => row(i)), { ...row(5), resourceArn: 'arn:"odd"\\\u2028✓' }]);
    const keyed = new FindingsDigest();
    for (const r of rows) keyed.addKeyed(`${JSON.stringify(r.checkId)},${JSON.stringify(r.resourceArn)}`, r.status, Buffer.from(sha256Hex(r.body), "hex"));
    expect(keyed.digest()).toBe(oneStringV2(rows));
  });

  it("verifies a v2 seal and a v1 seal of older stores and packages against the rows, and nothing else", () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i));
    const edited = rows.map((r, i) => (i === 7 ? { ...r, body: r.body.replace("quoted", "Quoted") } : r));
    for (const sealed of [findingsDigest(rows), oneString(rows)]) {
      expect(findingsDigestMatches(sealed, rows)).toBe(true);
      expect(findingsDigestMatches(sealed, [...rows].reverse())).toBe(true);
      expect(findingsDigestMatches(sealed, edited)).toBe(false);
      expect(findingsDigestMatches(sealed, rows.slice(1))).toBe(false);
    }
    // A v1 digest relabelled v2 (or the reverse) seals nothing: each form is checked as itself.
    expect(findingsDigestMatches(`v2:${oneString(rows)}`, rows)).toBe(false);
    expect(findingsDigestMatches(findingsDigest(rows).slice(3), rows)).toBe(false);
    expect(findingsDigestMatches(null, rows)).toBe(false);
  });

  it("orders rows as the NUL-joined keys did, where a check id is a prefix of another and ARNs differ in case", () => {
    const rows: FindingRow[] = [];
    for (const checkId of ["s3.bucket", "s3.bucket-tls", "s3.bucket.x", "S3.bucket", "s3.buckeu"]) {
      for (const arn of ["arn:aws:s3:::b", "arn:aws:s3:::B", "arn:aws:s3:::b-1", "arn:aws:s3:::b", "arn:aws:s3:::a\u00e9", "arn:aws:s3:::ab"]) {
        rows.push({ checkId, resourceArn: arn, status: "PASS", body: JSON.stringify({ checkId, arn }) });
      }
    }
    rows.reverse();
    expect(findingsDigest(rows)).toBe(oneStringV2(rows));
    expect(findingsDigest(rows, 1)).toBe(oneString(rows));
  });

  it("changes when any row changes and not when the rows are reordered", () => {
    const rows = Array.from({ length: 600 }, (_, i) => row(i));
    const digest = findingsDigest(rows);
    expect(findingsDigest([...rows].reverse())).toBe(digest);
    expect(findingsDigest(rows.map((r, i) => (i === 550 ? { ...r, status: "PASS" === r.status ? "FAIL" : "PASS" } : r)))).not.toBe(digest);
  });
});
