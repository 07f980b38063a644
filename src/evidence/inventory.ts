import { gapOf } from "./record.js";
import { RecordIndex } from "./record-index.js";
import { SAGEMAKER_RESOURCE_TYPES } from "./sagemaker-registry.js";
import { SUPPORTING_RESOURCE_OPERATIONS, accountPublicAccessBlocks, keyAliases, supportingResources } from "./supporting.js";
import type { EvidenceGap, EvidenceRecord, EvidenceSource } from "./types.js";

/** Pseudo resource types for account- and region-wide checks (trail coverage, recorders). */
export const ACCOUNT_TYPE = "AWS::::Account";
export const REGION_TYPE = "AWS::::Region";
export const GLOBAL_REGION = "global";

export interface ResourceGap {
  /** The service asked, where the operation alone does not say it (supporting resources). */
  source?: EvidenceSource;
  operation: string;
  error: string;
  evidenceId: string;
  /** Why the evidence in hand cannot be judged, when the call itself succeeded (a stale or unrecorded Config item). */
  reason?: string;
}

export interface Resource<C = Record<string, unknown>> {
  arn: string;
  type: string;
  account: string;
  region: string;
  name: string;
  /** The describe response (or parsed configuration item); undefined when describing it failed. */
  config: C | undefined;
  evidenceIds: string[];
  /** Calls about this very resource that failed. */
  gaps: ResourceGap[];
  tags: Record<string, string>;
  /** Which evidence says what `tags` holds; undefined when no tag evidence covers the resource. */
  tagSource?: TagSource;
}

/**
 * - `listed`: a tag record names the resource: a SageMaker ListTags answer for its ARN, or entry
 *   `index` of a GetResources page's `ResourceTagMappingList` (one page holds up to 100 resources,
 *   so a check that reads the page must read that entry only).
 * - `untagged`: absent from a complete GetResources listing of its account and region, which
 *   returns every tagged or previously tagged resource; `evidenceId` is the listing's last page.
 * - `unknown`: the call that would have shown the tags failed (a ListTags for the ARN, or a
 *   GetResources page of the region before the resource was seen): an evidence gap, never "no tags".
 */
export type TagSource =
  | { kind: "listed"; evidenceId: string; index?: number }
  | { kind: "untagged"; evidenceId: string }
  | { kind: "unknown"; gap: ResourceGap };

export interface ConfigRuleVerdict {
  configRuleName: string;
  resourceType: string;
  resourceId: string;
  compliance: string;
  account: string;
  region: string;
  evidenceId: string;
}

export interface ActivityEvent {
  eventId: string;
  eventName: string;
  eventTime: string;
  eventSource: string;
  principal: string;
  sourceIp: string;
  resourceNames: string[];
  account: string;
  region: string;
  evidenceId: string;
  /** CloudTrail `errorCode`: the call was made but AWS refused or failed it (an attempt, not a change). */
  errorCode?: string;
}

