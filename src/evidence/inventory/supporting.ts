/**
 * Supporting resources (IAM, KMS, S3, EC2) normalised by ../supporting.ts from their own services'
 * APIs, merged with the AWS Config items already built for the same resources; KMS ListAliases and
 * the account-level S3 Block Public Access (S3 Control GetPublicAccessBlock).
 */
import type { RecordIndex } from "../record-index.js";
import { accountPublicAccessBlocks, keyAliases, supportingResources } from "../supporting.js";
import { str } from "./builder.js";
import type { InventoryBuilder } from "./builder.js";
import type { Resource } from "./types.js";

/**
 * Supporting resources read from IAM, KMS, S3 and EC2 (see ../supporting.ts). Where AWS Config has an
 * item for the same resource, the API answer is what the checks read and the item is kept for the
 * cross-check; where the API could not answer, the item stands in. The account-level S3 Block
 * Public Access (S3 Control, else Config's AWS::S3::AccountPublicAccessBlock item) is set on every
 * bucket of the account as `accountPublicAccessBlock` (an object, `null` for none, absent if unknown).
 */
export function collectSupporting(index: RecordIndex, b: InventoryBuilder): void {
  for (const item of supportingResources(index)) {
    const resource = b.upsert(item.type, item.arn, { account: item.account, region: item.region, name: item.name });
    const fromConfig = resource.config;
    resource.evidenceIds.push(...item.evidenceIds);
    if (item.config === undefined && fromConfig !== undefined) continue;
    if (fromConfig !== undefined) b.configItems.set(`${item.type}|${item.arn}`, { config: fromConfig, evidenceIds: [...resource.evidenceIds.filter((id) => !item.evidenceIds.includes(id))] });
    resource.config = item.config;
    resource.gaps.push(...item.gaps);
  }
  // Keys known only from AWS Config items still get the aliases ListAliases names them by.
  const aliases = keyAliases(index);
  for (const key of b.live()) {
    if (key.type !== "AWS::KMS::Key" || !key.config || Array.isArray(key.config.aliases)) continue;
    const id = str(key.config.keyId) ?? str(key.config.resourceId) ?? key.name;
    const names = aliases.get(`${key.account}|${key.region}|${id}`);
    if (!names) continue;
    key.config = { ...key.config, aliases: [...names.names].sort() };
    key.evidenceIds.push(...names.evidenceIds);
  }
  const api = accountPublicAccessBlocks(index);
  const fromConfig = new Map<string, Resource>();
  for (const r of b.live()) if (r.type === "AWS::S3::AccountPublicAccessBlock" && r.config) fromConfig.set(r.account, r);
  for (const bucket of b.live()) {
    if (bucket.type !== "AWS::S3::Bucket" || !bucket.config) continue;
    const answer = api.get(bucket.account);
    const item = fromConfig.get(bucket.account);
    if (answer && answer.config !== undefined) {
      bucket.config = { ...bucket.config, accountPublicAccessBlock: answer.config };
      bucket.evidenceIds.push(answer.evidenceId);
    } else if (item) {
      const { resourceId: _id, supplementaryConfiguration: _s, ...block } = item.config ?? {};
      bucket.config = { ...bucket.config, accountPublicAccessBlock: block };
      bucket.evidenceIds.push(...item.evidenceIds);
    } else if (answer?.error) {
      bucket.config = { ...bucket.config, accountPublicAccessBlockError: answer.error };
      bucket.evidenceIds.push(answer.evidenceId);
    }
  }
}
