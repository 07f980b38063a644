/**
 * The account and region pseudo resources: every account, and every account-region that any
 * evidence, resource or gap was seen in.
 */
import type { InventoryBuilder } from "./builder.js";
import { ACCOUNT_TYPE, GLOBAL_REGION, REGION_TYPE } from "./types.js";

export function accountArn(account: string): string {
  return `arn:aws:iam::${account}:root`;
}

export function regionArn(account: string, region: string): string {
  return `arn:aws:sagemaker:${region}:${account}:region/${region}`;
}

/** One pseudo resource per account and per account-region, for checks that look across resources. */
export function addScopeResources(b: InventoryBuilder): void {
  for (const account of b.accounts) {
    const acc = b.upsert(ACCOUNT_TYPE, accountArn(account), { account, region: GLOBAL_REGION, name: account });
    acc.config = { AccountId: account };
  }
  const pairs = new Set<string>(b.scopes);
  for (const resource of b.live()) {
    if (resource.region !== GLOBAL_REGION) pairs.add(`${resource.account}|${resource.region}`);
  }
  for (const gap of b.gaps) pairs.add(`${gap.account}|${gap.region}`);
  for (const pair of pairs) {
    const [account = "", region = ""] = pair.split("|");
    if (region === GLOBAL_REGION) continue;
    const res = b.upsert(REGION_TYPE, regionArn(account, region), { account, region, name: `${account}/${region}` });
    res.config = { AccountId: account, Region: region };
  }
}
