/**
 * AWS Config: configuration recorders and their statuses, configuration items (BatchGetResourceConfig,
 * SelectResourceConfig, SelectAggregateResourceConfig) judged current or stale against the recorder
 * status, and config rule verdicts (GetComplianceDetailsByConfigRule and its aggregate form).
 */
import type { RecordIndex } from "../record-index.js";
import { arr, obj, parseJson, str } from "./builder.js";
import type { InventoryBuilder } from "./builder.js";
import { GLOBAL_REGION } from "./types.js";

export function collectRecorders(index: RecordIndex, b: InventoryBuilder): void {
  const statuses = new Map<string, { status: Record<string, unknown>; evidenceId: string }>();
  for (const r of index.of("config", "DescribeConfigurationRecorderStatus")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.ConfigurationRecordersStatus)) {
      const status = obj(raw);
      statuses.set(`${r.account}|${r.region}|${str(status.name) ?? ""}`, { status, evidenceId: r.id });
    }
  }
  for (const r of index.of("config", "DescribeConfigurationRecorders")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.ConfigurationRecorders)) {
      const recorder = obj(raw);
      const name = str(recorder.name) ?? "default";
      const arn = str(recorder.arn) ?? `arn:aws:config:${r.region}:${r.account}:configuration-recorder/${name}`;
      const resource = b.upsert("AWS::Config::ConfigurationRecorder", arn, { account: r.account, region: r.region, name });
      const status = statuses.get(`${r.account}|${r.region}|${name}`);
      resource.config = { Recorder: recorder, Status: status?.status };
      resource.evidenceIds.push(r.id, ...(status ? [status.evidenceId] : []));
    }
  }
}

/**
 * Configuration item statuses whose `configuration` describes the live resource. `ResourceNotRecorded`
 * and `ResourceDeletedNotRecorded` carry no configuration (the recorder does not record the type) and
 * `ResourceDeleted` describes a resource that no longer exists: judging them would judge nothing.
 * https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationItem.html
 */
const CURRENT_ITEM_STATUSES = new Set(["OK", "ResourceDiscovered"]);

export interface RecorderTimes {
  recording: boolean;
  lastStartTime?: number;
  lastStopTime?: number;
}

const time = (v: unknown): number | undefined => {
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** Recorder statuses by account|region (DescribeConfigurationRecorderStatus). */
export function recorderStatuses(index: RecordIndex): Map<string, RecorderTimes[]> {
  const out = new Map<string, RecorderTimes[]>();
  for (const r of index.of("config", "DescribeConfigurationRecorderStatus")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.ConfigurationRecordersStatus)) {
      const s = obj(raw);
      const key = `${r.account}|${r.region}`;
      const times: RecorderTimes = { recording: s.recording === true };
      const start = time(s.lastStartTime);
      const stop = time(s.lastStopTime);
      if (start !== undefined) times.lastStartTime = start;
      if (stop !== undefined) times.lastStopTime = stop;
      out.set(key, [...(out.get(key) ?? []), times]);
    }
  }
  return out;
}

/**
 * Why a configuration item may no longer describe the resource: AWS Config records a new item only
 * while a recorder is recording, so a change made while the recorder was stopped after the item's
 * capture time never reached Config. The item is current when some recorder of its scope (its region;
 * the account for global IAM items) is recording now and has not stopped since the capture. With no
 * recorder status in hand, the recorder check (config.recorder-recording) reports that separately.
 * https://docs.aws.amazon.com/config/latest/APIReference/API_ConfigurationRecorderStatus.html
 */
