import type { DescribeFeatureGroupResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { notApplicable } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::FeatureGroup";
const EVIDENCE = described("FeatureGroup");

/**
 * Compliant when the offline store's S3 objects are encrypted with a customer-managed key:
 * DescribeFeatureGroup OfflineStoreConfig.S3StorageConfig.KmsKeyId set (absent: Feature Store uses
 * an AWS managed key for the offline store). A feature group created without OfflineStoreConfig has
 * no offline store: NOT_APPLICABLE.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeFeatureGroup.html (OfflineStoreConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OfflineStoreConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_S3StorageConfig.html (KmsKeyId),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-security.html ("AWS managed … key for OfflineStore").
 */
export const featureGroupOfflineStoreKmsEncrypted = defineCheck<DescribeFeatureGroupResponse>({
  id: "sagemaker.feature-group.offline-store-kms-encrypted",
  title: "Feature group offline stores are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "The offline store keeps every historical feature record (often derived from patient or customer data) in S3; a customer-managed key puts decryption of that history under your key policy and CloudTrail.",
  remediation:
    "Recreate the feature group with OfflineStoreConfig.S3StorageConfig.KmsKeyId set to a customer-managed key (the offline store configuration cannot be updated; Terraform: offline_store_config { s3_storage_config { kms_key_id } }) and backfill it from the old store.",
  awsConfigRule: "SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST",
  peers: { securityHub: ["SageMaker.17"], prowler: ["sagemaker_feature_group_offline_store_encrypted_with_cmk"] },
  evidence: EVIDENCE,
  evaluate: (fg, ctx) => {
    const offline = fg.OfflineStoreConfig;
    if (!offline) return notApplicable("OfflineStoreConfig is not set: the feature group has no offline store");
    const uri = offline.S3StorageConfig?.S3Uri ?? offline.S3StorageConfig?.ResolvedOutputS3Uri;
    return kmsKeyVerdict("OfflineStoreConfig.S3StorageConfig.KmsKeyId", offline.S3StorageConfig?.KmsKeyId, `the offline store${uri ? ` in ${uri}` : ""} uses no customer-managed key`, ctx);
  },
});

/**
 * Compliant when the online store is encrypted at rest with a customer-managed key: DescribeFeatureGroup
 * OnlineStoreConfig.SecurityConfig.KmsKeyId set (absent: Feature Store uses an AWS owned key for the
 * online store). A feature group without OnlineStoreConfig, or with EnableOnlineStore false (the
 * default), has no online store: NOT_APPLICABLE. Both StorageType tiers (Standard, InMemory) take the key.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OnlineStoreConfig.html (EnableOnlineStore, SecurityConfig, StorageType),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_OnlineStoreSecurityConfig.html (KmsKeyId),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-security.html ("AWS owned … key for OnlineStore").
 * Peers: Security Hub SageMaker.18 and its Config rule judge online stores "with standard storage"
 * only; an InMemory online store without a key fails here and is outside their scope.
 */
export const featureGroupOnlineStoreKmsEncrypted = defineCheck<DescribeFeatureGroupResponse>({
  id: "sagemaker.feature-group.online-store-kms-encrypted",
  title: "Feature group online stores are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "The online store serves the latest feature values of each record to inference in real time; under an AWS owned key you can neither restrict nor audit who decrypts them.",
  remediation:
    "Recreate the feature group with OnlineStoreConfig.SecurityConfig.KmsKeyId set to a customer-managed key (the key cannot be added later; Terraform: online_store_config { security_config { kms_key_id } }) and re-ingest its records.",
  awsConfigRule: "SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION",
  peers: { securityHub: ["SageMaker.18"] },
  evidence: EVIDENCE,
  evaluate: (fg, ctx) => {
    const online = fg.OnlineStoreConfig;
    if (!online) return notApplicable("OnlineStoreConfig is not set: the feature group has no online store");
    if (online.EnableOnlineStore !== true) {
      return notApplicable(`OnlineStoreConfig.EnableOnlineStore is ${online.EnableOnlineStore === false ? "false" : "not set (defaults to false)"}: the feature group has no online store`);
    }
    const tier = online.StorageType ?? "Standard (default)";
    return kmsKeyVerdict("OnlineStoreConfig.SecurityConfig.KmsKeyId", online.SecurityConfig?.KmsKeyId, `the ${tier} online store uses an AWS owned key`, ctx);
  },
});