export interface Inventory {
  resources: Resource[];
  /** Failed calls not tied to one resource (a list call, a region): they hide what is in that scope. */
  scopeGaps: EvidenceGap[];
  gaps: EvidenceGap[];
  configVerdicts: ConfigRuleVerdict[];
  events: ActivityEvent[];
  accounts: string[];
  regions: string[];
  evidence: ReadonlyMap<string, EvidenceRecord>;
  /**
   * The AWS Config item of a supporting resource whose configuration came from its own service's
   * API, keyed `type|arn`: the second source the findings are cross-checked against.
   */
  configItems?: ReadonlyMap<string, { config: Record<string, unknown>; evidenceIds: string[] }>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function parseJson(text: unknown): unknown {
  if (typeof text !== "string") return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

class InventoryBuilder {
  private readonly byKey = new Map<string, Resource>();
  readonly gaps: EvidenceGap[] = [];
  readonly scopeGaps: EvidenceGap[] = [];
  readonly configVerdicts: ConfigRuleVerdict[] = [];
  readonly events = new Map<string, ActivityEvent>();
  readonly accounts = new Set<string>();
  readonly regions = new Set<string>();
  /** Every account|region some evidence was collected in: a region with nothing in it is still in scope. */
  readonly scopes = new Set<string>();
  readonly configItems = new Map<string, { config: Record<string, unknown>; evidenceIds: string[] }>();

  upsert(type: string, arn: string, seed: Omit<Resource, "type" | "arn" | "evidenceIds" | "gaps" | "tags" | "config">): Resource {
    const key = `${type}|${arn}`;
    let resource = this.byKey.get(key);
    if (!resource) {
      resource = { type, arn, ...seed, config: undefined, evidenceIds: [], gaps: [], tags: {} };
      this.byKey.set(key, resource);
    }
    return resource;
  }

  /** The resources being built, unsorted and mutable: for lookups while building. */
  live(): IterableIterator<Resource> {
    return this.byKey.values();
  }

  resources(): Resource[] {
    return [...this.byKey.values()]
      .map((r) => ({ ...r, evidenceIds: [...new Set(r.evidenceIds)].sort() }))
      .sort((a, b) => a.type.localeCompare(b.type) || a.arn.localeCompare(b.arn));
  }
}

/**
 * Turns raw evidence into normalised resources. Pure and deterministic: the order of the input
 * records does not matter. One pass over the records (in id order) notes the scope and the gaps and
 * indexes the records by source and operation; each builder then reads only its own calls.
 */
export function buildInventory(records: readonly EvidenceRecord[]): Inventory {
  const sorted = [...records].sort((a, b) => a.id.localeCompare(b.id));
  const b = new InventoryBuilder();
  const evidence = new Map<string, EvidenceRecord>();
  const index = new RecordIndex();

  for (const r of sorted) {
    evidence.set(r.id, r);
    index.add(r);
    b.accounts.add(r.account);
    if (r.region !== GLOBAL_REGION) {
      b.regions.add(r.region);
      b.scopes.add(`${r.account}|${r.region}`);
    }
    const gap = gapOf(r);
    if (gap) {
      b.gaps.push(gap);
      if (!RESOURCE_OPERATIONS.has(r.operation) && !SUPPORTING_RESOURCE_OPERATIONS.has(`${r.source}:${r.operation}`)) b.scopeGaps.push(gap);
    }
  }

  collectDescribed(index, b);
  collectTrails(index, b);
  collectRecorders(index, b);
  collectConfigItems(index, b, recorderStatuses(index));
  collectSupporting(index, b);
  collectConfigVerdicts(index, b);
  collectEvents(index, b);
  collectTags(index, b);
  addScopeResources(b);

  return {
    resources: b.resources(),
    scopeGaps: b.scopeGaps.sort((x, y) => x.evidenceId.localeCompare(y.evidenceId)),
    gaps: b.gaps.sort((x, y) => x.evidenceId.localeCompare(y.evidenceId)),
    configVerdicts: b.configVerdicts.sort(
      (x, y) => x.configRuleName.localeCompare(y.configRuleName) || x.resourceId.localeCompare(y.resourceId),
    ),
    events: [...b.events.values()].sort((x, y) => x.eventTime.localeCompare(y.eventTime) || x.eventId.localeCompare(y.eventId)),
    accounts: [...b.accounts].sort(),
    regions: [...b.regions].sort(),
    evidence,
    configItems: b.configItems,
  };
}

const SAGEMAKER_TYPES: ReadonlySet<string> = new Set(SAGEMAKER_RESOURCE_TYPES.map((s) => s.type));

/** Operations whose failure is tied to one resource; any other failed call is a scope gap. */
const RESOURCE_OPERATIONS = new Set([
  ...SAGEMAKER_RESOURCE_TYPES.map((s) => s.describeOperation),
  "GetTrailStatus",
  "GetEventSelectors",
  "ListTags",
]);

function collectDescribed(index: RecordIndex, b: InventoryBuilder): void {
  for (const spec of SAGEMAKER_RESOURCE_TYPES) {
    // ARNs known from list calls, so a resource whose describe failed still has its real ARN.
    const listedArn = new Map<string, string>();
    for (const r of index.of("sagemaker", spec.listOperation)) {
      if (!spec.listArnField || !r.response) continue;
      for (const item of arr(r.response[spec.listKey])) {
        const id = str(obj(item)[spec.listIdField]);
        const arn = str(obj(item)[spec.listArnField]);
        if (id && arn) listedArn.set(`${r.account}|${r.region}|${id}`, arn);
      }
    }
    for (const r of index.of("sagemaker", spec.describeOperation)) {
      const id = str(r.params[spec.idParam]) ?? "";
      if (r.error) {
        const arn = listedArn.get(`${r.account}|${r.region}|${id}`) ?? `arn:aws:sagemaker:${r.region}:${r.account}:unknown/${id}`;
        const resource = b.upsert(spec.type, arn, { account: r.account, region: r.region, name: id });
        resource.evidenceIds.push(r.id);
        resource.gaps.push({ operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id });
        continue;
      }
      const response = r.response ?? {};
      const arn = str(response[spec.arnField]) ?? listedArn.get(`${r.account}|${r.region}|${id}`);
      if (!arn) continue;
      const resource = b.upsert(spec.type, arn, {
        account: r.account,
        region: r.region,
        name: str(response[spec.nameField]) ?? id,
      });
      resource.config = response;
      resource.evidenceIds.push(r.id);
    }
  }
}

function collectTrails(index: RecordIndex, b: InventoryBuilder): void {
  for (const r of index.of("cloudtrail", "DescribeTrails")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.trailList)) {
      const trail = obj(raw);
      const arn = str(trail.TrailARN);
      if (!arn) continue;
      const home = str(trail.HomeRegion) ?? r.region;
      // With shadow trails every region lists a multi-region trail; its home region owns it.
      const resource = b.upsert("AWS::CloudTrail::Trail", arn, { account: r.account, region: home, name: str(trail.Name) ?? arn });
      resource.evidenceIds.push(r.id);
      if (!resource.config || r.region === home) {
        resource.config = { ...(resource.config ?? {}), Trail: trail };
      }
    }
  }
  const trails = trailLookup(b);
  for (const r of index.ofAny("cloudtrail", ["GetTrailStatus", "GetEventSelectors"])) {
    const resource = trails.get(`${r.account}|${str(r.params.Name) ?? str(r.params.TrailName) ?? ""}`);
    if (!resource) continue;
    resource.evidenceIds.push(r.id);
    if (r.error) {
      resource.gaps.push({ operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id });
      continue;
    }
    const key = r.operation === "GetTrailStatus" ? "Status" : "EventSelectors";
    resource.config = { ...(resource.config ?? {}), [key]: r.response ?? {} };
  }
}