function staleness(item: Record<string, unknown>, account: string, region: string, statuses: Map<string, RecorderTimes[]>): string | undefined {
  const captured = time(item.configurationItemCaptureTime);
  const scope =
    region === GLOBAL_REGION
      ? [...statuses.entries()].filter(([k]) => k.startsWith(`${account}|`)).flatMap(([, v]) => v)
      : (statuses.get(`${account}|${region}`) ?? []);
  if (captured === undefined || scope.length === 0) return undefined;
  const current = scope.some((s) => s.recording && (s.lastStopTime === undefined || s.lastStopTime < captured));
  if (current) return undefined;
  const stopped = scope.map((s) => s.lastStopTime).filter((t): t is number => t !== undefined && t >= captured);
  const when = stopped.length > 0 ? `stopped at ${new Date(Math.max(...stopped)).toISOString()}` : "is not recording";
  return `the AWS Config item was captured at ${new Date(captured).toISOString()} but the recorder ${when}: later changes are unrecorded`;
}

/** The calls that answer AWS Config configuration items. */
const CONFIG_ITEM_OPERATIONS = ["BatchGetResourceConfig", "SelectResourceConfig", "SelectAggregateResourceConfig"];

export function collectConfigItems(index: RecordIndex, b: InventoryBuilder, statuses: Map<string, RecorderTimes[]>): void {
  for (const r of index.ofAny("config", CONFIG_ITEM_OPERATIONS)) {
    if (!r.response) continue;
    let items: Record<string, unknown>[];
    if (r.operation === "BatchGetResourceConfig") items = arr(r.response.baseConfigurationItems).map(obj);
    else if (r.operation === "SelectResourceConfig" || r.operation === "SelectAggregateResourceConfig")
      items = arr(r.response.Results).map((x) => obj(parseJson(x)));
    else continue;
    for (const item of items) {
      const type = str(item.resourceType);
      const arn = str(item.arn) ?? str(item.ARN);
      if (!type || !arn) continue;
      const supplementary = Object.fromEntries(
        Object.entries(obj(item.supplementaryConfiguration)).map(([k, v]) => [k, parseJson(v)]),
      );
      const account = str(item.accountId) ?? r.account;
      const region = str(item.awsRegion) ?? r.region;
      const resource = b.upsert(type, arn, { account, region, name: str(item.resourceName) ?? str(item.resourceId) ?? arn });
      resource.evidenceIds.push(r.id);
      const status = str(item.configurationItemStatus);
      // Evidence status before content: an item that does not describe the live resource is a gap.
      const unusable =
        status !== undefined && !CURRENT_ITEM_STATUSES.has(status)
          ? `configurationItemStatus is ${status}: the item does not describe the current configuration`
          : staleness(item, account, region, statuses);
      if (unusable) {
        resource.gaps.push({ operation: r.operation, error: unusable, evidenceId: r.id, reason: `evidence gap: ${unusable}` });
        continue;
      }
      resource.config = {
        ...obj(parseJson(item.configuration)),
        resourceId: str(item.resourceId),
        supplementaryConfiguration: supplementary,
      };
      for (const tag of arr(item.tags ? Object.entries(obj(item.tags)) : [])) {
        const [k, v] = tag as [string, unknown];
        if (typeof v === "string") resource.tags[k] = v;
      }
    }
  }
}

export function collectConfigVerdicts(index: RecordIndex, b: InventoryBuilder): void {
  for (const r of index.ofAny("config", ["GetComplianceDetailsByConfigRule", "GetAggregateComplianceDetailsByConfigRule"])) {
    if (!r.response) continue;
    const results = arr(r.response.EvaluationResults ?? r.response.AggregateEvaluationResults);
    for (const raw of results) {
      const result = obj(raw);
      const qualifier = obj(obj(result.EvaluationResultIdentifier).EvaluationResultQualifier);
      b.configVerdicts.push({
        configRuleName: str(qualifier.ConfigRuleName) ?? str(r.params.ConfigRuleName) ?? "",
        resourceType: str(qualifier.ResourceType) ?? "",
        resourceId: str(qualifier.ResourceId) ?? "",
        compliance: str(result.ComplianceType) ?? "INSUFFICIENT_DATA",
        account: str(result.AccountId) ?? r.account,
        region: str(result.AwsRegion) ?? r.region,
        evidenceId: r.id,
      });
    }
  }
}
