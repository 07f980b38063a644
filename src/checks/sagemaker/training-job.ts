import type { DescribeTrainingJobResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, notApplicable, pass } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, flagVerdict, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::TrainingJob";
const EVIDENCE = described("TrainingJob", "ListTrainingJobs");

/**
 * Instances of a training job: ResourceConfig.InstanceCount, or the sum of a heterogeneous
 * cluster's InstanceGroups (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html).
 */
export function trainingInstances(j: DescribeTrainingJobResponse): { count: number | undefined; types: string[] } {
  const groups = j.ResourceConfig?.InstanceGroups ?? [];
  if (groups.length > 0) {
    return { count: groups.reduce((n, g) => n + (g.InstanceCount ?? 0), 0), types: groups.map((g) => g.InstanceType ?? "").filter((t) => t !== "") };
  }
  return { count: j.ResourceConfig?.InstanceCount, types: j.ResourceConfig?.InstanceType ? [j.ResourceConfig.InstanceType] : [] };
}

/**
 * Compliant when traffic between training instances is encrypted (EnableInterContainerTrafficEncryption
 * = true; default false). Inter-container traffic exists only in distributed training: a job on one
 * instance has none, so the check is NOT_APPLICABLE there
 * (https://docs.aws.amazon.com/sagemaker/latest/dg/train-encrypt.html, "Protect Communications
 * Between ML Compute Instances in a Distributed Training Job"; API_CreateTrainingJob.html).
 */
export const trainingJobInterContainerEncryption = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.inter-container-encryption",
  title: "Training jobs encrypt inter-container traffic",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Distributed training exchanges gradients and data batches between instances; unencrypted, that training data crosses the network in clear.",
  remediation: "Start training jobs with EnableInterContainerTrafficEncryption=true (SageMaker Python SDK: encrypt_inter_container_traffic=True; CreateTrainingJob field of the same name).",
  peers: { prowler: ["sagemaker_training_jobs_intercontainer_encryption_enabled"] },
  evidence: EVIDENCE,
  evaluate: (j) => {
    const { count } = trainingInstances(j);
    if (count === 1) return notApplicable("the job runs on one instance (ResourceConfig.InstanceCount 1): there is no inter-container traffic");
    return flagVerdict("EnableInterContainerTrafficEncryption", j.EnableInterContainerTrafficEncryption, `traffic between the ${count ?? "?"} training instances is not encrypted`);
  },
});

/**
 * Compliant when the training containers can make no outbound network calls: DescribeTrainingJob
 * EnableNetworkIsolation true (absent means false). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html
 */
export const trainingJobNetworkIsolation = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.network-isolation",
  title: "Training jobs run with network isolation",
  resourceType: TYPE,
  severity: "medium",
  rationale: "A network-isolated training container cannot exfiltrate the training data, even when the algorithm or a dependency is malicious.",
  remediation: "Start training jobs with EnableNetworkIsolation=true (SageMaker Python SDK: enable_network_isolation=True).",
  peers: { prowler: ["sagemaker_training_jobs_network_isolation_enabled"] },
  evidence: EVIDENCE,
  evaluate: (j) => flagVerdict("EnableNetworkIsolation", j.EnableNetworkIsolation, "training containers can reach the network"),
});

/**
 * Compliant when the training job runs in a customer VPC: DescribeTrainingJob VpcConfig with
 * Subnets. https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html, API_VpcConfig.html
 */
export const trainingJobInVpc = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.in-vpc",
  title: "Training jobs run inside a VPC",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Without VpcConfig the training instances' traffic to S3 and elsewhere leaves through the SageMaker service network, outside your security groups, endpoints policies and flow logs.",
  remediation: "Start training jobs with VpcConfig.Subnets and VpcConfig.SecurityGroupIds of private subnets with an S3 VPC endpoint (SageMaker Python SDK: subnets=[…], security_group_ids=[…]).",
  peers: { prowler: ["sagemaker_training_jobs_vpc_settings_configured"] },
  evidence: EVIDENCE,
  evaluate: (j) =>
    j.VpcConfig?.Subnets?.length ? pass(`VpcConfig uses subnets ${j.VpcConfig.Subnets.join(", ")}`) : fail("VpcConfig is not set: the training job is not attached to a VPC"),
});