/**
 * Trails by `account|ARN` and `account|name` (the status calls name a trail either way); the first
 * trail built wins a clash, as a scan in build order would find it.
 */
function trailLookup(b: InventoryBuilder): Map<string, Resource> {
  const out = new Map<string, Resource>();
  for (const resource of b.live()) {
    if (resource.type !== "AWS::CloudTrail::Trail") continue;
    for (const ref of [resource.arn, resource.name]) {
      const key = `${resource.account}|${ref}`;
      if (!out.has(key)) out.set(key, resource);
    }
  }
  return out;
}

function collectRecorders(index: RecordIndex, b: InventoryBuilder): void {
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

interface RecorderTimes {
  recording: boolean;
  lastStartTime?: number;
  lastStopTime?: number;
}

const time = (v: unknown): number | undefined => {
  const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? undefined : t;
};

/** Recorder statuses by account|region (DescribeConfigurationRecorderStatus). */
function recorderStatuses(index: RecordIndex): Map<string, RecorderTimes[]> {
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

function collectConfigItems(index: RecordIndex, b: InventoryBuilder, statuses: Map<string, RecorderTimes[]>): void {
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

/**
 * Supporting resources read from IAM, KMS, S3 and EC2 (see supporting.ts). Where AWS Config has an
 * item for the same resource, the API answer is what the checks read and the item is kept for the
 * cross-check; where the API could not answer, the item stands in. The account-level S3 Block
 * Public Access (S3 Control, else Config's AWS::S3::AccountPublicAccessBlock item) is set on every
 * bucket of the account as `accountPublicAccessBlock` (an object, `null` for none, absent if unknown).
 */
function collectSupporting(index: RecordIndex, b: InventoryBuilder): void {
  for (const item of supportingResources(index)) {
    const resource = b.upsert(item.type, item.arn, { account: item.account, region: item.region, name: item.name });
    const fromConfig = resource.config;
    resource.evidenceIds.push(...item.evidenceIds);
    if (item.config === undefined && fromConfig !== undefined) continue;
    if (fromConfig !== undefined) b.configItems.set(`${item.type}|${item.arn}`, { config: fromConfig, evidenceIds: [...resource.evidenceIds.filter((id) => !item.evidenceIds.includes(id))] });
    resource.config = item.config;
    resource.gaps.push(...item.gaps);
  }
  // Keys known only from AWS Config items still get the aliases ListAliases names them by.
  const aliases = keyAliases(index);
  for (const key of b.live()) {
    if (key.type !== "AWS::KMS::Key" || !key.config || Array.isArray(key.config.aliases)) continue;
    const id = str(key.config.keyId) ?? str(key.config.resourceId) ?? key.name;
    const names = aliases.get(`${key.account}|${key.region}|${id}`);
    if (!names) continue;
    key.config = { ...key.config, aliases: [...names.names].sort() };
    key.evidenceIds.push(...names.evidenceIds);
  }
  const api = accountPublicAccessBlocks(index);
  const fromConfig = new Map<string, Resource>();
  for (const r of b.live()) if (r.type === "AWS::S3::AccountPublicAccessBlock" && r.config) fromConfig.set(r.account, r);
  for (const bucket of b.live()) {
    if (bucket.type !== "AWS::S3::Bucket" || !bucket.config) continue;
    const answer = api.get(bucket.account);
    const item = fromConfig.get(bucket.account);
    if (answer && answer.config !== undefined) {
      bucket.config = { ...bucket.config, accountPublicAccessBlock: answer.config };
      bucket.evidenceIds.push(answer.evidenceId);
    } else if (item) {
      const { resourceId: _id, supplementaryConfiguration: _s, ...block } = item.config ?? {};
      bucket.config = { ...bucket.config, accountPublicAccessBlock: block };
      bucket.evidenceIds.push(...item.evidenceIds);
    } else if (answer?.error) {
      bucket.config = { ...bucket.config, accountPublicAccessBlockError: answer.error };
      bucket.evidenceIds.push(answer.evidenceId);
    }
  }
}

function collectConfigVerdicts(index: RecordIndex, b: InventoryBuilder): void {
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

function collectEvents(index: RecordIndex, b: InventoryBuilder): void {
  for (const r of index.of("cloudtrail", "LookupEvents")) {
    if (!r.response) continue;
    for (const raw of arr(r.response.Events)) {
      const event = obj(raw);
      const eventId = str(event.EventId);
      if (!eventId || b.events.has(eventId)) continue;
      const detail = obj(parseJson(event.CloudTrailEvent));
      const identity = obj(detail.userIdentity);
      const eventTime = event.EventTime;
      b.events.set(eventId, {
        eventId,
        eventName: str(event.EventName) ?? "",
        eventTime: typeof eventTime === "string" ? new Date(eventTime).toISOString() : "",
        eventSource: str(event.EventSource) ?? str(detail.eventSource) ?? "",
        principal: str(identity.arn) ?? str(event.Username) ?? "unknown",
        sourceIp: str(detail.sourceIPAddress) ?? "",
        resourceNames: arr(event.Resources)
          .map((x) => str(obj(x).ResourceName))
          .filter((x): x is string => x !== undefined),
        account: str(detail.recipientAccountId) ?? r.account,
        region: str(detail.awsRegion) ?? r.region,
        evidenceId: r.id,
        ...(str(detail.errorCode) ? { errorCode: str(detail.errorCode) } : {}),
      });
    }
  }
}

function collectTags(index: RecordIndex, b: InventoryBuilder): void {
  const byArn = new Map([...b.live()].map((r) => [r.arn, r] as const));
  collectListTags(index, byArn);
  collectTagListings(index, b, byArn);
}

/** One SageMaker ListTags answer per resource ARN: evidence of older collections, snapshots and the demo. */
function collectListTags(index: RecordIndex, byArn: ReadonlyMap<string, Resource>): void {
  for (const r of index.of("sagemaker", "ListTags")) {
    const arn = str(r.params.ResourceArn);
    const resource = arn ? byArn.get(arn) : undefined;
    if (!resource) continue;
    if (!r.response) {
      if (r.error && resource.tagSource?.kind !== "listed") resource.tagSource = { kind: "unknown", gap: { source: r.source, operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id } };
      continue;
    }
    for (const raw of arr(r.response.Tags)) {
      const tag = obj(raw);
      const key = str(tag.Key);
      if (key) resource.tags[key] = typeof tag.Value === "string" ? tag.Value : "";
    }
    // A later page of the same resource's tags keeps the first page as the one cited for the kind.
    if (resource.tagSource?.kind !== "listed") resource.tagSource = { kind: "listed", evidenceId: r.id };
    resource.evidenceIds.push(r.id);
  }
}

interface TagListing {
  /** The answered page without a `PaginationToken`: the listing reached its end. */
  lastPage?: string;
  failed?: ResourceGap;
  /** Any answered page, cited when the walk stopped without a last page and without a failure. */
  anyPage?: string;
}

/**
 * Resource Groups Tagging GetResources pages (src/collect/aws/tagging.ts), per account and region:
 * each entry's tags go to the resource of its `ResourceARN`; then every SageMaker resource of a
 * listed region that no entry named is `untagged` if the listing is complete, else `unknown`.
 */
function collectTagListings(index: RecordIndex, b: InventoryBuilder, byArn: ReadonlyMap<string, Resource>): void {
  const listings = new Map<string, TagListing>();
  for (const r of index.of("tagging", "GetResources")) {
    const key = `${r.account}|${r.region}`;
    const listing = listings.get(key) ?? {};
    listings.set(key, listing);
    if (!r.response) {
      if (r.error) listing.failed ??= { source: r.source, operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id };
      continue;
    }
    listing.anyPage ??= r.id;
    if (str(r.response.PaginationToken) === undefined) listing.lastPage = r.id;
    arr(r.response.ResourceTagMappingList).forEach((raw, i) => {
      const mapping = obj(raw);
      const resource = byArn.get(str(mapping.ResourceARN) ?? "");
      if (!resource) return;
      for (const rawTag of arr(mapping.Tags)) {
        const tag = obj(rawTag);
        const tagKey = str(tag.Key);
        if (tagKey) resource.tags[tagKey] = typeof tag.Value === "string" ? tag.Value : "";
      }
      resource.tagSource = { kind: "listed", evidenceId: r.id, index: i };
      resource.evidenceIds.push(r.id);
    });
  }
  if (listings.size === 0) return;
  for (const resource of b.live()) {
    if (resource.tagSource?.kind === "listed" || !SAGEMAKER_TYPES.has(resource.type)) continue;
    const listing = listings.get(`${resource.account}|${resource.region}`);
    if (!listing) continue;
    if (listing.failed) resource.tagSource = { kind: "unknown", gap: listing.failed };
    else if (listing.lastPage) resource.tagSource = { kind: "untagged", evidenceId: listing.lastPage };
    else if (listing.anyPage) {
      const gap = { source: "tagging" as const, operation: "GetResources", error: "the listing stopped before its last page (a pagination token came back twice)", evidenceId: listing.anyPage };
      resource.tagSource = { kind: "unknown", gap };
    }
  }
}

export function accountArn(account: string): string {
  return `arn:aws:iam::${account}:root`;
}

export function regionArn(account: string, region: string): string {
  return `arn:aws:sagemaker:${region}:${account}:region/${region}`;
}

/** One pseudo resource per account and per account-region, for checks that look across resources. */
function addScopeResources(b: InventoryBuilder): void {
  for (const account of b.accounts) {
    const acc = b.upsert(ACCOUNT_TYPE, accountArn(account), { account, region: GLOBAL_REGION, name: account });
    acc.config = { AccountId: account };
  }
  const pairs = new Set<string>(b.scopes);
  for (const resource of b.live()) {
    if (resource.region !== GLOBAL_REGION) pairs.add(`${resource.account}|${resource.region}`);
  }
  for (const gap of b.gaps) pairs.add(`${gap.account}|${gap.region}`);
  for (const pair of pairs) {
    const [account = "", region = ""] = pair.split("|");
    if (region === GLOBAL_REGION) continue;
    const res = b.upsert(REGION_TYPE, regionArn(account, region), { account, region, name: `${account}/${region}` });
    res.config = { AccountId: account, Region: region };
  }
}

/** Lookups checks use to reach related resources. */
export function resourcesOfType<C = Record<string, unknown>>(inventory: Inventory, type: string): Resource<C>[] {
  return inventory.resources.filter((r) => r.type === type) as Resource<C>[];
}
