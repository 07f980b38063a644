import type { MonitoringClusterConfig, MonitoringNetworkConfig, MonitoringOutputConfig, NetworkConfig } from "@aws-sdk/client-sagemaker";
import type { Inventory, Resource } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import type { CheckContext, CheckDefinition, CheckPeers, Severity, Verdict } from "../types.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, kmsKeyVerdict } from "./shared.js";

const KINDS = ["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"] as const;
type Kind = (typeof KINDS)[number];

const SCHEDULE = "AWS::SageMaker::MonitoringSchedule";
const definitionType = (kind: Kind): string => `AWS::SageMaker::${kind}JobDefinition`;
/** Every resource type a monitoring job is configured on: the schedule (inline job) and the four job definition types. */
export const MONITORING_JOB_TYPES: readonly string[] = [SCHEDULE, ...KINDS.map(definitionType)];
const EVIDENCE: readonly string[] = [...described("MonitoringSchedule"), ...KINDS.flatMap((k) => described(`${k}JobDefinition`))];

/** The parts of one monitoring job's configuration the checks judge, wherever it is configured. */
export interface MonitoringJob {
  /** What was read, for reason strings: `job definition x`, `inline MonitoringJobDefinition`. */
  subject: string;
  network?: MonitoringNetworkConfig | NetworkConfig;
  cluster?: MonitoringClusterConfig;
  output?: MonitoringOutputConfig;
  /** Evidence read beyond the judged resource's own (the definition a schedule names). */
  evidenceIds?: string[];
}

type Config = Record<string, unknown>;

/**
 * The job configuration of a job definition: DescribeDataQualityJobDefinition,
 * DescribeModelQualityJobDefinition, DescribeModelBiasJobDefinition and
 * DescribeModelExplainabilityJobDefinition all return JobResources (MonitoringResources:
 * ClusterConfig), NetworkConfig (MonitoringNetworkConfig) and `<Kind>JobOutputConfig`
 * (MonitoringOutputConfig: KmsKeyId) — DataQualityJobOutputConfig, ModelQualityJobOutputConfig,
 * ModelBiasJobOutputConfig, ModelExplainabilityJobOutputConfig.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeDataQualityJobDefinition.html,
 * API_DescribeModelQualityJobDefinition.html, API_DescribeModelBiasJobDefinition.html,
 * API_DescribeModelExplainabilityJobDefinition.html
 */
function definitionJob(kind: Kind, name: string, config: Config): MonitoringJob {
  const resources = config.JobResources as { ClusterConfig?: MonitoringClusterConfig } | undefined;
  return {
    subject: `job definition ${name}`,
    network: config.NetworkConfig as MonitoringNetworkConfig | undefined,
    cluster: resources?.ClusterConfig,
    output: config[`${kind}JobOutputConfig`] as MonitoringOutputConfig | undefined,
  };
}

/** The describe call that returns a job definition of `kind`, and the list call that names it. */
const describeOperation = (kind: Kind): string => `Describe${kind}JobDefinition`;
const listOperation = (kind: Kind): string => `List${kind}JobDefinitions`;

const isKind = (value: unknown): value is Kind => typeof value === "string" && (KINDS as readonly string[]).includes(value);

/**
 * The failed call that explains why definition `name` of one of `kinds` is missing, if the run
 * recorded one in the schedule's account and region: the describe of that very definition (a gap on
 * the definition's resource, or a gap record whose JobDefinitionName is `name`), else a failed list
 * of that type, which hid every definition of the type.
 */
function missingDefinitionGap(name: string, kinds: readonly Kind[], definition: Resource | undefined, resource: Resource, inventory: Inventory): { evidenceId: string; call: string; error: string } | undefined {
  const own = definition?.gaps.find((g) => kinds.some((k) => g.operation === describeOperation(k)));
  if (own) return { evidenceId: own.evidenceId, call: `sagemaker:${own.operation}`, error: own.error };
  const here = inventory.gaps.filter((g) => g.source === "sagemaker" && g.account === resource.account && g.region === resource.region);
  const describe = here.find((g) => kinds.some((k) => g.operation === describeOperation(k)) && inventory.evidence.get(g.evidenceId)?.params.JobDefinitionName === name);
  const list = here.find((g) => kinds.some((k) => g.operation === listOperation(k)));
  const found = describe ?? list;
  return found && { evidenceId: found.evidenceId, call: `sagemaker:${found.operation}`, error: found.error };
}