/**
 * Compliant when the training instances' storage volumes are encrypted with a KMS key
 * (ResourceConfig.VolumeKmsKeyId). Instance types with local NVMe storage take no volume key: their
 * storage is encrypted in hardware, so the check is NOT_APPLICABLE on them
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html, VolumeKmsKeyId).
 */
export const trainingJobVolumeKmsEncrypted = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.volume-kms-encrypted",
  title: "Training job storage volumes are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Training data is copied to the instances' ML storage volumes; ResourceConfig.VolumeKmsKeyId puts that copy under a customer-managed key. The output key does not cover it.",
  remediation: "Start training jobs with ResourceConfig.VolumeKmsKeyId set to a customer-managed key (SageMaker Python SDK: volume_kms_key=…). Instance types with local NVMe storage encrypt it in hardware and reject the field: prefer EBS-backed types for regulated data.",
  peers: { prowler: ["sagemaker_training_jobs_volume_and_output_encryption_enabled"] },
  evidence: EVIDENCE,
  evaluate: (j, ctx) => {
    const { types } = trainingInstances(j);
    if (types.length > 0 && types.every(hasLocalInstanceStorage) && !j.ResourceConfig?.VolumeKmsKeyId) {
      return notApplicable(`${[...new Set(types)].join(", ")} use local NVMe instance storage, encrypted in hardware; SageMaker accepts no VolumeKmsKeyId for them`);
    }
    return kmsKeyVerdict("ResourceConfig.VolumeKmsKeyId", j.ResourceConfig?.VolumeKmsKeyId, "the training volumes use no customer-managed key", ctx);
  },
});

/**
 * Compliant when the model artefacts written to S3 are encrypted with a KMS key:
 * OutputDataConfig.KmsKeyId set (absent: S3's default bucket encryption applies).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OutputDataConfig.html
 */
export const trainingJobOutputKmsEncrypted = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.output-kms-encrypted",
  title: "Training job output is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Model artefacts can memorise training records; OutputDataConfig.KmsKeyId encrypts them in S3 under a customer-managed key. The volume key does not cover them.",
  remediation: "Start training jobs with OutputDataConfig.KmsKeyId set to a customer-managed key (SageMaker Python SDK: output_kms_key=…).",
  peers: { prowler: ["sagemaker_training_jobs_volume_and_output_encryption_enabled"] },
  evidence: EVIDENCE,
  evaluate: (j, ctx) => kmsKeyVerdict("OutputDataConfig.KmsKeyId", j.OutputDataConfig?.KmsKeyId, `model artefacts in ${j.OutputDataConfig?.S3OutputPath ?? "S3"} use the bucket's default encryption only`, ctx),
});

/**
 * Compliant when remote debugging is off: RemoteDebugConfig.EnableRemoteDebug not true ("If set
 * to True, enables remote debugging"; optional, absent means off). Remote debugging opens an AWS
 * Systems Manager session into the training container.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_RemoteDebugConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-remote-debugging.html
 */
export const trainingJobRemoteDebugDisabled = defineCheck<DescribeTrainingJobResponse>({
  id: "sagemaker.training-job.remote-debug-disabled",
  title: "Training jobs have remote debugging disabled",
  resourceType: TYPE,
  severity: "medium",
  rationale: "A remote debugging session gives an interactive shell in the training container, with the training data and the execution role's credentials, outside the job's defined code path.",
  remediation:
    "Start training jobs without RemoteDebugConfig, or with RemoteDebugConfig.EnableRemoteDebug=false (SageMaker Python SDK: enable_remote_debug=False); a running job can be updated with UpdateTrainingJob RemoteDebugConfig.EnableRemoteDebug=false.",
  evidence: EVIDENCE,
  evaluate: (j) => {
    const flag = j.RemoteDebugConfig?.EnableRemoteDebug;
    if (flag === true) return fail("RemoteDebugConfig.EnableRemoteDebug is true: the training container accepts AWS Systems Manager sessions");
    return pass(flag === false ? "RemoteDebugConfig.EnableRemoteDebug is false" : "RemoteDebugConfig is not set: remote debugging is off");
  },
});
