import type { RecordIndex } from "./record-index.js";
import { parseKeyReference } from "./references.js";
import type { EvidenceRecord, EvidenceSource } from "./types.js";

/**
 * Supporting resources (IAM roles and policies, KMS keys, S3 buckets, security groups) read from
 * their own services' APIs, normalised into the AWS Config configuration-item shapes (camelCase)
 * the checks already read, so a check has one shape whatever the source. Pure.
 */

const GLOBAL = "global";

type Json = Record<string, unknown>;

export interface SupportingGap {
  source: EvidenceSource;
  operation: string;
  error: string;
  evidenceId: string;
}

export interface SupportingResource {
  type: string;
  arn: string;
  account: string;
  region: string;
  name: string;
  /** Undefined when a call the item needs failed: the item would be incomplete, never "clean". */
  config: Json | undefined;
  evidenceIds: string[];
  gaps: SupportingGap[];
}

/** `source:Operation` calls about one supporting resource: their failure is that resource's gap, not a scope gap. */
export const SUPPORTING_RESOURCE_OPERATIONS: ReadonlySet<string> = new Set([
  "iam:GetRole",
  "iam:ListRolePolicies",
  "iam:GetRolePolicy",
  "iam:ListAttachedRolePolicies",
  "iam:GetPolicy",
  "iam:GetPolicyVersion",
  "kms:DescribeKey",
  "kms:GetKeyRotationStatus",
  "s3:GetBucketLocation",
  "s3:GetBucketEncryption",
  "s3:GetBucketPolicy",
  "s3:GetPublicAccessBlock",
  "ec2:DescribeSecurityGroups",
]);

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const obj = (v: unknown): Json => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const bool = (v: unknown): boolean | undefined => (typeof v === "boolean" ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** The code of an error S3/KMS documents as an answer ("no such configuration"), recorded by the collector. */
function answerCode(r: EvidenceRecord): string | undefined {
  return str(obj(r.response?.AnswerError).Code);
}

const gapOf = (r: EvidenceRecord): SupportingGap | undefined =>
  r.error ? { source: r.source, operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id } : undefined;

/** Drops undefined values, so an item holds only what the API said. */
function clean(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

class Group {
  readonly evidenceIds: string[] = [];
  readonly gaps: SupportingGap[] = [];
  add(r: EvidenceRecord): void {
    this.evidenceIds.push(r.id);
    const gap = gapOf(r);
    if (gap) this.gaps.push(gap);
  }
}

function grouped(records: readonly EvidenceRecord[], key: (r: EvidenceRecord) => string | undefined): Map<string, { group: Group; records: EvidenceRecord[] }> {
  const out = new Map<string, { group: Group; records: EvidenceRecord[] }>();
  for (const r of records) {
    const k = key(r);
    if (k === undefined) continue;
    const entry = out.get(k) ?? { group: new Group(), records: [] };
    entry.group.add(r);
    entry.records.push(r);
    out.set(k, entry);
  }
  return out;
}

/**
 * `AWS::IAM::Role` items from GetRole, ListRolePolicies + GetRolePolicy and ListAttachedRolePolicies
 * (https://docs.aws.amazon.com/IAM/latest/APIReference/API_Role.html). Policy documents stay
 * URL-encoded, as AWS Config records them too.
 */
function roles(index: RecordIndex): SupportingResource[] {
  const calls = index.ofAny("iam", ["GetRole", "ListRolePolicies", "GetRolePolicy", "ListAttachedRolePolicies"]);
  const out: SupportingResource[] = [];
  for (const [key, { group, records: mine }] of grouped(calls, (r) => (str(r.params.RoleName) ? `${r.account}|${str(r.params.RoleName)}` : undefined))) {
    const [account = "", roleName = ""] = key.split("|");
    const role = obj(mine.find((r) => r.operation === "GetRole" && r.response)?.response?.Role);
    const inline = mine
      .filter((r) => r.operation === "GetRolePolicy" && r.response)
      .map((r) => ({ policyName: str(r.response?.PolicyName) ?? str(r.params.PolicyName) ?? "", policyDocument: str(r.response?.PolicyDocument) ?? "" }))
      .sort((a, b) => a.policyName.localeCompare(b.policyName));
    const attached = mine
      .filter((r) => r.operation === "ListAttachedRolePolicies" && r.response)
      .flatMap((r) => arr(r.response?.AttachedPolicies).map(obj))
      .map((p) => ({ policyName: str(p.PolicyName) ?? "", policyArn: str(p.PolicyArn) ?? "" }))
      .sort((a, b) => a.policyArn.localeCompare(b.policyArn));
    const boundary = obj(role.PermissionsBoundary);
    const arn = str(role.Arn) ?? `arn:aws:iam::${account}:role/${roleName}`;
    const complete = group.gaps.length === 0 && str(role.Arn) !== undefined && mine.some((r) => r.operation === "ListRolePolicies") && mine.some((r) => r.operation === "ListAttachedRolePolicies");
    out.push({
      type: "AWS::IAM::Role",
      arn,
      account,
      region: GLOBAL,
      name: roleName,
      config: complete
        ? clean({
            roleName: str(role.RoleName) ?? roleName,
            roleId: str(role.RoleId),
            arn,
            path: str(role.Path) ?? "/",
            createDate: str(role.CreateDate),
            assumeRolePolicyDocument: str(role.AssumeRolePolicyDocument),
            rolePolicyList: inline,
            attachedManagedPolicies: attached,
            permissionsBoundary: str(boundary.PermissionsBoundaryArn)
              ? { permissionsBoundaryType: str(boundary.PermissionsBoundaryType) ?? "PermissionsBoundaryPolicy", permissionsBoundaryArn: str(boundary.PermissionsBoundaryArn) }
              : undefined,
          })
        : undefined,
      evidenceIds: group.evidenceIds,
      gaps: group.gaps,
    });
  }
  return out;
}

/**
 * `AWS::IAM::Policy` items (customer and AWS managed alike) from GetPolicy and GetPolicyVersion of
 * the default version (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PolicyVersion.html).
 */
function policies(index: RecordIndex): SupportingResource[] {
  const calls = index.ofAny("iam", ["GetPolicy", "GetPolicyVersion"]);
  const out: SupportingResource[] = [];
  for (const [arn, { group, records: mine }] of grouped(calls, (r) => str(r.params.PolicyArn))) {
    const policy = obj(mine.find((r) => r.operation === "GetPolicy" && r.response)?.response?.Policy);
    const defaultVersionId = str(policy.DefaultVersionId);
    const version = obj(mine.find((r) => r.operation === "GetPolicyVersion" && r.response && r.params.VersionId === defaultVersionId)?.response?.PolicyVersion);
    const complete = group.gaps.length === 0 && defaultVersionId !== undefined && str(version.Document) !== undefined;
    out.push({
      type: "AWS::IAM::Policy",
      arn,
      account: mine[0]?.account ?? "",
      region: GLOBAL,
      name: str(policy.PolicyName) ?? arn.split("/").at(-1) ?? arn,
      config: complete
        ? clean({
            policyName: str(policy.PolicyName),
            policyId: str(policy.PolicyId),
            arn,
            path: str(policy.Path),
            defaultVersionId,
            attachmentCount: num(policy.AttachmentCount),
            isAttachable: bool(policy.IsAttachable),
            awsManaged: /^arn:aws[\w-]*:iam::aws:policy\//.test(arn),
            policyVersionList: [{ document: str(version.Document), versionId: str(version.VersionId) ?? defaultVersionId, isDefaultVersion: true, createDate: str(version.CreateDate) }],
          })
        : undefined,
      evidenceIds: group.evidenceIds,
      gaps: group.gaps,
    });
  }
  return out;
}

/** The region and account of a key ARN (KMS's own KeyMetadata.Arn). */
function keyArnScope(arn: string): { region?: string; account?: string } {
  const key = parseKeyReference(arn);
  return key?.form === "key-arn" ? key : {};
}

/** The alias a DescribeKey request named the key by, if it did. */
function aliasOf(keyId: string): string | undefined {
  const key = parseKeyReference(keyId);
  return key?.form === "alias-name" || key?.form === "alias-arn" ? key.alias : undefined;
}

/**
 * `AWS::KMS::Key` items from DescribeKey's KeyMetadata
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html), the rotation status
 * (GetKeyRotationStatus; AWS managed keys rotate every year and always report true,
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html) and every
 * alias that names the key (ListAliases' TargetKeyId, and any alias DescribeKey was asked by).
 */
/** The aliases of one key and the records that name them. */
export interface KeyAliases {
  names: Set<string>;
  evidenceIds: string[];
}

/** Alias names per `account|region|keyId`, from ListAliases (https://docs.aws.amazon.com/kms/latest/APIReference/API_AliasListEntry.html). */
export function keyAliases(index: RecordIndex): Map<string, KeyAliases> {
  const aliasesOf = new Map<string, KeyAliases>();
  for (const r of index.of("kms", "ListAliases")) {
    for (const a of arr(r.response?.Aliases).map(obj)) {
      const name = str(a.AliasName);
      const target = str(a.TargetKeyId);
      if (!name || !target) continue;
      const k = `${r.account}|${r.region}|${target}`;
      const entry = aliasesOf.get(k) ?? { names: new Set<string>(), evidenceIds: [] };
      entry.names.add(name);
      if (!entry.evidenceIds.includes(r.id)) entry.evidenceIds.push(r.id);
      aliasesOf.set(k, entry);
    }
  }
  return aliasesOf;
}

function keys(index: RecordIndex): SupportingResource[] {
  const aliasesOf = keyAliases(index);
  const note = (account: string, region: string, keyId: string, alias: string): void => {
    const k = `${account}|${region}|${keyId}`;
    const entry = aliasesOf.get(k) ?? { names: new Set<string>(), evidenceIds: [] };
    entry.names.add(alias);
    aliasesOf.set(k, entry);
  };
  const described = new Map<string, { metadata: Json; ids: string[] }>();
  for (const r of index.of("kms", "DescribeKey")) {
    const metadata = obj(r.response?.KeyMetadata);
    const arn = str(metadata.Arn);
    const keyId = str(metadata.KeyId);
    if (!arn || !keyId) continue;
    const { region = r.region, account = r.account } = keyArnScope(arn);
    const alias = aliasOf(str(r.params.KeyId) ?? "");
    if (alias) note(account, region, keyId, alias);
    const entry = described.get(arn) ?? { metadata, ids: [] };
    entry.ids.push(r.id);
    described.set(arn, entry);
  }
  const rotation = index.of("kms", "GetKeyRotationStatus");
  const out: SupportingResource[] = [];
  for (const [arn, { metadata, ids }] of described) {
    const { region = "", account = "" } = keyArnScope(arn);
    const keyId = str(metadata.KeyId) ?? "";
    const group = new Group();
    const named = aliasesOf.get(`${account}|${region}|${keyId}`);
    for (const id of [...ids, ...(named?.evidenceIds ?? [])]) group.evidenceIds.push(id);
    let keyRotationEnabled: boolean | undefined;
    let rotationSupported: boolean | undefined;
    const keyManager = str(metadata.KeyManager);
    if (keyManager === "AWS") keyRotationEnabled = true;
    for (const r of rotation.filter((x) => x.params.KeyId === keyId || x.params.KeyId === arn)) {
      group.add(r);
      if (answerCode(r) === "UnsupportedOperationException") {
        keyRotationEnabled = false;
        rotationSupported = false;
      } else if (r.response) keyRotationEnabled = bool(r.response.KeyRotationEnabled);
    }
    out.push({
      type: "AWS::KMS::Key",
      arn,
      account: str(metadata.AWSAccountId) ?? account,
      region,
      name: keyId,
      config: clean({
        keyId,
        arn,
        awsAccountId: str(metadata.AWSAccountId),
        description: str(metadata.Description),
        enabled: bool(metadata.Enabled),
        keyManager,
        keyState: str(metadata.KeyState),
        keyUsage: str(metadata.KeyUsage),
        keySpec: str(metadata.KeySpec),
        origin: str(metadata.Origin),
        deletionDate: str(metadata.DeletionDate),
        multiRegion: bool(metadata.MultiRegion),
        multiRegionKeyType: str(obj(metadata.MultiRegionConfiguration).MultiRegionKeyType),
        keyRotationEnabled,
        rotationSupported,
        aliases: [...(named?.names ?? [])].sort(),
      }),
      evidenceIds: group.evidenceIds,
      gaps: group.gaps,
    });
  }
  return out;
}

/** S3's PublicAccessBlockConfiguration (PascalCase) in AWS Config's camelCase. */
function blockOf(value: unknown): Json | undefined {
  const c = obj(value);
  if (Object.keys(c).length === 0) return undefined;
  return clean({
    blockPublicAcls: bool(c.BlockPublicAcls),
    ignorePublicAcls: bool(c.IgnorePublicAcls),
    blockPublicPolicy: bool(c.BlockPublicPolicy),
    restrictPublicBuckets: bool(c.RestrictPublicBuckets),
  });
}

/**
 * `AWS::S3::Bucket` items with AWS Config's supplementary configuration from GetBucketEncryption,
 * GetBucketPolicy and GetPublicAccessBlock. A documented "no such configuration" answer is recorded
 * as AWS Config records it: NoSuchBucketPolicy as a null policyText, NoSuchPublicAccessBlockConfiguration
 * as no block entry, ServerSideEncryptionConfigurationNotFoundError as S3's SSE-S3 baseline (marked
 * `s3Baseline`); a failed call leaves a gap on the bucket.
 */
function buckets(index: RecordIndex): SupportingResource[] {
  const calls = index.ofAny("s3", ["GetBucketLocation", "GetBucketEncryption", "GetBucketPolicy", "GetPublicAccessBlock"]);
  const out: SupportingResource[] = [];
  for (const [key, { group, records: mine }] of grouped(calls, (r) => (str(r.params.Bucket) ? `${r.account}|${str(r.params.Bucket)}` : undefined))) {
    const [account = "", name = ""] = key.split("|");
    const location = mine.find((r) => r.operation === "GetBucketLocation");
    const answered = (operation: string): EvidenceRecord | undefined => mine.find((r) => r.operation === operation && r.response);
    const encryption = answered("GetBucketEncryption");
    const policy = answered("GetBucketPolicy");
    const block = answered("GetPublicAccessBlock");
    const region = mine.find((r) => r.operation !== "GetBucketLocation")?.region ?? location?.region ?? GLOBAL;
    const supplementary: Json = {};
    if (encryption && answerCode(encryption)) {
      // No default encryption configuration: S3 still encrypts every new object with SSE-S3, its
      // baseline for every bucket (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketEncryption.html,
      // https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-encryption-faq.html). Recorded as
      // that baseline, marked, so no KMS key is ever assumed.
      supplementary.ServerSideEncryptionConfiguration = { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }], s3Baseline: true };
    } else if (encryption) {
      const rules = arr(obj(encryption.response?.ServerSideEncryptionConfiguration).Rules).map(obj);
      supplementary.ServerSideEncryptionConfiguration = {
        rules: rules.map((rule) => {
          const byDefault = obj(rule.ApplyServerSideEncryptionByDefault);
          return clean({
            applyServerSideEncryptionByDefault: clean({ sseAlgorithm: str(byDefault.SSEAlgorithm), kmsMasterKeyID: str(byDefault.KMSMasterKeyID) }),
            bucketKeyEnabled: bool(rule.BucketKeyEnabled),
          });
        }),
      };
    }
    if (policy) supplementary.BucketPolicy = { policyText: answerCode(policy) ? null : (str(policy.response?.Policy) ?? null) };
    if (block && !answerCode(block)) {
      const config = blockOf(block.response?.PublicAccessBlockConfiguration);
      if (config) supplementary.PublicAccessBlockConfiguration = config;
    }
    const complete = group.gaps.filter((g) => g.operation === "GetBucketLocation").length === 0 && location?.response !== undefined;
    out.push({
      type: "AWS::S3::Bucket",
      arn: `arn:aws:s3:::${name}`,
      account,
      region,
      name,
      config: complete ? { name, supplementaryConfiguration: supplementary } : undefined,
      evidenceIds: group.evidenceIds,
      gaps: group.gaps,
    });
  }
  return out;
}

