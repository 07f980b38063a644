import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import {
  ConfigServiceClient,
  PutConfigRuleCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import {
  CreateDataQualityJobDefinitionCommand,
  CreateDomainCommand,
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  CreateModelPackageCommand,
  CreateModelPackageGroupCommand,
  CreateNotebookInstanceCommand,
  CreateProcessingJobCommand,
  CreateTrainingJobCommand,
  CreateTransformJobCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { createBucket } from "../helpers/moto.js";

/** The literal secret seeded into container environments; it must never leave the collector. */
export const SEEDED_SECRET = "moto-seeded-secret-123";
export const MOTO_ACCOUNT = "123456789012";
export const EAST = "us-east-1";
export const WEST = "us-west-2";

const ROLE = `arn:aws:iam::${MOTO_ACCOUNT}:role/sagemaker-execution`;
const KEY = (region: string): string => `arn:aws:kms:${region}:${MOTO_ACCOUNT}:key/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d`;
const IMAGE = `${MOTO_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/inference:latest`;
export const TRAIL_BUCKET = "sageaudit-trail-logs";
export const DATA_BUCKET = "sageaudit-ml-data";

const clientConfig = (endpoint: string, region: string) => ({
  region,
  endpoint,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1,
});

/**
 * A small estate with a compliant and a non-compliant resource of every SageMaker type moto can
 * create, trails and a Config recorder, in two regions. The ids below are what the test asserts.
 */
export async function seedEstate(endpoint: string): Promise<void> {
  await createBucket(endpoint, TRAIL_BUCKET);
  await createBucket(endpoint, DATA_BUCKET);
  await seedSageMaker(new SageMakerClient(clientConfig(endpoint, EAST)), EAST);
  await seedWestSageMaker(new SageMakerClient(clientConfig(endpoint, WEST)));
  await seedTrails(endpoint);
  await seedConfig(new ConfigServiceClient(clientConfig(endpoint, EAST)));
}

async function seedSageMaker(sm: SageMakerClient, region: string): Promise<void> {
  await sm.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: "nb-locked-down",
      InstanceType: "ml.t3.medium",
      RoleArn: ROLE,
      DirectInternetAccess: "Disabled",
      RootAccess: "Disabled",
      KmsKeyId: KEY(region),
      SubnetId: "subnet-0abc1234",
      SecurityGroupIds: ["sg-0abc1234def567890"],
    }),
  );
  await sm.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: "nb-wide-open",
      InstanceType: "ml.t3.medium",
      RoleArn: ROLE,
      DirectInternetAccess: "Enabled",
      RootAccess: "Enabled",
    }),
  );
  await sm.send(
    new CreateModelCommand({
      ModelName: "model-with-secret",
      ExecutionRoleArn: ROLE,
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://${DATA_BUCKET}/model.tar.gz`, Environment: { DB_PASSWORD: SEEDED_SECRET, LOG_LEVEL: "info" } },
    }),
  );
  await sm.send(
    new CreateModelCommand({
      ModelName: "model-isolated",
      ExecutionRoleArn: ROLE,
      EnableNetworkIsolation: true,
      VpcConfig: { SecurityGroupIds: ["sg-0abc1234def567890"], Subnets: ["subnet-0abc1234"] },
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://${DATA_BUCKET}/model.tar.gz` },
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: "ec-encrypted",
      KmsKeyId: KEY(region),
      ProductionVariants: [{ VariantName: "main", ModelName: "model-isolated", InitialInstanceCount: 2, InstanceType: "ml.m5.large" }],
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: "ec-plain",
      ProductionVariants: [{ VariantName: "main", ModelName: "model-with-secret", InitialInstanceCount: 1, InstanceType: "ml.m5.large" }],
    }),
  );
  await sm.send(new CreateEndpointCommand({ EndpointName: "ep-encrypted", EndpointConfigName: "ec-encrypted" }));
  await sm.send(
    new CreateTrainingJobCommand({
      TrainingJobName: "train-plain",
      RoleArn: ROLE,
      AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: "File" },
      OutputDataConfig: { S3OutputPath: `s3://${DATA_BUCKET}/output/` },
      ResourceConfig: { InstanceType: "ml.m5.large", InstanceCount: 1, VolumeSizeInGB: 10 },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
      Environment: { API_TOKEN: SEEDED_SECRET },
    }),
  );
  await sm.send(
    new CreateProcessingJobCommand({
      ProcessingJobName: "process-plain",
      RoleArn: ROLE,
      AppSpecification: { ImageUri: IMAGE },
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large", VolumeSizeInGB: 10 } },
      StoppingCondition: { MaxRuntimeInSeconds: 3600 },
    }),
  );
  await sm.send(
    new CreateTransformJobCommand({
      TransformJobName: "transform-plain",
      ModelName: "model-isolated",
      TransformInput: { DataSource: { S3DataSource: { S3DataType: "S3Prefix", S3Uri: `s3://${DATA_BUCKET}/in/` } } },
      TransformOutput: { S3OutputPath: `s3://${DATA_BUCKET}/out/` },
      TransformResources: { InstanceType: "ml.m5.large", InstanceCount: 1 },
    }),
  );
  await sm.send(
    new CreateDomainCommand({
      DomainName: "studio",
      AuthMode: "IAM",
      AppNetworkAccessType: "VpcOnly",
      KmsKeyId: KEY(region),
      SubnetIds: ["subnet-0abc1234"],
      VpcId: "vpc-0abc1234",
      DefaultUserSettings: { ExecutionRole: ROLE },
    }),
  );
  await sm.send(new CreateModelPackageGroupCommand({ ModelPackageGroupName: "fraud-models" }));
  await sm.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: "fraud-models",
      ModelApprovalStatus: "PendingManualApproval",
      InferenceSpecification: { Containers: [{ Image: IMAGE }], SupportedContentTypes: ["text/csv"], SupportedResponseMIMETypes: ["text/csv"] },
    }),
  );
  await sm.send(
    new CreateDataQualityJobDefinitionCommand({
      JobDefinitionName: "dq-plain",
      RoleArn: ROLE,
      DataQualityAppSpecification: { ImageUri: IMAGE },
      DataQualityJobInput: { EndpointInput: { EndpointName: "ep-encrypted", LocalPath: "/opt/ml/processing/input" } },
      DataQualityJobOutputConfig: { MonitoringOutputs: [{ S3Output: { S3Uri: `s3://${DATA_BUCKET}/dq/`, LocalPath: "/opt/ml/processing/output" } }] },
      JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large", VolumeSizeInGB: 10 } },
    }),
  );
}

