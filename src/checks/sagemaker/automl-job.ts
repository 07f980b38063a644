import type { DescribeAutoMLJobV2Response } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass } from "../verdict.js";
import { flagVerdict, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::AutoMLJob";
// ListAutoMLJobs lists the jobs; DescribeAutoMLJobV2 describes V1 and V2 jobs alike.
const EVIDENCE = ["sagemaker:ListAutoMLJobs", "sagemaker:DescribeAutoMLJobV2"];

/**
 * Compliant when the AutoML job's security configuration covers storage, traffic and network:
 * DescribeAutoMLJobV2 SecurityConfig (AutoMLSecurityConfig) with
 * - VolumeKmsKeyId, "the key used to encrypt stored data" on the candidates' training and processing
 *   volumes (absent: an AWS managed key), judged like every KMS key field;
 * - EnableInterContainerTrafficEncryption true (absent means false);
 * - VpcConfig with Subnets (absent: the candidate jobs run outside your VPC).
 * Without SecurityConfig none of the three is set: FAIL naming all three.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeAutoMLJobV2.html (SecurityConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AutoMLSecurityConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_VpcConfig.html
 */
export const autoMLJobSecurityConfig = defineCheck<DescribeAutoMLJobV2Response>({
  id: "sagemaker.automl-job.security-config",
  title: "AutoML jobs encrypt volumes and inter-container traffic and run in a VPC",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "An AutoML job trains and evaluates many candidate models on the whole dataset; without its SecurityConfig the copies on the candidates' volumes use no customer-managed key, their distributed traffic is unencrypted and their network traffic leaves your VPC controls.",
  remediation:
    "Start AutoML jobs with SecurityConfig.VolumeKmsKeyId (a customer-managed key), SecurityConfig.EnableInterContainerTrafficEncryption=true and SecurityConfig.VpcConfig (private subnets and security groups) (CreateAutoMLJobV2; SageMaker Python SDK AutoMLV2: volume_kms_key, encrypt_inter_container_traffic, vpc_config).",
  evidence: EVIDENCE,
  evaluate: (job, ctx) => {
    const sc = job.SecurityConfig;
    if (!sc) return fail("SecurityConfig is not set: VolumeKmsKeyId (no customer-managed volume key), EnableInterContainerTrafficEncryption (defaults to false) and VpcConfig (not in a VPC) are all unset");
    const verdicts = [
      kmsKeyVerdict("SecurityConfig.VolumeKmsKeyId", sc.VolumeKmsKeyId, "the candidates' volumes use no customer-managed key", ctx),
      flagVerdict("SecurityConfig.EnableInterContainerTrafficEncryption", sc.EnableInterContainerTrafficEncryption, "traffic between the candidates' containers is not encrypted"),
      sc.VpcConfig?.Subnets?.length ? pass(`SecurityConfig.VpcConfig uses subnets ${sc.VpcConfig.Subnets.join(", ")}`) : fail("SecurityConfig.VpcConfig is not set: the candidate jobs are not attached to a VPC"),
    ];
    const ids = [...new Set(verdicts.flatMap((v) => v.evidenceIds ?? []))];
    const evidenceIds = ids.length > 0 ? ids : undefined;
    const failed = verdicts.filter((v) => v.status === "FAIL");
    return failed.length > 0 ? fail(failed.map((v) => v.reason).join("; "), evidenceIds) : pass(verdicts.map((v) => v.reason).join("; "), evidenceIds);
  },
});
