import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord, EvidenceSource } from "../../src/evidence/types.js";

export const ACCOUNT = "111122223333";
export const COLLECTED_AT = "2026-11-27T10:00:00.000Z";

type Scope = { account?: string; region?: string };

function seal(source: EvidenceSource, operation: string, params: Record<string, unknown>, outcome: Pick<EvidenceRecord, "response" | "error">, scope: Scope): EvidenceRecord {
  return sealEvidence({ source, operation, account: scope.account ?? ACCOUNT, region: scope.region ?? "us-east-1", params, collectedAt: COLLECTED_AT, ...outcome });
}

/** A sealed record shaped like a real API page, for building inventories in tests. */
export function record(source: EvidenceSource, operation: string, params: Record<string, unknown>, response: Record<string, unknown>, scope: Scope = {}): EvidenceRecord {
  return seal(source, operation, params, { response }, scope);
}

/** A failed call: the evidence gap every check that needed it must turn into ERROR. */
export function gapRecord(source: EvidenceSource, operation: string, params: Record<string, unknown>, code = "AccessDeniedException", scope: Scope = {}): EvidenceRecord {
  return seal(source, operation, params, { error: { code, message: `not authorized to perform ${operation}` } }, scope);
}

/** List + describe records of one notebook instance. */
export function notebookRecords(name: string, fields: Record<string, unknown>, region = "us-east-1"): EvidenceRecord[] {
  const arn = `arn:aws:sagemaker:${region}:${ACCOUNT}:notebook-instance/${name}`;
  return [
    record("sagemaker", "ListNotebookInstances", { MaxResults: 100, NextToken: name }, { NotebookInstances: [{ NotebookInstanceName: name, NotebookInstanceArn: arn }] }, { region }),
    record("sagemaker", "DescribeNotebookInstance", { NotebookInstanceName: name }, { NotebookInstanceName: name, NotebookInstanceArn: arn, ...fields }, { region }),
  ];
}