async function seedWestSageMaker(sm: SageMakerClient): Promise<void> {
  await sm.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: "nb-west-open",
      InstanceType: "ml.t3.medium",
      RoleArn: ROLE,
      DirectInternetAccess: "Enabled",
    }),
  );
}

async function seedTrails(endpoint: string): Promise<void> {
  const east = new CloudTrailClient(clientConfig(endpoint, EAST));
  await east.send(
    new CreateTrailCommand({
      Name: "org-audit",
      S3BucketName: TRAIL_BUCKET,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: KEY(EAST),
    }),
  );
  await east.send(new StartLoggingCommand({ Name: "org-audit" }));
  await east.send(
    new PutEventSelectorsCommand({ TrailName: "org-audit", EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true }] }),
  );
  const west = new CloudTrailClient(clientConfig(endpoint, WEST));
  // Single-region, unvalidated, unencrypted and never started: fails every trail check.
  await west.send(new CreateTrailCommand({ Name: "west-scratch", S3BucketName: TRAIL_BUCKET }));
}

async function seedConfig(config: ConfigServiceClient): Promise<void> {
  await config.send(
    new PutConfigurationRecorderCommand({
      ConfigurationRecorder: {
        name: "default",
        roleARN: `arn:aws:iam::${MOTO_ACCOUNT}:role/config-recorder`,
        recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
      },
    }),
  );
  await config.send(new PutDeliveryChannelCommand({ DeliveryChannel: { name: "default", s3BucketName: TRAIL_BUCKET } }));
  await config.send(new StartConfigurationRecorderCommand({ ConfigurationRecorderName: "default" }));
  await config.send(
    new PutConfigRuleCommand({
      ConfigRule: {
        ConfigRuleName: "sagemaker-notebook-no-direct-internet-access",
        Source: { Owner: "AWS", SourceIdentifier: "SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS" },
      },
    }),
  );
}
