import type { Output } from "./call.js";

/** Supporting resources that SageMaker resources (and trails) point at, per account and region. */
export interface References {
  roles: Set<string>;
  kmsKeys: Set<string>;
  buckets: Set<string>;
  securityGroups: Set<string>;
}

export const emptyReferences = (): References => ({ roles: new Set(), kmsKeys: new Set(), buckets: new Set(), securityGroups: new Set() });

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/;
const KMS_KEY_ARN = /^arn:aws[\w-]*:kms:[\w-]+:\d{12}:key\/([\w-]+)$/;
const KMS_KEY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(?:\/|$)/;
const S3_HTTPS = /^https:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\.s3[.-]/;
const SECURITY_GROUP = /^sg-[0-9a-f]{8,17}$/;

/** The key id in a KMS key ARN; undefined for aliases and anything else. */
export function kmsKeyIdOf(value: string): string | undefined {
  return KMS_KEY_ARN.exec(value)?.[1] ?? (KMS_KEY_ID.test(value) ? value : undefined);
}

/**
 * Walks a describe response and notes every role, KMS key, bucket and security group it names.
 * Matching values rather than known field names keeps up with the dozens of places SageMaker puts
 * them (RoleArn, ExecutionRole, VolumeKmsKeyId, S3OutputPath, VpcConfig.SecurityGroupIds …).
 * KMS aliases cannot be resolved to a key without the KMS API, so they are not followed.
 */
export function addReferences(refs: References, response: Output): void {
  const walk = (node: unknown, key: string): void => {
    if (typeof node === "string") {
      const role = ROLE_ARN.exec(node);
      if (role?.[1]) refs.roles.add(role[1]);
      const keyArn = KMS_KEY_ARN.exec(node);
      if (keyArn?.[1]) refs.kmsKeys.add(keyArn[1]);
      else if (/kms/i.test(key) && KMS_KEY_ID.test(node)) refs.kmsKeys.add(node);
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
