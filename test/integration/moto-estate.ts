import { CloudTrailClient, CreateTrailCommand, PutEventSelectorsCommand, StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import {
  ConfigServiceClient,
  PutConfigRuleCommand,
  PutConfigurationRecorderCommand,
  PutDeliveryChannelCommand,
  StartConfigurationRecorderCommand,
} from "@aws-sdk/client-config-service";
import {
  CreateClusterCommand,
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
  // catalogue v2 part B (issue 12)
  CreateHyperParameterTuningJobCommand,
  SageMakerClient,
} from "@aws-sdk/client-sagemaker";
import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client } from "@aws-sdk/client-ec2";
import { AttachRolePolicyCommand, CreatePolicyCommand, CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateAliasCommand, CreateKeyCommand, EnableKeyRotationCommand, KMSClient } from "@aws-sdk/client-kms";
import { CreateBucketCommand, PutBucketEncryptionCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand, S3Client } from "@aws-sdk/client-s3";

/** The literal secret seeded into container environments; it must never leave the collector. */
export const SEEDED_SECRET = "moto-seeded-secret-123";
export const MOTO_ACCOUNT = "123456789012";
export const EAST = "us-east-1";
export const WEST = "us-west-2";

const ROLE = `arn:aws:iam::${MOTO_ACCOUNT}:role/sagemaker-execution`;
/** An execution role with AdministratorAccess (AWS managed, judged by its document). */
export const ADMIN_ROLE = `arn:aws:iam::${MOTO_ACCOUNT}:role/ml/sagemaker-admin`;
const IMAGE = `${MOTO_ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/inference:latest`;
export const TRAIL_BUCKET = "sageaudit-trail-logs";
export const DATA_BUCKET = "sageaudit-ml-data";
/** Referenced by the processing job: a policy without the TLS Deny, two of four public-access settings. */
export const SCRATCH_BUCKET = "sageaudit-ml-scratch";

/** What moto generated while seeding (key and group ids are not ours to choose). */
export interface Seeded {
  /** Customer managed, rotation on, alias/ml-data; named by ARN, alias, alias ARN and bare id. */
  rotating: { id: string; arn: string };
  /** Customer managed, rotation off, alias/ml-legacy; named by alias only. */
  plain: { id: string; arn: string };
  /** HTTPS from the VPC only. */
  closedGroup: string;
  /** SSH from 0.0.0.0/0. */
  openGroup: string;
}

/** SDK client settings for the moto server at `endpoint`. */
export const clientConfig = (endpoint: string, region: string) => ({
  region,
  endpoint,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1,
});

const encoded = (statements: unknown[]): string => JSON.stringify({ Version: "2012-10-17", Statement: statements });

/**
 * A small estate with a compliant and a non-compliant resource of every SageMaker type moto can
 * create, trails and a Config recorder, in two regions. The ids below are what the test asserts.
 */
export async function seedEstate(endpoint: string): Promise<Seeded> {
  const seeded = { ...(await seedKeys(new KMSClient(clientConfig(endpoint, EAST)))), ...(await seedGroups(new EC2Client(clientConfig(endpoint, EAST)))) };
  await seedBuckets(new S3Client({ ...clientConfig(endpoint, EAST), forcePathStyle: true }), seeded);
  await seedRoles(new IAMClient(clientConfig(endpoint, EAST)));
  await seedSageMaker(new SageMakerClient(clientConfig(endpoint, EAST)), seeded);
  await seedWestSageMaker(new SageMakerClient(clientConfig(endpoint, WEST)));
  await seedHyperPod(endpoint, seeded); // catalogue v2 part C (issue 12)
  await seedCatalogueB(new SageMakerClient(clientConfig(endpoint, EAST)), seeded);
  await seedTrails(endpoint, seeded);
  await seedConfig(new ConfigServiceClient(clientConfig(endpoint, EAST)));
  return seeded;
}

async function seedKeys(kms: KMSClient): Promise<Pick<Seeded, "rotating" | "plain">> {
  const create = async (alias: string, rotate: boolean) => {
    const out = await kms.send(new CreateKeyCommand({ Description: `sageaudit test ${alias}` }));
    const id = out.KeyMetadata?.KeyId ?? "";
    if (rotate) await kms.send(new EnableKeyRotationCommand({ KeyId: id }));
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: id }));
    return { id, arn: out.KeyMetadata?.Arn ?? "" };
  };
  return { rotating: await create("alias/ml-data", true), plain: await create("alias/ml-legacy", false) };
}

