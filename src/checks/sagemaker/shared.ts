import type { Inventory, Resource } from "../../evidence/inventory.js";
import { resolveKeyReference } from "../references.js";
import type { Verdict } from "../types.js";
import { fail, pass } from "../verdict.js";

/** The evidence a SageMaker check reads: the list call that enumerates the type and its describe call. */
export const described = (noun: string, list = `List${noun}s`): readonly string[] => [`sagemaker:${list}`, `sagemaker:Describe${noun}`];

/** Where the key a resource names is looked up: the inventory, and the resource (its account and region). */
export interface KeyLookup {
  inventory: Inventory;
  resource: Pick<Resource, "account" | "region">;
}

const UNUSABLE_KEY_STATES = new Set(["Disabled", "PendingDeletion", "PendingReplicaDeletion", "Unavailable"]);

const CUSTOMER_MANAGED_CHECK = "kms.sagemaker-key.customer-managed";

/**
 * "Encrypted with a customer-managed key" checks all read one field. Unset means SageMaker (or
 * CloudTrail) uses an AWS managed key or none: FAIL. Set, the key is resolved through the collected
 * keys and aliases (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-mgmt):
 * - `alias/aws/…` (reserved for AWS managed keys, https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html)
 *   or a key whose KeyManager is AWS: FAIL naming the key seen;
 * - a key with KeyManager CUSTOMER: PASS;
 * - a key that cannot be resolved: PASS on the field, and the reason points at the check that
 *   judges the key itself (which says ERROR for it).
 * `what` says what is left unprotected.
 */
export function kmsKeyVerdict(field: string, value: string | undefined, what: string, lookup: KeyLookup): Verdict {
  if (!value) return fail(`${field} is not set: ${what}`);
  const resolved = resolveKeyReference(lookup.inventory, lookup.resource, value);
  if (resolved?.awsManagedAlias) return fail(`${field} is ${value}: an AWS managed key (${resolved.awsManagedAlias}), not a customer managed key`);
  const key = resolved?.resource;
  const manager = (key?.config as { keyManager?: unknown } | undefined)?.keyManager;
  if (key && manager === "AWS") return fail(`${field} is ${value}: key ${key.arn} has KeyManager AWS, an AWS managed key, not a customer managed key`, key.evidenceIds);
  // KeyState values (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html): a key
  // that is Disabled, PendingDeletion, PendingReplicaDeletion or Unavailable encrypts and decrypts nothing.
  const state = (key?.config as { keyState?: unknown } | undefined)?.keyState;
  if (key && typeof state === "string" && UNUSABLE_KEY_STATES.has(state)) {
    return fail(`${field} is ${value}: key ${key.arn} is ${state}, so the data it protects cannot be read or written`, key.evidenceIds);
  }
  if (key && manager === "CUSTOMER") return pass(`${field} is ${value} (customer managed key ${key.arn})`, key.evidenceIds);
  return pass(`${field} is ${value}; whether that key is customer managed is judged by ${CUSTOMER_MANAGED_CHECK}`);
}

/** Reads a boolean flag whose absence means the API default (false) applies. */
export function flagVerdict(field: string, value: boolean | undefined, consequence: string): Verdict {
  return value === true ? pass(`${field} is true`) : fail(`${field} is ${value === false ? "false" : "not set (defaults to false)"}: ${consequence}`);
}
