import type { DescribeProcessingJobResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { notApplicable } from "../verdict.js";
import { described, flagVerdict, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::ProcessingJob";
const EVIDENCE = described("ProcessingJob", "ListProcessingJobs");

/** Compliant when traffic between processing instances is encrypted (NetworkConfig.EnableInterContainerTrafficEncryption). */
export const processingJobInterContainerEncryption = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.inter-container-encryption",
  title: "Processing jobs encrypt inter-container traffic",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Distributed processing (Spark, Dask) shuffles raw records between instances; unencrypted, that data crosses the network in clear.",
  remediation: "Start processing jobs with NetworkConfig.EnableInterContainerTrafficEncryption=true (SageMaker Python SDK: network_config=NetworkConfig(encrypt_inter_container_traffic=True)).",
  evidence: EVIDENCE,
  evaluate: (j) =>
    flagVerdict("NetworkConfig.EnableInterContainerTrafficEncryption", j.NetworkConfig?.EnableInterContainerTrafficEncryption, "traffic between processing instances is not encrypted"),
});

/** Compliant when the processing containers can make no outbound network calls (NetworkConfig.EnableNetworkIsolation). */
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

/** Compliant when the job's S3 outputs are encrypted with a KMS key (ProcessingOutputConfig.KmsKeyId). */
export const processingJobOutputKmsEncrypted = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.output-kms-encrypted",
  title: "Processing job output is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Processing output is usually a transformed copy of regulated data; ProcessingOutputConfig.KmsKeyId encrypts it in S3 under a customer-managed key.",
  remediation: "Start processing jobs with ProcessingOutputConfig.KmsKeyId set to a customer-managed key (SageMaker Python SDK: output_kms_key=…).",
  evidence: EVIDENCE,
  evaluate: (j, ctx) =>
    j.ProcessingOutputConfig === undefined
      ? notApplicable("the job declares no ProcessingOutputConfig: it writes no output")
      : kmsKeyVerdict("ProcessingOutputConfig.KmsKeyId", j.ProcessingOutputConfig.KmsKeyId, "outputs use the bucket's default encryption only", ctx),
});

/** Compliant when the processing instances' storage volumes are encrypted with a KMS key. */
export const processingJobVolumeKmsEncrypted = defineCheck<DescribeProcessingJobResponse>({
  id: "sagemaker.processing-job.volume-kms-encrypted",
  title: "Processing job storage volumes are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Inputs are copied to the processing instances' ML storage volumes; ProcessingResources.ClusterConfig.VolumeKmsKeyId keeps that copy under a customer-managed key.",
  remediation: "Start processing jobs with ProcessingResources.ClusterConfig.VolumeKmsKeyId set to a customer-managed key (SageMaker Python SDK: volume_kms_key=…).",
  evidence: EVIDENCE,
  evaluate: (j, ctx) =>
    kmsKeyVerdict("ProcessingResources.ClusterConfig.VolumeKmsKeyId", j.ProcessingResources?.ClusterConfig?.VolumeKmsKeyId, "the processing volumes use no customer-managed key", ctx),
});
