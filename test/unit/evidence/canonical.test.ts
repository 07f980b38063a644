import { describe, expect, it } from "vitest";
import { canonicalJson, hashCanonical, sha256Hex } from "../../../src/evidence/canonical.js";
import { evidenceId, sealEvidence, verifyEvidenceHash } from "../../../src/evidence/record.js";
import { merkleRoot } from "../../../src/evidence/merkle.js";

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: "x" } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it("writes Dates as ISO strings and drops undefined members", () => {
    expect(canonicalJson({ t: new Date("2026-11-27T10:00:00Z"), gone: undefined, list: [undefined] })).toBe(
      '{"list":[null],"t":"2026-11-27T10:00:00.000Z"}',
    );
  });

  it("hashes equal content equally whatever the key order", () => {
    expect(hashCanonical({ a: 1, b: [2, 3] })).toBe(hashCanonical({ b: [2, 3], a: 1 }));
    expect(hashCanonical({ a: 1, b: [2, 3] })).not.toBe(hashCanonical({ a: 1, b: [3, 2] }));
  });
});

describe("evidence records", () => {
  const base = {
    source: "sagemaker" as const,
    operation: "DescribeNotebookInstance",
    account: "111122223333",
    region: "us-east-1",
    params: { NotebookInstanceName: "nb-1" },
    collectedAt: "2026-11-27T10:00:00.000Z",
    response: { NotebookInstanceName: "nb-1", CreationTime: new Date("2026-01-01T00:00:00Z") },
  };

  it("seals with an id that names the request and a hash over the canonical content", () => {
    const record = sealEvidence(base);
    expect(record.id).toBe(evidenceId(base));
    expect(record.id).toMatch(/^ev_[0-9a-f]{24}$/);
    expect(record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.response?.CreationTime).toBe("2026-01-01T00:00:00.000Z");
    expect(verifyEvidenceHash(record)).toBe(true);
  });

  it("keeps the id across answers but changes the hash when the answer changes", () => {
    const a = sealEvidence(base);
    const b = sealEvidence({ ...base, response: { ...base.response, DirectInternetAccess: "Enabled" } });
    expect(b.id).toBe(a.id);
    expect(b.sha256).not.toBe(a.sha256);
  });

  it("detects a record altered after sealing", () => {
    const record = sealEvidence(base);
    expect(verifyEvidenceHash({ ...record, response: { NotebookInstanceName: "nb-2" } })).toBe(false);
  });
});

describe("merkleRoot", () => {
  it("depends on the set of hashes, not their order", () => {
    const hashes = ["a", "b", "c"].map((x) => hashCanonical(x));
    expect(merkleRoot(hashes)).toBe(merkleRoot([...hashes].reverse()));
    expect(merkleRoot(hashes)).not.toBe(merkleRoot(hashes.slice(0, 2)));
  });

  it("has a defined root for no evidence", () => {
    expect(merkleRoot([])).toMatch(/^[0-9a-f]{64}$/);
  });

  it("is the tree of hex digests every stored root was sealed with, at every width", () => {
    // The definition, level by level as strings: roots sealed by earlier versions must still verify.
    const reference = (hashes: readonly string[]): string => {
      let level = [...hashes].sort().map((h) => sha256Hex(`\x00${h}`));
      while (level.length > 1) {
        const next: string[] = [];
        for (let i = 0; i < level.length; i += 2) next.push(sha256Hex(`\x01${level[i]!}${level[i + 1] ?? level[i]!}`));
        level = next;
      }
      return level[0]!;
    };
    const widths = [...Array.from({ length: 40 }, (_, i) => i + 1), 63, 64, 65, 1000, 1025];
    for (const n of widths) {
      const hashes = Array.from({ length: n }, (_, i) => sha256Hex(`record ${n}/${i}`));
      expect(merkleRoot(hashes), `${n} hashes`).toBe(reference(hashes));
    }
    // Stored hashes are hashed as the text they are, whatever it holds (verify reads altered rows).
    const odd = ["not hex", "ünïcode ✓", "", sha256Hex("x")];
    expect(merkleRoot(odd)).toBe(reference(odd));
  });
});

describe("canonicalJson and __proto__", () => {
  it("keeps a __proto__ member as a member, so it is hashed", () => {
    const parsed = JSON.parse('{"b":1,"__proto__":{"x":1}}') as unknown;
    expect(canonicalJson(parsed)).toBe('{"__proto__":{"x":1},"b":1}');
    expect(hashCanonical(parsed)).not.toBe(hashCanonical({ b: 1 }));
  });
});
