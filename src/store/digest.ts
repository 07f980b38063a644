import { createHash } from "node:crypto";
import { canonicalJson, sha256Bytes, sha256Hex } from "../evidence/canonical.js";

/**
 * Digests of stored rows, pure. They hash the rows exactly as stored (the JSON text of each body
 * and the indexed columns beside it), so editing any column of any row, or adding or removing a
 * row, changes the digest. Writers and `verify --db` call the same functions.
 */

/** The `prev_hash` of the first chain entry. */
export const GENESIS_HASH = "0".repeat(64);

export interface FindingRow {
  checkId: string;
  resourceArn: string;
  status: string;
  body: string;
}

export interface ControlRow {
  controlId: string;
  status: string;
  body: string;
}

export interface FrameworkRunRow {
  framework: string;
  mappingSha256: string;
  score: number;
  evaluatedAt: string;
  waivers: string;
  attestations: string;
}

const byKey = <T>(key: (row: T) => string) => (a: T, b: T): number => {
  const ka = key(a);
  const kb = key(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
};

/** The columns of a finished run that say what was collected, where, when and by what. */
export interface RunHeader {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: string;
  source: string;
  accounts: string;
  regions: string;
  toolVersion: string;
  evidenceCount: number;
  merkleRoot: string | null;
  apiCalls: string;
  gaps: string;
}

export function runDigest(run: RunHeader): string {
  return sha256Hex(
    canonicalJson([run.id, run.startedAt, run.finishedAt, run.status, run.source, run.accounts, run.regions, run.toolVersion, run.evidenceCount, run.merkleRoot, run.apiCalls, run.gaps]),
  );
}

/**
 * Rows in the order the findings digest hashes them: by check id, then resource ARN, in code-unit
 * order (the order of the `checkId NUL resourceArn` keys older stores were sealed with; check ids
 * hold no NUL). Compared field by field, nothing is allocated per row: keys built up front were
 * 3.5 million strings and wrappers, some 600 MB, at 500,000 training jobs. The engine hands its
 * findings over nearly in this order already, which the sort's runs make cheap.
 */
export function inFindingOrder<T extends Pick<FindingRow, "checkId" | "resourceArn">>(rows: readonly T[]): T[] {
  return [...rows].sort(findingOrder);
}

function findingOrder(a: Pick<FindingRow, "checkId" | "resourceArn">, b: Pick<FindingRow, "checkId" | "resourceArn">): number {
  if (a.checkId !== b.checkId) return a.checkId < b.checkId ? -1 : 1;
  return a.resourceArn < b.resourceArn ? -1 : a.resourceArn > b.resourceArn ? 1 : 0;
}

/**
 * The findings digest seals `v2:` and the sha256 of the canonical JSON of the sorted rows as
 * `[checkId, resourceArn, status, sha256(body)]` arrays (the body's sha256 in hex). The body is
 * bound through its hash, which the store computes for every body anyway (finding_bodies.sha256):
 * hashing the body text a second time, escaped inside the row's JSON, was about a fifth of an
 * unchanged run's store at 100,000 jobs (2.2 of 11.8 s in a CPU profile). Stores and packages sealed before carry the unprefixed
 * v1 digest over the body text itself; {@link findingsDigestMatches} verifies both.
 */
export const FINDINGS_DIGEST_V2 = "v2:";

/**
 * Feeds the rows one at a time in {@link inFindingOrder}: a run's findings are tens of megabytes of
 * text, and neither the whole text nor every row's body need exist at once. The bytes are exactly
 * those of the one-string canonical form (all four members are strings, so canonical JSON is
 * JSON.stringify).
 */
export class FindingsDigest {
  private readonly hash = createHash("sha256").update("[");
  private pending: string[] = [];
  private first = true;

  /** `bodySha256`: the sha256 of `row.body`, when the caller has it already. */
  add(row: FindingRow, bodySha256: Buffer = sha256Bytes(row.body)): void {
    this.push([row.checkId, row.resourceArn, row.status, bodySha256.toString("hex")]);
  }

  /**
   * {@link add} for a row whose key members are serialised already: `keyJson` is
   * `JSON.stringify(checkId) + "," + JSON.stringify(resourceArn)`, for which the store takes the
   * check id's text escaped once per check (src/checks/finding.ts `findingKeyJson`).
   */
  addKeyed(keyJson: string, status: string, bodySha256: Buffer): void {
    this.pushRow(`[${keyJson},${JSON.stringify(status)},"${bodySha256.toString("hex")}"]`);
  }

  digest(): string {
    return FINDINGS_DIGEST_V2 + this.end();
  }

  protected push(members: readonly string[]): void {
    this.pushRow(JSON.stringify(members));
  }

  /** One row's JSON text; the rows are hashed 512 at a time. */
  private pushRow(rowJson: string): void {
    this.pending.push(rowJson);
    if (this.pending.length >= 512) this.flush();
  }

  protected end(): string {
    this.flush();
    return this.hash.update("]").digest("hex");
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    this.hash.update((this.first ? "" : ",") + this.pending.join(","));
    this.first = false;
    this.pending = [];
  }
}

/** The v1 digest older stores and packages were sealed with: the same rows with the body text itself. */
class FindingsDigestV1 extends FindingsDigest {
  override add(row: FindingRow): void {
    this.push([row.checkId, row.resourceArn, row.status, row.body]);
  }

  override addKeyed(): void {
    throw new Error("the v1 findings digest hashes each body's text, not its sha256: use add");
  }

  override digest(): string {
    return this.end();
  }
}

export function findingsDigest(rows: readonly FindingRow[], version: 1 | 2 = 2): string {
  const digest = version === 2 ? new FindingsDigest() : new FindingsDigestV1();
  for (const row of inFindingOrder(rows)) digest.add(row);
  return digest.digest();
}

/** Whether `sealed` (a chain link's findings digest, v2 or v1) seals exactly these rows. */
export function findingsDigestMatches(sealed: string | null, rows: readonly FindingRow[]): boolean {
  if (sealed === null) return false;
  return findingsDigest(rows, sealed.startsWith(FINDINGS_DIGEST_V2) ? 2 : 1) === sealed;
}

export function controlsDigest(header: FrameworkRunRow, rows: readonly ControlRow[]): string {
  const sorted = [...rows].sort(byKey((r) => r.controlId));
  return sha256Hex(
    canonicalJson({
      framework: header.framework,
      mappingSha256: header.mappingSha256,
      score: header.score,
      evaluatedAt: header.evaluatedAt,
      waivers: header.waivers,
      attestations: header.attestations,
      controls: sorted.map((r) => [r.controlId, r.status, r.body]),
    }),
  );
}

/**
 * One link of the chain. `run` seals a run's evidence (Merkle root), findings and its own row
 * (`detail` = runDigest: times, scope, status, tool version) at completion;
 * `controls` seals one framework's control results for a run (evaluated after the run, and again
 * when `report --run` re-evaluates with other waivers); `prune` records which runs retention removed,
 * so their links still verify without their rows; `redact` records that stored evidence was
 * re-redacted under a new policy, with each affected run's new Merkle root and run digest
 * (src/store/redaction.ts).
 */
export interface ChainEntry {
  kind: "run" | "controls" | "prune" | "redact";
  runId: string | null;
  framework: string | null;
  merkleRoot: string | null;
  findingsDigest: string | null;
  controlsDigest: string | null;
  detail: string | null;
  createdAt: string;
}

export function chainHash(prevHash: string, entry: ChainEntry): string {
  return sha256Hex(
    canonicalJson([
      prevHash,
      entry.kind,
      entry.runId,
      entry.framework,
      entry.merkleRoot,
      entry.findingsDigest,
      entry.controlsDigest,
      entry.detail,
      entry.createdAt,
    ]),
  );
}
