import { sha256Hex } from "./canonical.js";

/** A node is named by its digest's lowercase hex, 64 ASCII bytes. */
const HEX_BYTES = 64;

/**
 * Merkle root over evidence hashes, sorted so the root depends on the set of evidence, not on
 * collection order. Leaves and nodes are domain-separated (0x00 / 0x01 prefixes) so a node can
 * never be passed off as a leaf. A node hashes its children's hex digests; an odd node out is
 * paired with itself. The root of no evidence is the hash of the empty string.
 *
 * A level is held as the hex of its digests in one buffer, each level written over the one below:
 * as arrays of strings, the levels of a 500,000-record run were some 80 MiB of heap, allocated at
 * the end of its store, when the run's records and findings fill the heap (where its RSS peaks).
 */
export function merkleRoot(hashes: readonly string[]): string {
  if (hashes.length === 0) return sha256Hex("");
  const sorted = [...hashes].sort();
  const level = Buffer.allocUnsafe(sorted.length * HEX_BYTES);
  sorted.forEach((h, i) => level.write(sha256Hex(`\x00${h}`), i * HEX_BYTES, "latin1"));
  // 0x01, then the left child's hex, then the right one's.
  const node = Buffer.alloc(1 + 2 * HEX_BYTES, 1);
  for (let width = sorted.length; width > 1; width = Math.ceil(width / 2)) {
    // Node i of the next level reads nodes 2i and 2i+1 of this one before it is written to slot i,
    // which no later node reads (they read slots from 2i+2 on).
    for (let i = 0; 2 * i < width; i++) {
      const left = 2 * i * HEX_BYTES;
      const right = 2 * i + 1 < width ? left + HEX_BYTES : left;
      level.copy(node, 1, left, left + HEX_BYTES);
      level.copy(node, 1 + HEX_BYTES, right, right + HEX_BYTES);
      level.write(sha256Hex(node), i * HEX_BYTES, "latin1");
    }
  }
  return level.toString("latin1", 0, HEX_BYTES);
}
