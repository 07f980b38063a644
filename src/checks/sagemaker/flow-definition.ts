import type { DescribeFlowDefinitionResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { described, kmsKeyVerdict } from "./shared.js";

/**
 * Compliant when the human review (Amazon A2I) results are encrypted with a customer-managed key:
 * DescribeFlowDefinition OutputConfig.KmsKeyId set (absent: the output in S3 uses the bucket's
 * default encryption, no key the flow names).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFlowDefinition.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_FlowDefinitionOutputConfig.html (KmsKeyId)
 * Peer: Checkov CKV_AWS_372 "Ensure Amazon SageMaker Flow Definition uses KMS for output configurations"
 * (bridgecrewio/checkov checkov/terraform/checks/resource/aws/SagemakerFlowDefinitionUsesKMS.py).
 */
export const flowDefinitionOutputKmsEncrypted = defineCheck<DescribeFlowDefinitionResponse>({
  id: "sagemaker.flow-definition.output-kms-encrypted",
  title: "A2I flow definition output is encrypted with a customer-managed KMS key",
  resourceType: "AWS::SageMaker::FlowDefinition",
  severity: "high",
  rationale: "Human review output holds the reviewed inputs and the reviewers' answers; a customer-managed key controls and logs who can decrypt them.",
  remediation: "Recreate the flow definition with OutputConfig.KmsKeyId set to a customer-managed key (flow definitions cannot be updated).",
  peers: { checkov: ["CKV_AWS_372"] },
  evidence: described("FlowDefinition"),
  evaluate: (f, ctx) => kmsKeyVerdict("OutputConfig.KmsKeyId", f.OutputConfig?.KmsKeyId, "the review output uses no customer-managed key", ctx),
});
