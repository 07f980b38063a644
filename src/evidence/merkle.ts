import { sha256Hex } from "./canonical.js";

/**
 * Merkle root over evidence hashes, sorted so the root depends on the set of evidence, not on
 * collection order. Leaves and nodes are domain-separated (0x00 / 0x01 prefixes) so a node can
 * never be passed off as a leaf. The root of no evidence is the hash of the empty string.
 */
export function merkleRoot(hashes: readonly string[]): string {
  if (hashes.length === 0) return sha256Hex("");
  let level = [...hashes].sort().map((h) => sha256Hex(`\x00${h}`));
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const left = level[i] as string;
      const right = level[i + 1] ?? left;
      next.push(sha256Hex(`\x01${left}${right}`));
    }
    level = next;
  }
  return level[0] as string;
}
