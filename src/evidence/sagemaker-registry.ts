/**
 * Every SageMaker resource type sageaudit reads, declared once: how it is listed and described,
 * which fields name it, whether SageMaker can change it, and which parent it is listed under.
 *
 * The collector walks this table (binding each operation to its SDK command by name), the inventory
 * builds resources from it, the reference extractor reads the describe response of every type in
 * it, and the demo, benchmark and test estates generate their evidence from it. Adding a resource
 * type is one entry here (plus its checks). Pure data, so the pure core and the scripts (from
 * dist/) can import it.
 */
export interface SageMakerResourceType {
  /** The inventory's resource type (CloudFormation's name for it). */
  readonly type: string;
  readonly listOperation: string;
  /** Field of the list response that holds the items. */
  readonly listKey: string;
  /**
   * Listed with `LastModifiedTimeAfter` the look-back start (jobs): a job created before the window
   * that ran, finished or failed inside it is in scope too, and the modified set holds the created set.
   */
  readonly listSinceLookBack?: true;
  /** Listed once per item of the parent type: the list input `param` takes the parent list item's `field`. */
  readonly parent?: { readonly type: string; readonly param: string; readonly field: string };
  readonly describeOperation: string;
  /** The describe parameter that names the resource. */
  readonly idParam: string;
  /** The list item field whose value `idParam` takes. */
  readonly listIdField: string;
  /** Further describe parameters, each taken from the list item field of the same name (a profile's domain). */
  readonly scopeParams?: readonly string[];
  /** The list item field holding the ARN; absent when list items carry none. */
  readonly listArnField?: string;
  /** The describe response field holding the ARN: the resource's identity, matched against the tag listing's `ResourceARN`. */
  readonly arnField: string;
  /**
   * The resource type as it appears in the resource's ARN (`arn:aws:sagemaker:…:training-job/name`),
   * which is the string the Resource Groups Tagging API's `ResourceTypeFilters` take after
   * `sagemaker:` ("The string for each service name and resource type is the same as that embedded
   * in a resource's Amazon Resource Name (ARN)",
   * https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html).
   */
  readonly arnType: string;
  /** The describe response field holding the display name (else the describe parameter's value). */
  readonly nameField: string;
  /**
   * SageMaker cannot change the resource once created (or, with `statusField`, once that status is
   * final): a stored describe of the same request and CreationTime may be reused.
   */
  readonly immutable?: { readonly statusField?: string };
}

/** Statuses after which a job no longer changes. */
export const TERMINAL_JOB_STATUSES: ReadonlySet<string> = new Set(["Completed", "Failed", "Stopped"]);

type Fields = Partial<Omit<SageMakerResourceType, "type" | "listKey">>;

/** `TrainingJob` → `training-job`: how SageMaker spells a type in its ARNs (AutoML is the exception). */
const kebab = (noun: string): string => noun.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();

/**
 * The common shape: `List<Noun>s` / `Describe<Noun>`, named by `<Noun>Name` and `<Noun>Arn` in the
 * list item and the describe response alike; `fields` overrides what a type does differently.
 */
function sagemaker(noun: string, listKey: string, fields: Fields = {}): SageMakerResourceType {
  const idParam = fields.idParam ?? `${noun}Name`;
  const arnField = fields.arnField ?? `${noun}Arn`;
  return {
    type: `AWS::SageMaker::${noun}`,
    listOperation: `List${noun}s`,
    listKey,
    describeOperation: `Describe${noun}`,
    idParam,
    listIdField: idParam,
    listArnField: arnField,
    arnField,
    arnType: kebab(noun),
    nameField: idParam,
    ...fields,
  };
}

const monitoringDefinition = (kind: string): SageMakerResourceType =>
  sagemaker(`${kind}JobDefinition`, "JobDefinitionSummaries", {
    idParam: "JobDefinitionName",
    listIdField: "MonitoringJobDefinitionName",
    listArnField: "MonitoringJobDefinitionArn",
    arnField: "JobDefinitionArn",
  });

const job = (noun: string, listKey: string, fields: Fields = {}): SageMakerResourceType =>
  sagemaker(noun, listKey, { listSinceLookBack: true, immutable: { statusField: `${noun}Status` }, ...fields });

