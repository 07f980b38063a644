import { defineCheck } from "../define.js";
import { evaluateConditions } from "../iam/conditions.js";
import { actionApplies, principalApplies, resourceApplies } from "../iam/evaluate.js";
import type { RequestPrincipal } from "../iam/evaluate.js";
import { PolicyDocumentError, describeConditions, parsePolicyDocument } from "../iam/policy.js";
import type { Statement } from "../iam/policy.js";
import { referencedBuckets } from "../references.js";
import type { Verdict } from "../types.js";
import { fail, gap, pass } from "../verdict.js";

/** The parts of an `AWS::S3::Bucket` configuration item these checks read (supplementary values parsed). */
export interface S3BucketItem {
  name?: string;
  supplementaryConfiguration?: {
    ServerSideEncryptionConfiguration?: { rules?: { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string; kmsMasterKeyID?: string } }[] };
    BucketPolicy?: { policyText?: string | null };
    PublicAccessBlockConfiguration?: PublicAccessBlock;
  };
  /**
   * The account's Block Public Access (S3 Control GetPublicAccessBlock, or AWS Config's
   * AWS::S3::AccountPublicAccessBlock item): `null` when the account has none, absent when unknown.
   */
  accountPublicAccessBlock?: PublicAccessBlock | null;
  /** Why the account-level block is unknown, when its call failed. */
  accountPublicAccessBlockError?: string;
}

interface PublicAccessBlock {
  blockPublicAcls?: boolean;
  ignorePublicAcls?: boolean;
  blockPublicPolicy?: boolean;
  restrictPublicBuckets?: boolean;
}

const CONFIG_EVIDENCE = ["config:SelectResourceConfig", "config:BatchGetResourceConfig", "config:SelectAggregateResourceConfig"];
/** Each check also needs the bucket's location and its own S3 call (a failure of that call is ERROR). */
const s3Evidence = (operation: string): string[] => [...CONFIG_EVIDENCE, "s3:GetBucketLocation", `s3:${operation}`];

/**
 * Default encryption of a bucket, shared with the data-capture destination check. Since 5 January
 * 2023 S3 applies SSE-S3 to every bucket that has no other default encryption, and
 * GetBucketEncryption always returns a rule ("Amazon S3 now applies server-side encryption with
 * Amazon S3 managed keys (SSE-S3) as the base level of encryption for every bucket"):
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html. So an item without
 * ServerSideEncryptionConfiguration means the setting was not recorded, not that the bucket is
 * unencrypted: ERROR, never a FAIL the user cannot fix, and never a PASS. Since SSE-S3 is now every
 * bucket's floor, the check asks for what the floor lacks: a KMS key (SSEAlgorithm aws:kms or
 * aws:kms:dsse), whose key policy controls decryption and whose use CloudTrail records.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_ServerSideEncryptionByDefault.html
 */
export function bucketEncryption(bucket: S3BucketItem): Verdict {
  const configuration = bucket.supplementaryConfiguration?.ServerSideEncryptionConfiguration;
  if (configuration === undefined) return gap("evidence gap: the bucket's default encryption (ServerSideEncryptionConfiguration) was not recorded");
  const rules = configuration.rules ?? [];
  const defaults = rules.map((r) => r.applyServerSideEncryptionByDefault).filter((d) => d?.sseAlgorithm);
  if (defaults.length === 0) return gap("evidence gap: the recorded ServerSideEncryptionConfiguration names no SSEAlgorithm");
  if (!defaults.some((d) => d?.sseAlgorithm?.startsWith("aws:kms"))) {
    return fail(`default encryption is ${defaults.map((d) => d?.sseAlgorithm ?? "").join(", ")} (SSE-S3, the baseline S3 applies to every bucket): no KMS key controls or logs decryption`);
  }
  return pass(`default encryption ${defaults.map((d) => `${d?.sseAlgorithm ?? ""}${d?.kmsMasterKeyID ? ` with ${d.kmsMasterKeyID}` : ""}`).join(", ")}`);
}

/**
 * Compliant when a bucket SageMaker reads or writes has SSE-KMS default encryption (SSEAlgorithm
 * aws:kms or aws:kms:dsse). Since January 2023 S3 applies SSE-S3 to every bucket, so an absent
 * value means "not recorded" (ERROR), and SSE-S3 alone FAILs: no KMS key controls or logs decryption.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html
 */
