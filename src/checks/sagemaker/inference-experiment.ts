import type { DescribeInferenceExperimentResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::InferenceExperiment";
const EVIDENCE = described("InferenceExperiment");

/**
 * Compliant when both stores of an inference (shadow) experiment use a customer-managed key:
 * DescribeInferenceExperiment KmsKey ("the key that Amazon SageMaker uses to encrypt data on the
 * storage volume attached to the ML compute instance that hosts the endpoint") and, when the
 * experiment captures requests and responses (DataStorageConfig set), DataStorageConfig.KmsKey
 * ("encrypt captured data at rest using Amazon S3 server-side encryption"). Without
 * DataStorageConfig nothing is captured and only KmsKey is judged.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceExperiment.html (KmsKey, DataStorageConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceExperimentDataStorageConfig.html (KmsKey, Destination)
 * Peers: Security Hub SageMaker.23 judges KmsKey and SageMaker.24 DataStorageConfig.KmsKey, one
 * control each; this check fails when either does.
 */
export const inferenceExperimentKmsEncrypted = defineCheck<DescribeInferenceExperimentResponse>({
  id: "sagemaker.inference-experiment.kms-encrypted",
  title: "Inference experiments encrypt instance storage and captured data with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "A shadow test sends copies of production requests (ePHI, personal data) to the shadow variant and can capture every request and response to S3; both the instance volumes and the captured data need a customer-managed key.",
  remediation:
    "Create the inference experiment with KmsKey and DataStorageConfig.KmsKey set to customer-managed keys (CreateInferenceExperiment; the keys cannot be changed by UpdateInferenceExperiment, so stop the experiment and start a new one).",
  peers: { securityHub: ["SageMaker.23", "SageMaker.24"] },
  evidence: EVIDENCE,
  evaluate: (ex, ctx) => {
    const storage = kmsKeyVerdict("KmsKey", ex.KmsKey, "the storage volumes of the experiment's instances use no customer-managed key", ctx);
    const capture = ex.DataStorageConfig
      ? kmsKeyVerdict("DataStorageConfig.KmsKey", ex.DataStorageConfig.KmsKey, `data captured to ${ex.DataStorageConfig.Destination ?? "S3"} uses the bucket's default encryption only`, ctx)
      : undefined;
    const verdicts = capture ? [storage, capture] : [storage];
    const ids = [...new Set(verdicts.flatMap((v) => v.evidenceIds ?? []))];
    const evidenceIds = ids.length > 0 ? ids : undefined;
    const failed = verdicts.filter((v) => v.status === "FAIL");
    if (failed.length > 0) return fail(failed.map((v) => v.reason).join("; "), evidenceIds);
    const reasons = verdicts.map((v) => v.reason);
    if (!capture) reasons.push("DataStorageConfig is not set: no data is captured");
    return pass(reasons.join("; "), evidenceIds);
  },
});
