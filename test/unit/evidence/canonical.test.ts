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

describe("canonicalJson of values in canonical order already", () => {
  // The definition: every object copied with its keys sorted, then JSON.stringify.
  const reference = (value: unknown): string => {
    const copy = (v: unknown): unknown => {
      if (v instanceof Date) return v.toISOString();
      if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : copy(item)));
      if (v !== null && typeof v === "object") {
        const out = Object.create(null) as Record<string, unknown>;
        for (const key of Object.keys(v).sort()) {
          const member = (v as Record<string, unknown>)[key];
          if (member !== undefined) out[key] = copy(member);
        }
        return out;
      }
      return typeof v === "number" && !Number.isFinite(v) ? null : v;
    };
    return JSON.stringify(copy(value));
  };

  it("writes what needs writing at any depth inside sorted objects and arrays", () => {
    const at = new Date("2026-11-27T10:00:00Z");
    expect(canonicalJson({ a: 1, b: { c: [1, { d: at }] }, e: 2 })).toBe('{"a":1,"b":{"c":[1,{"d":"2026-11-27T10:00:00.000Z"}]},"e":2}');
    expect(canonicalJson({ a: 1, b: undefined, c: 2 })).toBe('{"a":1,"c":2}');
    expect(canonicalJson([1, undefined, Number.NaN, 2])).toBe("[1,null,null,2]");
    expect(canonicalJson({ a: [1, 2], b: { c: Infinity } })).toBe('{"a":[1,2],"b":{"c":null}}');
  });

  it("keeps a parsed __proto__ member whether or not the keys are in order", () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}');
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1},"b":1}');
  });

  it("copies an object of another prototype, so a toJSON it inherits is not called", () => {
    class Tagged {
      a = 1;
      toJSON(): string {
        return "not the members";
      }
    }
    expect(canonicalJson({ t: new Tagged() })).toBe('{"t":{"a":1}}');
  });

  it("matches the copying definition on many generated values", () => {
    let seed = 7;
    const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const KEYS = ["a", "b", "c", "__proto__", "10", "9", "Z", "é"];
    const gen = (depth: number): unknown => {
      switch (next(depth > 3 ? 6 : 9)) {
        case 0: return next(100) - 50;
        case 1: return `s${next(10)}`;
        case 2: return null;
        case 3: return true;
        case 4: return [undefined, Number.NaN, new Date(Date.UTC(2026, 0, 1 + next(28)))][next(3)];
        case 5: return next(2) === 0 ? undefined : 1.5;
        case 6: return Array.from({ length: next(4) }, () => gen(depth + 1));
        default: {
          const keys = KEYS.filter(() => next(2) === 0);
          if (next(2) === 0) keys.sort();
          const o: Record<string, unknown> = {};
          for (const k of keys) Object.defineProperty(o, k, { value: gen(depth + 1), enumerable: true, writable: true, configurable: true });
          return o;
        }
      }
    };
    for (let i = 0; i < 3000; i++) {
      const value = gen(0);
      expect(canonicalJson(value)).toBe(reference(value));
      const parsed: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value) ?? "null");
      expect(canonicalJson(parsed)).toBe(reference(parsed));
    }
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
