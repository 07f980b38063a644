import type { DescribeDomainResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass, shown } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::Domain";
const EVIDENCE = described("Domain");

/**
 * Compliant when all Studio traffic goes through the customer's VPC: DescribeDomain
 * AppNetworkAccessType is VpcOnly (values PublicInternetOnly | VpcOnly; absent means the default,
 * PublicInternetOnly). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html
 */
export const domainVpcOnly = defineCheck<DescribeDomainResponse>({
  id: "sagemaker.domain.vpc-only",
  title: "Studio domains route all traffic through the customer VPC",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "With PublicInternetOnly, Studio apps reach the internet through a SageMaker-managed VPC, outside your security groups, NACLs, proxies and flow logs: data can leave without trace.",
  remediation:
    "Update the domain with AppNetworkAccessType=VpcOnly and private SubnetIds/SecurityGroupIds (aws sagemaker update-domain --app-network-access-type VpcOnly; Terraform: app_network_access_type = \"VpcOnly\"); add VPC endpoints or a NAT for the services the apps need. All apps must be deleted first.",
  awsConfigRule: "SAGEMAKER_DOMAIN_IN_VPC",
  evidence: EVIDENCE,
  evaluate: (d) =>
    d.AppNetworkAccessType === "VpcOnly"
      ? pass("AppNetworkAccessType is VpcOnly")
      : fail(`AppNetworkAccessType is ${shown(d.AppNetworkAccessType ?? "PublicInternetOnly (default)")}`),
});

/**
 * Compliant when the domain's EFS home directories are encrypted with a customer-managed key:
 * DescribeDomain KmsKeyId set (absent: an AWS managed key encrypts the EFS volume).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html (KmsKeyId)
 */
export const domainKmsEncrypted = defineCheck<DescribeDomainResponse>({
  id: "sagemaker.domain.kms-encrypted",
  title: "Studio domain storage is encrypted with a customer-managed KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "The domain's EFS volume holds every user's notebooks and data; a customer-managed key puts decryption under your key policy and in CloudTrail.",
  remediation: "Create the domain with KmsKeyId set to a customer-managed key (Terraform: kms_key_id); the key of an existing domain cannot be changed, so migrate users to a new domain.",
  evidence: EVIDENCE,
  evaluate: (d, ctx) => kmsKeyVerdict("KmsKeyId", d.KmsKeyId, "the EFS home directories use an AWS managed key", ctx),
});

/**
 * Compliant when users sign in through IAM Identity Center, so each person has their own identity:
 * DescribeDomain AuthMode is SSO (values SSO | IAM). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html (AuthMode)
 */
export const domainSsoAuth = defineCheck<DescribeDomainResponse>({
  id: "sagemaker.domain.sso-auth",
  title: "Studio domains authenticate users through IAM Identity Center",
  resourceType: TYPE,
  severity: "low",
  rationale:
    "In IAM mode anyone who may call CreatePresignedDomainUrl can open any user profile; IAM Identity Center (SSO) ties each profile to one person, with your IdP's MFA and offboarding, which unique user identification and person authentication require.",
  remediation: "Create the domain with AuthMode=SSO (Terraform: auth_mode = \"SSO\") and assign users through IAM Identity Center; the auth mode of an existing domain cannot be changed.",
  evidence: EVIDENCE,
  evaluate: (d) =>
    d.AuthMode === "SSO" ? pass("AuthMode is SSO (IAM Identity Center)") : fail(`AuthMode is ${shown(d.AuthMode)}: user profiles are opened with IAM presigned URLs`),
});
