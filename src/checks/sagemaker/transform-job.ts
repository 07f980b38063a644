import type { DescribeTransformJobResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { notApplicable } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::TransformJob";
const EVIDENCE = described("TransformJob", "ListTransformJobs");

/**
 * Compliant when batch transform results are encrypted in S3 with a KMS key: TransformOutput.KmsKeyId
 * set (absent: S3's default bucket encryption applies). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TransformOutput.html
 */
export const transformJobOutputKmsEncrypted = defineCheck<DescribeTransformJobResponse>({
  id: "sagemaker.transform-job.output-kms-encrypted",
  title: "Batch transform output is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Batch transform writes one prediction per input record, typically keyed by the subject's identifiers; TransformOutput.KmsKeyId encrypts them under a customer-managed key.",
  remediation: "Start transform jobs with TransformOutput.KmsKeyId set to a customer-managed key (SageMaker Python SDK: Transformer(output_kms_key=…)).",
  evidence: EVIDENCE,
  evaluate: (j, ctx) => kmsKeyVerdict("TransformOutput.KmsKeyId", j.TransformOutput?.KmsKeyId, `results in ${j.TransformOutput?.S3OutputPath ?? "S3"} use the bucket's default encryption only`, ctx),
});

/**
 * Compliant when the transform instances' storage volumes are encrypted with a KMS key
 * (TransformResources.VolumeKmsKeyId). NOT_APPLICABLE on instance types with local NVMe storage,
 * which accept no volume key (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_TransformResources.html).
 */
export const transformJobVolumeKmsEncrypted = defineCheck<DescribeTransformJobResponse>({
  id: "sagemaker.transform-job.volume-kms-encrypted",
  title: "Batch transform storage volumes are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Input records are staged on the transform instances' ML storage volumes; TransformResources.VolumeKmsKeyId keeps them under a customer-managed key.",
  remediation: "Start transform jobs with TransformResources.VolumeKmsKeyId set to a customer-managed key (SageMaker Python SDK: Transformer(volume_kms_key=…)).",
  peers: { prowler: ["sagemaker_transform_job_volume_encrypted_with_cmk"] },
  evidence: EVIDENCE,
  evaluate: (j, ctx) => {
    const resources = j.TransformResources;
    if (hasLocalInstanceStorage(resources?.InstanceType) && !resources?.VolumeKmsKeyId) {
      return notApplicable(`${resources?.InstanceType ?? ""} uses local NVMe instance storage, encrypted in hardware; SageMaker accepts no VolumeKmsKeyId for it`);
    }
    return kmsKeyVerdict("TransformResources.VolumeKmsKeyId", resources?.VolumeKmsKeyId, "the transform volumes use no customer-managed key", ctx);
  },
});
