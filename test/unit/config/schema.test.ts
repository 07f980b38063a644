import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../../src/config/schema.js";

describe("config JSON Schema", () => {
  // Editors load the committed file through `# yaml-language-server: $schema=…`; it must follow
  // the zod schema. After a schema change: npx vitest run -u test/unit/config/schema.test.ts
  it("matches the committed examples/sageaudit.config.schema.json", async () => {
    await expect(`${JSON.stringify(configJsonSchema(), null, 2)}\n`).toMatchFileSnapshot("../../../examples/sageaudit.config.schema.json");
  });

  it("rejects unknown keys, as the loader does", () => {
    const schema = configJsonSchema() as { additionalProperties: unknown; properties: Record<string, { additionalProperties?: unknown }> };
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.retention?.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toContain("collection");
  });
});
