import type { ActivityEvent, Inventory } from "../../evidence/inventory.js";

/**
 * Which CloudTrail and AWS Config API calls reduce audit coverage, derived from the two services'
 * API references:
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Operations.html
 * https://docs.aws.amazon.com/config/latest/APIReference/API_Operations.html
 *
 * Some calls always reduce it (stop, delete). Others reduce it only with some parameters (UpdateTrail
 * turning multi-region off, PutEventSelectors dropping management events, PutConfigurationRecorder
 * narrowing the recording group…): for those the event's `requestParameters` (as CloudTrail records
 * them, camelCase) decide. https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
 */
export interface CoverageJudgement {
  /** `reduces`: proven; `unknown`: a call that may reduce coverage whose parameters are not in the evidence. */
  kind: "reduces" | "unknown";
  detail?: string;
}

type Params = Record<string, unknown>;

const ALWAYS: Readonly<Record<string, readonly string[]>> = {
  "cloudtrail.amazonaws.com": ["StopLogging", "DeleteTrail", "DeleteEventDataStore", "StopEventDataStoreIngestion", "DeleteChannel"],
  "config.amazonaws.com": [
    "StopConfigurationRecorder",
    "DeleteConfigurationRecorder",
    "DeleteServiceLinkedConfigurationRecorder",
    "DisassociateResourceTypes",
    "DeleteDeliveryChannel",
    "DeleteConfigRule",
    "DeleteOrganizationConfigRule",
    "DeleteConformancePack",
    "DeleteOrganizationConformancePack",
    "DeleteConfigurationAggregator",
    "DeleteAggregationAuthorization",
    "DeleteEvaluationResults",
  ],
};

/** HIPAA 164.316(b)(2)(i): documentation is retained six years; a shorter Config retention loses history. */
const MIN_RETENTION_DAYS = 2190;

const obj = (v: unknown): Params => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Params) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const list = (v: unknown): string[] => arr(v).filter((x): x is string => typeof x === "string");

/** What an UpdateTrail turns off: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateTrail.html */
function updateTrail(p: Params): string[] {
  const out: string[] = [];
  if (p.isMultiRegionTrail === false) out.push("isMultiRegionTrail false");
  if (p.includeGlobalServiceEvents === false) out.push("includeGlobalServiceEvents false");
  if (p.enableLogFileValidation === false) out.push("enableLogFileValidation false");
  if (p.kmsKeyId === "") out.push("KMS encryption removed");
  if (p.cloudWatchLogsLogGroupArn === "") out.push("CloudWatch Logs delivery removed");
  // A new destination bucket moves the audit log out of its reviewed, protected place.
  if (typeof p.s3BucketName === "string") out.push(`delivery moved to bucket ${p.s3BucketName}`);
  return out;
}

/**
 * Event selectors that leave management events out (basic: IncludeManagementEvents false,
 * ReadWriteType other than All, ExcludeManagementEventSources; advanced: no Management category or a
 * readOnly / eventSource filter on it). https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutEventSelectors.html
 */
function putEventSelectors(p: Params): string[] {
  const out: string[] = [];
  const basic = arr(p.eventSelectors).map(obj);
  const advanced = arr(p.advancedEventSelectors).map(obj);
  if (basic.length > 0) {
    const management = basic.filter((s) => s.includeManagementEvents !== false);
    if (management.length === 0) out.push("no selector includes management events");
    else if (!management.some((s) => (s.readWriteType ?? "All") === "All")) out.push(`management events limited to ${management.map((s) => String(s.readWriteType)).join(", ")}`);
    const excluded = management.flatMap((s) => list(s.excludeManagementEventSources));
    if (excluded.length > 0) out.push(`management events from ${excluded.join(", ")} excluded`);
  }
  if (advanced.length > 0) {
    const fields = (s: Params): Params[] => arr(s.fieldSelectors).map(obj);
    const management = advanced.filter((s) => fields(s).some((f) => f.field === "eventCategory" && list(f.equals).includes("Management")));
    if (management.length === 0) out.push("no advanced selector records management events");
    for (const s of management) {
      if (fields(s).some((f) => f.field === "readOnly")) out.push("management events filtered by readOnly");
      if (fields(s).some((f) => f.field === "eventSource")) out.push("management events filtered by eventSource");
    }
  }
  if (basic.length === 0 && advanced.length === 0) out.push("event selectors emptied");
  return out;
}

