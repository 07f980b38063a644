import type { Verdict } from "../types.js";
import { fail, pass } from "../verdict.js";

/** The evidence a SageMaker check reads: the list call that enumerates the type and its describe call. */
export const described = (noun: string, list = `List${noun}s`): readonly string[] => [`sagemaker:${list}`, `sagemaker:Describe${noun}`];

/**
 * "Encrypted with a customer-managed key" checks all read one field: set means SageMaker passes that
 * key to EBS/S3, unset means an AWS managed key (or none) is used. `what` says what is left unprotected.
 */
export function kmsKeyVerdict(field: string, value: string | undefined, what: string): Verdict {
  return value ? pass(`${field} is ${value}`) : fail(`${field} is not set: ${what}`);
}

/** Reads a boolean flag whose absence means the API default (false) applies. */
export function flagVerdict(field: string, value: boolean | undefined, consequence: string): Verdict {
  return value === true ? pass(`${field} is true`) : fail(`${field} is ${value === false ? "false" : "not set (defaults to false)"}: ${consequence}`);
}
