import {
  DescribeDataQualityJobDefinitionCommand,
  DescribeDomainCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelBiasJobDefinitionCommand,
  DescribeModelCommand,
  DescribeModelExplainabilityJobDefinitionCommand,
  DescribeModelPackageCommand,
  DescribeModelPackageGroupCommand,
  DescribeModelQualityJobDefinitionCommand,
  DescribeMonitoringScheduleCommand,
  DescribeNotebookInstanceCommand,
  DescribeProcessingJobCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  DescribeUserProfileCommand,
  paginateListDataQualityJobDefinitions,
  paginateListDomains,
  paginateListEndpointConfigs,
  paginateListEndpoints,
  paginateListModelBiasJobDefinitions,
  paginateListModelExplainabilityJobDefinitions,
  paginateListModelPackageGroups,
  paginateListModelPackages,
  paginateListModelQualityJobDefinitions,
  paginateListModels,
  paginateListMonitoringSchedules,
  paginateListNotebookInstances,
  paginateListProcessingJobs,
  paginateListTags,
  paginateListTrainingJobs,
  paginateListTransformJobs,
  paginateListUserProfiles,
  DescribeClusterCommand,
  DescribeFlowDefinitionCommand,
  DescribeLabelingJobCommand,
  DescribeMlflowAppCommand,
  DescribeMlflowTrackingServerCommand,
  DescribeSpaceCommand,
  DescribeWorkforceCommand,
  paginateListClusters,
  paginateListFlowDefinitions,
  paginateListLabelingJobs,
  paginateListMlflowApps,
  paginateListMlflowTrackingServers,
  paginateListSpaces,
  paginateListWorkforces,
  DescribeFeatureGroupCommand,
  DescribeInferenceComponentCommand,
  DescribeInferenceExperimentCommand,
  DescribeHyperParameterTuningJobCommand,
  DescribeAutoMLJobV2Command,
  DescribeModelCardCommand,
  paginateListFeatureGroups,
  paginateListInferenceComponents,
  paginateListInferenceExperiments,
  paginateListHyperParameterTuningJobs,
  paginateListAutoMLJobs,
  paginateListModelCards,
} from "@aws-sdk/client-sagemaker";
import type { SageMakerClient, SageMakerPaginationConfiguration } from "@aws-sdk/client-sagemaker";
import type { CallScope, Output } from "./call.js";
import type { References } from "./references.js";
import { addReferences } from "./references.js";

/** The most SageMaker list calls accept; fewer pages means fewer calls against the quota. */
const PAGE = 100;

type Pager = (client: SageMakerClient) => (input: Output) => AsyncIterable<unknown>;
type Describe = (client: SageMakerClient, params: Output) => Promise<unknown>;

// The SDK's paginators and commands are each typed for their own input; the collector drives them
// all through one table, so the input is cast once here.
const pager =
  <I>(paginate: (config: SageMakerPaginationConfiguration, input: I) => AsyncIterable<unknown>): Pager =>
  (client) =>
  (input) =>
    paginate({ client, stopOnSameToken: true }, input as I);

const TERMINAL_JOB = new Set(["Completed", "Failed", "Stopped"]);

interface TypeSpec {
  listOperation: string;
  listKey: string;
  paginate: Pager;
  /** Extra list input (job look-back, parent filter). */
  listInput?: (ctx: { since: Date; parent?: Output }) => Output;
  describeOperation: string;
  describeParams: (item: Output, parent?: Output) => Output | undefined;
  describe: Describe;
  arnField: string;
  /**
   * For resources SageMaker cannot change once finished or created: the stored describe of the same
   * request may be reused when its CreationTime matches the list item's (a same-named resource
   * created again is a new resource) and, for jobs, the stored answer already shows a final status.
   */
  immutable?: { statusField?: string };
  children?: TypeSpec[];
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);
const iso = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : typeof v === "string" ? new Date(v).toISOString() : undefined);

const named = (field: string, param = field) => (item: Output): Output | undefined => {
  const value = str(item[field]);
  return value ? { [param]: value } : undefined;
};

