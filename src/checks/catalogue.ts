import { activityAuditLoggingTampering, activityMonitoringDisabled } from "./cloudtrail/activity.js";
import {
  cloudtrailCloudWatchLogsIntegration,
  cloudtrailKmsEncrypted,
  cloudtrailLogFileValidation,
  cloudtrailManagementEventsCaptured,
  cloudtrailMultiRegionLogging,
} from "./cloudtrail/trail.js";
import { configRecorderRecording } from "./config/recorder.js";
import { ec2SageMakerSecurityGroupNoOpenIngress } from "./ec2/security-group.js";
import { iamSageMakerRoleLeastPrivilege } from "./iam/role.js";
import { kmsSageMakerKeyCustomerManaged, kmsSageMakerKeyRotationEnabled } from "./kms/key.js";
import { s3SageMakerBucketEncrypted, s3SageMakerBucketPublicAccessBlocked, s3SageMakerBucketTlsOnly } from "./s3/bucket.js";
import { domainKmsEncrypted, domainSsoAuth, domainVpcOnly } from "./sagemaker/domain.js";
import { endpointDataCaptureEnabled, endpointModelMonitorScheduled } from "./sagemaker/endpoint.js";
import {
  endpointConfigDataCaptureBucketEncrypted,
  endpointConfigDataCaptureEncrypted,
  endpointConfigKmsEncrypted,
  endpointConfigMultiInstance,
} from "./sagemaker/endpoint-config.js";
import { modelInVpc, modelNetworkIsolation, modelNoPlaintextSecrets } from "./sagemaker/model.js";
import { modelPackageApprovedBeforeDeployment } from "./sagemaker/model-package.js";
import { resourceNoPlaintextSecrets } from "./sagemaker/secrets.js";
import { monitoringJobInterContainerEncryption } from "./sagemaker/monitoring.js";
import {
  notebookDirectInternetDisabled,
  notebookInVpc,
  notebookKmsEncrypted,
  notebookRootAccessDisabled,
  notebookSupportedPlatform,
} from "./sagemaker/notebook.js";
import {
  processingJobInterContainerEncryption,
  processingJobNetworkIsolation,
  processingJobOutputKmsEncrypted,
  processingJobVolumeKmsEncrypted,
} from "./sagemaker/processing-job.js";
import {
  trainingJobInVpc,
  trainingJobInterContainerEncryption,
  trainingJobNetworkIsolation,
  trainingJobOutputKmsEncrypted,
  trainingJobVolumeKmsEncrypted,
} from "./sagemaker/training-job.js";
import { transformJobOutputKmsEncrypted, transformJobVolumeKmsEncrypted } from "./sagemaker/transform-job.js";
// --- cat-b (issue 12, part B) ---
import { autoMLJobSecurityConfig } from "./sagemaker/automl-job.js";
import { featureGroupOfflineStoreKmsEncrypted, featureGroupOnlineStoreKmsEncrypted } from "./sagemaker/feature-group.js";
import { hyperParameterTuningJobVolumeKmsEncrypted } from "./sagemaker/hyperparameter-tuning-job.js";
import { inferenceComponentNoPlaintextSecrets } from "./sagemaker/inference-component.js";
import { inferenceExperimentKmsEncrypted } from "./sagemaker/inference-experiment.js";
import { modelCardKmsEncrypted } from "./sagemaker/model-card.js";
// --- end cat-b ---
import type { Check } from "./types.js";

/** Every check the tool knows, in catalogue order. Ids are a public contract. */
export const CATALOGUE: readonly Check[] = [
  notebookDirectInternetDisabled,
  notebookInVpc,
  notebookKmsEncrypted,
  notebookRootAccessDisabled,
  notebookSupportedPlatform,
  domainVpcOnly,
  domainKmsEncrypted,
  domainSsoAuth,
  modelNetworkIsolation,
  modelInVpc,
  modelNoPlaintextSecrets,
  resourceNoPlaintextSecrets,
  modelPackageApprovedBeforeDeployment,
  endpointConfigKmsEncrypted,
  endpointConfigDataCaptureEncrypted,
  endpointConfigDataCaptureBucketEncrypted,
  endpointConfigMultiInstance,
  endpointDataCaptureEnabled,
  endpointModelMonitorScheduled,
  trainingJobInterContainerEncryption,
  trainingJobNetworkIsolation,
  trainingJobInVpc,
  trainingJobVolumeKmsEncrypted,
  trainingJobOutputKmsEncrypted,
  processingJobInterContainerEncryption,
  processingJobNetworkIsolation,
  processingJobOutputKmsEncrypted,
  processingJobVolumeKmsEncrypted,
  transformJobOutputKmsEncrypted,
  transformJobVolumeKmsEncrypted,
  monitoringJobInterContainerEncryption,
  cloudtrailMultiRegionLogging,
  cloudtrailLogFileValidation,
  cloudtrailKmsEncrypted,
  cloudtrailManagementEventsCaptured,
  cloudtrailCloudWatchLogsIntegration,
  configRecorderRecording,
  iamSageMakerRoleLeastPrivilege,
  kmsSageMakerKeyRotationEnabled,
  kmsSageMakerKeyCustomerManaged,
  s3SageMakerBucketEncrypted,
  s3SageMakerBucketTlsOnly,
  s3SageMakerBucketPublicAccessBlocked,
  ec2SageMakerSecurityGroupNoOpenIngress,
  activityAuditLoggingTampering,
  activityMonitoringDisabled,
  // --- cat-b (issue 12, part B) ---
  featureGroupOfflineStoreKmsEncrypted,
  featureGroupOnlineStoreKmsEncrypted,
  inferenceComponentNoPlaintextSecrets,
  inferenceExperimentKmsEncrypted,
  hyperParameterTuningJobVolumeKmsEncrypted,
  autoMLJobSecurityConfig,
  modelCardKmsEncrypted,
  // --- end cat-b ---
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CATALOGUE.map((c) => c.id));

export function checkById(id: string): Check | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
