import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../../src/checks/catalogue.js";
import { mappingJsonSchema } from "../../../src/frameworks/schema.js";

const ids = CATALOGUE.map((c) => c.id);

describe("mapping JSON Schema", () => {
  // The committed file is what editors load through `# yaml-language-server: $schema=…`; it must
  // follow the zod schema. After a schema change: npx vitest run -u test/unit/frameworks/schema.test.ts
  it("matches the committed mappings/mapping.schema.json", async () => {
    await expect(`${JSON.stringify(mappingJsonSchema(ids), null, 2)}\n`).toMatchFileSnapshot("../../../mappings/mapping.schema.json");
  });

  it("describes controls strictly and completes check ids from the catalogue", () => {
    type Control = { additionalProperties: unknown; properties: Record<string, unknown> & { checks: { items: { enum?: string[] } } } };
    const control = (mappingJsonSchema(ids) as { properties: { controls: { items: Control } } }).properties.controls.items;
    expect(control.additionalProperties).toBe(false);
    expect(Object.keys(control.properties)).toEqual(["id", "title", "description", "requirement", "checks", "manual"]);
    expect(control.properties.checks.items.enum).toEqual(ids);
  });
});
