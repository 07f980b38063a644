import { resourcesOfType } from "../evidence/inventory.js";
import type { Inventory, Resource } from "../evidence/inventory.js";
import { parseKeyReference, referencesOfResource } from "../evidence/references.js";
import type { ReferenceKind, SupportingReference } from "../evidence/references.js";
import { BoundedInterner } from "./intern.js";
import type { CheckTarget } from "./types.js";

/**
 * Supporting resources (IAM roles, KMS keys, S3 buckets, security groups) matter only where a
 * SageMaker resource (or a CloudTrail trail: its key and log bucket) uses them. These functions find
 * every such reference and resolve it to the collected configuration (from the service's own API
 * or an AWS Config item). A reference that cannot be resolved stays a target without a resource,
 * which the engine turns into ERROR.
 */

interface Reference {
  user: Resource;
  value: string;
}

/** Each resource's references, extracted once for the four kinds (the walk covers the whole describe response). */
const extracted = new WeakMap<Resource, readonly SupportingReference[]>();

/**
 * Resources of one estate mostly name the same role, key and bucket: equal reference lists are held
 * once (frozen) instead of once per resource, some 140 bytes a training job. Bounded like the
 * engine's reasons (src/checks/intern.ts); past the bound a list is not shared.
 */
const lists = new BoundedInterner<readonly SupportingReference[]>(20_000);
const sharedList = (refs: SupportingReference[]): readonly SupportingReference[] =>
  lists.intern(refs.map((r) => `${r.kind}\u0000${r.value}`).join("\u0001"), () => Object.freeze(refs.map((r) => Object.freeze(r))));

/** Every reference of one kind, per referring resource, from the extractor the collector uses too. */
function references(inventory: Inventory, kind: ReferenceKind): Reference[] {
  const out: Reference[] = [];
  for (const user of inventory.resources) {
    let refs = extracted.get(user);
    if (!refs) {
      refs = sharedList(referencesOfResource(user));
      extracted.set(user, refs);
    }
    for (const ref of refs) if (ref.kind === kind) out.push({ user, value: ref.value });
  }
  return out;
}

/**
 * One referrer proves a supporting resource is in scope; a bucket shared by thousands of jobs must
 * not make its findings cite thousands of records. The first few referrers (by ARN) are cited.
 */
const CITED_REFERRERS = 5;

type Resolved = Omit<CheckTarget, "referencedBy" | "evidenceIds"> | undefined;

/**
 * Groups references by the target they resolve to, so each supporting resource is judged once. A
 * resolution depends on the referring resource's account and region only (unqualified key ids,
 * bucket owners and group ids are read in the referrer's scope), so each distinct value is
 * resolved once per scope: 500,000 jobs naming one role are one lookup, not 500,000 scans of the
 * collected roles.
 */
