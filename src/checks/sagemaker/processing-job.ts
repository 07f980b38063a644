import type { DescribeProcessingJobResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { notApplicable } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, flagVerdict, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::ProcessingJob";
const EVIDENCE = described("ProcessingJob", "ListProcessingJobs");

/**
 * Compliant when traffic between processing instances is encrypted
 * (NetworkConfig.EnableInterContainerTrafficEncryption, default false). A job on one instance
 * (ProcessingResources.ClusterConfig.InstanceCount 1, the default) has no inter-container traffic:
 * NOT_APPLICABLE. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html,
 * API_ProcessingClusterConfig.html
 */
export const processingJobInterContainerEncryption = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.inter-container-encryption",
  title: "Processing jobs encrypt inter-container traffic",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Distributed processing (Spark, Dask) shuffles raw records between instances; unencrypted, that data crosses the network in clear.",
  remediation: "Start processing jobs with NetworkConfig.EnableInterContainerTrafficEncryption=true (SageMaker Python SDK: network_config=NetworkConfig(encrypt_inter_container_traffic=True)).",
  evidence: EVIDENCE,
  evaluate: (j) => {
    const count = j.ProcessingResources?.ClusterConfig?.InstanceCount ?? 1;
    if (count <= 1) return notApplicable("the job runs on one instance (ClusterConfig.InstanceCount 1): there is no inter-container traffic");
    return flagVerdict("NetworkConfig.EnableInterContainerTrafficEncryption", j.NetworkConfig?.EnableInterContainerTrafficEncryption, `traffic between the ${count} processing instances is not encrypted`);
  },
});

/**
 * Compliant when the processing containers can make no outbound network calls:
 * NetworkConfig.EnableNetworkIsolation true (absent NetworkConfig or flag means false).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html
 */
export const processingJobNetworkIsolation = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.network-isolation",
  title: "Processing jobs run with network isolation",
  resourceType: TYPE,
  severity: "medium",
  rationale: "A network-isolated processing container cannot send the data it transforms anywhere but the configured outputs.",
  remediation: "Start processing jobs with NetworkConfig.EnableNetworkIsolation=true (SageMaker Python SDK: network_config=NetworkConfig(enable_network_isolation=True)).",
  evidence: EVIDENCE,
  evaluate: (j) => flagVerdict("NetworkConfig.EnableNetworkIsolation", j.NetworkConfig?.EnableNetworkIsolation, "processing containers can reach the network"),
});

/**
 * Compliant when the job's S3 outputs are encrypted with a KMS key: ProcessingOutputConfig.KmsKeyId
 * set. The key "is applied to all outputs" that go to S3; a job without ProcessingOutputConfig, or
 * whose outputs all go to Feature Store (FeatureStoreOutput), writes nothing this key would encrypt:
 * NOT_APPLICABLE. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProcessingOutputConfig.html, API_ProcessingOutput.html
 */
export const processingJobOutputKmsEncrypted = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.output-kms-encrypted",
  title: "Processing job output is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Processing output is usually a transformed copy of regulated data; ProcessingOutputConfig.KmsKeyId encrypts it in S3 under a customer-managed key.",
  remediation: "Start processing jobs with ProcessingOutputConfig.KmsKeyId set to a customer-managed key (SageMaker Python SDK: output_kms_key=…).",
  evidence: EVIDENCE,
  evaluate: (j, ctx) => {
    const outputs = j.ProcessingOutputConfig?.Outputs ?? [];
    if (j.ProcessingOutputConfig === undefined) return notApplicable("the job declares no ProcessingOutputConfig: it writes no output");
    if (outputs.length > 0 && outputs.every((o) => o.S3Output === undefined)) {
      return notApplicable("every output goes to Feature Store (FeatureStoreOutput): ProcessingOutputConfig.KmsKeyId encrypts S3 outputs only");
    }
    return kmsKeyVerdict("ProcessingOutputConfig.KmsKeyId", j.ProcessingOutputConfig.KmsKeyId, "outputs use the bucket's default encryption only", ctx);
  },
});

/**
 * Compliant when the processing instances' storage volumes are encrypted with a KMS key
 * (ProcessingResources.ClusterConfig.VolumeKmsKeyId). NOT_APPLICABLE on instance types with local
 * NVMe storage, which accept no volume key.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProcessingClusterConfig.html (VolumeKmsKeyId)
 */
export const processingJobVolumeKmsEncrypted = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.volume-kms-encrypted",
  title: "Processing job storage volumes are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Inputs are copied to the processing instances' ML storage volumes; ProcessingResources.ClusterConfig.VolumeKmsKeyId keeps that copy under a customer-managed key.",
  remediation: "Start processing jobs with ProcessingResources.ClusterConfig.VolumeKmsKeyId set to a customer-managed key (SageMaker Python SDK: volume_kms_key=…).",
  peers: { prowler: ["sagemaker_processing_job_volume_encrypted_with_cmk"] },
  evidence: EVIDENCE,
  evaluate: (j, ctx) => {
    const cluster = j.ProcessingResources?.ClusterConfig;
    if (hasLocalInstanceStorage(cluster?.InstanceType) && !cluster?.VolumeKmsKeyId) {
      return notApplicable(`${cluster?.InstanceType ?? ""} uses local NVMe instance storage, encrypted in hardware; SageMaker accepts no VolumeKmsKeyId for it`);
    }
    return kmsKeyVerdict("ProcessingResources.ClusterConfig.VolumeKmsKeyId", cluster?.VolumeKmsKeyId, "the processing volumes use no customer-managed key", ctx);
  },
});