/**
 * The job a resource configures. A job definition configures its own. A schedule either holds the
 * job inline (MonitoringScheduleConfig.MonitoringJobDefinition: MonitoringResources,
 * MonitoringOutputConfig, NetworkConfig) or names a definition (MonitoringJobDefinitionName) of the
 * type MonitoringScheduleConfig.MonitoringType gives ("The type of the monitoring job definition to
 * schedule": DataQuality | ModelQuality | ModelBias | ModelExplainability, "Required: No"), read from
 * the inventory. Where MonitoringScheduleConfig omits the type, the DescribeMonitoringSchedule
 * response's own MonitoringType ("The type of the monitoring job that this schedule runs") says it;
 * where both are absent the API reference defines no default, so the definition may be of any of the
 * four types and each is looked up. A named definition that is not in the inventory is an evidence
 * gap that names the describe call which should have returned it (sagemaker:Describe<Type>JobDefinition)
 * and, when the run recorded that call or the type's list call failing in the schedule's account
 * and region, cites that gap's evidence and error.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringScheduleConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMonitoringSchedule.html (MonitoringType),
 * API_MonitoringJobDefinition.html, API_DescribeModelBiasJobDefinition.html (JobDefinitionName)
 */
export function monitoringJob(config: Config, ctx: Pick<CheckContext<Config>, "resource" | "inventory">): MonitoringJob | Verdict {
  const { resource, inventory } = ctx;
  const kind = KINDS.find((k) => definitionType(k) === resource.type);
  if (kind) return definitionJob(kind, resource.name, config);
  const schedule = config.MonitoringScheduleConfig as
    | { MonitoringJobDefinition?: { MonitoringResources?: { ClusterConfig?: MonitoringClusterConfig }; MonitoringOutputConfig?: MonitoringOutputConfig; NetworkConfig?: NetworkConfig }; MonitoringJobDefinitionName?: string; MonitoringType?: string }
    | undefined;
  const inline = schedule?.MonitoringJobDefinition;
  if (inline) {
    return { subject: "inline MonitoringJobDefinition", network: inline.NetworkConfig, cluster: inline.MonitoringResources?.ClusterConfig, output: inline.MonitoringOutputConfig };
  }
  const name = schedule?.MonitoringJobDefinitionName;
  if (!name) return gap("MonitoringScheduleConfig names no job definition: nothing to judge");
  const declared = schedule.MonitoringType ?? config.MonitoringType;
  const kinds: readonly Kind[] = isKind(declared) ? [declared] : KINDS;
  const definition: Resource | undefined = inventory.resources.find(
    (r) => kinds.some((k) => definitionType(k) === r.type) && r.name === name && r.account === resource.account && r.region === resource.region,
  );
  const definitionKind = KINDS.find((k) => definition && definitionType(k) === definition.type);
  if (definition?.config && definitionKind) return { ...definitionJob(definitionKind, name, definition.config), evidenceIds: definition.evidenceIds };

  const typeText =
    declared === undefined
      ? "MonitoringType not set on the schedule: any of the four types"
      : isKind(declared)
        ? `MonitoringType ${declared}`
        : `MonitoringType ${JSON.stringify(declared)}, not one of ${KINDS.join(", ")}: any of the four types`;
  const calls = kinds.map((k) => `sagemaker:${describeOperation(k)}`).join(kinds.length > 1 ? " or " : "");
  const failed = missingDefinitionGap(name, kinds, definition, resource, inventory);
  const where = `${resource.account}/${resource.region}`;
  const reason = failed
    ? `evidence gap: job definition ${name} (${typeText}) was not described: ${failed.call} in ${where} failed (${failed.error}; evidence ${failed.evidenceId})`
    : `evidence gap: job definition ${name} (${typeText}) was not described: ${calls} should have returned it, and the run holds neither a response nor a failed call for it in ${where} (not listed: deleted, or never collected)`;
  const ids = [...new Set([...(definition?.evidenceIds ?? []), ...(failed ? [failed.evidenceId] : [])])];
  return gap(reason, ids.length > 0 ? ids : undefined);
}

const isVerdict = (v: MonitoringJob | Verdict): v is Verdict => "status" in v;

/** Attaches the evidence of the definition a schedule names to the verdict about it. */
const withJobEvidence = (job: MonitoringJob, verdict: Verdict): Verdict =>
  job.evidenceIds?.length ? { ...verdict, evidenceIds: [...(verdict.evidenceIds ?? []), ...job.evidenceIds] } : verdict;

interface MonitoringCheckSpec {
  id: string;
  title: string;
  severity: Severity;
  rationale: string;
  remediation: string;
  peers?: CheckPeers;
  judge: (job: MonitoringJob, ctx: CheckContext<Config>) => Verdict;
}

