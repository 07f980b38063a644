import { z } from "zod";

export const controlSchema = z
  .strictObject({
    id: z.string().min(1),
    title: z.string().min(1),
    description: z.string().optional(),
    requirement: z.enum(["Required", "Addressable"]).optional(),
    checks: z.array(z.string().min(1)).optional(),
    manual: z.boolean().optional(),
  })
  .describe("A control of the framework: automated through `checks`, or `manual: true` (needs an attestation).");

export const mappingSchema = z.strictObject({
  $schema: z.string().optional(),
  framework: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "framework id must be lowercase letters, digits and dashes"),
  title: z.string().min(1),
  version: z.string().min(1),
  controls: z.array(controlSchema).min(1),
});

export type MappingDocument = z.infer<typeof mappingSchema>;

/** JSON Schema for editors (`# yaml-language-server: $schema=…`), generated from the zod schema. */
export function mappingJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(mappingSchema, { target: "draft-2020-12" }),
    $id: "https://sageaudit.dev/schema/mapping.schema.json",
    title: "sageaudit framework mapping",
  };
}
