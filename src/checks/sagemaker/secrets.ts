import { regionArn } from "../../evidence/inventory.js";
import { SAGEMAKER_RESOURCE_TYPES } from "../../evidence/sagemaker-registry.js";
import type { Inventory, Resource } from "../../evidence/inventory.js";
import { redact, wasRedacted } from "../../evidence/redact.js";
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
    if (r.response) found.push(...secretsIn(r, "response", r.response));
  }
  return found.sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * The secrets in one resource's entry of a GetResources page, and only there: the page holds the
 * tags of up to 100 resources, and another resource's tag is not this one's secret.
 */
export function secretsInTagMapping(record: EvidenceRecord, index: number): SecretFinding[] {
  const entry = (record.response?.ResourceTagMappingList as unknown[] | undefined)?.[index];
  if (entry === undefined) return [];
  return secretsIn(record, `response.ResourceTagMappingList[${index}]`, entry).sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * The record's detections under `root` (its `redactions`), plus any value under it that escaped
 * redaction. A record redacted in this process (`wasRedacted`) has none that escaped, and is not
 * scanned again: at 100,000 training jobs that scan was about a fifth of the evaluation (profile of 2026-12-06).
 */
function secretsIn(r: EvidenceRecord, root: string, value: unknown): SecretFinding[] {
  const byPath = new Map<string, Set<SecretKind>>();
  const within = (path: string): boolean => path === root || path.startsWith(`${root}.`) || path.startsWith(`${root}[`);
  const escaped = wasRedacted(r) ? [] : redact(value, undefined, root).redactions;
  for (const entry of escaped.length === 0 ? r.redactions : [...r.redactions, ...escaped]) {
    const parsed = parseRedaction(entry);
    if (!parsed.path.startsWith("response.") || !within(parsed.path)) continue;
    const kinds = secretKindsOf(parsed);
    if (kinds.length === 0) continue;
    const set = byPath.get(parsed.path) ?? new Set<SecretKind>();
    for (const k of kinds) set.add(k);
    byPath.set(parsed.path, set);
  }
  return [...byPath].map(([path, kinds]) => ({ evidenceId: r.id, operation: r.operation, field: fieldName(r, path.slice("response.".length)), kinds: [...kinds].sort() }));
}

/** `Tags[1].Value` of a ListTags page (or of a GetResources entry) reads better as the tag's key. */
function fieldName(record: EvidenceRecord, field: string): string {
  const listTag = /^Tags\[(\d+)\]\.Value$/.exec(field);
  if (record.operation === "ListTags" && listTag) {
    const key = (record.response?.Tags as { Key?: unknown }[] | undefined)?.[Number(listTag[1])]?.Key;
    if (typeof key === "string") return `tag ${key}`;
  }
  const mappedTag = /^ResourceTagMappingList\[(\d+)\]\.Tags\[(\d+)\]\.Value$/.exec(field);
  if (record.operation === "GetResources" && mappedTag) {
    const entry = (record.response?.ResourceTagMappingList as { Tags?: { Key?: unknown }[] }[] | undefined)?.[Number(mappedTag[1])];
    const key = entry?.Tags?.[Number(mappedTag[2])]?.Key;
    if (typeof key === "string") return `tag ${key}`;
  }
  return field;
}

export const describeSecrets = (found: readonly SecretFinding[]): string => found.map((f) => `${f.field} (${f.kinds.join(", ")})`).join(", ");

const SAGEMAKER_TYPES = new Set(SAGEMAKER_RESOURCE_TYPES.map((s) => s.type));
const EVIDENCE = [
  ...SAGEMAKER_RESOURCE_TYPES.flatMap((s) => [`sagemaker:${s.listOperation}`, `sagemaker:${s.describeOperation}`]),
  "sagemaker:ListTags",
  "tagging:GetResources",
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
  // A failed tag call leaves the tags unknown, and unknown is not "no secret".
  const tags = resource.tagSource;
  if (tags?.kind === "unknown") {
    const call = `${tags.gap.source ?? "sagemaker"}:${tags.gap.operation}`;
    return { status: "ERROR", reason: `evidence gap: ${call} failed before this resource's tags were read (${tags.gap.error}); its tags could not be scanned`, evidenceIds: [tags.gap.evidenceId] };
  }
  const records = resource.evidenceIds.map((id) => inventory.evidence.get(id)).filter((r): r is EvidenceRecord => r !== undefined && r.source === "sagemaker");
  const tagPage = tags?.kind === "listed" && tags.index !== undefined ? inventory.evidence.get(tags.evidenceId) : undefined;
  const found = [...secretsInRecords(records), ...(tagPage && tags?.kind === "listed" && tags.index !== undefined ? secretsInTagMapping(tagPage, tags.index) : [])];
  const operations = [...new Set([...records.map((r) => r.operation), ...(tagPage ? [tagPage.operation] : [])])].sort().join(", ");
  if (found.length > 0) return fail(`plaintext secret${found.length === 1 ? "" : "s"} in ${describeSecrets(found)}`);
  // No tag evidence at all (a snapshot or collection without tag records): the tags were never
  // read, and a PASS would claim they were scanned.
  if (tags === undefined) {
    return { status: "ERROR", reason: `evidence gap: no tag evidence for this resource (neither a tagging:GetResources listing of ${resource.account}/${resource.region} nor a sagemaker:ListTags answer); no plaintext secret in the ${operations} evidence, but its tags could not be scanned`, evidenceIds: records.map((r) => r.id) };
  }
  // Absent from a complete listing of tagged resources: no tags, and the listing's last page shows it ended.
  if (tags?.kind === "untagged") return pass(`no plaintext secret in the ${operations} evidence (hyperparameters, environments, container arguments, image URIs); no tags (absent from the complete GetResources listing)`, [tags.evidenceId]);
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
 * and tag values (Resource Groups Tagging GetResources, one page per 100 resources, of which only the
 * resource's own `ResourceTagMappingList` entry is read; SageMaker ListTags in older evidence). Each
 * finding names the field and the kind of secret, never the value; the value itself was redacted
 * before the evidence was stored.
 * Tags unknown are never "no secret": a failed tag call, a listing that stopped early, or no tag
 * evidence for the resource at all is ERROR (a secret found elsewhere still FAILs).
 * Peers: Prowler sagemaker_notebook_instance_no_secrets scans notebook lifecycle configuration
 * scripts only, a subset of what this check reads.
 */
export const resourceNoPlaintextSecrets = defineCheck({
  id: "sagemaker.resource.no-plaintext-secrets",
  title: "SageMaker resources hold no plaintext secrets in their configuration or tags",
  resourceType: "AWS::SageMaker::*",
  severity: "high",
  rationale:
    "Hyperparameters, container environments and arguments, image URIs and tags are returned in clear by the SageMaker Describe APIs and the tagging APIs to anyone with read access, and are copied into CloudTrail, logs and tooling: a token or password there is a disclosed credential.",
  remediation:
    "Move the secret to AWS Secrets Manager or SSM Parameter Store and pass its ARN (or let the container fetch it with its execution role), recreate the job, model or configuration without it, and rotate the exposed credential.",
  peers: { prowler: ["sagemaker_notebook_instance_no_secrets"] },
  evidence: EVIDENCE,
  targets: sageMakerResources,
  evaluate: (_config: Record<string, unknown>, ctx) => evaluate(ctx.resource, ctx.inventory),
});
