import { defineCheck } from "../define.js";
import { referencedKeys } from "../references.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";

/**
 * The parts of an `AWS::KMS::Key` item these checks read: an AWS Config item, or the same shape
 * built from DescribeKey's KeyMetadata (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html),
 * GetKeyRotationStatus and ListAliases.
 */
export interface KeyItem {
  keyId?: string;
  arn?: string;
  aliases?: string[];
  /** Whether automatic rotation is possible at all (false: asymmetric, HMAC, imported or custom key store keys). */
  rotationSupported?: boolean;
  keyManager?: string;
  keyState?: string;
  origin?: string;
  keySpec?: string;
  deletionDate?: string;
  keyRotationEnabled?: boolean;
  supplementaryConfiguration?: { KeyRotationStatus?: boolean | { keyRotationEnabled?: boolean } };
}

/** Rotation status: recorded in the item itself or as supplementary configuration, depending on the collector. */
function rotation(key: KeyItem): boolean | undefined {
  if (typeof key.keyRotationEnabled === "boolean") return key.keyRotationEnabled;
  const supplementary = key.supplementaryConfiguration?.KeyRotationStatus;
  if (typeof supplementary === "boolean") return supplementary;
  return supplementary?.keyRotationEnabled;
}

const KEY_EVIDENCE = [
  "config:SelectResourceConfig",
  "config:BatchGetResourceConfig",
  "config:SelectAggregateResourceConfig",
  "kms:ListAliases",
  "kms:DescribeKey",
];

/** How a key is named in reasons: its first alias and its id. */
function label(key: KeyItem, fallback: string): string {
  const alias = key.aliases?.[0];
  const id = key.keyId ?? fallback;
  return alias && alias !== id ? `${alias} (${id})` : id;
}

/**
 * Compliant when a customer-managed key SageMaker uses rotates automatically and is not being deleted.
 * - A key Disabled or PendingDeletion can decrypt nothing: every volume, artefact and capture under it
 *   is unreadable (KeyState, https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html).
 * - AWS managed keys rotate every year and cannot be configured: NOT_APPLICABLE
 *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html).
 * - Automatic rotation exists only for symmetric keys with AWS_KMS key material outside custom key
 *   stores: others are NOT_APPLICABLE, rotated by hand (https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys.html).
 */
export const kmsSageMakerKeyRotationEnabled = defineCheck<KeyItem>({
  id: "kms.sagemaker-key.rotation-enabled",
  title: "KMS keys used by SageMaker rotate and are not pending deletion",
  resourceType: "AWS::KMS::Key",
  severity: "medium",
  rationale:
    "Rotation limits how much data one key version protects; a key pending deletion or disabled makes every volume, artefact and capture encrypted with it unreadable (loss of availability and integrity of the data).",
  remediation: "aws kms enable-key-rotation --key-id <key> (Terraform: enable_key_rotation = true); cancel a scheduled deletion with aws kms cancel-key-deletion and re-enable the key.",
  awsConfigRule: "CMK_BACKING_KEY_ROTATION_ENABLED",
  peers: { securityHub: ["KMS.4", "KMS.3"], prowler: ["kms_cmk_rotation_enabled", "kms_cmk_not_deleted_unintentionally"] },
  evidence: [...KEY_EVIDENCE, "kms:GetKeyRotationStatus"],
  targets: referencedKeys,
  evaluate: (key) => {
    if (key.keyState === "PendingDeletion") return fail(`keyState is PendingDeletion${key.deletionDate ? ` (deletion on ${key.deletionDate})` : ""}`);
    if (key.keyState === "Disabled") return fail("keyState is Disabled: data encrypted with it cannot be decrypted");
    if (key.keyManager === "AWS") return notApplicable("AWS managed key: AWS rotates it every year");
    if (key.origin && key.origin !== "AWS_KMS") return notApplicable(`origin is ${key.origin}: automatic rotation is not supported, rotate by re-importing key material`);
    if (key.keySpec && key.keySpec !== "SYMMETRIC_DEFAULT") return notApplicable(`keySpec is ${key.keySpec}: automatic rotation exists only for symmetric encryption keys`);
    if (key.rotationSupported === false) return notApplicable("GetKeyRotationStatus answered UnsupportedOperationException: this key cannot rotate automatically");
    const rotates = rotation(key);
    if (rotates === undefined) return gap("evidence gap: the configuration item does not record the key's rotation status");
    return rotates ? pass(`key rotation is enabled (keyState ${key.keyState ?? "unknown"})`) : fail("key rotation is disabled");
  },
});

/**
 * Compliant when every key a SageMaker resource (or a trail) names is customer managed: KeyManager
 * CUSTOMER. AWS managed keys (KeyManager AWS, `alias/aws/…`) have a key policy nobody can change,
 * so access to the data cannot be restricted or revoked through the key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html#KMS-Type-KeyMetadata-KeyManager).
 * An `alias/aws/…` reference is AWS managed by name; a key that cannot be resolved is ERROR.
 */
export const kmsSageMakerKeyCustomerManaged = defineCheck<KeyItem>({
  id: "kms.sagemaker-key.customer-managed",
  title: "KMS keys used by SageMaker and CloudTrail are customer managed",
  resourceType: "AWS::KMS::Key",
  severity: "high",
  rationale:
    "Only a customer managed key has a key policy and grants the organisation controls: who may decrypt regulated data can be restricted, audited and revoked (crypto-shredding). An AWS managed key (alias/aws/sagemaker, alias/aws/s3, …) lets every principal of the account that may use the service decrypt.",
  remediation:
    "Create a customer managed key (aws kms create-key; Terraform: aws_kms_key with enable_key_rotation = true), give it a key policy for the SageMaker execution roles, and name it in the resource's KmsKeyId (most SageMaker resources must be recreated to change their key).",
  evidence: KEY_EVIDENCE,
  targets: referencedKeys,
  evaluate: (key, { resource }) => {
    const name = label(key, resource.name);
    if (key.keyManager === "CUSTOMER") return pass(`${name} has KeyManager CUSTOMER`);
    if (key.keyManager === "AWS") return fail(`${name} has KeyManager AWS: an AWS managed key, whose key policy cannot restrict or revoke access`);
    return gap(`evidence gap: the key item of ${name} does not record its KeyManager`);
  },
});
