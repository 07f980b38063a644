import type { DescribeLabelingJobResponse } from "@aws-sdk/client-sagemaker";
import { defineCheck } from "../define.js";
import { fail, pass } from "../verdict.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::LabelingJob";
const EVIDENCE = described("LabelingJob");

/**
 * Compliant when the labeling job's output is encrypted with a customer-managed key
 * (OutputConfig.KmsKeyId; absent: SSE-S3/AWS managed key) and, when automated data labeling runs
 * (LabelingJobAlgorithmsConfig present), the ML volumes of its training and inference jobs too
 * (LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId). HumanTaskConfig has no
 * key field.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeLabelingJob.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_LabelingJobOutputConfig.html (KmsKeyId),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_LabelingJobResourceConfig.html (VolumeKmsKeyId)
 */
export const labelingJobKmsEncrypted = defineCheck<DescribeLabelingJobResponse>({
  id: "sagemaker.labeling-job.kms-encrypted",
  title: "Labeling job output and volumes are encrypted with a customer-managed KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Labeled datasets are copies of the source data, often ePHI or personal data; a customer-managed key controls and logs who can decrypt them.",
  remediation: "Create labeling jobs with OutputConfig.KmsKeyId and, for automated labeling, LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId set to customer-managed keys (a job cannot be changed after creation).",
  evidence: EVIDENCE,
  evaluate: (job, ctx) => {
    const verdicts = [kmsKeyVerdict("OutputConfig.KmsKeyId", job.OutputConfig?.KmsKeyId, "the labeled output uses no customer-managed key", ctx)];
    if (job.LabelingJobAlgorithmsConfig) {
      verdicts.push(
        kmsKeyVerdict(
          "LabelingJobAlgorithmsConfig.LabelingJobResourceConfig.VolumeKmsKeyId",
          job.LabelingJobAlgorithmsConfig.LabelingJobResourceConfig?.VolumeKmsKeyId,
          "the automated-labeling volumes use no customer-managed key",
          ctx,
        ),
      );
    }
    const ids = [...new Set(verdicts.flatMap((v) => v.evidenceIds ?? []))].sort();
    const evidenceIds = ids.length > 0 ? ids : undefined;
    const failed = verdicts.filter((v) => v.status !== "PASS");
    return failed.length > 0 ? fail(failed.map((v) => v.reason).join("; "), evidenceIds) : pass(verdicts.map((v) => v.reason).join("; "), evidenceIds);
  },
});

/**
 * Compliant when the job's tasks go to a private or vendor workforce, not Amazon Mechanical Turk:
 * HumanTaskConfig.PublicWorkforceTaskPrice is set only for the public workforce, and the public
 * workforce's WorkteamArn is arn:aws:sagemaker:<region>:394669845002:workteam/public-crowd/default.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HumanTaskConfig.html (PublicWorkforceTaskPrice, WorkteamArn)
 */
export const labelingJobPrivateWorkforce = defineCheck<DescribeLabelingJobResponse>({
  id: "sagemaker.labeling-job.private-workforce",
  title: "Labeling jobs use a private workforce",
  resourceType: TYPE,
  severity: "critical",
  rationale: "The public Mechanical Turk workforce shows the data to anonymous workers outside any business associate or data processing agreement.",
  remediation: "Create labeling jobs with the WorkteamArn of a private work team (or a vetted vendor under contract) and no PublicWorkforceTaskPrice.",
  evidence: EVIDENCE,
  evaluate: (job) => {
    const task = job.HumanTaskConfig;
    const team = task?.WorkteamArn ?? "not set";
    if (task?.PublicWorkforceTaskPrice) return fail(`HumanTaskConfig.PublicWorkforceTaskPrice is set: tasks go to the public Mechanical Turk workforce (WorkteamArn ${team})`);
    if (/:workteam\/public-crowd\//.test(team)) return fail(`HumanTaskConfig.WorkteamArn is ${team}: the public Mechanical Turk workforce`);
    return pass(`HumanTaskConfig.PublicWorkforceTaskPrice is not set; WorkteamArn is ${team}`);
  },
});
