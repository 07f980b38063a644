/**
 * Where a piece of evidence came from. `sts` carries the caller identity of each account; `iam`,
 * `kms`, `s3`, `s3control` and `ec2` the supporting resources SageMaker resources reference;
 * `tagging` the Resource Groups Tagging API pages that hold the SageMaker resources' tags.
 */
export const EVIDENCE_SOURCES = ["sagemaker", "config", "cloudtrail", "sts", "iam", "kms", "s3", "s3control", "ec2", "tagging"] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export interface EvidenceError {
  code: string;
  message: string;
}

/**
 * One API response page (or one failed call, a "gap"), redacted, with the SHA-256 of its canonical
 * JSON. This is the single input of evaluation: snapshots, the demo estate and evidence packages all
 * hold these records.
 */
export interface EvidenceRecord {
  id: string;
  source: EvidenceSource;
  operation: string;
  account: string;
  region: string;
  params: Record<string, unknown>;
  collectedAt: string;
  response?: Record<string, unknown>;
  error?: EvidenceError;
  redactions: string[];
  sha256: string;
}

export type UnsealedEvidence = Omit<EvidenceRecord, "id" | "sha256" | "redactions"> & { redactions?: string[] };

/** A call whose answer we do not have; every check that needed it yields ERROR. */
export interface EvidenceGap {
  evidenceId: string;
  source: EvidenceSource;
  operation: string;
  account: string;
  region: string;
  error: string;
}