async function seedGroups(ec2: EC2Client): Promise<Pick<Seeded, "closedGroup" | "openGroup">> {
  const group = async (name: string, cidr: string, port: number) => {
    const out = await ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `sageaudit test ${name}` }));
    const id = out.GroupId ?? "";
    await ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: id, IpPermissions: [{ IpProtocol: "tcp", FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] }] }));
    return id;
  };
  return { closedGroup: await group("ml-private", "10.0.0.0/16", 443), openGroup: await group("ml-ssh-open", "0.0.0.0/0", 22) };
}

async function seedBuckets(s3: S3Client, seeded: Pick<Seeded, "rotating">): Promise<void> {
  for (const Bucket of [TRAIL_BUCKET, DATA_BUCKET, SCRATCH_BUCKET]) await s3.send(new CreateBucketCommand({ Bucket }));
  const arn = (b: string) => [`arn:aws:s3:::${b}`, `arn:aws:s3:::${b}/*`];
  // Data: SSE-KMS with the customer key, TLS-only policy, all four public-access settings.
  await s3.send(
    new PutBucketEncryptionCommand({
      Bucket: DATA_BUCKET,
      ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: "aws:kms", KMSMasterKeyID: seeded.rotating.arn }, BucketKeyEnabled: true }] },
    }),
  );
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: DATA_BUCKET,
      Policy: encoded([{ Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: arn(DATA_BUCKET), Condition: { Bool: { "aws:SecureTransport": "false" } } }]),
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: DATA_BUCKET,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    }),
  );
  // Scratch: a policy that grants but never denies plain HTTP, two of four public-access settings.
  await s3.send(
    new PutBucketPolicyCommand({
      Bucket: SCRATCH_BUCKET,
      Policy: encoded([{ Sid: "TeamRead", Effect: "Allow", Principal: { AWS: ROLE }, Action: "s3:GetObject", Resource: `arn:aws:s3:::${SCRATCH_BUCKET}/*` }]),
    }),
  );
  await s3.send(
    new PutPublicAccessBlockCommand({
      Bucket: SCRATCH_BUCKET,
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
    }),
  );
  // Trail logs: no policy and no public-access block at all.
}

