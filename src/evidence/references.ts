/**
 * The supporting resources (IAM roles, KMS keys, S3 buckets, EC2 security groups) a SageMaker
 * resource or a CloudTrail trail names. One extractor for both sides: the collector fetches what it
 * returns and the checks judge what it returns, so every reference a check resolves is one the
 * collector was asked to fetch.
 */

export type ReferenceKind = "role" | "kmsKey" | "bucket" | "securityGroup";

export interface SupportingReference {
  kind: ReferenceKind;
  /** A role ARN, a KMS key reference as written, a bucket name, a security group id. */
  value: string;
}

/** The ways a KeyId parameter can name a KMS key. */
export type KeyReference =
  | { form: "key-id" | "multi-region-key-id"; keyId: string }
  | { form: "key-arn"; keyId: string; region: string; account: string }
  | { form: "alias-name"; alias: string }
  | { form: "alias-arn"; alias: string; region: string; account: string };

// Key identifiers, https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id:
// key id 1234abcd-12ab-34cd-56ef-1234567890ab; multi-Region key id mrk- and 32 hex digits
// (mrk-1234abcd12ab34cd56ef1234567890ab); key ARN arn:aws:kms:<region>:<account>:key/<key id>;
// alias name alias/<name> of alphanumerics, '/', '_' and '-'
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html); alias ARN
// arn:aws:kms:<region>:<account>:alias/<name>.
const KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MRK_ID = /^mrk-[0-9a-f]{32}$/;
// The key part of an ARN is taken as written: the ARN alone says it names a key.
const KEY_ARN = /^arn:aws[\w-]*:kms:([a-z0-9-]+):(\d{12}):key\/([\w-]+)$/;
const ALIAS_NAME = /^alias\/[A-Za-z0-9/_-]+$/;
const ALIAS_ARN = /^arn:aws[\w-]*:kms:([a-z0-9-]+):(\d{12}):(alias\/[A-Za-z0-9/_-]+)$/;

/** Which form of key reference `value` is; undefined when it is none of them. */
export function parseKeyReference(value: string): KeyReference | undefined {
  if (KEY_ID.test(value)) return { form: "key-id", keyId: value };
  if (MRK_ID.test(value)) return { form: "multi-region-key-id", keyId: value };
  const arn = KEY_ARN.exec(value);
  if (arn) return { form: "key-arn", region: arn[1] ?? "", account: arn[2] ?? "", keyId: arn[3] ?? "" };
  if (ALIAS_NAME.test(value)) return { form: "alias-name", alias: value };
  const alias = ALIAS_ARN.exec(value);
  if (alias) return { form: "alias-arn", region: alias[1] ?? "", account: alias[2] ?? "", alias: alias[3] ?? "" };
  return undefined;
}

/** The key id a reference names directly (not through an alias). */
export const keyIdOf = (ref: KeyReference): string | undefined => ("keyId" in ref ? ref.keyId : undefined);

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?[\w+=,.@-]+$/;
// Bucket naming rules: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
const BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
const S3_URI = new RegExp(`^s3://(${BUCKET})(?:/|$)`);
const S3_VIRTUAL_HOST = new RegExp(`^https://(${BUCKET})\\.s3[.-]`);
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;

/** A field whose name says it holds a KMS key (KmsKeyId, VolumeKmsKeyId, S3KmsKeyId …). */
const KMS_FIELD = /kms/i;

/**
 * What one string of a describe response references. Values, not field names, decide: SageMaker
 * puts roles, buckets and groups in dozens of places (RoleArn, ExecutionRole, S3OutputPath,
 * VpcConfig.SecurityGroupIds …). A bare key id or alias name could be anything, so it counts only
 * under a KMS field; a key or alias ARN counts wherever it is.
 */
function referencesOfLeaf(field: string, value: string): SupportingReference[] {
  const out: SupportingReference[] = [];
  if (ROLE_ARN.test(value)) out.push({ kind: "role", value });
  const key = parseKeyReference(value);
  if (key && (key.form === "key-arn" || key.form === "alias-arn" || KMS_FIELD.test(field))) out.push({ kind: "kmsKey", value });
  const bucket = S3_URI.exec(value)?.[1] ?? S3_VIRTUAL_HOST.exec(value)?.[1];
  if (bucket) out.push({ kind: "bucket", value: bucket });
  if (SECURITY_GROUP.test(value)) out.push({ kind: "securityGroup", value });
  return out;
}

/**
 * Every string in a value with the name of the field it is under (an array's items under the
 * array's field). A plain recursion: as a generator, each level's `yield*` resumed every level
 * above it, and this walk covers every describe response of the estate.
 */
function eachLeaf(value: unknown, field: string, visit: (field: string, value: string) => void): void {
  if (typeof value === "string") visit(field, value);
  else if (Array.isArray(value)) for (const item of value) eachLeaf(item, field, visit);
  else if (value !== null && typeof value === "object") {
    for (const k of Object.keys(value)) eachLeaf((value as Record<string, unknown>)[k], k, visit);
  }
}

function unique(refs: Iterable<SupportingReference>): SupportingReference[] {
  const seen = new Map<string, SupportingReference>();
  for (const ref of refs) seen.set(`${ref.kind}|${ref.value}`, ref);
  return [...seen.values()];
}

/** Every supporting reference in a SageMaker describe response (or a SageMaker Config item), once each. */
export function sageMakerReferences(response: unknown): SupportingReference[] {
  const out: SupportingReference[] = [];
  eachLeaf(response, "", (field, value) => out.push(...referencesOfLeaf(field, value)));
  return unique(out);
}

/**
 * A trail's log key (KmsKeyId) and log bucket (S3BucketName, a bare name):
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Trail.html.
 */
export function trailReferences(trail: unknown): SupportingReference[] {
  const t = (trail ?? {}) as { KmsKeyId?: unknown; S3BucketName?: unknown };
  const out: SupportingReference[] = [];
  if (typeof t.KmsKeyId === "string" && parseKeyReference(t.KmsKeyId)) out.push({ kind: "kmsKey", value: t.KmsKeyId });
  if (typeof t.S3BucketName === "string" && new RegExp(`^${BUCKET}$`).test(t.S3BucketName)) out.push({ kind: "bucket", value: t.S3BucketName });
  return out;
}

export const TRAIL_TYPE = "AWS::CloudTrail::Trail";

/**
 * What an inventory resource references: a SageMaker resource anything in its configuration, a trail
 * its key and bucket (its inventory config holds the DescribeTrails item as `Trail`), anything else nothing.
 */
export function referencesOfResource(resource: { type: string; config: unknown }): SupportingReference[] {
  if (resource.config === undefined) return [];
  if (resource.type.startsWith("AWS::SageMaker::")) return sageMakerReferences(resource.config);
  if (resource.type === TRAIL_TYPE) return trailReferences((resource.config as { Trail?: unknown }).Trail);
  return [];
}