// LastModifiedTimeAfter rather than CreationTimeAfter: a job created before the window that ran,
// finished or failed inside it is in scope too; the modified set contains the created set.
const sinceModified = ({ since }: { since: Date }): Output => ({ LastModifiedTimeAfter: since });

const monitoringDefinition = (kind: string, paginate: Pager, describe: Describe): TypeSpec => ({
  listOperation: `List${kind}JobDefinitions`,
  listKey: "JobDefinitionSummaries",
  paginate,
  describeOperation: `Describe${kind}JobDefinition`,
  describeParams: named("MonitoringJobDefinitionName", "JobDefinitionName"),
  describe,
  arnField: "JobDefinitionArn",
});

/** Every SageMaker resource type the checks read: a list call, a describe per item, tags. */
export const SAGEMAKER_TYPES: readonly TypeSpec[] = [
  {
    listOperation: "ListNotebookInstances",
    listKey: "NotebookInstances",
    paginate: pager(paginateListNotebookInstances),
    describeOperation: "DescribeNotebookInstance",
    describeParams: named("NotebookInstanceName"),
    describe: (c, p) => c.send(new DescribeNotebookInstanceCommand(p as never)),
    arnField: "NotebookInstanceArn",
  },
  {
    listOperation: "ListDomains",
    listKey: "Domains",
    paginate: pager(paginateListDomains),
    describeOperation: "DescribeDomain",
    describeParams: named("DomainId"),
    describe: (c, p) => c.send(new DescribeDomainCommand(p as never)),
    arnField: "DomainArn",
    children: [
      {
        // User settings (execution role, security groups, sharing) override the domain defaults.
        listOperation: "ListUserProfiles",
        listKey: "UserProfiles",
        paginate: pager(paginateListUserProfiles),
        listInput: ({ parent }) => ({ DomainIdEquals: parent?.DomainId }),
        describeOperation: "DescribeUserProfile",
        describeParams: (item) => {
          const domain = str(item.DomainId);
          const name = str(item.UserProfileName);
          return domain && name ? { DomainId: domain, UserProfileName: name } : undefined;
        },
        describe: (c, p) => c.send(new DescribeUserProfileCommand(p as never)),
        arnField: "UserProfileArn",
      },
    ],
  },
  {
    listOperation: "ListModels",
    listKey: "Models",
    paginate: pager(paginateListModels),
    describeOperation: "DescribeModel",
    describeParams: named("ModelName"),
    describe: (c, p) => c.send(new DescribeModelCommand(p as never)),
    arnField: "ModelArn",
    immutable: {},
  },
  {
    listOperation: "ListEndpointConfigs",
    listKey: "EndpointConfigs",
    paginate: pager(paginateListEndpointConfigs),
    describeOperation: "DescribeEndpointConfig",
    describeParams: named("EndpointConfigName"),
    describe: (c, p) => c.send(new DescribeEndpointConfigCommand(p as never)),
    arnField: "EndpointConfigArn",
    immutable: {},
  },
  {
    listOperation: "ListEndpoints",
    listKey: "Endpoints",
    paginate: pager(paginateListEndpoints),
    describeOperation: "DescribeEndpoint",
    describeParams: named("EndpointName"),
    describe: (c, p) => c.send(new DescribeEndpointCommand(p as never)),
    arnField: "EndpointArn",
  },
  {
    listOperation: "ListTrainingJobs",
    listKey: "TrainingJobSummaries",
    paginate: pager(paginateListTrainingJobs),
    listInput: sinceModified,
    describeOperation: "DescribeTrainingJob",
    describeParams: named("TrainingJobName"),
    describe: (c, p) => c.send(new DescribeTrainingJobCommand(p as never)),
    arnField: "TrainingJobArn",
    immutable: { statusField: "TrainingJobStatus" },
  },
  {
    listOperation: "ListProcessingJobs",
    listKey: "ProcessingJobSummaries",
    paginate: pager(paginateListProcessingJobs),
    listInput: sinceModified,
    describeOperation: "DescribeProcessingJob",
    describeParams: named("ProcessingJobName"),
    describe: (c, p) => c.send(new DescribeProcessingJobCommand(p as never)),
    arnField: "ProcessingJobArn",
    immutable: { statusField: "ProcessingJobStatus" },
  },
  {
    listOperation: "ListTransformJobs",
    listKey: "TransformJobSummaries",
    paginate: pager(paginateListTransformJobs),
    listInput: sinceModified,
    describeOperation: "DescribeTransformJob",
    describeParams: named("TransformJobName"),
    describe: (c, p) => c.send(new DescribeTransformJobCommand(p as never)),
    arnField: "TransformJobArn",
    immutable: { statusField: "TransformJobStatus" },
  },
  {
    listOperation: "ListMonitoringSchedules",
    listKey: "MonitoringScheduleSummaries",
    paginate: pager(paginateListMonitoringSchedules),
    describeOperation: "DescribeMonitoringSchedule",
    describeParams: named("MonitoringScheduleName"),
    describe: (c, p) => c.send(new DescribeMonitoringScheduleCommand(p as never)),
    arnField: "MonitoringScheduleArn",
  },
  monitoringDefinition("DataQuality", pager(paginateListDataQualityJobDefinitions), (c, p) => c.send(new DescribeDataQualityJobDefinitionCommand(p as never))),
  monitoringDefinition("ModelQuality", pager(paginateListModelQualityJobDefinitions), (c, p) => c.send(new DescribeModelQualityJobDefinitionCommand(p as never))),
  monitoringDefinition("ModelBias", pager(paginateListModelBiasJobDefinitions), (c, p) => c.send(new DescribeModelBiasJobDefinitionCommand(p as never))),
  monitoringDefinition(
    "ModelExplainability",
    pager(paginateListModelExplainabilityJobDefinitions),
    (c, p) => c.send(new DescribeModelExplainabilityJobDefinitionCommand(p as never)),
  ),
  {
    listOperation: "ListModelPackageGroups",
    listKey: "ModelPackageGroupSummaryList",
    paginate: pager(paginateListModelPackageGroups),
    describeOperation: "DescribeModelPackageGroup",
    describeParams: named("ModelPackageGroupName"),
    describe: (c, p) => c.send(new DescribeModelPackageGroupCommand(p as never)),
    arnField: "ModelPackageGroupArn",
    children: [
      {
        // Versioned packages live in their group; approval status is per package version.
        listOperation: "ListModelPackages",
        listKey: "ModelPackageSummaryList",
        paginate: pager(paginateListModelPackages),
        listInput: ({ parent }) => ({ ModelPackageGroupName: parent?.ModelPackageGroupName }),
        describeOperation: "DescribeModelPackage",
        describeParams: named("ModelPackageArn", "ModelPackageName"),
        describe: (c, p) => c.send(new DescribeModelPackageCommand(p as never)),
        arnField: "ModelPackageArn",
      },
    ],
  },
  // --- catalogue v2 part C (issue 12) ---
  {
    // HyperPod clusters can be updated (instance groups, VPC overrides): described every run.
    listOperation: "ListClusters",
    listKey: "ClusterSummaries",
    paginate: pager(paginateListClusters),
    describeOperation: "DescribeCluster",
    describeParams: named("ClusterName"),
    describe: (c, p) => c.send(new DescribeClusterCommand(p as never)),
    arnField: "ClusterArn",
  },
  {
    // Every space of the account; DomainId comes with each item (ListSpaces without DomainIdEquals
    // lists all domains' spaces, https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListSpaces.html).
    listOperation: "ListSpaces",
    listKey: "Spaces",
    paginate: pager(paginateListSpaces),
    describeOperation: "DescribeSpace",
    describeParams: (item) => {
      const domain = str(item.DomainId);
      const name = str(item.SpaceName);
      return domain && name ? { DomainId: domain, SpaceName: name } : undefined;
    },
    describe: (c, p) => c.send(new DescribeSpaceCommand(p as never)),
    arnField: "SpaceArn",
  },
  {
    listOperation: "ListLabelingJobs",
    listKey: "LabelingJobSummaryList",
    paginate: pager(paginateListLabelingJobs),
    listInput: sinceModified,
    describeOperation: "DescribeLabelingJob",
    describeParams: named("LabelingJobName"),
    describe: (c, p) => c.send(new DescribeLabelingJobCommand(p as never)),
    arnField: "LabelingJobArn",
    immutable: { statusField: "LabelingJobStatus" },
  },
  {
    // DescribeWorkforce nests the ARN (Workforce.WorkforceArn): the inventory takes it from the list item.
    listOperation: "ListWorkforces",
    listKey: "Workforces",
    paginate: pager(paginateListWorkforces),
    describeOperation: "DescribeWorkforce",
    describeParams: named("WorkforceName"),
    describe: (c, p) => c.send(new DescribeWorkforceCommand(p as never)),
    arnField: "WorkforceArn",
  },
  {
    // There is no UpdateFlowDefinition: a flow definition never changes after creation.
    listOperation: "ListFlowDefinitions",
    listKey: "FlowDefinitionSummaries",
    paginate: pager(paginateListFlowDefinitions),
    describeOperation: "DescribeFlowDefinition",
    describeParams: named("FlowDefinitionName"),
    describe: (c, p) => c.send(new DescribeFlowDefinitionCommand(p as never)),
    arnField: "FlowDefinitionArn",
    immutable: {},
  },
  {
    listOperation: "ListMlflowTrackingServers",
    listKey: "TrackingServerSummaries",
    paginate: pager(paginateListMlflowTrackingServers),
    describeOperation: "DescribeMlflowTrackingServer",
    describeParams: named("TrackingServerName"),
    describe: (c, p) => c.send(new DescribeMlflowTrackingServerCommand(p as never)),
    arnField: "TrackingServerArn",
  },
  {
    // MLflow apps (the serverless successor of tracking servers) are described by ARN.
    // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowApp.html
    listOperation: "ListMlflowApps",
    listKey: "Summaries",
    paginate: pager(paginateListMlflowApps),
    describeOperation: "DescribeMlflowApp",
    describeParams: named("Arn"),
    describe: (c, p) => c.send(new DescribeMlflowAppCommand(p as never)),
    arnField: "Arn",
  },
  // --- catalogue v2 part B (issue 12): feature groups, inference components/experiments, HPO, AutoML V2, model cards ---
  {
    // Feature groups change (UpdateFeatureGroup adds features, online store settings): never reused.
    listOperation: "ListFeatureGroups",
    listKey: "FeatureGroupSummaries",
    paginate: pager(paginateListFeatureGroups),
    describeOperation: "DescribeFeatureGroup",
    describeParams: named("FeatureGroupName"),
    describe: (c, p) => c.send(new DescribeFeatureGroupCommand(p as never)),
    arnField: "FeatureGroupArn",
  },
  {
    // UpdateInferenceComponent changes the specification in place.
    listOperation: "ListInferenceComponents",
    listKey: "InferenceComponents",
    paginate: pager(paginateListInferenceComponents),
    describeOperation: "DescribeInferenceComponent",
    describeParams: named("InferenceComponentName"),
    describe: (c, p) => c.send(new DescribeInferenceComponentCommand(p as never)),
    arnField: "InferenceComponentArn",
  },
  {
    // Summaries carry only the Name; DescribeInferenceExperiment takes it as Name and answers Arn.
    listOperation: "ListInferenceExperiments",
    listKey: "InferenceExperiments",
    paginate: pager(paginateListInferenceExperiments),
    describeOperation: "DescribeInferenceExperiment",
    describeParams: named("Name"),
    describe: (c, p) => c.send(new DescribeInferenceExperimentCommand(p as never)),
    arnField: "Arn",
  },
  {
    listOperation: "ListHyperParameterTuningJobs",
    listKey: "HyperParameterTuningJobSummaries",
    paginate: pager(paginateListHyperParameterTuningJobs),
    listInput: sinceModified,
    describeOperation: "DescribeHyperParameterTuningJob",
    describeParams: named("HyperParameterTuningJobName"),
    describe: (c, p) => c.send(new DescribeHyperParameterTuningJobCommand(p as never)),
    arnField: "HyperParameterTuningJobArn",
    immutable: { statusField: "HyperParameterTuningJobStatus" },
  },
  {
    // ListAutoMLJobs lists V1 and V2 jobs alike; DescribeAutoMLJobV2 describes both.
    listOperation: "ListAutoMLJobs",
    listKey: "AutoMLJobSummaries",
    paginate: pager(paginateListAutoMLJobs),
    listInput: sinceModified,
    describeOperation: "DescribeAutoMLJobV2",
    describeParams: named("AutoMLJobName"),
    describe: (c, p) => c.send(new DescribeAutoMLJobV2Command(p as never)),
    arnField: "AutoMLJobArn",
    immutable: { statusField: "AutoMLJobStatus" },
  },
  {
    // UpdateModelCard creates new versions; the describe answers the latest.
    listOperation: "ListModelCards",
    listKey: "ModelCardSummaries",
    paginate: pager(paginateListModelCards),
    describeOperation: "DescribeModelCard",
    describeParams: named("ModelCardName"),
    describe: (c, p) => c.send(new DescribeModelCardCommand(p as never)),
    arnField: "ModelCardArn",
  },
  // --- end of catalogue v2 part B ---
];

