import { resourcesOfType } from "../evidence/inventory.js";
import type { Inventory, Resource } from "../evidence/inventory.js";
import type { CheckTarget } from "./types.js";

/**
 * Supporting resources (IAM roles, KMS keys, S3 buckets, security groups) matter only where a
 * SageMaker resource uses them. These functions find every such reference in the describe
 * responses and resolve it to the configuration item collected from AWS Config. A reference that
 * cannot be resolved stays a target without a resource, which the engine turns into ERROR.
 */

const isSageMaker = (r: Resource): boolean => r.type.startsWith("AWS::SageMaker::") && r.config !== undefined;

/** Every string leaf of a describe response with the key it sits under. */
function* leaves(value: unknown, key = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [key, value];
  else if (Array.isArray(value)) for (const item of value) yield* leaves(item, key);
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) yield* leaves(v, k);
  }
}

interface Reference {
  user: Resource;
  value: string;
}

function references(inventory: Inventory, accept: (key: string, value: string) => boolean): Reference[] {
  const out: Reference[] = [];
  for (const user of inventory.resources.filter(isSageMaker)) {
    const seen = new Set<string>();
    for (const [key, value] of leaves(user.config)) {
      if (!accept(key, value) || seen.has(value)) continue;
      seen.add(value);
      out.push({ user, value });
    }
  }
  return out;
}

/**
 * One referrer proves a supporting resource is in scope; a bucket shared by thousands of jobs must
 * not make its findings cite thousands of records. The first few referrers (by ARN) are cited.
 */
const CITED_REFERRERS = 5;

/** Groups references by the target they resolve to, so each supporting resource is judged once. */
function group(
  refs: readonly Reference[],
  resolve: (ref: Reference) => Omit<CheckTarget, "referencedBy" | "evidenceIds"> | undefined,
): CheckTarget[] {
  const byArn = new Map<string, { target: Omit<CheckTarget, "referencedBy" | "evidenceIds">; users: Map<string, Resource> }>();
  for (const ref of refs) {
    const target = resolve(ref);
    if (!target) continue;
    const entry = byArn.get(target.arn) ?? { target, users: new Map<string, Resource>() };
    entry.users.set(ref.user.arn, ref.user);
    byArn.set(target.arn, entry);
  }
  return [...byArn.values()]
    .map(({ target, users }) => {
      const referencedBy = [...users.keys()].sort();
      const cited = referencedBy.slice(0, CITED_REFERRERS).flatMap((arn) => users.get(arn)?.evidenceIds ?? []);
      return { ...target, referencedBy, evidenceIds: [...new Set(cited)].sort() };
    })
    .sort((a, b) => a.arn.localeCompare(b.arn));
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Execution roles: every IAM role ARN in a SageMaker describe response (RoleArn, ExecutionRole, …). */
export function referencedRoles(inventory: Inventory): CheckTarget[] {
  const roles = resourcesOfType(inventory, "AWS::IAM::Role");
  return group(
    references(inventory, (_key, value) => ROLE_ARN.test(value)),
    ({ value }) => {
      const [, account = "", name = ""] = ROLE_ARN.exec(value) ?? [];
      // Config's ARN carries the role path; SageMaker's usually does too, but match the name as a fallback.
      const resource = roles.find((r) => r.arn === value) ?? roles.find((r) => r.account === account && r.name === name);
      return { arn: resource?.arn ?? value, name, account, region: resource?.region ?? "global", ...(resource ? { resource } : {}) };
    },
  );
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key\/(.+)$/;
const ALIAS = /^(?:arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):)?(alias\/.+)$/;
const KEY_ID = /^(?:mrk-)?[0-9a-f]{8}-?[0-9a-f-]*$/;

/**
 * KMS keys SageMaker encrypts with (KmsKeyId, VolumeKmsKeyId, …), in any of the four forms the
 * API accepts. AWS managed aliases (`alias/aws/…`) are left out: AWS rotates those keys itself.
 * A customer alias cannot be resolved to a key from Config items, so it stays unresolved (ERROR).
 */
export function referencedKeys(inventory: Inventory): CheckTarget[] {
  const keys = resourcesOfType(inventory, "AWS::KMS::Key");
  return group(
    references(inventory, (key, value) => /kms/i.test(key) && value !== ""),
    ({ user, value }) => {
      const arn = KEY_ARN.exec(value);
      if (arn) {
        const [, region = "", account = "", id = ""] = arn;
        const resource = keys.find((k) => k.arn === value);
        return { arn: value, name: id, account, region, ...(resource ? { resource } : {}) };
      }
      const alias = ALIAS.exec(value);
      if (alias) {
        const [, region = user.region, account = user.account, name = ""] = alias;
        if (name.startsWith("alias/aws/")) return undefined;
        return { arn: `arn:aws:kms:${region}:${account}:${name}`, name, account, region, unresolved: `${name} is an alias; the key behind it is not in the collected evidence` };
      }
      if (KEY_ID.test(value)) {
        const resource = keys.find((k) => k.account === user.account && k.region === user.region && (k.config?.resourceId === value || k.name === value));
        return { arn: resource?.arn ?? `arn:aws:kms:${user.region}:${user.account}:key/${value}`, name: value, account: user.account, region: user.region, ...(resource ? { resource } : {}) };
      }
      return undefined;
    },
  );
}

const S3_URI = /^s3:\/\/([^/]+)/;

/** Buckets SageMaker reads or writes: every `s3://` URI in a describe response. */
export function referencedBuckets(inventory: Inventory): CheckTarget[] {
  const buckets = resourcesOfType(inventory, "AWS::S3::Bucket");
  return group(
    references(inventory, (_key, value) => S3_URI.test(value)),
    ({ user, value }) => {
      const name = S3_URI.exec(value)?.[1] ?? "";
      const arn = `arn:aws:s3:::${name}`;
      const resource = buckets.find((b) => b.arn === arn || b.name === name);
      // A bucket name does not say which account owns it; assume the user's until Config says otherwise.
      return { arn, name, account: resource?.account ?? user.account, region: resource?.region ?? user.region, ...(resource ? { resource } : {}) };
    },
  );
}

const SG_ID = /^sg-[0-9a-f]+$/;

/** Security groups attached to notebooks, domains, models, jobs and monitoring definitions. */
export function referencedSecurityGroups(inventory: Inventory): CheckTarget[] {
  const groups = resourcesOfType(inventory, "AWS::EC2::SecurityGroup");
  return group(
    references(inventory, (key, value) => /SecurityGroup/i.test(key) && SG_ID.test(value)),
    ({ user, value }) => {
      const resource = groups.find((g) => g.account === user.account && g.region === user.region && (g.config?.resourceId === value || g.arn.endsWith(`/${value}`)));
      const arn = resource?.arn ?? `arn:aws:ec2:${user.region}:${user.account}:security-group/${value}`;
      return { arn, name: value, account: user.account, region: user.region, ...(resource ? { resource } : {}) };
    },
  );
}