/** What S3 Control's GetPublicAccessBlock said for each account: the block, `null` for none, or a gap. */
export interface AccountBlock {
  config: Json | null | undefined;
  evidenceId: string;
  error?: string;
}

/** The account-level Block Public Access per account, from S3 Control (https://docs.aws.amazon.com/AmazonS3/latest/API/API_control_GetPublicAccessBlock.html). */
export function accountPublicAccessBlocks(index: RecordIndex): Map<string, AccountBlock> {
  const out = new Map<string, AccountBlock>();
  for (const r of index.of("s3control", "GetPublicAccessBlock")) {
    if (r.error) {
      if (!out.has(r.account)) out.set(r.account, { config: undefined, evidenceId: r.id, error: `${r.error.code}: ${r.error.message}` });
      continue;
    }
    out.set(r.account, { config: answerCode(r) ? null : (blockOf(r.response?.PublicAccessBlockConfiguration) ?? null), evidenceId: r.id });
  }
  return out;
}

/** An EC2 IpPermission in AWS Config's camelCase (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html). */
function permission(p: Json): Json {
  return clean({
    ipProtocol: str(p.IpProtocol),
    fromPort: num(p.FromPort),
    toPort: num(p.ToPort),
    ipv4Ranges: arr(p.IpRanges).map(obj).map((r) => clean({ cidrIp: str(r.CidrIp), description: str(r.Description) })),
    ipv6Ranges: arr(p.Ipv6Ranges).map(obj).map((r) => clean({ cidrIpv6: str(r.CidrIpv6), description: str(r.Description) })),
    prefixListIds: arr(p.PrefixListIds).map(obj).map((r) => clean({ prefixListId: str(r.PrefixListId) })),
    userIdGroupPairs: arr(p.UserIdGroupPairs).map(obj).map((r) => clean({ groupId: str(r.GroupId), userId: str(r.UserId) })),
  });
}

