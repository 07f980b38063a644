import { GetBucketEncryptionCommand, GetBucketLocationCommand, GetBucketPolicyCommand, GetPublicAccessBlockCommand } from "@aws-sdk/client-s3";
import type { S3Client } from "@aws-sdk/client-s3";
import { GetPublicAccessBlockCommand as GetAccountPublicAccessBlockCommand } from "@aws-sdk/client-s3-control";
import type { S3ControlClient } from "@aws-sdk/client-s3-control";
import type { CallScope } from "./call.js";

/**
 * Error codes S3 documents as "this bucket has no such configuration": answers, not gaps.
 * - GetBucketPolicy: NoSuchBucketPolicy (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketPolicy.html,
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html#ErrorCodeList)
 * - GetBucketEncryption: ServerSideEncryptionConfigurationNotFoundError
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html)
 * - GetPublicAccessBlock (bucket and account): NoSuchPublicAccessBlockConfiguration
 *   (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetPublicAccessBlock.html,
 *   https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html)
 */
export const S3_ANSWERS = {
  GetBucketPolicy: ["NoSuchBucketPolicy"],
  GetBucketEncryption: ["ServerSideEncryptionConfigurationNotFoundError"],
  GetPublicAccessBlock: ["NoSuchPublicAccessBlockConfiguration"],
} as const;

/**
 * The region of a bucket from GetBucketLocation: an empty or absent LocationConstraint means
 * us-east-1, and the legacy value `EU` means eu-west-1
 * (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html).
 */
export function bucketRegion(locationConstraint: unknown): string {
  if (typeof locationConstraint !== "string" || locationConstraint === "") return "us-east-1";
  return locationConstraint === "EU" ? "eu-west-1" : locationConstraint;
}

export interface S3Clients {
  /** Client for the region GetBucketLocation is asked in. */
  locate: S3Client;
  /** Client for the bucket's own region (S3 answers other regions' buckets with a redirect). */
  forRegion: (region: string) => S3Client;
  /** CallScope of S3 calls about buckets in `region`. */
  scope: (region: string) => CallScope;
}

/**
 * The buckets SageMaker resources and trails name, read from S3 in the audited account, each once:
 * GetBucketLocation (in the first collected region), then GetBucketEncryption, GetBucketPolicy and
 * GetPublicAccessBlock in the bucket's own region. A bucket of another account answers
 * AccessDenied (or 301 for another partition) and stays a gap: its checks say ERROR.
 */
export async function collectS3(locateScope: CallScope, clients: S3Clients, buckets: readonly string[]): Promise<void> {
  await Promise.all(
    [...new Set(buckets)].sort().map(async (Bucket) => {
      const location = await locateScope.call("GetBucketLocation", { Bucket }, () => clients.locate.send(new GetBucketLocationCommand({ Bucket })));
      if (!location) return;
      const region = bucketRegion(location.LocationConstraint);
      const scope = clients.scope(region);
      const client = clients.forRegion(region);
      await Promise.all([
        scope.call("GetBucketEncryption", { Bucket }, () => client.send(new GetBucketEncryptionCommand({ Bucket })), { answers: S3_ANSWERS.GetBucketEncryption }),
        scope.call("GetBucketPolicy", { Bucket }, () => client.send(new GetBucketPolicyCommand({ Bucket })), { answers: S3_ANSWERS.GetBucketPolicy }),
        scope.call("GetPublicAccessBlock", { Bucket }, () => client.send(new GetPublicAccessBlockCommand({ Bucket })), { answers: S3_ANSWERS.GetPublicAccessBlock }),
      ]);
    }),
  );
  locateScope.progress(buckets.length);
}

/**
 * The account-level S3 Block Public Access, which S3 combines with each bucket's own (the most
 * restrictive of the two applies): https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html.
 */
export async function collectAccountPublicAccessBlock(scope: CallScope, client: S3ControlClient): Promise<void> {
  const AccountId = scope.account;
  await scope.call("GetPublicAccessBlock", { AccountId }, () => client.send(new GetAccountPublicAccessBlockCommand({ AccountId })), {
    answers: S3_ANSWERS.GetPublicAccessBlock,
  });
}
