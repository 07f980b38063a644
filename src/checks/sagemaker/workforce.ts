import type { DescribeWorkforceResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, gap, pass } from "../verdict.js";
import { described } from "./shared.js";

/**
 * Compliant when workers can reach the labeling portal only from listed networks: DescribeWorkforce
 * Workforce.SourceIpConfig.Cidrs non-empty (an empty list, the default, allows every IP address).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeWorkforce.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SourceIpConfig.html (Cidrs),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Workforce.html
 */
export const workforceSourceIpRestricted = defineCheck<DescribeWorkforceResponse>({
  id: "sagemaker.workforce.source-ip-restricted",
  title: "Private workforces restrict worker access to allowed IP ranges",
  resourceType: "AWS::SageMaker::Workforce",
  severity: "medium",
  rationale: "Without source IP ranges, anyone with stolen worker credentials can open labeling tasks (and the data in them) from any network.",
  remediation: "Update the workforce with SourceIpConfig.Cidrs listing the corporate or VPN ranges (aws sagemaker update-workforce --source-ip-config Cidrs=…).",
  evidence: described("Workforce"),
  evaluate: (w) => {
    if (!w.Workforce) return gap("evidence gap: the DescribeWorkforce response has no Workforce");
    const cidrs = w.Workforce.SourceIpConfig?.Cidrs ?? [];
    return cidrs.length > 0 ? pass(`SourceIpConfig.Cidrs is ${cidrs.join(", ")}`) : fail("SourceIpConfig.Cidrs is empty: workers can connect from any IP address");
  },
});
