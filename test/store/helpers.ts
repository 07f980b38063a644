import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { collectRun } from "../../src/pipeline/collect-run.js";
import { CHECK_IDS } from "../../src/checks/catalogue.js";
import { loadFramework } from "../../src/frameworks/load.js";
import type { Db } from "../../src/store/db.js";
import type { RunRow } from "../../src/store/runs.js";

export const ACCOUNT = "111122223333";
export const REGION = "us-east-1";

export interface EstateOptions {
  notebooks: number;
  /** Indexes of notebooks with direct internet access enabled (a FAIL). */
  open?: ReadonlySet<number>;
  collectedAt?: string;
  /** Pads each describe response, to make a snapshot heavy enough that writing it takes a while. */
  padding?: number;
}

/** Notebook list pages and describes, shaped like real SageMaker answers. */
export function estate(options: EstateOptions): EvidenceRecord[] {
  const at = options.collectedAt ?? "2026-11-27T10:00:00.000Z";
  const names = Array.from({ length: options.notebooks }, (_, i) => `nb-${i}`);
  const arn = (name: string): string => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:notebook-instance/${name}`;
  const seal = (operation: string, params: Record<string, unknown>, response: Record<string, unknown>): EvidenceRecord =>
    sealEvidence({ source: "sagemaker", operation, account: ACCOUNT, region: REGION, params, collectedAt: at, response });
  const records: EvidenceRecord[] = [];
  for (let p = 0; p * 100 < names.length; p++) {
    const page = names.slice(p * 100, p * 100 + 100);
    records.push(seal("ListNotebookInstances", { MaxResults: 100, page: p }, { NotebookInstances: page.map((n) => ({ NotebookInstanceName: n, NotebookInstanceArn: arn(n) })) }));
  }
  names.forEach((name, i) =>
    records.push(
      seal(
        "DescribeNotebookInstance",
        { NotebookInstanceName: name },
        {
          NotebookInstanceName: name,
          NotebookInstanceArn: arn(name),
          NotebookInstanceStatus: "InService",
          DirectInternetAccess: options.open?.has(i) ? "Enabled" : "Disabled",
          RootAccess: "Disabled",
          SubnetId: "subnet-1",
          KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:key/k-1`,
          ...(options.padding ? { Notes: "x".repeat(options.padding) } : {}),
        },
      ),
    ),
  );
  return records;
}

export function writeSnapshot(dir: string, records: readonly EvidenceRecord[]): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "evidence.jsonl"), `${records.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return dir;
}

/** A run collected in-process from the given records, evaluated for HIPAA in the same pass. */
export async function storeRun(db: Db, records: EvidenceRecord[], at: Date): Promise<RunRow> {
  const { run } = await collectRun({
    db,
    sourceName: "test",
    toolVersion: "test",
    now: () => at,
    evaluatedAt: () => at.toISOString(),
    frameworks: [{ mapping: loadFramework("hipaa", CHECK_IDS), waivers: [], attestations: [] }],
    collect: () => Promise.resolve({ source: "test", records, accounts: [ACCOUNT], regions: [REGION], apiCalls: {} }),
  });
  return run;
}

export const count = (db: Db, table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
