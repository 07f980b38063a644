import { defineCheck } from "../define.js";
import { parsePolicyDocument, iamMatches } from "../iam/policy.js";
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

/** Compliant when a bucket SageMaker reads or writes has default encryption. */
export const s3SageMakerBucketEncrypted = defineCheck<S3BucketItem>({
  id: "s3.sagemaker-bucket.encrypted",
  title: "S3 buckets used by SageMaker encrypt by default with a KMS key",
  resourceType: "AWS::S3::Bucket",
  severity: "high",
  rationale: "Training data, model artefacts and captured inferences live in these buckets; default encryption protects objects written without an explicit key.",
  remediation: "aws s3api put-bucket-encryption --bucket <bucket> with SSE-KMS and a customer-managed key (Terraform: aws_s3_bucket_server_side_encryption_configuration, sse_algorithm = \"aws:kms\").",
  awsConfigRule: "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
  evidence: s3Evidence("GetBucketEncryption"),
  targets: referencedBuckets,
  evaluate: bucketEncryption,
});

const FALSE = (v: unknown): boolean => (Array.isArray(v) ? v.some(FALSE) : String(v).toLowerCase() === "false");

/** A Deny of object reads and writes for every principal whenever aws:SecureTransport is false. */
function deniesInsecureTransport(s: Statement): boolean {
  if (s.effect !== "Deny") return false;
  const principal = s.principal;
  const everyone = principal === "*" || (typeof principal === "object" && principal !== null && (principal as { AWS?: unknown }).AWS === "*");
  if (!everyone) return false;
  const actions = s.actions ?? [];
  if (!["s3:GetObject", "s3:PutObject"].every((a) => actions.some((p) => iamMatches(p, a)))) return false;
  return Object.entries(s.condition).some(([op, keys]) => /^Bool(IfExists)?$/.test(op) && Object.entries(keys).some(([k, v]) => k.toLowerCase() === "aws:securetransport" && FALSE(v)));
}

/** Compliant when the bucket policy denies every request not made over TLS. */
export const s3SageMakerBucketTlsOnly = defineCheck<S3BucketItem>({
  id: "s3.sagemaker-bucket.tls-only",
  title: "S3 buckets used by SageMaker refuse requests without TLS",
  resourceType: "AWS::S3::Bucket",
  severity: "medium",
  rationale: "S3 accepts plain HTTP unless the bucket policy forbids it; a Deny on aws:SecureTransport = false guarantees data in transit to and from the bucket is encrypted.",
  remediation:
    "Add to the bucket policy: {\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::<bucket>\",\"arn:aws:s3:::<bucket>/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}.",
  awsConfigRule: "S3_BUCKET_SSL_REQUESTS_ONLY",
  evidence: s3Evidence("GetBucketPolicy"),
  targets: referencedBuckets,
  evaluate: (bucket) => {
    const text = bucket.supplementaryConfiguration?.BucketPolicy?.policyText;
    if (!text) return fail("the bucket has no bucket policy, so plain-HTTP requests are accepted");
    const statements = parsePolicyDocument(text);
    const deny = statements.find(deniesInsecureTransport);
    return deny ? pass(`bucket policy statement ${deny.label} denies requests with aws:SecureTransport = false`) : fail("the bucket policy has no Deny for aws:SecureTransport = false covering object reads and writes");
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
