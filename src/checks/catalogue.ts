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
// Catalogue v2, part A (issue 12): checks on resource types already collected.
import { domainDockerAccessDisabled, domainUserProfileSharingEncrypted } from "./sagemaker/domain.js";
import { endpointConfigAsyncOutputKmsEncrypted } from "./sagemaker/endpoint-config.js";
import { modelPrivateRegistry } from "./sagemaker/model.js";
import { monitoringJobNetworkIsolation, monitoringJobOutputKmsEncrypted, monitoringJobVolumeKmsEncrypted } from "./sagemaker/monitoring.js";
import { notebookImdsv2Required } from "./sagemaker/notebook.js";
import { trainingJobRemoteDebugDisabled } from "./sagemaker/training-job.js";
// Catalogue v2, part C (issue 12)
import { flowDefinitionOutputKmsEncrypted } from "./sagemaker/flow-definition.js";
import { hyperpodClusterInVpc, hyperpodClusterVolumeKmsEncrypted } from "./sagemaker/hyperpod-cluster.js";
import { labelingJobKmsEncrypted, labelingJobPrivateWorkforce } from "./sagemaker/labeling-job.js";
import { mlflowArtifactStoreSecured } from "./sagemaker/mlflow.js";
import { spaceIdleShutdown, spaceRemoteAccessDisabled } from "./sagemaker/space.js";
import { workforceSourceIpRestricted } from "./sagemaker/workforce.js";
// --- catalogue v2 part B (issue 12) ---
import { autoMLJobSecurityConfig } from "./sagemaker/automl-job.js";
import { featureGroupOfflineStoreKmsEncrypted, featureGroupOnlineStoreKmsEncrypted } from "./sagemaker/feature-group.js";
import { hyperParameterTuningJobVolumeKmsEncrypted } from "./sagemaker/hyperparameter-tuning-job.js";
import { inferenceComponentNoPlaintextSecrets } from "./sagemaker/inference-component.js";
import { inferenceExperimentKmsEncrypted } from "./sagemaker/inference-experiment.js";
import { modelCardKmsEncrypted } from "./sagemaker/model-card.js";
// --- end of catalogue v2 part B ---
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
  // Catalogue v2, part A (issue 12)
  notebookImdsv2Required,
  modelPrivateRegistry,
  endpointConfigAsyncOutputKmsEncrypted,
  trainingJobRemoteDebugDisabled,
  domainDockerAccessDisabled,
  domainUserProfileSharingEncrypted,
  monitoringJobNetworkIsolation,
  monitoringJobVolumeKmsEncrypted,
  monitoringJobOutputKmsEncrypted,
  // Catalogue v2, part C (issue 12)
  hyperpodClusterInVpc,
  hyperpodClusterVolumeKmsEncrypted,
  spaceRemoteAccessDisabled,
  spaceIdleShutdown,
  labelingJobKmsEncrypted,
  labelingJobPrivateWorkforce,
  workforceSourceIpRestricted,
  flowDefinitionOutputKmsEncrypted,
  mlflowArtifactStoreSecured,
  // --- catalogue v2 part B (issue 12) ---
  featureGroupOfflineStoreKmsEncrypted,
  featureGroupOnlineStoreKmsEncrypted,
  inferenceComponentNoPlaintextSecrets,
  inferenceExperimentKmsEncrypted,
  hyperParameterTuningJobVolumeKmsEncrypted,
  autoMLJobSecurityConfig,
  modelCardKmsEncrypted,
  // --- end of catalogue v2 part B ---
];

export const CHECK_IDS: ReadonlySet<string> = new Set(CATALOGUE.map((c) => c.id));

export function checkById(id: string): Check | undefined {
  return CATALOGUE.find((c) => c.id === id);
}
