import type { DescribeDomainResponse, DescribeUserProfileResponse, SharingSettings } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import type { Verdict } from "../types.js";
import { fail, gap, pass, shown } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";
import type { KeyLookup } from "./shared.js";

const TYPE = "AWS::SageMaker::Domain";
const PROFILE_TYPE = "AWS::SageMaker::UserProfile";
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
  peers: { prowler: ["sagemaker_domain_vpc_only_enabled"] },
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
  peers: { prowler: ["sagemaker_domain_encrypted_with_cmk"], checkov: ["CKV_AWS_187"] },
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
  peers: { prowler: ["sagemaker_domain_sso_configured"] },
  evidence: EVIDENCE,
  evaluate: (d) =>
    d.AuthMode === "SSO" ? pass("AuthMode is SSO (IAM Identity Center)") : fail(`AuthMode is ${shown(d.AuthMode)}: user profiles are opened with IAM presigned URLs`),
});

/**
 * Compliant when Studio apps of the domain cannot run Docker: DomainSettings.DockerSettings
 * .EnableDockerAccess not ENABLED (values ENABLED | DISABLED; optional, and the reference names no
 * default: Studio local mode works only once it is set to ENABLED, so absent is judged as off).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DockerSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DomainSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/dg/studio-updated-local.html
 */
export const domainDockerAccessDisabled = defineCheck<DescribeDomainResponse>({
  id: "sagemaker.domain.docker-access-disabled",
  title: "Studio domains do not allow Docker access",
  resourceType: TYPE,
  severity: "medium",
  rationale:
    "With Docker access a Studio user can build and run arbitrary containers next to the notebook, pull images from registries outside your control and run workloads outside the managed, logged SageMaker job path.",
  remediation:
    "Update the domain with DomainSettingsForUpdate.DockerSettings.EnableDockerAccess=DISABLED (aws sagemaker update-domain --domain-settings-for-update 'DockerSettings={EnableDockerAccess=DISABLED}'; Terraform: domain_settings { docker_settings { enable_docker_access = \"DISABLED\" } }).",
  evidence: EVIDENCE,
  evaluate: (d) => {
    const value = d.DomainSettings?.DockerSettings?.EnableDockerAccess;
    if (value === "ENABLED") return fail("DomainSettings.DockerSettings.EnableDockerAccess is ENABLED: Studio apps can run Docker containers");
    return pass(value === undefined ? "DomainSettings.DockerSettings.EnableDockerAccess is not set: Docker access is off" : `DomainSettings.DockerSettings.EnableDockerAccess is ${shown(value)}`);
  },
});

/**
 * The verdict on one SharingSettings object: absent ("When SharingSettings is not specified,
 * notebook sharing isn't allowed") or NotebookOutputOption Disabled (the default) share no cell
 * output: PASS; Allowed requires S3KmsKeyId ("the AWS KMS encryption key ID used to encrypt the
 * notebook cell output in the Amazon S3 bucket"), judged by kmsKeyVerdict.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SharingSettings.html
 */
function sharingVerdict(where: string, sharing: SharingSettings | undefined, lookup: KeyLookup): Verdict {
  if (!sharing) return pass(`${where}.SharingSettings is not set: notebook sharing is not allowed`);
  const option = sharing.NotebookOutputOption ?? "Disabled";
  if (option !== "Allowed") return pass(`${where}.SharingSettings.NotebookOutputOption is ${sharing.NotebookOutputOption ?? "not set (defaults to Disabled)"}: shared notebooks carry no cell output`);
  const verdict = kmsKeyVerdict(`${where}.SharingSettings.S3KmsKeyId`, sharing.S3KmsKeyId, `shared cell output written to ${sharing.S3OutputPath ?? "S3"} uses no customer-managed key`, lookup);
  return { ...verdict, reason: `NotebookOutputOption is Allowed; ${verdict.reason}` };
}

/**
 * Compliant when notebook snapshots shared with their cell output are encrypted with a
 * customer-managed key. Judged per resource, so the finding names the setting to fix: a domain on
 * its DefaultUserSettings.SharingSettings (what every profile without its own settings gets), a user
 * profile on its effective settings — its own UserSettings.SharingSettings when set (the profile's
 * settings override the domain's defaults; the object is taken whole, so a profile allowing output
 * without a key fails even when the domain default names one), else its domain's default; a profile
 * whose domain was not described and that sets none is an evidence gap.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_SharingSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserSettings.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDomain.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeUserProfile.html
 */
export const domainUserProfileSharingEncrypted = defineCheck<DescribeDomainResponse | DescribeUserProfileResponse>({
  id: "sagemaker.domain.user-profile-sharing-encrypted",
  title: "Shared Studio notebook output is encrypted with a KMS key",
  resourceType: TYPE,
  resourceTypes: [TYPE, PROFILE_TYPE],
  severity: "medium",
  rationale:
    "Sharing a Studio notebook with its cell output copies query results, data samples and plots (often ePHI or personal data) to S3; SharingSettings.S3KmsKeyId puts those snapshots under a customer-managed key.",
  remediation:
    "Set SharingSettings.S3KmsKeyId to a customer-managed key wherever NotebookOutputOption is Allowed, or set NotebookOutputOption=Disabled: on the domain (aws sagemaker update-domain --default-user-settings 'SharingSettings={NotebookOutputOption=Allowed,S3OutputPath=s3://…,S3KmsKeyId=…}') and on every user profile that overrides it (aws sagemaker update-user-profile --user-settings …).",
  evidence: [...EVIDENCE, "sagemaker:ListUserProfiles", "sagemaker:DescribeUserProfile"],
  evaluate: (config, ctx) => {
    if (ctx.resource.type === TYPE) return sharingVerdict("DefaultUserSettings", (config as DescribeDomainResponse).DefaultUserSettings?.SharingSettings, ctx);
    const profile = config as DescribeUserProfileResponse;
    const own = profile.UserSettings?.SharingSettings;
    if (own) return sharingVerdict("UserSettings", own, ctx);
    const domain = resourcesOfType<DescribeDomainResponse>(ctx.inventory, TYPE).find(
      (d) => d.account === ctx.resource.account && d.region === ctx.resource.region && d.config?.DomainId === profile.DomainId,
    );
    if (!domain?.config) return gap(`evidence gap: the profile sets no SharingSettings and its domain ${shown(profile.DomainId)} was not described, so the defaults it inherits are unknown`, domain?.evidenceIds);
    const verdict = sharingVerdict(`domain ${profile.DomainId ?? "?"} DefaultUserSettings`, domain.config.DefaultUserSettings?.SharingSettings, ctx);
    return { ...verdict, reason: `the profile sets no SharingSettings, so its domain's default applies: ${verdict.reason}`, evidenceIds: [...(verdict.evidenceIds ?? []), ...domain.evidenceIds] };
  },
});
