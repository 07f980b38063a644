import { sealEvidence } from "../../src/evidence/record.js";
import type { EvidenceRecord, EvidenceSource } from "../../src/evidence/types.js";

export const ACCOUNT = "111122223333";
export const COLLECTED_AT = "2026-11-27T10:00:00.000Z";

/** A sealed record shaped like a real API page, for building inventories in tests. */
export function record(
  source: EvidenceSource,
  operation: string,
  params: Record<string, unknown>,
  response: Record<string, unknown>,
  scope: { account?: string; region?: string } = {},
): EvidenceRecord {
  return sealEvidence({
    source,
    operation,
    account: scope.account ?? ACCOUNT,
    region: scope.region ?? "us-east-1",
    params,
    collectedAt: COLLECTED_AT,
    response,
  });
}

/** A failed call: the evidence gap every check that needed it must turn into ERROR. */
export function gapRecord(
  source: EvidenceSource,
  operation: string,
  params: Record<string, unknown>,
  code = "AccessDeniedException",
  scope: { account?: string; region?: string } = {},
): EvidenceRecord {
  return sealEvidence({
    source,
    operation,
    account: scope.account ?? ACCOUNT,
    region: scope.region ?? "us-east-1",
    params,
    collectedAt: COLLECTED_AT,
    error: { code, message: `not authorized to perform ${operation}` },
  });
}

/** List + describe records of one notebook instance. */
export function notebookRecords(name: string, fields: Record<string, unknown>, region = "us-east-1"): EvidenceRecord[] {
  const arn = `arn:aws:sagemaker:${region}:${ACCOUNT}:notebook-instance/${name}`;
  return [
    record("sagemaker", "ListNotebookInstances", { MaxResults: 100, NextToken: name }, { NotebookInstances: [{ NotebookInstanceName: name, NotebookInstanceArn: arn }] }, { region }),
    record("sagemaker", "DescribeNotebookInstance", { NotebookInstanceName: name }, { NotebookInstanceName: name, NotebookInstanceArn: arn, ...fields }, { region }),
  ];
}