function group(refs: readonly Reference[], resolve: (user: Pick<Resource, "account" | "region">, value: string) => Resolved): CheckTarget[] {
  const byArn = new Map<string, { target: NonNullable<Resolved>; users: Map<string, Resource> }>();
  const resolved = new Map<string, Resolved>();
  for (const ref of refs) {
    const key = `${ref.user.account}|${ref.user.region}|${ref.value}`;
    let target = resolved.get(key);
    if (!resolved.has(key)) {
      target = resolve(ref.user, ref.value);
      resolved.set(key, target);
    }
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

/**
 * A target list computed once per inventory, however many checks judge it (three bucket checks,
 * two key checks): each computation walks every resource's references. Shared by those checks, so
 * never mutated; an inventory is finished before it is evaluated.
 */
function perInventory(compute: (inventory: Inventory) => CheckTarget[]): (inventory: Inventory) => CheckTarget[] {
  const computed = new WeakMap<Inventory, CheckTarget[]>();
  return (inventory) => {
    let targets = computed.get(inventory);
    if (!targets) {
      targets = compute(inventory);
      computed.set(inventory, targets);
    }
    return targets;
  };
}

/** The account and name of a role ARN the extractor returned. */
const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/;

/** Execution roles: every IAM role ARN in a SageMaker describe response (RoleArn, ExecutionRole, …). */
export const referencedRoles = perInventory(function referencedRoles(inventory: Inventory): CheckTarget[] {
  const roles = resourcesOfType(inventory, "AWS::IAM::Role");
  return group(
    references(inventory, "role"),
    (_user, value) => {
      const [, account = "", name = ""] = ROLE_ARN.exec(value) ?? [];
      // Config's ARN carries the role path; SageMaker's usually does too, but match the name as a fallback.
      const resource = roles.find((r) => r.arn === value) ?? roles.find((r) => r.account === account && r.name === name);
      return { arn: resource?.arn ?? value, name, account, region: resource?.region ?? "global", ...(resource ? { resource } : {}) };
    },
  );
});

/** The parts of a KMS key item key resolution reads (Config item or DescribeKey/ListAliases answer). */
interface KeyConfig {
  keyId?: string;
  resourceId?: string;
  aliases?: unknown;
  keyManager?: string;
}

/** A key reference resolved (or not) against the collected keys. */
export interface KeyResolution {
  /** The key's ARN when resolved; otherwise the canonical ARN of what was named. */
  arn: string;
  name: string;
  account: string;
  region: string;
  resource?: Resource;
  /** `alias/aws/…`: reserved for AWS managed keys, known without a lookup. */
  awsManagedAlias?: string;
  unresolved?: string;
}

/**
 * Resolves a KmsKeyId value in any form KMS accepts — key id, key ARN, `mrk-` multi-Region id,
 * `alias/x` or alias ARN (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id)
 * — to the one collected key it names, through the key's id and its aliases (ListAliases, or the
 * alias DescribeKey was asked by). Unqualified names live in the account and region of the
 * resource that uses them.
 */
export function resolveKeyReference(inventory: Inventory, user: Pick<Resource, "account" | "region">, value: string): KeyResolution | undefined {
  const index = keyIndex(inventory);
  const key = parseKeyReference(value);
  if (!key) return undefined;
  if (key.form === "key-arn") {
    const { region, account, keyId } = key;
    const resource = index.byArn.get(value) ?? index.byId.get(`${account}|${region}|${keyId}`);
    return { arn: resource?.arn ?? value, name: keyId, account, region, ...(resource ? { resource } : {}) };
  }
  if (key.form === "alias-name" || key.form === "alias-arn") {
    const { region, account } = key.form === "alias-arn" ? key : user;
    const name = key.alias;
    const aliasArn = `arn:aws:kms:${region}:${account}:${name}`;
    const resource = index.byAlias.get(`${account}|${region}|${name}`);
    if (resource) return { arn: resource.arn, name: resource.name, account, region, resource };
    if (name.startsWith("alias/aws/")) return { arn: aliasArn, name, account, region, awsManagedAlias: name };
    return { arn: aliasArn, name, account, region, unresolved: `${name} is an alias; the key behind it is not in the collected evidence (kms:ListAliases / kms:DescribeKey)` };
  }
  const resource = index.byId.get(`${user.account}|${user.region}|${value}`);
  return { arn: resource?.arn ?? `arn:aws:kms:${user.region}:${user.account}:key/${value}`, name: value, account: user.account, region: user.region, ...(resource ? { resource } : {}) };
}

interface KeyIndex {
  byArn: Map<string, Resource>;
  /** `account|region|keyId` (key id, Config resourceId or name). */
  byId: Map<string, Resource>;
  /** `account|region|alias/x`. */
  byAlias: Map<string, Resource>;
}

/** Lookups every check shares for one inventory (many resources name keys; scanning per name would be quadratic). */
const keyIndexes = new WeakMap<Inventory, KeyIndex>();

function keyIndex(inventory: Inventory): KeyIndex {
  const cached = keyIndexes.get(inventory);
  if (cached) return cached;
  const index: KeyIndex = { byArn: new Map(), byId: new Map(), byAlias: new Map() };
  // Sorted resources: the first key wins a (never expected) collision, deterministically.
  for (const key of resourcesOfType<KeyConfig>(inventory, "AWS::KMS::Key") as Resource[]) {
    const config = key.config as KeyConfig | undefined;
    const scope = `${key.account}|${key.region}`;
    if (!index.byArn.has(key.arn)) index.byArn.set(key.arn, key);
    for (const id of [config?.keyId, config?.resourceId, key.name]) {
      if (typeof id === "string" && id !== "" && !index.byId.has(`${scope}|${id}`)) index.byId.set(`${scope}|${id}`, key);
    }
    for (const name of Array.isArray(config?.aliases) ? (config.aliases as unknown[]) : []) {
      if (typeof name === "string" && !index.byAlias.has(`${scope}|${name}`)) index.byAlias.set(`${scope}|${name}`, key);
    }
  }
  keyIndexes.set(inventory, index);
  return index;
}

/**
 * The key an `alias/aws/…` reference names, as a resource built from the reference itself: AWS
 * reserves that prefix for AWS managed keys (https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html),
 * so its manager is known without a lookup.
 */
function awsManagedKey(resolution: KeyResolution, evidenceIds: string[]): Resource {
  return {
    arn: resolution.arn,
    type: "AWS::KMS::Key",
    account: resolution.account,
    region: resolution.region,
    name: resolution.name,
    config: { keyManager: "AWS", aliases: [resolution.awsManagedAlias], keyState: "Enabled" },
    evidenceIds,
    gaps: [],
    tags: {},
  };
}

/**
 * KMS keys SageMaker resources and trails encrypt with (KmsKeyId, VolumeKmsKeyId, …), in any form
 * the APIs accept, each resolved to one key so that a key named by alias in one place and by ARN
 * in another is one target. `alias/aws/…` references are AWS managed keys, judged as such.
 */
export const referencedKeys = perInventory(function referencedKeys(inventory: Inventory): CheckTarget[] {
  const targets = group(
    references(inventory, "kmsKey"),
    (user, value) => {
      const resolved = resolveKeyReference(inventory, user, value);
      if (!resolved) return undefined;
      const { awsManagedAlias: _alias, ...target } = resolved;
      return target;
    },
  );
  return targets.map((t) => {
    if (t.resource || !t.name.startsWith("alias/aws/")) return t;
    return { ...t, resource: awsManagedKey({ ...t, awsManagedAlias: t.name }, t.evidenceIds) };
  });
});

/** Buckets SageMaker reads or writes (every `s3://` URI in a describe response) and trails log to. */
export const referencedBuckets = perInventory(function referencedBuckets(inventory: Inventory): CheckTarget[] {
  const buckets = resourcesOfType(inventory, "AWS::S3::Bucket");
  return group(
    references(inventory, "bucket"),
    (user, name) => {
      const arn = `arn:aws:s3:::${name}`;
      const resource = buckets.find((b) => b.arn === arn || b.name === name);
      // A bucket name does not say which account owns it; assume the user's until Config says otherwise.
      return { arn, name, account: resource?.account ?? user.account, region: resource?.region ?? user.region, ...(resource ? { resource } : {}) };
    },
  );
});

/** Security groups attached to notebooks, domains, models, jobs and monitoring definitions. */
export const referencedSecurityGroups = perInventory(function referencedSecurityGroups(inventory: Inventory): CheckTarget[] {
  const groups = resourcesOfType(inventory, "AWS::EC2::SecurityGroup");
  return group(
    references(inventory, "securityGroup"),
    (user, value) => {
      const resource = groups.find((g) => g.account === user.account && g.region === user.region && (g.config?.resourceId === value || g.arn.endsWith(`/${value}`)));
      const arn = resource?.arn ?? `arn:aws:ec2:${user.region}:${user.account}:security-group/${value}`;
      return { arn, name: value, account: user.account, region: user.region, ...(resource ? { resource } : {}) };
    },
  );
});
