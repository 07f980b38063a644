import type { DescribeNotebookInstanceOutput } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass, shown } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::NotebookInstance";
const EVIDENCE = described("NotebookInstance");

/**
 * Compliant when the notebook reaches the internet only through its VPC: DescribeNotebookInstance
 * DirectInternetAccess Disabled (values Enabled | Disabled; Enabled is the default, and Disabled
 * requires a SubnetId). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 */
export const notebookDirectInternetDisabled = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.direct-internet-disabled",
  title: "Notebook instances have direct internet access disabled",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "A notebook with direct internet access can send ePHI or personal data anywhere, bypassing VPC egress controls, proxies and flow logs.",
  remediation:
    "Recreate the notebook instance with DirectInternetAccess=Disabled and a SubnetId/SecurityGroupIds in a VPC whose egress goes through a NAT or VPC endpoints (Terraform: direct_internet_access = \"Disabled\").",
  awsConfigRule: "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS",
  peers: { securityHub: ["SageMaker.1"], prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"], checkov: ["CKV_AWS_122"] },
  evidence: EVIDENCE,
  evaluate: (nb) =>
    nb.DirectInternetAccess === "Disabled"
      ? pass("DirectInternetAccess is Disabled")
      : fail(`DirectInternetAccess is ${shown(nb.DirectInternetAccess)}`),
});

/**
 * Compliant when the notebook runs in a customer VPC subnet: DescribeNotebookInstance SubnetId set.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html (SubnetId)
 */
export const notebookInVpc = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.in-vpc",
  title: "Notebook instances run inside a VPC",
  resourceType: TYPE,
  severity: "high",
  rationale: "Without a subnet the notebook's network interface lives in the SageMaker service VPC, outside your security groups, NACLs and flow logs.",
  remediation: "Recreate the notebook instance with SubnetId and SecurityGroupIds of a private subnet (Terraform: subnet_id, security_groups).",
  awsConfigRule: "SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC",
  peers: { securityHub: ["SageMaker.2"], prowler: ["sagemaker_notebook_instance_vpc_settings_configured"], checkov: ["CKV_AWS_306"] },
  evidence: EVIDENCE,
  evaluate: (nb) =>
    nb.SubnetId ? pass(`SubnetId is ${nb.SubnetId}`) : fail("SubnetId is not set: the notebook is not attached to a VPC"),
});

/**
 * Compliant when the notebook's ML storage volume is encrypted with a KMS key the customer names:
 * DescribeNotebookInstance KmsKeyId set (absent: SageMaker uses an AWS managed key).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html (KmsKeyId)
 * Peers: Security Hub SageMaker.21 (Config rule sagemaker-notebook-instance-storage-vol-kms-encrypted)
 * and the rule cross-checked here pass on any KmsKeyId; this check also judges the key itself
 * (kmsKeyVerdict), so an AWS managed key named explicitly can fail here and pass there.
 */
export const notebookKmsEncrypted = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.kms-encrypted",
  title: "Notebook instance storage is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Notebook volumes hold datasets and model artefacts; a customer-managed key gives control and an audit trail over decryption.",
  remediation: "Recreate the notebook instance with KmsKeyId set to a customer-managed key (Terraform: kms_key_id).",
  awsConfigRule: "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED",
  peers: { securityHub: ["SageMaker.21"], prowler: ["sagemaker_notebook_instance_encryption_enabled"], checkov: ["CKV_AWS_22", "CKV_AWS_187"] },
  evidence: EVIDENCE,
  evaluate: (nb, ctx) => kmsKeyVerdict("KmsKeyId", nb.KmsKeyId, "the volume uses no customer-managed key", ctx),
});

/**
 * Compliant when users of the notebook cannot become root: DescribeNotebookInstance RootAccess
 * Disabled (values Enabled | Disabled; Enabled is the default; lifecycle configurations run as root
 * either way). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html (RootAccess)
 */
