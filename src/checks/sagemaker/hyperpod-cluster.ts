import type { ClusterInstanceGroupDetails, DescribeClusterResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import type { Verdict } from "../types.js";
import { fail, notApplicable, pass } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";
import type { KeyLookup } from "./shared.js";

const TYPE = "AWS::SageMaker::Cluster";
const EVIDENCE = described("Cluster");

const groupName = (g: ClusterInstanceGroupDetails, i: number): string => g.InstanceGroupName ?? `InstanceGroups[${i}]`;

/**
 * Compliant when every instance group of the HyperPod cluster runs in a customer VPC: an instance
 * group's OverrideVpcConfig (Subnets, SecurityGroupIds) replaces the cluster's VpcConfig, and a
 * group without an override uses the cluster's VpcConfig; with neither, the instances live in the
 * SageMaker service VPC. A cluster with no instance groups has nothing to place: NOT_APPLICABLE.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeCluster.html (VpcConfig, InstanceGroups),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceGroupDetails.html (OverrideVpcConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
 */
export const hyperpodClusterInVpc = defineCheck<DescribeClusterResponse>({
  id: "sagemaker.hyperpod-cluster.in-vpc",
  title: "HyperPod cluster instance groups run inside a customer VPC",
  resourceType: TYPE,
  severity: "high",
  rationale: "Cluster nodes outside a customer VPC are not covered by your security groups, NACLs, flow logs or egress controls while they read training data.",
  remediation: "Create the cluster with VpcConfig (private Subnets and SecurityGroupIds), or give each instance group an OverrideVpcConfig (aws sagemaker create-cluster --vpc-config …).",
  evidence: EVIDENCE,
  evaluate: (c) => {
    const groups = c.InstanceGroups ?? [];
    if (groups.length === 0) return notApplicable("InstanceGroups is empty: the cluster has no instances");
    const clusterVpc = (c.VpcConfig?.Subnets ?? []).length > 0;
    const outside: string[] = [];
    const placed: string[] = [];
    groups.forEach((g, i) => {
      const own = g.OverrideVpcConfig;
      if (own && (own.Subnets ?? []).length > 0) placed.push(`${groupName(g, i)}: OverrideVpcConfig subnets ${(own.Subnets ?? []).join(", ")}`);
      else if (clusterVpc) placed.push(`${groupName(g, i)}: cluster VpcConfig subnets ${(c.VpcConfig?.Subnets ?? []).join(", ")}`);
      else outside.push(groupName(g, i));
    });
    return outside.length > 0
      ? fail(`VpcConfig is not set and instance group(s) ${outside.join(", ")} have no OverrideVpcConfig: they run outside a customer VPC`)
      : pass(placed.join("; "));
  },
});

function groupVolumes(g: ClusterInstanceGroupDetails, name: string, lookup: KeyLookup): Verdict[] {
  const ebs = (g.InstanceStorageConfigs ?? []).flatMap((s, j) => ("EbsVolumeConfig" in s && s.EbsVolumeConfig ? [{ cfg: s.EbsVolumeConfig, j }] : []));
  return ebs.map(({ cfg, j }) =>
    kmsKeyVerdict(`${name}.InstanceStorageConfigs[${j}].EbsVolumeConfig.VolumeKmsKeyId`, cfg.VolumeKmsKeyId, "the volume is encrypted with an AWS managed key", lookup),
  );
}

/**
 * Compliant when every additional EBS volume of every instance group is encrypted with a
 * customer-managed key: InstanceGroups[].InstanceStorageConfigs[].EbsVolumeConfig.VolumeKmsKeyId
 * (absent: the volume is encrypted with an AWS managed key). Instance groups without an EBS volume
 * config use only the instance store / root volume, which this field does not configure: a cluster
 * with no EbsVolumeConfig at all is NOT_APPLICABLE.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterInstanceStorageConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterEbsVolumeConfig.html (VolumeKmsKeyId, RootVolume)
 */
export const hyperpodClusterVolumeKmsEncrypted = defineCheck<DescribeClusterResponse>({
  id: "sagemaker.hyperpod-cluster.volume-kms-encrypted",
  title: "HyperPod cluster EBS volumes are encrypted with a customer-managed KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Cluster volumes hold training data, checkpoints and model artefacts; a customer-managed key gives control and an audit trail over decryption.",
  remediation: "Set VolumeKmsKeyId to a customer-managed key in each instance group's InstanceStorageConfigs EbsVolumeConfig (aws sagemaker update-cluster).",
  evidence: EVIDENCE,
  evaluate: (c, ctx) => {
    const verdicts = (c.InstanceGroups ?? []).flatMap((g, i) => groupVolumes(g, groupName(g, i), ctx));
    if (verdicts.length === 0) return notApplicable("no instance group has an InstanceStorageConfigs EbsVolumeConfig");
    const failed = verdicts.filter((v) => v.status !== "PASS");
    const evidenceIds = [...new Set(verdicts.flatMap((v) => v.evidenceIds ?? []))].sort();
    const ids = evidenceIds.length > 0 ? evidenceIds : undefined;
    return failed.length > 0 ? fail(failed.map((v) => v.reason).join("; "), ids) : pass(verdicts.map((v) => v.reason).join("; "), ids);
  },
});
