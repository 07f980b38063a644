import type { DescribeMlflowAppResponse, DescribeMlflowTrackingServerResponse } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { s3SageMakerBucketEncrypted, s3SageMakerBucketPublicAccessBlocked, s3SageMakerBucketTlsOnly } from "../s3/bucket.js";
import type { S3BucketItem } from "../s3/bucket.js";
import type { CheckContext, Verdict } from "../types.js";
import { fail, gap, pass, shown } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const S3_URI = /^s3:\/\/([^/]+)/;
const BUCKET_CHECKS = [s3SageMakerBucketEncrypted, s3SageMakerBucketTlsOnly, s3SageMakerBucketPublicAccessBlocked];

/**
 * Compliant when the tracking server's artifact store is a bucket that passes the three S3 checks:
 * the bucket of DescribeMlflowTrackingServer ArtifactStoreUri (an s3:// URI, required at creation)
 * is a referenced supporting resource, so s3.sagemaker-bucket.encrypted, .tls-only and
 * .public-access-blocked judge it on their own; this check applies the same three rules to it and
 * passes only when all three pass (FAIL naming the failing rules; ERROR when the bucket's AWS Config
 * item was not collected or a rule lacks evidence). DescribeMlflowTrackingServer has no KmsKeyId
 * field (SageMaker encrypts the tracking server's own metadata store), so no key is judged; the
 * artifacts' key is the bucket's default encryption, judged by s3.sagemaker-bucket.encrypted.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowTrackingServer.html (ArtifactStoreUri),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateMlflowTrackingServer.html (ArtifactStoreUri required)
 *
 * MLflow apps (DescribeMlflowApp) are judged the same way on their ArtifactStoreUri, and also on
 * their KmsKeyId, the key that encrypts the app's own data: it must be a customer-managed key in a
 * usable state (kmsKeyVerdict; unset means an AWS owned key). Any FAIL fails the finding; PASS needs
 * every part to pass. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowApp.html
 */
export const mlflowArtifactStoreSecured = defineCheck<DescribeMlflowTrackingServerResponse & DescribeMlflowAppResponse>({
  id: "sagemaker.mlflow.artifact-store-secured",
  title: "MLflow tracking servers and apps store artifacts in an encrypted, TLS-only, non-public bucket (apps: with a customer-managed key)",
  resourceType: "AWS::SageMaker::MlflowTrackingServer",
  resourceTypes: ["AWS::SageMaker::MlflowTrackingServer", "AWS::SageMaker::MlflowApp"],
  severity: "medium",
  rationale: "Experiment artifacts include models and sample data; they are only as protected as the bucket that holds them, which must be KMS-encrypted, TLS-only and not public.",
  remediation: "Give the ArtifactStoreUri bucket SSE-KMS default encryption, a bucket policy denying aws:SecureTransport=false and all four Block Public Access settings, or create the tracking server or app on such a bucket; create MLflow apps with KmsKeyId set to a customer-managed key.",
  evidence: [...described("MlflowTrackingServer"), ...described("MlflowApp"), "config:SelectResourceConfig", "config:BatchGetResourceConfig", "config:SelectAggregateResourceConfig"],
  evaluate: (t, ctx) => {
    const store = artifactStoreVerdict(t, ctx);
    if (ctx.resource.type !== "AWS::SageMaker::MlflowApp") return store;
    const key = kmsKeyVerdict("KmsKeyId", t.KmsKeyId, "the app's data is encrypted with an AWS owned key only", ctx);
    const reason = `${store.reason}; ${key.reason}`;
    const ids = [...new Set([...(store.evidenceIds ?? []), ...(key.evidenceIds ?? [])])].sort();
    if (store.status === "FAIL" || key.status === "FAIL") return fail(reason, ids);
    if (store.status === "PASS" && key.status === "PASS") return pass(reason, ids);
    return gap(reason, ids);
  },
});

/** The three S3 bucket rules applied to the ArtifactStoreUri bucket. */
function artifactStoreVerdict(t: { ArtifactStoreUri?: string | undefined }, { resource, inventory }: CheckContext<unknown>): Verdict {
  const name = S3_URI.exec(t.ArtifactStoreUri ?? "")?.[1];
  if (!name) return fail(`ArtifactStoreUri is ${shown(t.ArtifactStoreUri)}: no S3 bucket whose protection can be judged`);
  const bucket = resourcesOfType<S3BucketItem>(inventory, "AWS::S3::Bucket").find((b) => b.name === name);
  if (!bucket?.config) return gap(`evidence gap: no AWS Config configuration item for bucket ${name} (artifact store of ${resource.name})`);
  const config = bucket.config;
  const verdicts = BUCKET_CHECKS.map((c) => ({ id: c.id, verdict: c.evaluate(config, { resource: bucket, inventory, scopeGaps: [] }) }));
  const summary = verdicts.map(({ id, verdict }) => `${id} ${verdict.status}: ${verdict.reason}`).join("; ");
  const ids = [...new Set([...bucket.evidenceIds, ...verdicts.flatMap(({ verdict }) => verdict.evidenceIds ?? [])])].sort();
  const reason = `artifact bucket ${name}: ${summary}`;
  if (verdicts.some(({ verdict }) => verdict.status === "FAIL")) return fail(reason, ids);
  if (verdicts.every(({ verdict }) => verdict.status === "PASS")) return pass(reason, ids);
  return gap(reason, ids);
}
