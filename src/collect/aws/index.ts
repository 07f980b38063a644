import type { Config } from "../../config/schema.js";
import { UsageError } from "../../errors.js";
import type { ResolvedSource } from "../../cli/sources.js";

// Replaced by the AWS collectors (issue #3).
export function createAwsSource(_config: Config): ResolvedSource {
  throw new UsageError("the aws source is not available in this build");
}
