import { defineCheck } from "../define.js";
import { referencedKeys } from "../references.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";

/** The parts of an `AWS::KMS::Key` configuration item this check reads. */
export interface KeyItem {
  keyId?: string;
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

/** Compliant when a customer-managed key SageMaker uses rotates automatically and is not being deleted. */
export const kmsSageMakerKeyRotationEnabled = defineCheck<KeyItem>({
  id: "kms.sagemaker-key.rotation-enabled",
  title: "KMS keys used by SageMaker rotate and are not pending deletion",
  resourceType: "AWS::KMS::Key",
  severity: "medium",
  rationale:
    "Rotation limits how much data one key version protects; a key pending deletion or disabled makes every volume, artefact and capture encrypted with it unreadable (loss of availability and integrity of the data).",
  remediation: "aws kms enable-key-rotation --key-id <key> (Terraform: enable_key_rotation = true); cancel a scheduled deletion with aws kms cancel-key-deletion and re-enable the key.",
  awsConfigRule: "CMK_BACKING_KEY_ROTATION_ENABLED",
  evidence: ["config:SelectResourceConfig", "config:BatchGetResourceConfig", "config:SelectAggregateResourceConfig"],
  targets: referencedKeys,
  evaluate: (key) => {
    if (key.keyState === "PendingDeletion") return fail(`keyState is PendingDeletion${key.deletionDate ? ` (deletion on ${key.deletionDate})` : ""}`);
    if (key.keyState === "Disabled") return fail("keyState is Disabled: data encrypted with it cannot be decrypted");
    if (key.keyManager === "AWS") return notApplicable("AWS managed key: AWS rotates it every year");
    if (key.origin && key.origin !== "AWS_KMS") return notApplicable(`origin is ${key.origin}: automatic rotation is not supported, rotate by re-importing key material`);
    const rotates = rotation(key);
    if (rotates === undefined) return gap("evidence gap: the configuration item does not record the key's rotation status");
    return rotates ? pass(`key rotation is enabled (keyState ${key.keyState ?? "unknown"})`) : fail("key rotation is disabled");
  },
});