/**
 * A check over every monitoring job configuration: each data-quality, model-quality, model-bias
 * and model-explainability job definition (scheduled or not: an unscheduled definition is one
 * CreateMonitoringSchedule away from running, and Security Hub judges definitions), and each
 * schedule, through its inline job or the definition it names.
 */
function defineMonitoringCheck(spec: MonitoringCheckSpec): CheckDefinition<Config> {
  const { judge, ...meta } = spec;
  return defineCheck<Config>({
    ...meta,
    resourceType: SCHEDULE,
    resourceTypes: MONITORING_JOB_TYPES,
    evidence: EVIDENCE,
    evaluate: (config, ctx) => {
      const job = monitoringJob(config, ctx);
      return isVerdict(job) ? job : withJobEvidence(job, judge(job, ctx));
    },
  });
}

/**
 * Compliant when the monitoring job encrypts traffic between its instances:
 * NetworkConfig.EnableInterContainerTrafficEncryption true (default false). A job on one instance
 * (ClusterConfig.InstanceCount 1) has no inter-container traffic: NOT_APPLICABLE.
 * Peers, one per resource type this check covers: Security Hub SageMaker.9 (data quality), .10
 * (model explainability), .13 (model quality), .15 (model bias) and .22 (monitoring schedules); the
 * Config rules SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT, SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT
 * and SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT (like SageMaker.15, they judge only InstanceCount
 * 2 or more; SageMaker.9/.10/.13/.22 fail a single-instance job that is NOT_APPLICABLE here);
 * Checkov CKV_AWS_369 (data quality definitions in CloudFormation).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringClusterConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringNetworkConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html
 */
export const monitoringJobInterContainerEncryption = defineMonitoringCheck({
  id: "sagemaker.monitoring-job.inter-container-encryption",
  title: "Model Monitor jobs encrypt inter-container traffic",
  severity: "medium",
  rationale: "Monitoring jobs read captured inference data and baselines; when they run on several instances that data crosses the network between them.",
  remediation:
    "Recreate the job definition with NetworkConfig.EnableInterContainerTrafficEncryption=true (aws sagemaker create-data-quality-job-definition … --network-config EnableInterContainerTrafficEncryption=true; SageMaker Python SDK: network_config=NetworkConfig(encrypt_inter_container_traffic=True)) and point the schedule at it.",
  peers: {
    securityHub: ["SageMaker.9", "SageMaker.10", "SageMaker.13", "SageMaker.15", "SageMaker.22"],
    awsConfig: ["SAGEMAKER_DATA_QUALITY_JOB_ENCRYPT_IN_TRANSIT", "SAGEMAKER_MODEL_EXPLAINABILITY_JOB_ENCRYPT_IN_TRANSIT", "SAGEMAKER_MODEL_BIAS_JOB_ENCRYPT_IN_TRANSIT"],
    checkov: ["CKV_AWS_369"],
  },
  judge: ({ subject, network, cluster }) => {
    const flag = network?.EnableInterContainerTrafficEncryption;
    if (cluster?.InstanceCount === 1 && flag !== true) {
      return notApplicable(`${subject} runs on one instance (ClusterConfig.InstanceCount 1): there is no inter-container traffic`);
    }
    return flag === true
      ? pass(`${subject}: NetworkConfig.EnableInterContainerTrafficEncryption is true`)
      : fail(`${subject}: NetworkConfig.EnableInterContainerTrafficEncryption is ${flag === false ? "false" : "not set (defaults to false)"}`);
  },
});

/**
 * Compliant when the monitoring containers can make no network calls:
 * NetworkConfig.EnableNetworkIsolation true ("Whether to allow inbound and outbound network calls to
 * and from the containers used for the monitoring job"; absent means false).
 * Peers, one per resource type this check covers: Security Hub SageMaker.11 (data quality), .12
 * (model bias), .14 (monitoring schedules), .20 (model explainability), .25 (model quality) and the
 * Config rules SAGEMAKER_DATA_QUALITY_JOB_ISOLATION, SAGEMAKER_MODEL_BIAS_JOB_ISOLATION,
 * SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION and SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringNetworkConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NetworkConfig.html
 */
