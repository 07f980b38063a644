import { UsageError } from "../errors.js";

/**
 * The regions of each AWS partition, as the SDK's endpoint-resolution data
 * (`@aws-sdk/core` util-endpoints `partitions`) lists them, opt-in regions included (af-south-1,
 * ap-east-1, me-south-1, … are valid names even where an account has not enabled them: a call
 * there becomes an evidence gap, not a usage error). A test compares this list with the installed
 * SDK's, so a region AWS adds fails the test until it is added here.
 * See https://docs.aws.amazon.com/general/latest/gr/rande.html#regional-endpoints and
 * https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
export const PARTITION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  aws: [
    "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
    "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
    "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
    "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "me-west-1", "mx-central-1", "sa-east-1", "sa-west-1",
    "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  ],
  "aws-cn": ["cn-north-1", "cn-northwest-1"],
  "aws-eusc": ["eusc-de-east-1"],
  "aws-iso": ["us-iso-east-1", "us-iso-west-1"],
  "aws-iso-b": ["us-isob-east-1", "us-isob-west-1"],
  "aws-iso-e": ["eu-isoe-west-1"],
  "aws-iso-f": ["us-isof-east-1", "us-isof-south-1"],
  "aws-us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

const PARTITION_OF = new Map(Object.entries(PARTITION_REGIONS).flatMap(([partition, regions]) => regions.map((r) => [r, partition] as const)));

export function partitionOf(region: string): string | undefined {
  return PARTITION_OF.get(region);
}

/**
 * Refuses region names no partition has (`mars-1`, `us-east1`) and a scope that mixes partitions
 * (one set of credentials and one STS endpoint cannot reach both): a usage error, before any call.
 * `from` names where the list came from (`--regions`, the config file, `AWS_REGION`).
 */
export function validateRegions(regions: readonly string[], from: string): void {
  const unknown = regions.filter((r) => !PARTITION_OF.has(r));
  if (unknown.length > 0) {
    const names = unknown.map((r) => `"${r}"`).join(", ");
    throw new UsageError(`${from}: ${names} ${unknown.length === 1 ? "is not an AWS region" : "are not AWS regions"} (known in partition aws: ${PARTITION_REGIONS.aws?.join(", ") ?? ""})`);
  }
  const partitions = [...new Set(regions.map((r) => PARTITION_OF.get(r)))];
  if (partitions.length > 1) {
    throw new UsageError(`${from}: the regions span several partitions (${partitions.join(", ")}); run one collection per partition`);
  }
}
