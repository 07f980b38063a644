import { regionArn } from "../../evidence/inventory.js";
import { SAGEMAKER_RESOURCE_TYPES } from "../../evidence/sagemaker-registry.js";
import type { Inventory, Resource } from "../../evidence/inventory.js";
import { redact } from "../../evidence/redact.js";
import { parseRedaction, secretKindsOf } from "../../evidence/secrets.js";
import type { SecretKind } from "../../evidence/secrets.js";
import type { EvidenceRecord } from "../../evidence/types.js";
import { defineCheck } from "../define.js";
import type { CheckTarget, Verdict } from "../types.js";
import { fail, pass } from "../verdict.js";

/** One plaintext secret seen in a resource's evidence: where (a field path) and what kind, never the value. */
export interface SecretFinding {
  evidenceId: string;
  operation: string;
  /** Path inside the API response, e.g. `HyperParameters.wandb_api_key`. */
  field: string;
  kinds: SecretKind[];
}

/**
 * The plaintext secrets the evidence records held. Values are masked before checks run, so the
 * kinds come from the record's `redactions` (written by the shared detector, src/evidence/secrets.ts);
 * any value that escaped redaction (evidence built without it) is scanned with the same detector.
 * Masks that are not detections (`policy`: every Environment value; `script`: every lifecycle
 * script) are not secrets.
 */
export function secretsInRecords(records: readonly EvidenceRecord[]): SecretFinding[] {
  const found: SecretFinding[] = [];
  for (const r of records) {
    if (!r.response) continue;
    const byPath = new Map<string, Set<SecretKind>>();
    for (const entry of [...r.redactions, ...redact(r.response).redactions]) {
      const parsed = parseRedaction(entry);
      if (!parsed.path.startsWith("response.")) continue;
      const kinds = secretKindsOf(parsed);
      if (kinds.length === 0) continue;
      const set = byPath.get(parsed.path) ?? new Set<SecretKind>();
      for (const k of kinds) set.add(k);
      byPath.set(parsed.path, set);
    }
    for (const [path, kinds] of byPath) {
      found.push({ evidenceId: r.id, operation: r.operation, field: fieldName(r, path.slice("response.".length)), kinds: [...kinds].sort() });
    }
  }
  return found.sort((a, b) => a.field.localeCompare(b.field));
}

/** `Tags[1].Value` of a ListTags page reads better as the tag's key. */
function fieldName(record: EvidenceRecord, field: string): string {
  const tag = /^Tags\[(\d+)\]\.Value$/.exec(field);
  if (record.operation === "ListTags" && tag) {
    const key = (record.response?.Tags as { Key?: unknown }[] | undefined)?.[Number(tag[1])]?.Key;
    if (typeof key === "string") return `tag ${key}`;
  }
  return field;
}

export const describeSecrets = (found: readonly SecretFinding[]): string => found.map((f) => `${f.field} (${f.kinds.join(", ")})`).join(", ");

const SAGEMAKER_TYPES = new Set(SAGEMAKER_RESOURCE_TYPES.map((s) => s.type));
const EVIDENCE = [
  ...SAGEMAKER_RESOURCE_TYPES.flatMap((s) => [`sagemaker:${s.listOperation}`, `sagemaker:${s.describeOperation}`]),
  "sagemaker:ListTags",
];

/**
 * Every SageMaker resource of the inventory is in scope (the check spans types); a failed list call
 * hides the resources of its scope, and becomes one ERROR finding for that scope.
 */
function sageMakerResources(inventory: Inventory): CheckTarget[] {
  const targets: CheckTarget[] = inventory.resources
    .filter((r) => SAGEMAKER_TYPES.has(r.type))
    .map((r) => ({ arn: r.arn, name: r.name, account: r.account, region: r.region, referencedBy: [], evidenceIds: [], resource: r }));
  const seen = new Set<string>();
  for (const gap of inventory.scopeGaps) {
    if (gap.source !== "sagemaker" || !EVIDENCE.includes(`sagemaker:${gap.operation}`)) continue;
    const key = `${gap.account}|${gap.region}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const scope = `${gap.account}/${gap.region}`;
    targets.push({ arn: regionArn(gap.account, gap.region), name: scope, account: gap.account, region: gap.region, referencedBy: ["the SageMaker resources the failed list call would have returned"], evidenceIds: [gap.evidenceId] });
  }
  return targets;
}

function evaluate(resource: Resource, inventory: Inventory): Verdict {
  // Tags come from ListTags: a failed call leaves them unknown, and unknown is not "no secret".
  const tagGap = inventory.gaps.find((g) => g.operation === "ListTags" && inventory.evidence.get(g.evidenceId)?.params.ResourceArn === resource.arn);
  if (tagGap) return { status: "ERROR", reason: `evidence gap: sagemaker:ListTags failed for this resource (${tagGap.error}); its tags could not be scanned`, evidenceIds: [tagGap.evidenceId] };
  const records = resource.evidenceIds.map((id) => inventory.evidence.get(id)).filter((r): r is EvidenceRecord => r !== undefined && r.source === "sagemaker");
  const found = secretsInRecords(records);
  const operations = [...new Set(records.map((r) => r.operation))].sort().join(", ");
  if (found.length > 0) return fail(`plaintext secret${found.length === 1 ? "" : "s"} in ${describeSecrets(found)}`);
  return pass(`no plaintext secret in the ${operations} evidence (hyperparameters, environments, container arguments, image URIs, tags)`);
}

/**
 * Compliant when no SageMaker resource's own evidence (its describe response and its tags) holds a
 * plaintext secret, found by name or by value by the shared detector: hyperparameters
 * (DescribeTrainingJob `HyperParameters`, a free-form string map,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html),
 * container environments (`Environment`, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html),
 * container entrypoints and arguments (`ContainerEntrypoint` / `ContainerArguments`,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AlgorithmSpecification.html and
 * API_AppSpecification.html), image and S3 URIs with credentials or signed query strings, lifecycle
 * configuration scripts (base64 `Content`,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html)
 * and tag values (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListTags.html). Each
 * finding names the field and the kind of secret, never the value; the value itself was redacted
 * before the evidence was stored.
 * Peers: Prowler sagemaker_notebook_instance_no_secrets scans notebook lifecycle configuration
 * scripts only, a subset of what this check reads.
 */
export const resourceNoPlaintextSecrets = defineCheck({
  id: "sagemaker.resource.no-plaintext-secrets",
  title: "SageMaker resources hold no plaintext secrets in their configuration or tags",
  resourceType: "AWS::SageMaker::*",
  severity: "high",
  rationale:
    "Hyperparameters, container environments and arguments, image URIs and tags are returned in clear by the SageMaker Describe and ListTags APIs to anyone with read access, and are copied into CloudTrail, logs and tooling: a token or password there is a disclosed credential.",
  remediation:
    "Move the secret to AWS Secrets Manager or SSM Parameter Store and pass its ARN (or let the container fetch it with its execution role), recreate the job, model or configuration without it, and rotate the exposed credential.",
  peers: { prowler: ["sagemaker_notebook_instance_no_secrets"] },
  evidence: EVIDENCE,
  targets: sageMakerResources,
  evaluate: (_config: Record<string, unknown>, ctx) => evaluate(ctx.resource, ctx.inventory),
});
