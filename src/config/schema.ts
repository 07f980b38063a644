import { z } from "zod";

const region = z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, "not an AWS region name");

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  accounts: z
    .array(
      z.strictObject({
        id: z.string().regex(/^\d{12}$/, "account id must be 12 digits"),
        roleArn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, "not an IAM role ARN").optional(),
        externalId: z.string().min(2).optional(),
      }),
    )
    .default([]),
  regions: z.array(region).default([]),
  aggregator: z.strictObject({ name: z.string().min(1), region }).optional(),
  schedule: z.string().default("0 */6 * * *"),
  frameworks: z.array(z.string().min(1)).default(["hipaa", "gdpr"]),
  output: z
    .strictObject({
      dir: z.string().default("./reports"),
      formats: z.array(z.enum(["pdf", "html", "json", "csv"])).default(["pdf", "html", "json"]),
    })
    .default({ dir: "./reports", formats: ["pdf", "html", "json"] }),
  db: z.string().default("./data/sageaudit.db"),
  mappings: z.string().optional(),
  retention: z.strictObject({ days: z.number().int().min(1).default(2190) }).default({ days: 2190 }),
  redaction: z
    .strictObject({
      /** Added to the built-in list; the built-in list cannot be switched off. */
      mapKeys: z.array(z.string().min(1)).default([]),
      valueKeys: z.array(z.string().min(1)).default([]),
    })
    .default({ mapKeys: [], valueKeys: [] }),
  waivers: z.string().optional(),
  attestations: z.string().optional(),
  signing: z.strictObject({ keyFile: z.string().min(1) }).optional(),
  collection: z
    .strictObject({
      maxAttempts: z.number().int().min(1).max(20).default(8),
      concurrency: z.number().int().min(1).max(32).default(4),
      cloudtrailLookbackDays: z.number().int().min(1).max(90).default(7),
      jobLookbackDays: z.number().int().min(1).max(3650).default(90),
      /**
       * Where the IAM roles, KMS keys, S3 buckets and security groups SageMaker resources reference
       * come from: `api` their own services' read APIs in each account; `config` AWS Config
       * configuration items only; `auto` the APIs, with the Config items (per account, or through
       * the aggregator) as a cross-check and as the fallback where an API call failed.
       */
      supportingEvidence: z.enum(["auto", "api", "config"]).default("auto"),
    })
    .default({ maxAttempts: 8, concurrency: 4, cloudtrailLookbackDays: 7, jobLookbackDays: 90, supportingEvidence: "auto" }),
});

export type Config = z.infer<typeof configSchema>;

/** JSON Schema for editors (`# yaml-language-server: $schema=…`), generated from the zod schema. */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { target: "draft-2020-12", io: "input" }),
    $id: "https://sageaudit.dev/schema/config.schema.json",
    title: "sageaudit configuration",
  };
}
