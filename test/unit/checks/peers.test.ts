import { describe, expect, it } from "vitest";
import { CATALOGUE } from "../../../src/checks/catalogue.js";
import { peersCompact, peersText } from "../../../src/checks/peers.js";
import type { CheckPeers } from "../../../src/checks/types.js";

// The peer correspondences of every check, pinned so that a removed, added or mistyped peer id fails
// here and is reviewed against its source:
// - Security Hub CSPM: https://docs.aws.amazon.com/securityhub/latest/userguide/sagemaker-controls.html
//   (SageMaker.1-25, each with its AWS Config rule), cloudtrail-controls.html, config-controls.html,
//   iam-controls.html, kms-controls.html, s3-controls.html, ec2-controls.html;
// - AWS Config managed rules: https://docs.aws.amazon.com/config/latest/developerguide/<rule-name>.html
//   ("Identifier: SAGEMAKER_…");
// - Prowler: prowler-cloud/prowler prowler/providers/aws/services/<service>/<check_id>/<check_id>.metadata.json;
// - Checkov: bridgecrewio/checkov checkov/{terraform,cloudformation}/checks/resource/aws/Sagemaker*.py (id = "CKV_AWS_…").
// A check with no peer has {}: no control of these tools judges it, and none is invented.

type Row = [id: string, awsConfigRule: string | undefined, peers: CheckPeers];

