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

function trailRecords(fields: Record<string, unknown> = {}, status: Record<string, unknown> | null = { IsLogging: true }, selectors: Record<string, unknown> | null = ALL_SELECTORS): EvidenceRecord[] {
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
  ],
  "cloudtrail.log-file-validation": [
    { label: "enabled", records: trailRecords(), status: "PASS", reason: /LogFileValidationEnabled is true/ },
    { label: "disabled", records: trailRecords({ LogFileValidationEnabled: false }), status: "FAIL", reason: /LogFileValidationEnabled is false/ },
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
      records: trailRecords({}, { IsLogging: true }, { AdvancedEventSelectors: [{ Name: "mgmt", FieldSelectors: [{ Field: "eventCategory", Equals: ["Management"] }] }] }),
      status: "PASS",
      reason: /read and write/,
    },
    { label: "WriteOnly", records: trailRecords({}, { IsLogging: true }, { EventSelectors: [{ ReadWriteType: "WriteOnly", IncludeManagementEvents: true }] }), status: "FAIL", reason: /WriteOnly only/ },
    {
      label: "KMS events excluded",
      records: trailRecords({}, { IsLogging: true }, { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: true, ExcludeManagementEventSources: ["kms.amazonaws.com"] }] }),
      status: "FAIL",
      reason: /kms\.amazonaws\.com are excluded/,
    },
    { label: "data events only", records: trailRecords({}, { IsLogging: true }, { EventSelectors: [{ ReadWriteType: "All", IncludeManagementEvents: false, DataResources: [{ Type: "AWS::S3::Object", Values: ["arn:aws:s3"] }] }] }), status: "FAIL", reason: /no event selector records management events/ },
    { label: "selectors not collected", records: trailRecords({}, { IsLogging: true }, null), status: "ERROR", reason: /event selectors were not collected/ },
    { label: "GetEventSelectors denied", records: [...trailRecords({}, { IsLogging: true }, null), gapRecord("cloudtrail", "GetEventSelectors", { TrailName: TRAIL_ARN })], status: "ERROR", reason: /GetEventSelectors failed/ },
  ],
  "cloudtrail.cloudwatch-logs-integration": [
    { label: "delivers", records: trailRecords(), status: "PASS", reason: /CloudWatchLogsLogGroupArn is arn:aws:logs/ },
    { label: "does not", records: trailRecords({ CloudWatchLogsLogGroupArn: undefined }), status: "FAIL", reason: /CloudWatchLogsLogGroupArn is not set/ },
    { label: "DescribeTrails denied", records: trailsDenied, status: "ERROR", reason: /DescribeTrails/ },
  ],
};

const recorder = (status: Record<string, unknown> | null): EvidenceRecord[] => [
  record("config", "DescribeConfigurationRecorders", {}, { ConfigurationRecorders: [{ name: "default", roleARN: `arn:aws:iam::${ACCOUNT}:role/config`, recordingGroup: { allSupported: true, includeGlobalResourceTypes: true } }] }),
  ...(status ? [record("config", "DescribeConfigurationRecorderStatus", {}, { ConfigurationRecordersStatus: [{ name: "default", ...status }] })] : []),
];

table["config.recorder-recording"] = [
  { label: "recording", records: recorder({ recording: true, lastStatus: "SUCCESS" }), status: "PASS", reason: /default is recording/ },
  { label: "stopped", records: recorder({ recording: false, lastStatus: "SUCCESS" }), status: "FAIL", reason: /recording false/ },
  { label: "delivery failing", records: recorder({ recording: true, lastStatus: "FAILURE", lastErrorCode: "AccessDenied" }), status: "FAIL", reason: /last status FAILURE \(AccessDenied\)/ },
  { label: "no recorder", records: [record("config", "DescribeConfigurationRecorders", {}, { ConfigurationRecorders: [] })], status: "FAIL", reason: /no configuration recorder in us-east-1/ },
  { label: "status not collected", records: recorder(null), status: "ERROR", reason: /no status collected/ },
  { label: "denied", records: [gapRecord("config", "DescribeConfigurationRecorders", {})], status: "ERROR", reason: /DescribeConfigurationRecorders .*failed/ },
];

function event(name: string, id: string, time: string, resource?: string): Record<string, unknown> {
  return {
    EventId: id,
    EventName: name,
    EventTime: time,
    EventSource: name.includes("Monitoring") ? "sagemaker.amazonaws.com" : "cloudtrail.amazonaws.com",
    Username: "mallory",
    Resources: resource ? [{ ResourceType: "AWS::CloudTrail::Trail", ResourceName: resource }] : [],
    CloudTrailEvent: JSON.stringify({ eventVersion: "1.09", userIdentity: { type: "IAMUser", arn: `arn:aws:iam::${ACCOUNT}:user/mallory` }, sourceIPAddress: "203.0.113.7", awsRegion: REGION, recipientAccountId: ACCOUNT }),
  };
}
const events = (...list: Record<string, unknown>[]): EvidenceRecord[] => [record("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T00:00:00.000Z" }, { Events: list })];
const benign = event("CreateTrainingJob", "e-0", "2026-11-25T09:00:00Z");

table["activity.audit-logging-tampering"] = [
  { label: "quiet window", records: events(benign), status: "PASS", reason: /none of StopLogging.* among 1 CloudTrail event/ },
  { label: "StopLogging", records: events(benign, event("StopLogging", "e-1", "2026-11-26T02:13:00Z", TRAIL_ARN)), status: "FAIL", reason: /StopLogging on .*org-audit by arn:aws:iam::111122223333:user\/mallory at 2026-11-26T02:13:00.000Z from 203\.0\.113\.7/ },
  { label: "recorder stopped", records: events(event("StopConfigurationRecorder", "e-2", "2026-11-26T02:14:00Z")), status: "FAIL", reason: /StopConfigurationRecorder/ },
  { label: "LookupEvents denied", records: [gapRecord("cloudtrail", "LookupEvents", { StartTime: "2026-11-20T00:00:00.000Z" })], status: "ERROR", reason: /LookupEvents .*failed/ },
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
