import type { DescribeMlflowTrackingServerResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass, shown } from "../verdict.js";
import { described } from "./shared.js";

const S3_URI = /^s3:\/\/([^/]+)/;

/**
 * Compliant when the tracking server keeps its artifacts in an S3 bucket of the account's, so the
 * bucket is a referenced supporting resource and s3.sagemaker-bucket.encrypted, .tls-only and
 * .public-access-blocked judge it (they cite this server as a referrer). This check judges only that
 * ArtifactStoreUri is an s3:// URI naming a bucket; the bucket's own security is those checks'
 * findings. DescribeMlflowTrackingServer has no KmsKeyId (the tracking server's metadata store is
 * encrypted by SageMaker), so no key is judged here.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowTrackingServer.html (ArtifactStoreUri)
 */
export const mlflowArtifactStoreSecured = defineCheck<DescribeMlflowTrackingServerResponse>({
  id: "sagemaker.mlflow.artifact-store-secured",
  title: "MLflow tracking servers store artifacts in an S3 bucket judged by the S3 checks",
  resourceType: "AWS::SageMaker::MlflowTrackingServer",
  severity: "medium",
  rationale: "Experiment artifacts include models and sample data; they are only as protected as the bucket that holds them, which must be encrypted, TLS-only and not public.",
  remediation: "Create the tracking server with ArtifactStoreUri=s3://<bucket>/<prefix> on a bucket with SSE-KMS default encryption, a TLS-only bucket policy and Block Public Access.",
  evidence: described("MlflowTrackingServer"),
  evaluate: (t) => {
    const bucket = S3_URI.exec(t.ArtifactStoreUri ?? "")?.[1];
    return bucket
      ? pass(`ArtifactStoreUri is ${t.ArtifactStoreUri}: bucket ${bucket} is judged by s3.sagemaker-bucket.encrypted, s3.sagemaker-bucket.tls-only and s3.sagemaker-bucket.public-access-blocked`)
      : fail(`ArtifactStoreUri is ${shown(t.ArtifactStoreUri)}: no S3 bucket the S3 checks can judge`);
  },
});