export const monitoringJobNetworkIsolation = defineMonitoringCheck({
  id: "sagemaker.monitoring-job.network-isolation",
  title: "Model Monitor jobs run with network isolation",
  severity: "medium",
  rationale: "Monitoring containers read captured inference requests and responses (ePHI or personal data); an isolated container cannot send them anywhere, even when the analysis image or a preprocessing script is compromised.",
  remediation:
    "Recreate the job definition with NetworkConfig.EnableNetworkIsolation=true (aws sagemaker create-model-quality-job-definition … --network-config EnableNetworkIsolation=true; Terraform: network_config { enable_network_isolation = true }) and point the schedule at it.",
  peers: {
    securityHub: ["SageMaker.11", "SageMaker.12", "SageMaker.14", "SageMaker.20", "SageMaker.25"],
    awsConfig: ["SAGEMAKER_DATA_QUALITY_JOB_ISOLATION", "SAGEMAKER_MODEL_BIAS_JOB_ISOLATION", "SAGEMAKER_MODEL_EXPLAINABILITY_JOB_NETWORK_ISOLATION", "SAGEMAKER_MODEL_QUALITY_JOB_DEFINITION_ISOLATION"],
  },
  judge: ({ subject, network }) => {
    const flag = network?.EnableNetworkIsolation;
    return flag === true
      ? pass(`${subject}: NetworkConfig.EnableNetworkIsolation is true`)
      : fail(`${subject}: NetworkConfig.EnableNetworkIsolation is ${flag === false ? "false" : "not set (defaults to false)"}: the monitoring containers can reach the network`);
  },
});

/**
 * Compliant when the storage volumes of the monitoring instances are encrypted with a
 * customer-managed key: ClusterConfig.VolumeKmsKeyId ("The AWS KMS key that Amazon SageMaker AI
 * uses to encrypt data on the storage volume attached to the ML compute instance(s) that run the
 * model monitoring job"). Instance types with local NVMe storage take no volume key: NOT_APPLICABLE.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringClusterConfig.html
 * Peers: Checkov CKV_AWS_368 (data quality definitions in CloudFormation); no Security Hub control.
 */
export const monitoringJobVolumeKmsEncrypted = defineMonitoringCheck({
  id: "sagemaker.monitoring-job.volume-kms-encrypted",
  title: "Model Monitor job storage volumes are encrypted with a KMS key",
  severity: "high",
  rationale: "Monitoring jobs copy captured inference data and baselines to their instances' ML storage volumes; ClusterConfig.VolumeKmsKeyId puts that copy under a customer-managed key.",
  remediation:
    "Recreate the job definition with JobResources.ClusterConfig.VolumeKmsKeyId set to a customer-managed key (SageMaker Python SDK: volume_kms_key=…; Terraform: job_resources { cluster_config { volume_kms_key_id } }) and point the schedule at it.",
  peers: { checkov: ["CKV_AWS_368"] },
  judge: ({ subject, cluster }, ctx) => {
    if (hasLocalInstanceStorage(cluster?.InstanceType) && !cluster?.VolumeKmsKeyId) {
      return notApplicable(`${subject} runs on ${cluster?.InstanceType ?? "?"}, local NVMe instance storage encrypted in hardware; SageMaker accepts no VolumeKmsKeyId for it`);
    }
    const verdict = kmsKeyVerdict("ClusterConfig.VolumeKmsKeyId", cluster?.VolumeKmsKeyId, "the monitoring volumes use no customer-managed key", ctx);
    return { ...verdict, reason: `${subject}: ${verdict.reason}` };
  },
});

/**
 * Compliant when the reports a monitoring job writes to S3 are encrypted with a customer-managed
 * key: the output config's KmsKeyId (MonitoringOutputConfig.KmsKeyId, "the key that Amazon SageMaker
 * AI uses to encrypt the model artifacts at rest using Amazon S3 server-side encryption"; optional,
 * absent: the objects get the bucket's default encryption only).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_MonitoringOutputConfig.html
 * Peers: Checkov CKV_AWS_367 (data quality definitions in CloudFormation); no Security Hub control.
 */
export const monitoringJobOutputKmsEncrypted = defineMonitoringCheck({
  id: "sagemaker.monitoring-job.output-kms-encrypted",
  title: "Model Monitor job output is encrypted with a KMS key",
  severity: "high",
  rationale: "Monitoring reports quote feature statistics, violations and samples of the captured data; without a KmsKeyId they get only the bucket's default encryption.",
  remediation:
    "Recreate the job definition with <Kind>JobOutputConfig.KmsKeyId (schedules with an inline job: MonitoringOutputConfig.KmsKeyId) set to a customer-managed key (SageMaker Python SDK: output_kms_key=…; Terraform: …_job_output_config { kms_key_id }) and point the schedule at it.",
  peers: { checkov: ["CKV_AWS_367"] },
  judge: ({ subject, output }, ctx) => {
    const verdict = kmsKeyVerdict("KmsKeyId", output?.KmsKeyId, "the monitoring reports get only the bucket's default encryption", ctx);
    return { ...verdict, reason: `${subject}: output ${verdict.reason}` };
  },
});
