import type { AccountTarget, AwsClientFactory } from "../../aws/clients.js";
import { GLOBAL_REGION } from "../../evidence/inventory.js";
import type { EvidenceLog } from "./call.js";
import { collectSecurityGroups } from "./ec2.js";
import { collectIam } from "./iam.js";
import { collectKms, keyRegionOf } from "./kms.js";
import type { References } from "./references.js";
import { collectAccountPublicAccessBlock, collectS3 } from "./s3.js";

/**
 * The supporting resources one account's SageMaker resources and trails reference, read from IAM,
 * KMS, S3 and EC2 through the account's credentials (`collection.supportingEvidence` auto or api).
 * IAM roles and S3 buckets are account-wide, so each is read once whatever region named it; KMS
 * keys are read in the region their reference points into, security groups in the region of the
 * resource that attaches them. Every failure is a gap record, as for every other call.
 */
export async function collectSupportingApi(
  log: EvidenceLog,
  clients: AwsClientFactory,
  target: AccountTarget,
  account: string,
  regions: readonly string[],
  byRegion: ReadonlyMap<string, References>,
): Promise<void> {
  const home = regions[0] ?? "us-east-1";
  const roles = new Set<string>();
  const buckets = new Set<string>();
  const keyRefs = new Map<string, Set<string>>();
  for (const [region, refs] of byRegion) {
    // A role of another account is not this account's IAM to answer for (GetRole takes a name).
    for (const arn of refs.roleArns) {
      const [, owner, name] = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(arn) ?? [];
      if (owner === account && name) roles.add(name);
    }
    for (const bucket of refs.buckets) buckets.add(bucket);
    for (const ref of refs.kmsKeyRefs) {
      const keyRegion = keyRegionOf(ref, region);
      const set = keyRefs.get(keyRegion) ?? new Set<string>();
      set.add(ref);
      keyRefs.set(keyRegion, set);
    }
  }
  const work: Promise<void>[] = [];
  if (roles.size > 0) work.push(collectIam(log.scope("iam", account, GLOBAL_REGION), clients.get("iam", target, home), [...roles]));
  if (buckets.size > 0) {
    work.push(
      collectS3(
        log.scope("s3", account, home),
        { locate: clients.get("s3", target, home), forRegion: (r) => clients.get("s3", target, r), scope: (r) => log.scope("s3", account, r) },
        [...buckets],
      ),
      collectAccountPublicAccessBlock(log.scope("s3control", account, GLOBAL_REGION), clients.get("s3control", target, home)),
    );
  }
  for (const [region, refs] of [...keyRefs].sort(([a], [b]) => a.localeCompare(b))) {
    work.push(collectKms(log.scope("kms", account, region), clients.get("kms", target, region), [...refs]));
  }
  for (const [region, refs] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
    if (refs.securityGroups.size > 0) work.push(collectSecurityGroups(log.scope("ec2", account, region), clients.get("ec2", target, region), [...refs.securityGroups]));
  }
  await Promise.all(work);
}
