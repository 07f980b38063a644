import * as sdk from "@aws-sdk/client-sagemaker";
import type { SageMakerClient, SageMakerPaginationConfiguration } from "@aws-sdk/client-sagemaker";
import type { SageMakerResourceType } from "../../evidence/sagemaker-registry.js";
import { SAGEMAKER_RESOURCE_TYPES, TERMINAL_JOB_STATUSES, childTypesOf, describeParamsOf, listInputOf, topLevelTypes } from "../../evidence/sagemaker-registry.js";
import type { CallScope, Output } from "./call.js";
import type { References } from "./references.js";
import { addReferences } from "./references.js";

/** The most SageMaker list calls accept; fewer pages means fewer calls against the quota. */
const PAGE = 100;

type Paginate = (config: SageMakerPaginationConfiguration, input: Output) => AsyncIterable<unknown>;
type Command = Parameters<SageMakerClient["send"]>[0];
type CommandClass = new (input: Output) => Command;

/**
 * The SDK names every operation's command `<Operation>Command` and its paginator `paginate<Operation>`,
 * so a registry entry binds itself by name and adding a type stays one entry. A name the SDK does
 * not export fails here, when the module loads, not in the middle of a collection.
 */
function sdkExport<T>(name: string): T {
  const value = (sdk as unknown as Record<string, unknown>)[name];
  if (typeof value !== "function") throw new Error(`@aws-sdk/client-sagemaker exports no ${name}`);
  return value as T;
}

interface Bound {
  paginate: Paginate;
  describe: CommandClass;
}

const BOUND = new Map<SageMakerResourceType, Bound>(
  SAGEMAKER_RESOURCE_TYPES.map((spec) => [
    spec,
    { paginate: sdkExport<Paginate>(`paginate${spec.listOperation}`), describe: sdkExport<CommandClass>(`${spec.describeOperation}Command`) },
  ]),
);

function bound(spec: SageMakerResourceType): Bound {
  const b = BOUND.get(spec);
  if (!b) throw new Error(`${spec.type} is not in the SageMaker registry`);
  return b;
}

const pages = (client: SageMakerClient, paginate: Paginate) => (input: Output) => paginate({ client, stopOnSameToken: true }, input);

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);
const iso = (v: unknown): string | undefined => (v instanceof Date ? v.toISOString() : typeof v === "string" ? new Date(v).toISOString() : undefined);

export interface SageMakerCollectOptions {
  /** Jobs last modified before this are out of scope (the look-back). */
  since: Date;
  /** Filled with the roles, keys, buckets and security groups the described resources name. */
  references: References;
}

/** Collects every SageMaker type of the registry in one account and region; failures become gaps, never throws. */
export async function collectSageMaker(scope: CallScope, client: SageMakerClient, options: SageMakerCollectOptions): Promise<void> {
  await Promise.all(topLevelTypes().map((spec) => collectType(scope, client, spec, options)));
}

async function collectType(scope: CallScope, client: SageMakerClient, spec: SageMakerResourceType, options: SageMakerCollectOptions, parent?: Output): Promise<void> {
  const input: Output = { ...listInputOf(spec, { since: options.since, ...(parent ? { parent } : {}) }), MaxResults: PAGE };
  const work: Promise<void>[] = [];
  for await (const page of scope.pages(spec.listOperation, input, pages(client, bound(spec).paginate))) {
    const items = arr(page[spec.listKey]);
    scope.progress(items.length);
    // Describe while the next page is fetched; the scope's semaphore bounds how many run at once.
    for (const item of items) work.push(describeItem(scope, client, spec, item, options));
  }
  await Promise.all(work);
}

async function describeItem(scope: CallScope, client: SageMakerClient, spec: SageMakerResourceType, item: Output, options: SageMakerCollectOptions): Promise<void> {
  const params = describeParamsOf(spec, item);
  if (!params) return;
  // Children are listed from the list item, so a failed describe of a domain does not silently
  // hide its user profiles: their list call is still made (and recorded, or a gap).
  const children = childTypesOf(spec).map((child) => collectType(scope, client, child, options, item));
  const Describe = bound(spec).describe;
  const response = reusable(scope, spec, params, item) ?? (await scope.call(spec.describeOperation, params, () => client.send(new Describe(params))));
  if (response) addReferences(options.references, response);
  // Tags come from the bulk listing (tagging.ts), never one call per resource.
  await Promise.all(children);
}

/**
 * For resources SageMaker cannot change once finished or created: the stored describe of the same
 * request may be reused when its CreationTime matches the list item's (a same-named resource
 * created again is a new resource) and, for jobs, the stored answer already shows a final status.
 */
function reusable(scope: CallScope, spec: SageMakerResourceType, params: Output, item: Output): Output | undefined {
  if (!spec.immutable) return undefined;
  const listed = iso(item.CreationTime);
  if (!listed) return undefined;
  const statusField = spec.immutable.statusField;
  if (statusField && !TERMINAL_JOB_STATUSES.has(str(item[statusField]) ?? "")) return undefined;
  const stored = scope.stored(spec.describeOperation, params);
  if (!stored?.response || iso(stored.response.CreationTime) !== listed) return undefined;
  if (statusField && !TERMINAL_JOB_STATUSES.has(str(stored.response[statusField]) ?? "")) return undefined;
  return scope.reuse(stored);
}