/** https://docs.aws.amazon.com/config/latest/APIReference/API_PutConfigurationRecorder.html (RecordingGroup, RecordingMode) */
function putConfigurationRecorder(p: Params): string[] {
  const recorder = obj(p.configurationRecorder);
  const group = obj(recorder.recordingGroup);
  const out: string[] = [];
  const strategy = obj(group.recordingStrategy).useOnly;
  if (group.allSupported === false || (strategy !== undefined && strategy !== "ALL_SUPPORTED_RESOURCE_TYPES")) out.push("recording limited to selected resource types");
  if (group.includeGlobalResourceTypes === false) out.push("global resource types (IAM) not recorded");
  if (list(obj(group.exclusionByResourceTypes).resourceTypes).length > 0) out.push(`${list(obj(group.exclusionByResourceTypes).resourceTypes).join(", ")} excluded`);
  if (obj(recorder.recordingMode).recordingFrequency === "DAILY") out.push("recording frequency DAILY (changes within a day are lost)");
  return out;
}

/** https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_UpdateEventDataStore.html */
function updateEventDataStore(p: Params): string[] {
  const out: string[] = [];
  if (p.multiRegionEnabled === false) out.push("multiRegionEnabled false");
  if (p.terminationProtectionEnabled === false) out.push("terminationProtectionEnabled false");
  if (typeof p.retentionPeriod === "number" && p.retentionPeriod < MIN_RETENTION_DAYS) out.push(`retentionPeriod ${p.retentionPeriod} days`);
  if (p.advancedEventSelectors !== undefined) out.push("advanced event selectors replaced");
  return out;
}

const CONDITIONAL: Readonly<Record<string, Readonly<Record<string, (p: Params) => string[]>>>> = {
  "cloudtrail.amazonaws.com": {
    UpdateTrail: updateTrail,
    PutEventSelectors: putEventSelectors,
    UpdateEventDataStore: updateEventDataStore,
    // https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_PutInsightSelectors.html: an empty list turns Insights off.
    PutInsightSelectors: (p) => (arr(p.insightSelectors).length === 0 ? ["CloudTrail Insights turned off"] : []),
  },
  "config.amazonaws.com": {
    PutConfigurationRecorder: putConfigurationRecorder,
    // https://docs.aws.amazon.com/config/latest/APIReference/API_PutRetentionConfiguration.html
    PutRetentionConfiguration: (p) =>
      typeof p.retentionPeriodInDays === "number" && p.retentionPeriodInDays < MIN_RETENTION_DAYS ? [`retention ${p.retentionPeriodInDays} days`] : [],
  },
};

/** The event's `requestParameters`, read from the LookupEvents page it came from. */
function requestParameters(event: ActivityEvent, inventory: Inventory): Params | undefined {
  const record = inventory.evidence.get(event.evidenceId);
  const raw = arr(record?.response?.Events).map(obj).find((e) => e.EventId === event.eventId);
  if (typeof raw?.CloudTrailEvent !== "string") return undefined;
  try {
    const detail = obj(JSON.parse(raw.CloudTrailEvent));
    // null: the call took no parameters; absent: CloudTrail left them out (e.g. over its size limit).
    if (detail.requestParameters === undefined) return undefined;
    return detail.requestParameters === null ? {} : obj(detail.requestParameters);
  } catch {
    return undefined;
  }
}

/** Whether one CloudTrail event reduced (or tried to reduce) audit coverage. */
export function coverageReductions(event: ActivityEvent, inventory: Inventory): CoverageJudgement | undefined {
  if (ALWAYS[event.eventSource]?.includes(event.eventName)) return { kind: "reduces" };
  const rule = CONDITIONAL[event.eventSource]?.[event.eventName];
  if (!rule) return undefined;
  const params = requestParameters(event, inventory);
  if (!params) return { kind: "unknown", detail: "request parameters not in the evidence" };
  const found = rule(params);
  return found.length > 0 ? { kind: "reduces", detail: found.join(", ") } : undefined;
}