export const s3SageMakerBucketEncrypted = defineCheck<S3BucketItem>({
  id: "s3.sagemaker-bucket.encrypted",
  title: "S3 buckets used by SageMaker encrypt by default with a KMS key",
  resourceType: "AWS::S3::Bucket",
  severity: "high",
  rationale: "Training data, model artefacts and captured inferences live in these buckets; default encryption protects objects written without an explicit key.",
  remediation: "aws s3api put-bucket-encryption --bucket <bucket> with SSE-KMS and a customer-managed key (Terraform: aws_s3_bucket_server_side_encryption_configuration, sse_algorithm = \"aws:kms\").",
  awsConfigRule: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
  peers: { securityHub: ["S3.17"], prowler: ["s3_bucket_kms_encryption"] },
  evidence: s3Evidence("GetBucketEncryption"),
  targets: referencedBuckets,
  evaluate: bucketEncryption,
});

/** Anyone who might send a plain-HTTP request: an anonymous caller, another account, a role session, a service. */
const ANY_PRINCIPAL: readonly RequestPrincipal[] = [
  "anonymous",
  { AWS: "arn:aws:iam::999999999999:root" },
  { AWS: "arn:aws:sts::999999999999:assumed-role/zz-sageaudit-probe/session" },
  { Service: "sagemaker.amazonaws.com" },
];
const SECURE_TRANSPORT = "aws:SecureTransport";

/**
 * Why a statement is not a Deny of every plain-HTTP object read and write, or undefined when it
 * is one. It must be a Deny that applies, by the IAM evaluation logic (../iam/evaluate.ts), to
 * every principal, to s3:GetObject and s3:PutObject on the bucket's objects, whenever
 * aws:SecureTransport is false — its conditions must hold for that request whatever else it
 * carries, so a condition on any other key ANDed to it leaves insecure requests allowed
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html#transit,
 * https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule).
 */
function insecureTransportGap(s: Statement, bucketArn: string): string | undefined {
  const object = `${bucketArn}/zz-sageaudit-probe/object`;
  const insecure = { [SECURE_TRANSPORT]: "false" };
  if (s.effect !== "Deny") return "is not a Deny";
  if (s.notPrincipal) return `does not apply to every principal (NotPrincipal exempts ${JSON.stringify(s.notPrincipal)})`;
  if (ANY_PRINCIPAL.some((p) => !principalApplies(s, p))) return `does not apply to every principal (Principal ${JSON.stringify(s.principal ?? null)})`;
  const actions = ["s3:GetObject", "s3:PutObject"].filter((a) => !actionApplies(s, a));
  if (actions.length > 0) return `does not cover ${actions.join(" and ")}`;
  if (!resourceApplies(s, object)) return `does not cover the bucket's objects (${bucketArn}/*)`;
  const others = s.conditions.filter((c) => c.key.toLowerCase() !== SECURE_TRANSPORT.toLowerCase());
  if (others.length > 0) return `denies only when also ${describeConditions(others)}, so other insecure requests are allowed`;
  if (s.conditions.length === 0) return undefined;
  return evaluateConditions(s.conditions, insecure, s.variables) ? undefined : `does not apply when aws:SecureTransport is false (${describeConditions(s.conditions)})`;
}

/**
 * Compliant when the bucket policy has a Deny for every principal on s3:GetObject and s3:PutObject
 * of the bucket's objects when aws:SecureTransport is false, judged by the IAM evaluator (the
 * statement must apply to every insecure request, with no extra condition that narrows it).
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html (enforce encryption of data in transit)
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-securetransport
 */
