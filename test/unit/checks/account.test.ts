import { describe, expect, it } from "vitest";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, findingsOf, gapRecord, only, record } from "./estate.js";

// CloudTrail, AWS Config and CloudTrail-activity checks: per trail, per region, per account.

const TRAIL_ARN = `arn:aws:cloudtrail:${REGION}:${ACCOUNT}:trail/org-audit`;
const trail = {
  Name: "org-audit",
  S3BucketName: "audit-logs",
  IncludeGlobalServiceEvents: true,
  IsMultiRegionTrail: true,
  HomeRegion: REGION,
  TrailARN: TRAIL_ARN,
  LogFileValidationEnabled: true,
  CloudWatchLogsLogGroupArn: `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:cloudtrail:*`,
  CloudWatchLogsRoleArn: `arn:aws:iam::${ACCOUNT}:role/CloudTrailToLogs`,
  KmsKeyId: KEY_ARN,
  HasCustomEventSelectors: false,
  IsOrganizationTrail: false,
};
const ALL_SELECTORS = { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }] };

// GetTrailStatus of a healthy trail, read at COLLECTED_AT (2026-11-27T10:00Z): delivered five minutes before.
// https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html
const LOGGING = { IsLogging: true, StartLoggingTime: "2026-01-05T08:00:00.000Z", LatestDeliveryTime: "2026-11-27T09:55:00.000Z", LatestDigestDeliveryTime: "2026-11-27T09:30:00.000Z" };

