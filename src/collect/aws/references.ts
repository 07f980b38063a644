import type { Output } from "./call.js";

/** Supporting resources that SageMaker resources (and trails) point at, per account and region. */
export interface References {
  /** Role names. */
  roles: Set<string>;
  /** Role ARNs as written: their account says which account's IAM can answer for them. */
  roleArns: Set<string>;
  /** Key ids (what AWS Config keys a key's item by). */
  kmsKeys: Set<string>;
  /**
   * Every key reference exactly as written: key id, key ARN, `mrk-` id, `alias/x` or alias ARN.
   * The KMS collector resolves each to one key.
   */
  kmsKeyRefs: Set<string>;
  buckets: Set<string>;
  securityGroups: Set<string>;
}

export const emptyReferences = (): References => ({ roles: new Set(), roleArns: new Set(), kmsKeys: new Set(), kmsKeyRefs: new Set(), buckets: new Set(), securityGroups: new Set() });

export const REFERENCE_KINDS = ["roles", "roleArns", "kmsKeys", "kmsKeyRefs", "buckets", "securityGroups"] as const;

/** Adds every reference of `from` to `into`. */
export function mergeReferences(into: References, from: References): void {
  for (const key of REFERENCE_KINDS) for (const v of from[key]) into[key].add(v);
}

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/;
const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/([\w-]+)$/;
const KMS_KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Multi-Region key ids: `mrk-` and 32 hex digits (https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html). */
const KMS_MRK_ID = /^mrk-[0-9a-f]{32}$/i;
const KMS_ALIAS = /^(?:arn:aws[\w-]*:kms:[\w-]+:\d{12}:)?alias\/[\w/+=,.@-]+$/;
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/|$)/;
const S3_HTTPS = /^https:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3[.-]/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;

/** The key id in a KMS key ARN; undefined for aliases and anything else. */
export function kmsKeyIdOf(value: string): string | undefined {
  return KMS_KEY_ARN.exec(value)?.[1] ?? (KMS_KEY_ID.test(value) || KMS_MRK_ID.test(value) ? value : undefined);
}

/**
 * Whether a value is one of the forms a KeyId parameter accepts: key id, key ARN, `mrk-` id,
 * alias name or alias ARN (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html#API_DescribeKey_RequestSyntax).
 */
export function isKmsKeyReference(value: string): boolean {
  return kmsKeyIdOf(value) !== undefined || KMS_ALIAS.test(value);
}

/** Notes one key reference in both forms the collectors need. */
export function addKeyReference(refs: References, value: string): void {
  if (!isKmsKeyReference(value)) return;
  refs.kmsKeyRefs.add(value);
  const id = kmsKeyIdOf(value);
  if (id) refs.kmsKeys.add(id);
}

/**
 * Walks a describe response and notes every role, KMS key, bucket and security group it names.
 * Matching values rather than known field names keeps up with the dozens of places SageMaker puts
 * them (RoleArn, ExecutionRole, VolumeKmsKeyId, S3OutputPath, VpcConfig.SecurityGroupIds …).
 * KMS keys are noted in whatever form they are named (aliases too: the KMS collector resolves them).
 */
export function addReferences(refs: References, response: Output): void {
  const walk = (node: unknown, key: string): void => {
    if (typeof node === "string") {
      const role = ROLE_ARN.exec(node);
      if (role?.[1]) {
        refs.roles.add(role[1]);
        refs.roleArns.add(node);
      }
      if (KMS_KEY_ARN.test(node) || (/kms/i.test(key) && isKmsKeyReference(node))) addKeyReference(refs, node);
      const bucket = S3_URI.exec(node) ?? S3_HTTPS.exec(node);
      if (bucket?.[1]) refs.buckets.add(bucket[1]);
      if (SECURITY_GROUP.test(node)) refs.securityGroups.add(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) walk(item, key);
      return;
    }
    if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, k);
    }
  };
  walk(response, "");
}
