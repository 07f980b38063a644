import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { buildInventory } from "../../../src/evidence/inventory.js";
import type { Inventory } from "../../../src/evidence/inventory.js";
import { RecordIndex } from "../../../src/evidence/record-index.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { gapRecord, record } from "../../helpers/evidence.js";

// buildInventory indexes the records by source and operation in one pass and lets each builder
// read its slice. The result must not depend on the input order: builders that fold several
// calls about one resource (trail status + selectors, Config items, IAM role calls) read them
// merged back into id order, as a scan of the sorted records would.

const demo = (): EvidenceRecord[] =>
  readFileSync(resolve("examples/demo-estate/evidence.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as EvidenceRecord);

/** Fisher-Yates with a fixed seed (mulberry32), so a failure replays. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Everything an inventory holds, the evidence map by its entries in order. */
const plain = (inventory: Inventory): unknown => JSON.stringify({ ...inventory, evidence: [...inventory.evidence], configItems: [...(inventory.configItems ?? [])] });

describe("inventory from the record index", () => {
  test("the demo estate in shuffled order gives the same inventory", () => {
    const records = demo();
    const expected = plain(buildInventory(records));
    for (const seed of [1, 2, 3]) expect(plain(buildInventory(shuffled(records, seed)))).toBe(expected);
    expect(plain(buildInventory([...records].reverse()))).toBe(expected);
  });

  test("every record kind the demo holds reaches the inventory through the index", () => {
    const inventory = buildInventory(demo());
    const types = new Set(inventory.resources.map((r) => r.type));
    for (const type of ["AWS::SageMaker::NotebookInstance", "AWS::SageMaker::UserProfile", "AWS::CloudTrail::Trail", "AWS::Config::ConfigurationRecorder", "AWS::KMS::Key", "AWS::S3::Bucket", "AWS::IAM::Role"]) {
      expect(types).toContain(type);
    }
    expect(inventory.events.length).toBeGreaterThan(0);
    expect(inventory.configVerdicts.length).toBeGreaterThan(0);
    expect(inventory.resources.some((r) => Object.keys(r.tags).length > 0)).toBe(true);
  });

  test("the calls of several operations are read merged in id order; one operation's in insertion order", () => {
    const status = record("cloudtrail", "GetTrailStatus", { Name: "t" }, { IsLogging: true });
    const selectors = gapRecord("cloudtrail", "GetEventSelectors", { TrailName: "t" });
    const other = record("cloudtrail", "GetTrailStatus", { Name: "u" }, { IsLogging: false });
    const index = new RecordIndex();
    for (const r of [status, selectors, other].sort((a, b) => a.id.localeCompare(b.id))) index.add(r);
    expect(index.ofAny("cloudtrail", ["GetTrailStatus", "GetEventSelectors"]).map((r) => r.id)).toEqual([status, selectors, other].map((r) => r.id).sort());
    expect(index.of("cloudtrail", "GetTrailStatus").map((r) => r.id)).toEqual([status, other].map((r) => r.id).sort());
    expect(index.of("sagemaker", "GetTrailStatus")).toEqual([]);
    expect(index.ofAny("kms", ["ListAliases", "DescribeKey"])).toEqual([]);
  });
});
