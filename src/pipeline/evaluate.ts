import { CATALOGUE } from "../checks/catalogue.js";
import { evaluateFindings } from "../checks/findings.js";
import type { Check, Finding, Waiver } from "../checks/types.js";
import { buildInventory } from "../evidence/inventory.js";
import type { Inventory } from "../evidence/inventory.js";
import type { EvidenceRecord } from "../evidence/types.js";
import { evaluateFramework } from "../frameworks/evaluate.js";
import type { Attestation, ControlResult, FrameworkMapping } from "../frameworks/types.js";
import { applyWaivers } from "../frameworks/waivers.js";
import type { WaiverOutcome } from "../frameworks/waivers.js";
import { controlScore } from "../report/model.js";

/**
 * The evaluation of a run, in the two halves a run performs them: findings from evidence (when the
 * run is collected) and a framework's control results over those findings (when it is reported).
 * `collect`, `report` and `verify FILE.zip` all call these two functions, so a package's
 * re-derivation runs exactly the code the run ran. Pure: no I/O, no clock.
 */
export function evaluateEvidence(records: readonly EvidenceRecord[], checks: readonly Check[] = CATALOGUE): { inventory: Inventory; findings: Finding[] } {
  const inventory = buildInventory(records);
  return { inventory, findings: evaluateFindings(inventory, checks) };
}

export interface FrameworkEvaluation {
  waived: WaiverOutcome;
  results: ControlResult[];
  score: number;
}

/** Waivers, then the mapping and attestations, judged at `at` (a run is judged at its finish time). */
export function evaluateFrameworkAt(
  mapping: FrameworkMapping,
  findings: readonly Finding[],
  waivers: readonly Waiver[],
  attestations: readonly Attestation[],
  at: string,
): FrameworkEvaluation {
  const waived = applyWaivers(findings, waivers, at);
  const results = evaluateFramework(mapping, waived.findings, attestations, at);
  return { waived, results, score: controlScore(results.map((r) => r.status)) };
}

/** The time a run is judged at: its finish time (its start when it never finished). */
export function runTime(run: { startedAt: string; finishedAt: string | null }): string {
  return run.finishedAt ?? run.startedAt;
}
