import { DescribeKeyCommand, GetKeyRotationStatusCommand, paginateListAliases } from "@aws-sdk/client-kms";
import type { KMSClient } from "@aws-sdk/client-kms";
import type { CallScope, Output } from "./call.js";
import { keyIdOf, parseKeyReference } from "../../evidence/references.js";

/** ListAliases returns at most 100 aliases per page. */
const PAGE = 100;

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const arr = (v: unknown): Output[] => (Array.isArray(v) ? (v as Output[]) : []);

/**
 * `alias/aws/…` names are reserved for AWS managed keys
 * (https://docs.aws.amazon.com/kms/latest/developerguide/alias-about.html): such a reference is
 * judged from its name, without a lookup.
 */
export function isAwsManagedAlias(ref: string): boolean {
  const key = parseKeyReference(ref);
  return (key?.form === "alias-name" || key?.form === "alias-arn") && key.alias.startsWith("alias/aws/");
}

/** The region a key reference points into: its ARN's, else the referencing resource's. */
export function keyRegionOf(ref: string, referencedFrom: string): string {
  const key = parseKeyReference(ref);
  return key && "region" in key ? key.region : referencedFrom;
}

async function drain(pages: AsyncIterable<Output>): Promise<Output[]> {
  const out: Output[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

/**
 * The customer KMS keys referenced in one account and region, each resolved to one key and read once:
 * - ListAliases maps `alias/x` and alias ARNs to their key (TargetKeyId) and gives every key its
 *   aliases (https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html);
 * - an alias ListAliases does not list (another account's, a failed page) is resolved by DescribeKey
 *   on the alias itself, which accepts alias names and ARNs
 *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html);
 * - DescribeKey once per key: KeyManager, KeyState, Origin, KeySpec, MultiRegion, DeletionDate
 *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html);
 * - GetKeyRotationStatus for customer managed keys; AWS managed keys always rotate (yearly) and
 *   need no call. Keys that cannot rotate automatically (asymmetric, HMAC, imported material, custom
 *   key store) answer UnsupportedOperationException, which is an answer, not a gap
 *   (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html).
 * Key ARNs of another account are described by ARN (cross-account use of DescribeKey).
 */
export async function collectKms(scope: CallScope, client: KMSClient, refs: readonly string[]): Promise<void> {
  const wanted = [...new Set(refs)].filter((r) => !isAwsManagedAlias(r)).sort();
  if (wanted.length === 0) return;
  const aliasPages = await drain(
    scope.pages(
      "ListAliases",
      { Limit: PAGE },
      (input) => paginateListAliases({ client, stopOnSameToken: true }, input),
      { tokenKey: "Marker", outputTokenKey: "NextMarker" },
    ),
  );
  const targetOf = new Map<string, string>();
  for (const alias of aliasPages.flatMap((p) => arr(p.Aliases))) {
    const name = str(alias.AliasName);
    const target = str(alias.TargetKeyId);
    if (name && target) targetOf.set(name, target);
  }

  const ids = new Set<string>();
  const byAlias: string[] = [];
  for (const ref of wanted) {
    const key = parseKeyReference(ref);
    if (!key) continue;
    if (key.form === "alias-name" || key.form === "alias-arn") {
      const local = key.form === "alias-name" || (key.region === scope.region && key.account === scope.account);
      const target = local ? targetOf.get(key.alias) : undefined;
      if (target) ids.add(target);
      else byAlias.push(ref);
      continue;
    }
    // A key of another account is only reachable by its ARN.
    ids.add(key.form === "key-arn" && key.account !== scope.account ? ref : key.keyId);
  }

  const described = new Map<string, Output>();
  const describe = async (KeyId: string): Promise<void> => {
    const out = await scope.call("DescribeKey", { KeyId }, () => client.send(new DescribeKeyCommand({ KeyId })));
    const metadata = (out?.KeyMetadata ?? undefined) as Output | undefined;
    const keyId = str(metadata?.KeyId);
    if (metadata && keyId) described.set(keyId, metadata);
  };
  // Aliases first: the key behind one may be named by id elsewhere, and is then described once.
  await Promise.all(byAlias.map(describe));
  const idOf = (id: string): string => {
    const key = parseKeyReference(id);
    return (key && keyIdOf(key)) ?? id;
  };
  await Promise.all([...ids].filter((id) => !described.has(idOf(id))).sort().map(describe));
  scope.progress(described.size);

  await Promise.all(
    [...described.entries()]
      .filter(([, m]) => m.KeyManager === "CUSTOMER")
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([keyId, m]) => {
        const KeyId = str(m.AWSAccountId) && m.AWSAccountId !== scope.account ? (str(m.Arn) ?? keyId) : keyId;
        return scope.call("GetKeyRotationStatus", { KeyId }, () => client.send(new GetKeyRotationStatusCommand({ KeyId })), {
          answers: ["UnsupportedOperationException"],
        });
      }),
  );
}
