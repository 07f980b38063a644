import { keyIdOf, parseKeyReference, sageMakerReferences } from "../../evidence/references.js";
import type { SupportingReference } from "../../evidence/references.js";

/**
 * Supporting resources that SageMaker resources (and trails) point at, per account and region, in the
 * forms the collectors ask for them. What counts as a reference is decided in one place,
 * src/evidence/references.ts, which the checks read too.
 */
export interface References {
  /** Role names. */
  roles: Set<string>;
  /** Role ARNs as written: their account says which account's IAM can answer for them. */
  roleArns: Set<string>;
  /** Key ids (what AWS Config keys a key's item by). */
  kmsKeys: Set<string>;
  /**
   * Every key reference exactly as written: key id, key ARN, `mrk-` id, `alias/x` or alias ARN.
   * The KMS collector resolves each to one key.
   */
  kmsKeyRefs: Set<string>;
  buckets: Set<string>;
  securityGroups: Set<string>;
}

export const emptyReferences = (): References => ({ roles: new Set(), roleArns: new Set(), kmsKeys: new Set(), kmsKeyRefs: new Set(), buckets: new Set(), securityGroups: new Set() });

export const REFERENCE_KINDS = ["roles", "roleArns", "kmsKeys", "kmsKeyRefs", "buckets", "securityGroups"] as const;

/** Adds every reference of `from` to `into`. */
export function mergeReferences(into: References, from: References): void {
  for (const key of REFERENCE_KINDS) for (const v of from[key]) into[key].add(v);
}

/** Notes extracted references in the sets the collectors read. */
export function noteReferences(refs: References, found: Iterable<SupportingReference>): void {
  for (const { kind, value } of found) {
    if (kind === "role") {
      refs.roleArns.add(value);
      refs.roles.add(value.slice(value.lastIndexOf("/") + 1));
    } else if (kind === "kmsKey") {
      const key = parseKeyReference(value);
      if (!key) continue;
      refs.kmsKeyRefs.add(value);
      const id = keyIdOf(key);
      if (id) refs.kmsKeys.add(id);
    } else if (kind === "bucket") refs.buckets.add(value);
    else refs.securityGroups.add(value);
  }
}

/** Notes every role, KMS key, bucket and security group a SageMaker describe response names. */
export function addReferences(refs: References, response: unknown): void {
  noteReferences(refs, sageMakerReferences(response));
}