function trailRecords(fields: Record<string, unknown> = {}, status: Record<string, unknown> | null = LOGGING, selectors: Record<string, unknown> | null = ALL_SELECTORS): EvidenceRecord[] {
  return [
    record("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, { trailList: [{ ...trail, ...fields }] }),
    ...(status ? [record("cloudtrail", "GetTrailStatus", { Name: TRAIL_ARN }, status)] : []),
    ...(selectors ? [record("cloudtrail", "GetEventSelectors", { TrailName: TRAIL_ARN }, { TrailARN: TRAIL_ARN, ...selectors })] : []),
  ];
}
const trailsDenied = [gapRecord("cloudtrail", "DescribeTrails", { includeShadowTrails: true })];

interface Case {
  label: string;
  records: EvidenceRecord[];
  status: string;
  reason: RegExp;
}

const table: Record<string, Case[]> = {
  "cloudtrail.multi-region-logging": [
    { label: "multi-region trail logging", records: trailRecords(), status: "PASS", reason: /org-audit is logging/ },
    { label: "stopped", records: trailRecords({}, { IsLogging: false }), status: "FAIL", reason: /IsLogging is false/ },
    { label: "single-region only", records: trailRecords({ IsMultiRegionTrail: false }), status: "FAIL", reason: /single-region/ },
    { label: "no trail", records: [record("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, { trailList: [] })], status: "FAIL", reason: /no CloudTrail trail/ },
    { label: "DescribeTrails denied", records: trailsDenied, status: "ERROR", reason: /cloudtrail:DescribeTrails .*failed/ },
    // Operational state (GetTrailStatus): logging is not enough when nothing reaches the bucket.
    { label: "latest delivery failed", records: trailRecords({}, { ...LOGGING, LatestDeliveryError: "AccessDenied" }), status: "FAIL", reason: /org-audit: latest delivery to S3 failed: AccessDenied/ },
    { label: "delivery stale", records: trailRecords({}, { ...LOGGING, LatestDeliveryTime: "2026-11-20T10:00:00.000Z" }), status: "FAIL", reason: /no log file delivered since 2026-11-20T10:00:00.000Z/ },
    { label: "never delivered", records: trailRecords({}, { IsLogging: true, StartLoggingTime: "2026-11-01T00:00:00.000Z" }), status: "FAIL", reason: /no log file has ever been delivered/ },
    { label: "just started", records: trailRecords({}, { IsLogging: true, StartLoggingTime: "2026-11-27T09:50:00.000Z" }), status: "PASS", reason: /nothing delivered yet/ },
    // MULTI_REGION_CLOUD_TRAIL_ENABLED / CIS 3.1: management events, read and write.
    { label: "management events excluded", records: trailRecords({}, LOGGING, { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] }), status: "FAIL", reason: /org-audit: records no management events/ },
    { label: "write-only management events", records: trailRecords({}, LOGGING, { EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }] }), status: "FAIL", reason: /WriteOnly management events only/ },
    { label: "selectors not collected", records: trailRecords({}, LOGGING, null), status: "ERROR", reason: /event selectors of org-audit not collected/ },
    { label: "status not collected", records: trailRecords({}, null), status: "ERROR", reason: /status of org-audit not collected/ },
    // Scope gaps: a multi-region trail seen logging covers the region whose DescribeTrails failed.
    { label: "DescribeTrails denied in eu-west-1, multi-region trail seen", records: [...trailRecords(), gapRecord("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, "AccessDeniedException", { region: "eu-west-1" })], status: "PASS", reason: /org-audit is logging/ },
    {
      label: "DescribeTrails denied in eu-west-1, only single-region trails seen",
      records: [...trailRecords({ IsMultiRegionTrail: false }), gapRecord("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, "AccessDeniedException", { region: "eu-west-1" })],
      status: "ERROR",
      reason: /cloudtrail:DescribeTrails in 111122223333\/eu-west-1 failed/,
    },
  ],
  "cloudtrail.log-file-validation": [
    { label: "enabled", records: trailRecords(), status: "PASS", reason: /LogFileValidationEnabled is true/ },
    { label: "disabled", records: trailRecords({ LogFileValidationEnabled: false }), status: "FAIL", reason: /LogFileValidationEnabled is false/ },
    { label: "digests not delivered", records: trailRecords({}, { ...LOGGING, LatestDigestDeliveryError: "AccessDenied" }), status: "FAIL", reason: /latest digest delivery failed: AccessDenied/ },
    { label: "DescribeTrails denied", records: trailsDenied, status: "ERROR", reason: /DescribeTrails/ },
  ],
  "cloudtrail.kms-encrypted": [
    { label: "KMS", records: trailRecords(), status: "PASS", reason: /KmsKeyId is arn:aws:kms/ },
    { label: "SSE-S3", records: trailRecords({ KmsKeyId: undefined }), status: "FAIL", reason: /KmsKeyId is not set/ },
    { label: "DescribeTrails denied", records: trailsDenied, status: "ERROR", reason: /DescribeTrails/ },
  ],
  "cloudtrail.management-events-captured": [
    { label: "basic selector All", records: trailRecords(), status: "PASS", reason: /read and write/ },
    {
      label: "advanced selector without readOnly",
      records: trailRecords({}, LOGGING, { AdvancedEventSelectors: [{ Name: "mgmt", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] }),
      status: "PASS",
      reason: /read and write/,
    },
    { label: "WriteOnly", records: trailRecords({}, LOGGING, { EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }] }), status: "FAIL", reason: /WriteOnly only/ },
    {
      label: "KMS events excluded",
      records: trailRecords({}, LOGGING, { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: ["kms.amazonaws.com"] }] }),
      status: "FAIL",
      reason: /kms\.amazonaws\.com are excluded/,
    },
    { label: "data events only", records: trailRecords({}, LOGGING, { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] }), status: "FAIL", reason: /no event selector records management events/ },
    { label: "selectors not collected", records: trailRecords({}, LOGGING, null), status: "ERROR", reason: /event selectors were not collected/ },
    { label: "GetEventSelectors denied", records: [...trailRecords({}, LOGGING, null), gapRecord("cloudtrail", "GetEventSelectors", { TrailName: TRAIL_ARN })], status: "ERROR", reason: /GetEventSelectors failed/ },
  ],
  "cloudtrail.cloudwatch-logs-integration": [
    { label: "delivers", records: trailRecords(), status: "PASS", reason: /CloudWatchLogsLogGroupArn is arn:aws:logs/ },
    { label: "does not", records: trailRecords({ CloudWatchLogsLogGroupArn: undefined }), status: "FAIL", reason: /CloudWatchLogsLogGroupArn is not set/ },
    { label: "log group delivery failing", records: trailRecords({}, { ...LOGGING, LatestCloudWatchLogsDeliveryError: "AccessDeniedException" }), status: "FAIL", reason: /delivery fails: AccessDeniedException/ },
    { label: "DescribeTrails denied", records: trailsDenied, status: "ERROR", reason: /DescribeTrails/ },
  ],
};

// https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorder.html, API_RecordingGroup.html
const ALL_TYPES = { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [], recordingStrategy: { useOnly: "ALL_SUPPORTED_RESOURCE_TYPES" } };
const recorder = (status: Record<string, unknown> | null, recorderFields: Record<string, unknown> = {}): EvidenceRecord[] => [
  record("config", "DescribeConfigurationRecorders", {}, { ConfigurationRecorders: [{ name: "default", roleARN: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: ALL_TYPES, recordingScope: "PAID", ...recorderFields }] }),
  ...(status ? [record("config", "DescribeConfigurationRecorderStatus", {}, { ConfigurationRecordersStatus: [{ name: "default", ...status }] })] : []),
];

table["config.recorder-recording"] = [
  { label: "recording", records: recorder({ recording: true, lastStatus: "SUCCESS" }), status: "PASS", reason: /default is recording/ },
  { label: "stopped", records: recorder({ recording: false, lastStatus: "SUCCESS" }), status: "FAIL", reason: /recording false/ },
  { label: "delivery failing", records: recorder({ recording: true, lastStatus: "FAILURE", lastErrorCode: "AccessDenied" }), status: "FAIL", reason: /last status FAILURE \(AccessDenied\)/ },
  { label: "no recorder", records: [record("config", "DescribeConfigurationRecorders", {}, { ConfigurationRecorders: [] })], status: "FAIL", reason: /no customer configuration recorder in us-east-1/ },
  { label: "status not collected", records: recorder(null), status: "ERROR", reason: /no status collected/ },
  {
    label: "only a service-linked recorder (recordingScope INTERNAL)",
    records: recorder({ recording: true, lastStatus: "SUCCESS" }, { name: "AWSConfigurationRecorderForSecurityHub", recordingScope: "INTERNAL", servicePrincipal: "securityhub.amazonaws.com" }),
    status: "FAIL",
    reason: /no customer configuration recorder .*recordingScope INTERNAL/,
  },
  {
    label: "inclusion list without KMS keys",
    records: recorder({ recording: true, lastStatus: "SUCCESS" }, { recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ["AWS::S3::Bucket", "AWS::EC2::SecurityGroup", "AWS::IAM::Role", "AWS::IAM::Policy"], recordingStrategy: { useOnly: "INCLUSION_BY_RESOURCE_TYPES" } } }),
    status: "FAIL",
    reason: /recording group leaves out AWS::KMS::Key/,
  },
  {
    label: "exclusion of S3 buckets",
    records: recorder({ recording: true, lastStatus: "SUCCESS" }, { recordingGroup: { allSupported: false, includeGlobalResourceTypes: false, exclusionByResourceTypes: { resourceTypes: ["AWS::S3::Bucket"] }, recordingStrategy: { useOnly: "EXCLUSION_BY_RESOURCE_TYPES" } } }),
    status: "FAIL",
    reason: /leaves out AWS::S3::Bucket/,
  },
  {
    label: "all supported but no global types anywhere in the account",
    records: recorder({ recording: true, lastStatus: "SUCCESS" }, { recordingGroup: { ...ALL_TYPES, includeGlobalResourceTypes: false } }),
    status: "FAIL",
    reason: /no recorder in account 111122223333 records AWS::IAM::Role, AWS::IAM::Policy/,
  },
  { label: "denied", records: [gapRecord("config", "DescribeConfigurationRecorders", {})], status: "ERROR", reason: /DescribeConfigurationRecorders .*failed/ },
];

const SOURCE: Record<string, string> = { Monitoring: "sagemaker.amazonaws.com", Configuration: "config.amazonaws.com", DeliveryChannel: "config.amazonaws.com", Training: "sagemaker.amazonaws.com" };

/** A LookupEvents event as CloudTrail returns it: https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html */
function event(name: string, id: string, time: string, resource?: string, detail: Record<string, unknown> = {}): Record<string, unknown> {
  const source = Object.entries(SOURCE).find(([k]) => name.includes(k))?.[1] ?? "cloudtrail.amazonaws.com";
  return {
    EventId: id,
    EventName: name,
    EventTime: time,
    EventSource: source,
    Username: "mallory",
    Resources: resource ? [{ ResourceType: "AWS::CloudTrail::Trail", ResourceName: resource }] : [],
    CloudTrailEvent: JSON.stringify({ eventVersion: "1.09", userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${ACCOUNT}:user/mallory` }, eventSource: source, eventName: name, sourceIPAddress: "203.0.113.7", awsRegion: REGION, recipientAccountId: ACCOUNT, requestParameters: null, ...detail }),
  };
}
const events = (...list: Record<string, unknown>[]): EvidenceRecord[] => [record("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T00:00:00.000Z" }, { Events: list })];
const benign = event("CreateTrainingJob", "e-0", "2026-11-25T09:00:00Z");
const lookupDeniedEu = gapRecord("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T00:00:00.000Z" }, "AccessDeniedException", { region: "eu-west-1" });

table["activity.audit-logging-tampering"] = [
  { label: "quiet window", records: events(benign), status: "PASS", reason: /none of the CloudTrail and AWS Config calls that reduce audit coverage among 1 CloudTrail event/ },
  { label: "StopLogging", records: events(benign, event("StopLogging", "e-1", "2026-11-26T02:13:00Z", TRAIL_ARN)), status: "FAIL", reason: /StopLogging on .*org-audit by arn:aws:iam::111122223333:user\/mallory at 2026-11-26T02:13:00.000Z from 203\.0\.113\.7/ },
  { label: "recorder stopped", records: events(event("StopConfigurationRecorder", "e-2", "2026-11-26T02:14:00Z")), status: "FAIL", reason: /StopConfigurationRecorder/ },
  { label: "delivery channel deleted", records: events(event("DeleteDeliveryChannel", "e-4", "2026-11-26T02:15:00Z")), status: "FAIL", reason: /DeleteDeliveryChannel/ },
  // errorCode: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html
  {
    label: "StopLogging refused (an attempt)",
    records: events(event("StopLogging", "e-5", "2026-11-26T02:16:00Z", TRAIL_ARN, { errorCode: "AccessDenied", errorMessage: "User is not authorized" })),
    status: "FAIL",
    reason: /StopLogging on .*attempted, refused with AccessDenied/,
  },
  {
    label: "UpdateTrail turning multi-region off",
    records: events(event("UpdateTrail", "e-6", "2026-11-26T02:17:00Z", TRAIL_ARN, { requestParameters: { name: "org-audit", isMultiRegionTrail: false } })),
    status: "FAIL",
    reason: /UpdateTrail on .*\(isMultiRegionTrail false\)/,
  },
  { label: "UpdateTrail changing only the SNS topic", records: events(event("UpdateTrail", "e-7", "2026-11-26T02:18:00Z", TRAIL_ARN, { requestParameters: { name: "org-audit", snsTopicName: "audit" } })), status: "PASS", reason: /none of/ },
  {
    label: "PutEventSelectors dropping management events",
    records: events(event("PutEventSelectors", "e-8", "2026-11-26T02:19:00Z", TRAIL_ARN, { requestParameters: { trailName: "org-audit", eventSelectors: [{ readWriteType: "All", includeManagementEvents: false }] } })),
    status: "FAIL",
    reason: /no selector includes management events/,
  },
  {
    label: "PutConfigurationRecorder narrowing the recording group",
    records: events(event("PutConfigurationRecorder", "e-9", "2026-11-26T02:20:00Z", undefined, { requestParameters: { configurationRecorder: { name: "default", recordingGroup: { allSupported: false, resourceTypes: ["AWS::S3::Bucket"] } } } })),
    status: "FAIL",
    reason: /recording limited to selected resource types/,
  },
  { label: "UpdateTrail without request parameters", records: events(event("UpdateTrail", "e-10", "2026-11-26T02:21:00Z", TRAIL_ARN, { requestParameters: undefined })), status: "ERROR", reason: /cannot tell whether UpdateTrail .*request parameters not in the evidence/ },
  { label: "LookupEvents denied", records: [gapRecord("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T00:00:00.000Z" })], status: "ERROR", reason: /LookupEvents .*failed/ },
  // Scope gaps: what was seen in one region stands; a quiet region next to a failed one proves nothing.
  { label: "StopLogging seen, LookupEvents denied in eu-west-1", records: [...events(event("StopLogging", "e-11", "2026-11-26T02:22:00Z", TRAIL_ARN)), lookupDeniedEu], status: "FAIL", reason: /StopLogging.*also, cloudtrail:LookupEvents in 111122223333\/eu-west-1 failed/ },
  { label: "quiet here, LookupEvents denied in eu-west-1", records: [...events(benign), lookupDeniedEu], status: "ERROR", reason: /evidence gap: cloudtrail:LookupEvents in 111122223333\/eu-west-1 failed/ },
];
table["activity.monitoring-disabled"] = [
  { label: "quiet window", records: events(benign), status: "PASS", reason: /none of DeleteMonitoringSchedule, StopMonitoringSchedule/ },
  { label: "schedule stopped", records: events(event("StopMonitoringSchedule", "e-3", "2026-11-26T03:00:00Z", "risk-dq")), status: "FAIL", reason: /StopMonitoringSchedule on risk-dq by .*mallory/ },
  { label: "LookupEvents denied", records: [gapRecord("cloudtrail", "LookupEvents", {})], status: "ERROR", reason: /LookupEvents/ },
];

describe.each(Object.entries(table))("%s", (checkId, cases) => {
  it.each(cases)("$label → $status", ({ records, status, reason }) => {
    const f = only(checkId, records);
    expect([f.status, f.reason]).toEqual([status, expect.stringMatching(reason)]);
  });
});

describe("account and region scope", () => {
  it("judges each account of a multi-account estate on its own trails", () => {
    const other = "444455556666";
    const records = [
      ...trailRecords(),
      record("cloudtrail", "DescribeTrails", { includeShadowTrails: true }, { trailList: [] }, { account: other }),
    ];
    const byAccount = Object.fromEntries(findingsOf("cloudtrail.multi-region-logging", records).map((f) => [f.account, f.status]));
    expect(byAccount).toEqual({ [ACCOUNT]: "PASS", [other]: "FAIL" });
  });
});