export interface SageMakerCollectOptions {
  /** Jobs last modified before this are out of scope (the look-back). */
  since: Date;
  /** Filled with the roles, keys, buckets and security groups the described resources name. */
  references: References;
}

/** Collects every SageMaker type in one account and region; failures become gaps, never throws. */
export async function collectSageMaker(scope: CallScope, client: SageMakerClient, options: SageMakerCollectOptions): Promise<void> {
  await Promise.all(SAGEMAKER_TYPES.map((spec) => collectType(scope, client, spec, options)));
}

async function collectType(scope: CallScope, client: SageMakerClient, spec: TypeSpec, options: SageMakerCollectOptions, parent?: Output): Promise<void> {
  const input: Output = { ...(spec.listInput?.({ since: options.since, ...(parent ? { parent } : {}) }) ?? {}), MaxResults: PAGE };
  const work: Promise<void>[] = [];
  for await (const page of scope.pages(spec.listOperation, input, spec.paginate(client))) {
    const items = arr(page[spec.listKey]);
    scope.progress(items.length);
    // Describe while the next page is fetched; the scope's semaphore bounds how many run at once.
    for (const item of items) work.push(describeItem(scope, client, spec, item, options));
  }
  await Promise.all(work);
}

async function describeItem(scope: CallScope, client: SageMakerClient, spec: TypeSpec, item: Output, options: SageMakerCollectOptions): Promise<void> {
  const params = spec.describeParams(item);
  if (!params) return;
  // Children are listed from the list item, so a failed describe of a domain does not silently
  // hide its user profiles: their list call is still made (and recorded, or a gap).
  const children = (spec.children ?? []).map((child) => collectType(scope, client, child, options, item));
  const response = reusable(scope, spec, params, item) ?? (await scope.call(spec.describeOperation, params, () => spec.describe(client, params)));
  const arn = response ? str(response[spec.arnField]) : undefined;
  if (response) addReferences(options.references, response);
  await Promise.all([...(arn ? [collectTags(scope, client, arn)] : []), ...children]);
}

function reusable(scope: CallScope, spec: TypeSpec, params: Output, item: Output): Output | undefined {
  if (!spec.immutable) return undefined;
  const listed = iso(item.CreationTime);
  if (!listed) return undefined;
  const statusField = spec.immutable.statusField;
  if (statusField && !TERMINAL_JOB.has(str(item[statusField]) ?? "")) return undefined;
  const stored = scope.stored(spec.describeOperation, params);
  if (!stored?.response || iso(stored.response.CreationTime) !== listed) return undefined;
  if (statusField && !TERMINAL_JOB.has(str(stored.response[statusField]) ?? "")) return undefined;
  return scope.reuse(stored);
}

async function collectTags(scope: CallScope, client: SageMakerClient, arn: string): Promise<void> {
  // Tags change on immutable resources too (they are metadata), so they are always read.
  for await (const _page of scope.pages("ListTags", { ResourceArn: arn, MaxResults: PAGE }, pager(paginateListTags)(client))) {
    // Each page is recorded by `pages`; the inventory reads tags from the records.
  }
}