export const SAGEMAKER_RESOURCE_TYPES: readonly SageMakerResourceType[] = [
  sagemaker("NotebookInstance", "NotebookInstances"),
  sagemaker("Domain", "Domains", { idParam: "DomainId", nameField: "DomainName" }),
  // User settings (execution role, security groups, sharing) override the domain defaults.
  // ListUserProfiles items carry no ARN (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_UserProfileDetails.html).
  sagemaker("UserProfile", "UserProfiles", {
    parent: { type: "AWS::SageMaker::Domain", param: "DomainIdEquals", field: "DomainId" },
    scopeParams: ["DomainId"],
    listArnField: undefined,
  }),
  // Models and endpoint configs cannot be updated, only replaced.
  sagemaker("Model", "Models", { immutable: {} }),
  sagemaker("EndpointConfig", "EndpointConfigs", { immutable: {} }),
  sagemaker("Endpoint", "Endpoints"),
  job("TrainingJob", "TrainingJobSummaries"),
  job("ProcessingJob", "ProcessingJobSummaries"),
  job("TransformJob", "TransformJobSummaries"),
  sagemaker("MonitoringSchedule", "MonitoringScheduleSummaries"),
  monitoringDefinition("DataQuality"),
  monitoringDefinition("ModelQuality"),
  monitoringDefinition("ModelBias"),
  monitoringDefinition("ModelExplainability"),
  sagemaker("ModelPackageGroup", "ModelPackageGroupSummaryList"),
  // Versioned packages live in their group and are described by ARN; approval status is per version.
  sagemaker("ModelPackage", "ModelPackageSummaryList", {
    parent: { type: "AWS::SageMaker::ModelPackageGroup", param: "ModelPackageGroupName", field: "ModelPackageGroupName" },
    listIdField: "ModelPackageArn",
    nameField: "ModelPackageGroupName",
  }),
  // --- catalogue v2 part C (issue 12) ---
  // HyperPod clusters can be updated (instance groups, VPC overrides): described every run.
  sagemaker("Cluster", "ClusterSummaries"),
  // Every space of the account: ListSpaces without DomainIdEquals lists all domains' spaces, each
  // item with its DomainId and no ARN (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ListSpaces.html).
  sagemaker("Space", "Spaces", { scopeParams: ["DomainId"], listArnField: undefined }),
  job("LabelingJob", "LabelingJobSummaryList"),
  // DescribeWorkforce nests the ARN (Workforce.WorkforceArn): the inventory takes it from the list item.
  sagemaker("Workforce", "Workforces"),
  // There is no UpdateFlowDefinition: a flow definition never changes after creation.
  sagemaker("FlowDefinition", "FlowDefinitionSummaries", { immutable: {} }),
  sagemaker("MlflowTrackingServer", "TrackingServerSummaries", { idParam: "TrackingServerName", arnField: "TrackingServerArn" }),
  // MLflow apps (the serverless successor of tracking servers) are described by ARN.
  // https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeMlflowApp.html
  sagemaker("MlflowApp", "Summaries", { idParam: "Arn", arnField: "Arn", nameField: "Name" }),
  // --- catalogue v2 part B (issue 12) ---
  // Feature groups change (UpdateFeatureGroup adds features, online store settings): never reused.
  sagemaker("FeatureGroup", "FeatureGroupSummaries"),
  // UpdateInferenceComponent changes the specification in place.
  sagemaker("InferenceComponent", "InferenceComponents"),
  // Summaries carry the Name; DescribeInferenceExperiment takes it as Name and answers Arn.
  sagemaker("InferenceExperiment", "InferenceExperiments", { idParam: "Name", arnField: "Arn" }),
  job("HyperParameterTuningJob", "HyperParameterTuningJobSummaries"),
  // ListAutoMLJobs lists V1 and V2 jobs alike; DescribeAutoMLJobV2 describes both.
  job("AutoMLJob", "AutoMLJobSummaries", { describeOperation: "DescribeAutoMLJobV2", arnType: "automl-job" }),
  // UpdateModelCard creates new versions; the describe answers the latest.
  sagemaker("ModelCard", "ModelCardSummaries"),
];

/**
 * `ResourceTypeFilters` of the tag listing: every registry type, and only those (an account's
 * trial components and pipeline executions, which SageMaker creates per job, would otherwise
 * multiply the pages). At most 100 filters are allowed per request.
 */
export const TAGGING_RESOURCE_TYPE_FILTERS: readonly string[] = [...new Set(SAGEMAKER_RESOURCE_TYPES.map((t) => `sagemaker:${t.arnType}`))];

const byType = new Map(SAGEMAKER_RESOURCE_TYPES.map((t) => [t.type, t] as const));

/** The registry entry of an inventory resource type; undefined for anything not SageMaker's. */
export function sageMakerResourceType(type: string): SageMakerResourceType | undefined {
  return byType.get(type);
}

/** Types listed on their own (not per parent item), in registry order. */
export const topLevelTypes = (): SageMakerResourceType[] => SAGEMAKER_RESOURCE_TYPES.filter((t) => !t.parent);

/** Types listed once per item of `parent`. */
export const childTypesOf = (parent: SageMakerResourceType): SageMakerResourceType[] =>
  SAGEMAKER_RESOURCE_TYPES.filter((t) => t.parent?.type === parent.type);

type Item = Readonly<Record<string, unknown>>;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** The describe request for one list item; undefined when the item lacks a field the request needs. */
export function describeParamsOf(spec: SageMakerResourceType, item: Item): Record<string, string> | undefined {
  const id = str(item[spec.listIdField]);
  if (!id) return undefined;
  const params: Record<string, string> = {};
  for (const field of spec.scopeParams ?? []) {
    const value = str(item[field]);
    if (!value) return undefined;
    params[field] = value;
  }
  params[spec.idParam] = id;
  return params;
}

/** The list request for `spec` beyond paging: the look-back for jobs, the parent for children. */
export function listInputOf(spec: SageMakerResourceType, context: { since: Date; parent?: Item }): Record<string, unknown> {
  return {
    ...(spec.listSinceLookBack ? { LastModifiedTimeAfter: context.since } : {}),
    ...(spec.parent ? { [spec.parent.param]: context.parent?.[spec.parent.field] } : {}),
  };
}
