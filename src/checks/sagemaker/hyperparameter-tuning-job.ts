import type { DescribeHyperParameterTuningJobResponse, HyperParameterTrainingJobDefinition } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import type { Verdict } from "../types.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, kmsKeyVerdict } from "./shared.js";
import type { KeyLookup } from "./shared.js";

const TYPE = "AWS::SageMaker::HyperParameterTuningJob";
const EVIDENCE = described("HyperParameterTuningJob", "ListHyperParameterTuningJobs");

/**
 * The volume key and instance types of one training job definition. A definition sizes its
 * instances either with ResourceConfig (InstanceType, or a heterogeneous cluster's InstanceGroups)
 * or with HyperParameterTuningResourceConfig (InstanceType, or the InstanceConfigs SageMaker picks
 * from); each has its own VolumeKmsKeyId.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobDefinition.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTuningResourceConfig.html
 */
function volumeOf(d: HyperParameterTrainingJobDefinition): { field: string; key: string | undefined; types: string[] } {
  const types = (values: (string | undefined)[]): string[] => values.filter((t): t is string => typeof t === "string" && t !== "");
  if (d.ResourceConfig) {
    const r = d.ResourceConfig;
    return { field: "ResourceConfig.VolumeKmsKeyId", key: r.VolumeKmsKeyId, types: types(r.InstanceGroups?.length ? r.InstanceGroups.map((g) => g.InstanceType) : [r.InstanceType]) };
  }
  const h = d.HyperParameterTuningResourceConfig;
  return { field: "HyperParameterTuningResourceConfig.VolumeKmsKeyId", key: h?.VolumeKmsKeyId, types: types(h?.InstanceConfigs?.length ? h.InstanceConfigs.map((c) => c.InstanceType) : [h?.InstanceType]) };
}

function definitionVerdict(d: HyperParameterTrainingJobDefinition, label: string, lookup: KeyLookup): Verdict {
  const { field, key, types } = volumeOf(d);
  if (types.length > 0 && types.every(hasLocalInstanceStorage) && !key) {
    return notApplicable(`${label}: ${[...new Set(types)].join(", ")} use local NVMe instance storage, encrypted in hardware; SageMaker accepts no VolumeKmsKeyId for them`);
  }
  const v = kmsKeyVerdict(field, key, "the training volumes of the tuning job's training jobs use no customer-managed key", lookup);
  return { ...v, reason: `${label}: ${v.reason}` };
}

/**
 * Compliant when the storage volumes of every training job the tuning job launches are encrypted
 * with a KMS key: DescribeHyperParameterTuningJob TrainingJobDefinition and every entry of
 * TrainingJobDefinitions (one of the two is set), each with ResourceConfig.VolumeKmsKeyId (or
 * HyperParameterTuningResourceConfig.VolumeKmsKeyId). Instance types with local NVMe storage take no
 * volume key (as for training jobs, src/checks/sagemaker/instance-storage.ts): NOT_APPLICABLE for a
 * definition that uses only them. The job is judged by its worst definition.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeHyperParameterTuningJob.html
 * (TrainingJobDefinition, TrainingJobDefinitions), API_ResourceConfig.html (VolumeKmsKeyId).
 */
export const hyperParameterTuningJobVolumeKmsEncrypted = defineCheck<DescribeHyperParameterTuningJobResponse>({
  id: "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted",
  title: "Hyperparameter tuning job storage volumes are encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "A tuning job runs many training jobs, each copying the training data to its instances' ML storage volumes; the volume key in each training job definition puts those copies under a customer-managed key.",
  remediation:
    "Start tuning jobs with ResourceConfig.VolumeKmsKeyId set to a customer-managed key in every training job definition (SageMaker Python SDK: the estimator's volume_kms_key=…). Instance types with local NVMe storage encrypt it in hardware and reject the field: prefer EBS-backed types for regulated data.",
  evidence: EVIDENCE,
  evaluate: (job, ctx) => {
    const definitions: [HyperParameterTrainingJobDefinition, string][] = [
      ...(job.TrainingJobDefinition ? [[job.TrainingJobDefinition, "TrainingJobDefinition"] as [HyperParameterTrainingJobDefinition, string]] : []),
      ...(job.TrainingJobDefinitions ?? []).map((d, i): [HyperParameterTrainingJobDefinition, string] => [d, `TrainingJobDefinitions[${i}]${d.DefinitionName ? ` (${d.DefinitionName})` : ""}`]),
    ];
    if (definitions.length === 0) return gap("evidence gap: the describe response holds neither TrainingJobDefinition nor TrainingJobDefinitions, so the training volumes are unknown");
    const verdicts = definitions.map(([d, label]) => definitionVerdict(d, label, ctx));
    const evidenceIds = [...new Set(verdicts.flatMap((v) => v.evidenceIds ?? []))];
    const ids = evidenceIds.length > 0 ? evidenceIds : undefined;
    const failed = verdicts.filter((v) => v.status === "FAIL");
    if (failed.length > 0) return fail(failed.map((v) => v.reason).join("; "), ids);
    if (verdicts.every((v) => v.status === "NOT_APPLICABLE")) return notApplicable(verdicts.map((v) => v.reason).join("; "));
    return pass(verdicts.map((v) => v.reason).join("; "), ids);
  },
});
