import { checkById } from "../../../src/checks/catalogue.js";
import { evaluateFindings } from "../../../src/checks/findings.js";
import type { Finding } from "../../../src/checks/types.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { sageMakerResourceType } from "../../../src/evidence/sagemaker-registry.js";
import type { SageMakerResourceType } from "../../../src/evidence/sagemaker-registry.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, gapRecord, record } from "../../helpers/evidence.js";

export { ACCOUNT, gapRecord, record };
export const REGION = "us-east-1";
export const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole-ml`;
export const SUBNET = "subnet-0a1b2c3d";
export const SG = "sg-0123456789abcdef0";

const short = (type: string): string => type.replace("AWS::SageMaker::", "");

/** ARN SageMaker gives a resource of `type` named `name`. */
export function arnOf(type: string, name: string, region = REGION): string {
  const noun = short(type)
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .toLowerCase();
  return `arn:aws:sagemaker:${region}:${ACCOUNT}:${noun}/${name.toLowerCase()}`;
}

function specOf(type: string): SageMakerResourceType {
  const spec = sageMakerResourceType(type);
  if (!spec) throw new Error(`no registry entry for ${type}`);
  return spec;
}

/** The list page naming one resource: its id field, and its ARN where the real list items carry one. */
function listPage(spec: SageMakerResourceType, name: string, id: string, arn: string, region: string): EvidenceRecord {
  const item = { [spec.listIdField]: spec.listIdField === spec.listArnField ? arn : id, ...(spec.listArnField ? { [spec.listArnField]: arn } : {}) };
  return record("sagemaker", spec.listOperation, { NextToken: `${spec.type}/${name}` }, { [spec.listKey]: [item] }, { region });
}

/** The list page and describe response of one SageMaker resource, shaped like the real API's. */
export function described(type: string, name: string, fields: Record<string, unknown>, region = REGION): EvidenceRecord[] {
  const spec = specOf(type);
  const arn = arnOf(type, name, region);
  const id = spec.idParam === spec.nameField ? name : ((fields[spec.idParam] as string | undefined) ?? name);
  return [listPage(spec, name, id, arn, region), record("sagemaker", spec.describeOperation, { [spec.idParam]: id }, { ...fields, [spec.arnField]: arn, [spec.nameField]: name }, { region })];
}

/** The same resource whose describe call was denied: the gap every check of the type must show. */
export function describeDenied(type: string, name: string, idParam?: string): EvidenceRecord[] {
  const spec = specOf(type);
  return [listPage(spec, name, name, arnOf(type, name), REGION), gapRecord("sagemaker", spec.describeOperation, { [idParam ?? spec.idParam]: name })];
}

/** A configuration item as AWS Config's SelectResourceConfig returns it (a JSON string per result). */
export function configItem(type: string, arn: string, name: string, configuration: Record<string, unknown>, extra: { resourceId?: string; supplementary?: Record<string, unknown>; region?: string; item?: Record<string, unknown> } = {}): EvidenceRecord {
  const item = {
    resourceType: type,
    arn,
    resourceName: name,
    resourceId: extra.resourceId ?? name,
    accountId: ACCOUNT,
    awsRegion: extra.region ?? REGION,
    configuration: JSON.stringify(configuration),
    supplementaryConfiguration: Object.fromEntries(Object.entries(extra.supplementary ?? {}).map(([k, v]) => [k, JSON.stringify(v)])),
    tags: {},
    ...extra.item,
  };
  return record("config", "SelectResourceConfig", { Expression: `SELECT * WHERE resourceType = '${type}' AND arn = '${arn}'` }, { Results: [JSON.stringify(item)] }, { region: extra.region ?? REGION });
}

/** Findings of one check over an estate, through the whole evaluation (engine, cross-check, attribution). */
export function findingsOf(checkId: string, records: readonly EvidenceRecord[]): Finding[] {
  const check = checkById(checkId);
  if (!check) throw new Error(`unknown check ${checkId}`);
  return evaluateFindings(buildInventory(records), [check]);
}

/** The single finding of a check over an estate with one subject. */
export function only(checkId: string, records: readonly EvidenceRecord[]): Finding {
  const findings = findingsOf(checkId, records);
  if (findings.length !== 1) throw new Error(`expected one finding of ${checkId}, got ${findings.length}: ${JSON.stringify(findings.map((f) => [f.resourceArn, f.status, f.reason]))}`);
  return findings[0] as Finding;
}
