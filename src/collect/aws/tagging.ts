import { paginateGetResources } from "@aws-sdk/client-resource-groups-tagging-api";
import type { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { TAGGING_RESOURCE_TYPE_FILTERS } from "../../evidence/sagemaker-registry.js";
import type { CallScope } from "./call.js";

/** "You can specify a minimum of 1 and a maximum value of 100" (GetResources `ResourcesPerPage`). */
export const TAG_PAGE = 100;

/**
 * The tags of every SageMaker resource of one account and region, in bulk: Resource Groups Tagging
 * API `GetResources` filtered to the registry's types, 100 resources a page, instead of one
 * SageMaker `ListTags` per resource. A page is a `tagging` evidence record; the inventory assigns
 * each `ResourceTagMappingList` entry to the resource of that `ResourceARN`.
 *
 * What a listing proves (https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html):
 * - it "returns all the tagged or previously tagged resources" of the region and "does not return
 *   untagged resources", so a resource absent from a COMPLETE listing (every page answered, the last
 *   one without `PaginationToken`) has no tags;
 * - it "does not split a resource and its associated tags across pages", so a resource seen on any
 *   answered page has all its tags in hand;
 * - if a page failed, every resource not seen before the failure has unknown tags: the inventory
 *   turns that into a gap for exactly those resources, never into "no tags".
 *
 * The walk follows `PaginationToken` until the answer holds none (an empty string ends it too);
 * a token seen twice ends it as unfinished (`CallScope.pages`). Called once per account and region,
 * every run: tags change on immutable resources too, and the listing is as many calls as the
 * SageMaker list pages, so no per-resource call is ever needed.
 */
export async function collectSageMakerTags(scope: CallScope, client: ResourceGroupsTaggingAPIClient): Promise<void> {
  const input = { ResourceTypeFilters: [...TAGGING_RESOURCE_TYPE_FILTERS], ResourcesPerPage: TAG_PAGE };
  const pages = scope.pages("GetResources", input, (i) => paginateGetResources({ client, stopOnSameToken: true }, i), {
    tokenKey: "PaginationToken",
  });
  // Each page is recorded by `pages` (the calls show in the progress); the resources were counted by their own lists.
  for await (const _page of pages) {
    // nothing else to do per page
  }
}