const EXPECTED: readonly Row[] = [
  ["sagemaker.notebook.direct-internet-disabled", "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS", { securityHub: ["SageMaker.1"], prowler: ["sagemaker_notebook_instance_without_direct_internet_access_configured"], checkov: ["CKV_AWS_122"] }],
  ["sagemaker.notebook.in-vpc", "SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC", { securityHub: ["SageMaker.2"], prowler: ["sagemaker_notebook_instance_vpc_settings_configured"], checkov: ["CKV_AWS_306"] }],
  ["sagemaker.notebook.kms-encrypted", "SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED", { securityHub: ["SageMaker.21"], prowler: ["sagemaker_notebook_instance_encryption_enabled"], checkov: ["CKV_AWS_22", "CKV_AWS_187"] }],
  ["sagemaker.notebook.root-access-disabled", "SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK", { securityHub: ["SageMaker.3"], prowler: ["sagemaker_notebook_instance_root_access_disabled"], checkov: ["CKV_AWS_307"] }],
  ["sagemaker.notebook.supported-platform", "SAGEMAKER_NOTEBOOK_INSTANCE_PLATFORM_VERSION", { securityHub: ["SageMaker.8"] }],
  ["sagemaker.domain.vpc-only", "SAGEMAKER_DOMAIN_IN_VPC", { prowler: ["sagemaker_domain_vpc_only_enabled"] }],
  ["sagemaker.domain.kms-encrypted", undefined, { prowler: ["sagemaker_domain_encrypted_with_cmk"], checkov: ["CKV_AWS_187"] }],
  ["sagemaker.domain.sso-auth", undefined, { prowler: ["sagemaker_domain_sso_configured"] }],
  ["sagemaker.model.network-isolation", "SAGEMAKER_MODEL_ISOLATION_ENABLED", { securityHub: ["SageMaker.5"], prowler: ["sagemaker_models_network_isolation_enabled"], checkov: ["CKV_AWS_370"] }],
  ["sagemaker.model.in-vpc", "SAGEMAKER_MODEL_IN_VPC", { prowler: ["sagemaker_models_vpc_settings_configured"] }],
  ["sagemaker.model.no-plaintext-secrets", undefined, {}],
  ["sagemaker.resource.no-plaintext-secrets", undefined, { prowler: ["sagemaker_notebook_instance_no_secrets"] }],
  ["sagemaker.model-package.approved-before-deployment", undefined, { prowler: ["sagemaker_models_registry_in_use"] }],
  ["sagemaker.endpoint-config.kms-encrypted", "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED", { prowler: ["sagemaker_endpoint_config_kms_encryption_enabled"], checkov: ["CKV_AWS_98"] }],
  ["sagemaker.endpoint-config.data-capture-encrypted", undefined, {}],
  ["sagemaker.endpoint-config.data-capture-bucket-encrypted", undefined, {}],
  ["sagemaker.endpoint-config.multi-instance", "SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT", { securityHub: ["SageMaker.4"], prowler: ["sagemaker_endpoint_config_prod_variant_instances"] }],
  ["sagemaker.endpoint.data-capture-enabled", undefined, {}],
  ["sagemaker.endpoint.model-monitor-scheduled", undefined, { prowler: ["sagemaker_models_monitor_enabled"] }],
  ["sagemaker.training-job.inter-container-encryption", undefined, { prowler: ["sagemaker_training_jobs_intercontainer_encryption_enabled"] }],
  ["sagemaker.training-job.network-isolation", undefined, { prowler: ["sagemaker_training_jobs_network_isolation_enabled"] }],
  ["sagemaker.training-job.in-vpc", undefined, { prowler: ["sagemaker_training_jobs_vpc_settings_configured"] }],
  ["sagemaker.training-job.volume-kms-encrypted", undefined, { prowler: ["sagemaker_training_jobs_volume_and_output_encryption_enabled"] }],
  ["sagemaker.training-job.output-kms-encrypted", undefined, { prowler: ["sagemaker_training_jobs_volume_and_output_encryption_enabled"] }],
  ["sagemaker.processing-job.inter-container-encryption", undefined, {}],
  ["sagemaker.processing-job.network-isolation", undefined, {}],
  ["sagemaker.processing-job.output-kms-encrypted", undefined, {}],
  ["sagemaker.processing-job.volume-kms-encrypted", undefined, { prowler: ["sagemaker_processing_job_volume_encrypted_with_cmk"] }],
  ["sagemaker.transform-job.output-kms-encrypted", undefined, {}],
  ["sagemaker.transform-job.volume-kms-encrypted", undefined, { prowler: ["sagemaker_transform_job_volume_encrypted_with_cmk"] }],
  ["sagemaker.monitoring-job.inter-container-encryption", undefined, { securityHub: ["SageMaker.9", "SageMaker.10", "SageMaker.13", "SageMaker.15", "SageMaker.22"], awsConfig: ["SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT", "SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT", "SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT"], checkov: ["CKV_AWS_369"] }],
  ["cloudtrail.multi-region-logging", "MULTI_REGION_CLOUD_TRAIL_ENABLED", { securityHub: ["CloudTrail.1"], prowler: ["cloudtrail_multi_region_enabled"] }],
  ["cloudtrail.log-file-validation", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", { securityHub: ["CloudTrail.4"], prowler: ["cloudtrail_log_file_validation_enabled"] }],
  ["cloudtrail.kms-encrypted", "CLOUD_TRAIL_ENCRYPTION_ENABLED", { securityHub: ["CloudTrail.2"], prowler: ["cloudtrail_kms_encryption_enabled"] }],
  ["cloudtrail.management-events-captured", undefined, { securityHub: ["CloudTrail.1"], prowler: ["cloudtrail_multi_region_enabled_logging_management_events"] }],
  ["cloudtrail.cloudwatch-logs-integration", "CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED", { securityHub: ["CloudTrail.5"], prowler: ["cloudtrail_cloudwatch_logging_enabled"] }],
  ["config.recorder-recording", undefined, { securityHub: ["Config.1"], prowler: ["config_recorder_all_regions_enabled"] }],
  ["iam.sagemaker-role.least-privilege", undefined, { securityHub: ["IAM.1"], prowler: ["iam_aws_attached_policy_no_administrative_privileges", "sagemaker_full_access_policy_attached"] }],
  ["kms.sagemaker-key.rotation-enabled", "CMK_BACKING_KEY_ROTATION_ENABLED", { securityHub: ["KMS.4", "KMS.3"], prowler: ["kms_cmk_rotation_enabled", "kms_cmk_not_deleted_unintentionally"] }],
  ["kms.sagemaker-key.customer-managed", undefined, {}],
  ["s3.sagemaker-bucket.encrypted", "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED", { securityHub: ["S3.17"], prowler: ["s3_bucket_kms_encryption"] }],
  ["s3.sagemaker-bucket.tls-only", "S3_BUCKET_SSL_REQUESTS_ONLY", { securityHub: ["S3.5"], prowler: ["s3_bucket_secure_transport_policy"] }],
  ["s3.sagemaker-bucket.public-access-blocked", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED", { securityHub: ["S3.8"], prowler: ["s3_bucket_level_public_access_block"] }],
  ["ec2.sagemaker-security-group.no-open-ingress", undefined, { securityHub: ["EC2.18"], prowler: ["ec2_securitygroup_allow_ingress_from_internet_to_all_ports"] }],
  ["activity.audit-logging-tampering", undefined, {}],
  ["activity.monitoring-disabled", undefined, {}],
  ["sagemaker.notebook.imdsv2-required", undefined, { checkov: ["CKV_AWS_371"] }],
  ["sagemaker.model.private-registry", undefined, { securityHub: ["SageMaker.16", "SageMaker.19"], awsConfig: ["SAGEMAKER_MODEL_PRIVATE_REGISTRY_REQUIRED", "SAGEMAKER_MODEL_MULTICONTAINER_PRIVATE_REGISTRY"] }],
  ["sagemaker.endpoint-config.async-output-kms-encrypted", undefined, {}],
  ["sagemaker.training-job.remote-debug-disabled", undefined, {}],
  ["sagemaker.domain.docker-access-disabled", undefined, {}],
  ["sagemaker.domain.user-profile-sharing-encrypted", undefined, {}],
  ["sagemaker.monitoring-job.network-isolation", undefined, { securityHub: ["SageMaker.11", "SageMaker.12", "SageMaker.14", "SageMaker.20", "SageMaker.25"], awsConfig: ["SAGEMAKER_DATA_QUALITY_JOB_ISOLATION", "SAGEMAKER_MODEL_BIAS_JOB_ISOLATION", "SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION", "SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION"] }],
  ["sagemaker.monitoring-job.volume-kms-encrypted", undefined, { checkov: ["CKV_AWS_368"] }],
  ["sagemaker.monitoring-job.output-kms-encrypted", undefined, { checkov: ["CKV_AWS_367"] }],
  ["sagemaker.hyperpod-cluster.in-vpc", undefined, {}],
  ["sagemaker.hyperpod-cluster.volume-kms-encrypted", undefined, {}],
  ["sagemaker.space.remote-access-disabled", undefined, {}],
  ["sagemaker.space.idle-shutdown", undefined, {}],
  ["sagemaker.labeling-job.kms-encrypted", undefined, {}],
  ["sagemaker.labeling-job.private-workforce", undefined, {}],
  ["sagemaker.workforce.source-ip-restricted", undefined, {}],
  ["sagemaker.flow-definition.output-kms-encrypted", undefined, { checkov: ["CKV_AWS_372"] }],
  ["sagemaker.mlflow.artifact-store-secured", undefined, {}],
  ["sagemaker.feature-group.offline-store-kms-encrypted", "SAGEMAKER_FEATUREGROUP_ENCRYPTION_AT_REST", { securityHub: ["SageMaker.17"], prowler: ["sagemaker_feature_group_offline_store_encrypted_with_cmk"] }],
  ["sagemaker.feature-group.online-store-kms-encrypted", "SAGEMAKER_FEATUREGROUP_ONLINE_STORE_ENCRYPTION", { securityHub: ["SageMaker.18"] }],
  ["sagemaker.inference-component.no-plaintext-secrets", undefined, {}],
  ["sagemaker.inference-experiment.kms-encrypted", undefined, { securityHub: ["SageMaker.23", "SageMaker.24"] }],
  ["sagemaker.hyperparameter-tuning-job.volume-kms-encrypted", undefined, {}],
  ["sagemaker.automl-job.security-config", undefined, {}],
  ["sagemaker.model-card.kms-encrypted", undefined, {}],
];

const byId = new Map(EXPECTED.map(([id, rule, peers]) => [id, { rule, peers }]));

describe("peer correspondences", () => {
  it("the table covers exactly the catalogue", () => {
    expect(EXPECTED.map(([id]) => id).sort()).toEqual(CATALOGUE.map((c) => c.id).sort());
    expect(new Set(EXPECTED.map(([id]) => id)).size).toBe(EXPECTED.length);
  });

  it.each(CATALOGUE.map((c) => [c.id, c] as const))("%s", (_id, check) => {
    const expected = byId.get(check.id);
    expect(check.awsConfigRule).toBe(expected?.rule);
    const actual = Object.fromEntries(Object.entries(check.peers ?? {}).filter(([, ids]) => (ids as readonly string[]).length > 0));
    expect(actual).toEqual(expected?.peers);
    // An empty list would render as a peer with no id: absent instead.
    for (const ids of Object.values(check.peers ?? {})) expect((ids as readonly string[]).length).toBeGreaterThan(0);
  });

  const all = (key: keyof CheckPeers): string[] => CATALOGUE.flatMap((c) => [...(c.peers?.[key] ?? [])]);

  it("Security Hub ids have the form <Service>.<n> of a service Security Hub CSPM names controls by", () => {
    for (const id of all("securityHub")) expect(id).toMatch(/^(SageMaker|CloudTrail|Config|IAM|KMS|S3|EC2)\.[1-9][0-9]*$/);
  });

  it("AWS Config rules are managed rule identifiers", () => {
    const rules = [...CATALOGUE.flatMap((c) => (c.awsConfigRule ? [c.awsConfigRule] : [])), ...all("awsConfig")];
    for (const rule of rules) expect(rule).toMatch(/^[A-Z0-9]+(_[A-Z0-9]+)+$/);
    // A rule used for the finding-level cross-check is not repeated as a further peer.
    for (const c of CATALOGUE) expect(c.peers?.awsConfig ?? []).not.toContain(c.awsConfigRule);
  });

  it("Prowler and Checkov ids have their tools' forms", () => {
    for (const id of all("prowler")) expect(id).toMatch(/^[a-z0-9]+(_[a-z0-9]+)+$/);
    for (const id of all("checkov")) expect(id).toMatch(/^CKV_AWS_[1-9][0-9]*$/);
  });

  it("no check lists a peer id twice", () => {
    for (const c of CATALOGUE) for (const ids of Object.values(c.peers ?? {})) expect(new Set(ids).size).toBe((ids as readonly string[]).length);
  });

  it("renders every kind of peer, in a fixed order", () => {
    const peers: CheckPeers = { checkov: ["CKV_AWS_369"], prowler: ["p_q"], awsConfig: ["A_B", "C_D"], securityHub: ["SageMaker.9", "SageMaker.22"] };
    expect(peersText(peers)).toBe("Security Hub SageMaker.9, SageMaker.22; AWS Config A_B, C_D; Prowler p_q; Checkov CKV_AWS_369");
    expect(peersCompact(peers)).toBe("SageMaker.9,SageMaker.22 +2 AWS Config +1 Prowler +1 Checkov");
    expect(peersText({})).toBeUndefined();
    expect(peersCompact(undefined)).toBe("-");
  });
});
