import type { Finding } from "../checks/types.js";

export type ControlStatus = "PASS" | "FAIL" | "NO_DATA" | "MANUAL" | "ATTESTED";
export const CONTROL_STATUSES: readonly ControlStatus[] = ["PASS", "FAIL", "NO_DATA", "MANUAL", "ATTESTED"];

export interface ControlDefinition {
  id: string;
  title: string;
  description?: string;
  /** HIPAA marks each implementation specification Required or Addressable. */
  requirement?: "Required" | "Addressable";
  checks: string[];
  manual: boolean;
}

export interface FrameworkMapping {
  framework: string;
  title: string;
  version: string;
  controls: ControlDefinition[];
  /** Where it was loaded from and the SHA-256 of its bytes: reports cite it, packages ship it. */
  file: string;
  sha256: string;
  source: string;
}

export interface Attestation {
  control: string;
  statement: string;
  attestedBy: string;
  date: string;
  expires: string;
  evidence: string[];
}

export interface ControlResult {
  controlId: string;
  status: ControlStatus;
  /** Findings of the mapped checks, in finding order. */
  findings: Finding[];
  attestation?: Attestation;
  /** Why the status is what it is, in one line. */
  reason: string;
}

/** A waiver entry that does not apply because it is malformed or names no known check. */
export interface InvalidWaiver {
  file: string;
  line: number;
  col: number;
  /** Position of the entry in the file's `waivers` list (0-based). */
  index: number;
  message: string;
}