async function seedRoles(iam: IAMClient): Promise<void> {
  const trust = encoded([{ Effect: "Allow", Principal: { Service: "sagemaker.amazonaws.com" }, Action: "sts:AssumeRole" }]);
  await iam.send(new CreateRoleCommand({ RoleName: "sagemaker-execution", AssumeRolePolicyDocument: trust }));
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: "sagemaker-execution",
      PolicyName: "data-access",
      PolicyDocument: encoded([{ Sid: "Data", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: `arn:aws:s3:::${DATA_BUCKET}/*` }]),
    }),
  );
  const policy = await iam.send(
    new CreatePolicyCommand({
      PolicyName: "ml-logs",
      PolicyDocument: encoded([{ Sid: "Logs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `arn:aws:logs:us-east-1:${MOTO_ACCOUNT}:log-group:/aws/sagemaker/*` }]),
    }),
  );
  await iam.send(new AttachRolePolicyCommand({ RoleName: "sagemaker-execution", PolicyArn: policy.Policy?.Arn ?? "" }));
  await iam.send(new CreateRoleCommand({ RoleName: "sagemaker-admin", Path: "/ml/", AssumeRolePolicyDocument: trust }));
  await iam.send(new AttachRolePolicyCommand({ RoleName: "sagemaker-admin", PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }));
}

async function seedSageMaker(sm: SageMakerClient, seeded: Seeded): Promise<void> {
  await sm.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: "nb-locked-down",
      InstanceType: "ml.t3.medium",
      RoleArn: ROLE,
      DirectInternetAccess: "Disabled",
      RootAccess: "Disabled",
      KmsKeyId: seeded.rotating.arn,
      SubnetId: "subnet-0abc1234",
      SecurityGroupIds: [seeded.closedGroup],
    }),
  );
  await sm.send(
    new CreateNotebookInstanceCommand({
      NotebookInstanceName: "nb-wide-open",
      InstanceType: "ml.t3.medium",
      RoleArn: ROLE,
      // AWS managed: fails kms-encrypted as surely as no key (and kms.sagemaker-key.customer-managed).
      KmsKeyId: "alias/aws/sagemaker",
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
      VpcConfig: { SecurityGroupIds: [seeded.openGroup], Subnets: ["subnet-0abc1234"] },
      PrimaryContainer: { Image: IMAGE, ModelDataUrl: `s3://${DATA_BUCKET}/model.tar.gz` },
    }),
  );
  await sm.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: "ec-encrypted",
      // The rotating key by alias name: the same key, the same KMS findings as by ARN.
      KmsKeyId: "alias/ml-data",
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
      // Issue 9: a hyperparameter and a tag value carrying a secret, both redacted before storage.
      HyperParameters: { epochs: "3", wandb_api_key: SEEDED_SECRET },
      Tags: [{ Key: "deploy-token", Value: SEEDED_SECRET }],
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
    new CreateProcessingJobCommand({
      ProcessingJobName: "process-keys",
      RoleArn: ADMIN_ROLE,
      AppSpecification: { ImageUri: IMAGE },
      ProcessingResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.large", VolumeSizeInGB: 10 } },
      // The non-rotating key, by alias only.
      ProcessingOutputConfig: { Outputs: [{ OutputName: "out", S3Output: { S3Uri: `s3://${SCRATCH_BUCKET}/out/`, LocalPath: "/opt/ml/processing/output", S3UploadMode: "EndOfJob" } }], KmsKeyId: "alias/ml-legacy" },
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
      // And by bare key id.
      KmsKeyId: seeded.rotating.id,
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

async function seedTrails(endpoint: string, seeded: Seeded): Promise<void> {
  const east = new CloudTrailClient(clientConfig(endpoint, EAST));
  await east.send(
    new CreateTrailCommand({
      Name: "org-audit",
      S3BucketName: TRAIL_BUCKET,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      KmsKeyId: seeded.rotating.arn,
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

// --- catalogue v2 part C (issue 12): HyperPod clusters, the only part C type moto implements. ---
const HYPERPOD_BUCKET = "sagemaker-hyperpod-lifecycle";
/** hp-private: cluster VpcConfig and a customer-managed EBS key (PASS both); hp-open: neither (FAIL both). */
async function seedHyperPod(endpoint: string, seeded: Seeded): Promise<void> {
  // moto requires lifecycle scripts under s3://sagemaker-…; the bucket exists, so the S3 reads of it succeed.
  await new S3Client({ ...clientConfig(endpoint, EAST), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: HYPERPOD_BUCKET }));
  const sm = new SageMakerClient(clientConfig(endpoint, EAST));
  const group = (name: string, storage: Record<string, unknown>[]) => ({
    InstanceGroupName: name,
    InstanceType: "ml.p4d.24xlarge" as const,
    InstanceCount: 1,
    LifeCycleConfig: { SourceS3Uri: `s3://${HYPERPOD_BUCKET}/scripts/`, OnCreate: "on_create.sh" },
    ExecutionRole: ROLE,
    ThreadsPerCore: 1,
    InstanceStorageConfigs: storage as never,
  });
  await sm.send(
    new CreateClusterCommand({
      ClusterName: "hp-private",
      InstanceGroups: [group("workers", [{ EbsVolumeConfig: { VolumeSizeInGB: 100, VolumeKmsKeyId: seeded.rotating.arn } }])],
      VpcConfig: { SecurityGroupIds: [seeded.closedGroup], Subnets: ["subnet-0a1b2c3d4e5f60718"] },
    }),
  );
  await sm.send(new CreateClusterCommand({ ClusterName: "hp-open", InstanceGroups: [group("workers", [{ EbsVolumeConfig: { VolumeSizeInGB: 100 } }])] }));
}

/**
 * catalogue v2 part B (issue 12): tuning jobs, one compliant and one not. The other part B types are
 * mock-tested only: moto has no ListFeatureGroups, no inference component or experiment API, and
 * its CreateAutoMLJobV2 answers HTTP 500; model cards are left for a follow-up.
 */
async function seedCatalogueB(sm: SageMakerClient, seeded: Seeded): Promise<void> {
  const definition = (volumeKey?: string) => ({
    AlgorithmSpecification: { TrainingImage: IMAGE, TrainingInputMode: "File" as const },
    RoleArn: ROLE,
    OutputDataConfig: { S3OutputPath: `s3://${DATA_BUCKET}/hpo/` },
    ResourceConfig: { InstanceType: "ml.m5.large" as const, InstanceCount: 1, VolumeSizeInGB: 10, ...(volumeKey ? { VolumeKmsKeyId: volumeKey } : {}) },
    StoppingCondition: { MaxRuntimeInSeconds: 3600 },
  });
  const tuning = { Strategy: "Bayesian" as const, ResourceLimits: { MaxNumberOfTrainingJobs: 2, MaxParallelTrainingJobs: 1 } };
  await sm.send(new CreateHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "hpo-encrypted", HyperParameterTuningJobConfig: tuning, TrainingJobDefinition: definition(seeded.rotating.arn) }));
  await sm.send(new CreateHyperParameterTuningJobCommand({ HyperParameterTuningJobName: "hpo-plain", HyperParameterTuningJobConfig: tuning, TrainingJobDefinition: definition() }));
}
