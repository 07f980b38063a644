import { z } from "zod";

export const controlSchema = z
  .strictObject({
    id: z.string().min(1).describe("The control's citation, e.g. 164.312(a)(2)(iv) or Art. 32(1)(a); unique in the file."),
    title: z.string().min(1).describe("The control's official title."),
    description: z.string().optional().describe("The regulation's own wording, shortened if long."),
    requirement: z.enum(["Required", "Addressable"]).optional().describe("HIPAA implementation specification marker."),
    checks: z.array(z.string().min(1)).optional().describe("Ids of the checks whose findings are evidence for this control (sageaudit checks list)."),
    manual: z.boolean().optional().describe("No automated evidence: the control is MANUAL until attested in attestations.yaml."),
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

/**
 * JSON Schema for editors (`# yaml-language-server: $schema=…`), generated from the zod schema.
 * With `checkIds` the check list completes to the catalogue's ids; the loader still reports an
 * unknown id itself, with its position, since files may be validated against another catalogue.
 */
export function mappingJsonSchema(checkIds: readonly string[] = []): Record<string, unknown> {
  const schema = z.toJSONSchema(mappingSchema, {
    target: "draft-2020-12",
    override: (ctx) => {
      if (checkIds.length > 0 && ctx.path.join(".") === "properties.controls.items.properties.checks.items") ctx.jsonSchema.enum = [...checkIds];
    },
  });
  return { ...schema, $id: "https://sageaudit.dev/schema/mapping.schema.json", title: "sageaudit framework mapping" };
}