export const notebookRootAccessDisabled = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.root-access-disabled",
  title: "Notebook instances have root access disabled",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Root on a notebook lets a user change its security configuration, install software and read every user's data on it.",
  remediation: "Update the notebook instance with RootAccess=Disabled (Terraform: root_access = \"Disabled\"); use lifecycle configurations for installs.",
  awsConfigRule: "SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK",
  peers: { securityHub: ["SageMaker.3"], prowler: ["sagemaker_notebook_instance_root_access_disabled"], checkov: ["CKV_AWS_307"] },
  evidence: EVIDENCE,
  evaluate: (nb) =>
    nb.RootAccess === "Disabled" ? pass("RootAccess is Disabled") : fail(`RootAccess is ${shown(nb.RootAccess ?? "Enabled (default)")}`),
});

// Amazon Linux 1 and Amazon Linux 2 notebook platforms no longer receive security updates.
const SUPPORTED_PLATFORMS = new Set(["notebook-al2023-v1"]);

/**
 * Compliant when the notebook runs on a platform that still receives security updates:
 * PlatformIdentifier notebook-al2023-v1; the Amazon Linux 1 and Amazon Linux 2 identifiers
 * (notebook-al1-v1, notebook-al2-v1/v2/v3) reached end of support.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html (PlatformIdentifier),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/nbi-al2023.html
 */
export const notebookSupportedPlatform = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.supported-platform",
  title: "Notebook instances run on a supported platform",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Notebooks on deprecated platform identifiers (Amazon Linux 1, Amazon Linux 2) get no operating-system security patches, which malicious-software protection requires.",
  remediation: "Create a replacement notebook instance with PlatformIdentifier=notebook-al2023-v1 (Terraform: platform_identifier), move the data from the old volume, and delete the old instance; the platform cannot be changed in place.",
  awsConfigRule: "SAGEMAKER_NOTEBOOK_INSTANCE_PLATFORM_VERSION",
  peers: { securityHub: ["SageMaker.8"] },
  evidence: EVIDENCE,
  evaluate: (nb) =>
    nb.PlatformIdentifier && SUPPORTED_PLATFORMS.has(nb.PlatformIdentifier)
      ? pass(`PlatformIdentifier is ${nb.PlatformIdentifier}`)
      : fail(`PlatformIdentifier is ${shown(nb.PlatformIdentifier)}: deprecated, supported is ${[...SUPPORTED_PLATFORMS].join(", ")}`),
});

/**
 * Compliant when the notebook instance accepts only IMDSv2 (session-token) metadata requests:
 * InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion "2" (pattern 1|2).
 * "When passed as part of CreateNotebookInstance, if no value is selected, then it defaults to
 * IMDSv1. This means that both IMDSv1 and IMDSv2 are supported": absent is FAIL.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InstanceMetadataServiceConfiguration.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeNotebookInstance.html
 * Peers: Checkov CKV_AWS_371 judges the same field in Terraform/CloudFormation; Security Hub CSPM
 * and AWS Config have no managed control for it.
 */
export const notebookImdsv2Required = defineCheck<DescribeNotebookInstanceOutput>({
  id: "sagemaker.notebook.imdsv2-required",
  title: "Notebook instances require IMDSv2",
  resourceType: TYPE,
  severity: "medium",
  rationale:
    "IMDSv1 answers unauthenticated GET requests, so a server-side request forgery in any notebook process can read the instance role's credentials; IMDSv2 requires a session token that such requests cannot obtain.",
  remediation:
    "Stop the notebook instance and update it with InstanceMetadataServiceConfiguration MinimumInstanceMetadataServiceVersion=2 (aws sagemaker update-notebook-instance --instance-metadata-service-configuration MinimumInstanceMetadataServiceVersion=2; Terraform: instance_metadata_service_configuration { minimum_instance_metadata_service_version = \"2\" }).",
  peers: { checkov: ["CKV_AWS_371"] },
  evidence: EVIDENCE,
  evaluate: (nb) => {
    const version = nb.InstanceMetadataServiceConfiguration?.MinimumInstanceMetadataServiceVersion;
    if (version === "2") return pass("InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion is 2: only IMDSv2 is accepted");
    return fail(
      version === undefined
        ? "InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion is not set (defaults to 1): IMDSv1 requests are accepted"
        : `InstanceMetadataServiceConfiguration.MinimumInstanceMetadataServiceVersion is ${shown(version)}: IMDSv1 requests are accepted`,
    );
  },
});