export const s3SageMakerBucketTlsOnly = defineCheck<S3BucketItem>({
  id: "s3.sagemaker-bucket.tls-only",
  title: "S3 buckets used by SageMaker refuse requests without TLS",
  resourceType: "AWS::S3::Bucket",
  severity: "medium",
  rationale: "S3 accepts plain HTTP unless the bucket policy forbids it; a Deny on aws:SecureTransport = false guarantees data in transit to and from the bucket is encrypted.",
  remediation:
    "Add to the bucket policy: {\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::<bucket>\",\"arn:aws:s3:::<bucket>/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}.",
  awsConfigRule: "S3_BUCKET_SSL_REQUESTS_ONLY",
  peers: { securityHub: ["S3.5"], prowler: ["s3_bucket_secure_transport_policy"] },
  evidence: s3Evidence("GetBucketPolicy"),
  targets: referencedBuckets,
  evaluate: (bucket) => {
    const text = bucket.supplementaryConfiguration?.BucketPolicy?.policyText;
    if (!text) return fail("the bucket has no bucket policy, so plain-HTTP requests are accepted");
    let statements: Statement[];
    try {
      statements = parsePolicyDocument(text);
    } catch (e) {
      if (!(e instanceof PolicyDocumentError)) throw e;
      return gap(`evidence gap: the bucket policy of ${bucket.name ?? "the bucket"} cannot be read: ${e.message}`);
    }
    const bucketArn = `arn:aws:s3:::${bucket.name ?? ""}`;
    const deny = statements.find((s) => insecureTransportGap(s, bucketArn) === undefined);
    if (deny) return pass(`bucket policy statement ${deny.label} denies s3:GetObject and s3:PutObject on the bucket's objects to every principal when aws:SecureTransport is false`);
    const nearMisses = statements
      .filter((s) => s.effect === "Deny" && s.conditions.some((c) => c.key.toLowerCase() === SECURE_TRANSPORT.toLowerCase()))
      .map((s) => `statement ${s.label} ${insecureTransportGap(s, bucketArn) ?? ""}`);
    return fail(`the bucket policy has no Deny for aws:SecureTransport = false covering object reads and writes by every principal${nearMisses.length > 0 ? `: ${nearMisses.join("; ")}` : ""}`);
  },
});

const BLOCK_SETTINGS = ["blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"] as const;

/**
 * Compliant when all four S3 Block Public Access settings are in effect for the bucket. S3 applies
 * the most restrictive combination of the bucket's and the account's settings, so each setting is
 * in effect when it is on at either level
 * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html,
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html).
 */
export const s3SageMakerBucketPublicAccessBlocked = defineCheck<S3BucketItem>({
  id: "s3.sagemaker-bucket.public-access-blocked",
  title: "S3 buckets used by SageMaker block public access",
  resourceType: "AWS::S3::Bucket",
  severity: "critical",
  rationale: "A bucket that can be made public by one ACL or policy change is one mistake away from publishing regulated data; Block Public Access overrides such changes.",
  remediation: "aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (Terraform: aws_s3_bucket_public_access_block), or the same for the whole account with aws s3control put-public-access-block.",
  awsConfigRule: "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
  peers: { securityHub: ["S3.8"], prowler: ["s3_bucket_level_public_access_block"] },
  evidence: s3Evidence("GetPublicAccessBlock"),
  targets: referencedBuckets,
  evaluate: (bucket) => {
    const own = bucket.supplementaryConfiguration?.PublicAccessBlockConfiguration;
    const account = bucket.accountPublicAccessBlock;
    const onBucket = BLOCK_SETTINGS.filter((k) => own?.[k] === true);
    const onAccount = BLOCK_SETTINGS.filter((k) => account?.[k] === true);
    const off = BLOCK_SETTINGS.filter((k) => !onBucket.includes(k) && !onAccount.includes(k));
    if (off.length === 0) {
      const where = onBucket.length === BLOCK_SETTINGS.length ? "on the bucket" : onAccount.length === BLOCK_SETTINGS.length ? "on the account" : "between the bucket and the account";
      return pass(`all four public access block settings are in effect (${where})`);
    }
    const observed = `${own ? `bucket-level ${off.join(", ")} ${off.length === 1 ? "is" : "are"} not true` : "no bucket-level PublicAccessBlockConfiguration"}`;
    if (account === undefined) {
      const why = bucket.accountPublicAccessBlockError ? ` (s3control:GetPublicAccessBlock failed: ${bucket.accountPublicAccessBlockError})` : "";
      return gap(`evidence gap: ${observed}, and the account-level Block Public Access, which could still block them, was not collected${why}`);
    }
    return fail(`${observed}, and ${account === null ? "the account has no account-level Block Public Access" : "not true at account level either"}`);
  },
});
