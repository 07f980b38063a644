/**
 * Tags of SageMaker resources: SageMaker ListTags answers and Resource Groups Tagging GetResources
 * pages, and what a resource's tags are known to be (`tagSource`) when no entry names it.
 */
import type { RecordIndex } from "../record-index.js";
import { SAGEMAKER_RESOURCE_TYPES } from "../sagemaker-registry.js";
import { arr, obj, str } from "./builder.js";
import type { InventoryBuilder } from "./builder.js";
import type { Resource, ResourceGap } from "./types.js";

const SAGEMAKER_TYPES: ReadonlySet<string> = new Set(SAGEMAKER_RESOURCE_TYPES.map((s) => s.type));

export function collectTags(index: RecordIndex, b: InventoryBuilder): void {
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
      // The page's copy of the ARN is replaced by the resource's own, an equal string: the tag pages
      // come apart from the SageMaker calls, so the collector could not share it, and at 500,000 jobs
      // the copies are 40 MB. The record's content and hash are unchanged.
      if (!Object.isFrozen(mapping)) mapping.ResourceARN = resource.arn;
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