/**
 * `AWS::EC2::SecurityGroup` items from DescribeSecurityGroups
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_SecurityGroup.html). A group whose
 * every request failed is a resource with its gap.
 */
function securityGroups(index: RecordIndex): SupportingResource[] {
  const calls = index.of("ec2", "DescribeSecurityGroups");
  const found = new Map<string, SupportingResource>();
  for (const r of calls) {
    for (const g of arr(r.response?.SecurityGroups).map(obj)) {
      const groupId = str(g.GroupId);
      if (!groupId) continue;
      const owner = str(g.OwnerId) ?? r.account;
      const arn = str(g.SecurityGroupArn) ?? `arn:aws:ec2:${r.region}:${owner}:security-group/${groupId}`;
      const existing = found.get(`${r.account}|${r.region}|${groupId}`);
      if (existing) {
        existing.evidenceIds.push(r.id);
        continue;
      }
      found.set(`${r.account}|${r.region}|${groupId}`, {
        type: "AWS::EC2::SecurityGroup",
        arn,
        account: owner,
        region: r.region,
        name: groupId,
        config: clean({
          groupId,
          groupName: str(g.GroupName),
          description: str(g.Description),
          vpcId: str(g.VpcId),
          ownerId: owner,
          ipPermissions: arr(g.IpPermissions).map(obj).map(permission),
          ipPermissionsEgress: arr(g.IpPermissionsEgress).map(obj).map(permission),
        }),
        evidenceIds: [r.id],
        gaps: [],
      });
    }
  }
  for (const r of calls) {
    if (!r.error) continue;
    for (const id of arr(r.params.GroupIds).filter((x): x is string => typeof x === "string")) {
      const key = `${r.account}|${r.region}|${id}`;
      const resource = found.get(key) ?? {
        type: "AWS::EC2::SecurityGroup",
        arn: `arn:aws:ec2:${r.region}:${r.account}:security-group/${id}`,
        account: r.account,
        region: r.region,
        name: id,
        config: undefined,
        evidenceIds: [],
        gaps: [],
      };
      // A batch that failed for a deleted neighbour but answered for this group one by one is no gap of this group.
      if (resource.config === undefined) {
        resource.evidenceIds.push(r.id);
        resource.gaps.push({ source: r.source, operation: r.operation, error: `${r.error.code}: ${r.error.message}`, evidenceId: r.id });
      }
      found.set(key, resource);
    }
  }
  return [...found.values()];
}

/** Every supporting resource the API evidence describes, in a stable order. */
export function supportingResources(index: RecordIndex): SupportingResource[] {
  return [...roles(index), ...policies(index), ...keys(index), ...buckets(index), ...securityGroups(index)].sort(
    (a, b) => a.type.localeCompare(b.type) || a.arn.localeCompare(b.arn),
  );
}
