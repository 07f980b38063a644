import type { Inventory } from "../evidence/inventory.js";
import { attributeChanges } from "./attribution.js";
import { CATALOGUE } from "./catalogue.js";
import { crossCheckConfigItems } from "./config-item-crosscheck.js";
import { crossCheckConfigRules } from "./config-crosscheck.js";
import { evaluateChecks } from "./engine.js";
import type { Check, Finding } from "./types.js";

/**
 * Every finding of a run: the checks, then the AWS Config cross-checks (rule verdicts, and
 * configuration items of supporting resources also read from their APIs) and change attribution.
 * One function, so a run and an auditor's re-evaluation (verify) cannot drift apart.
 */
export function evaluateFindings(inventory: Inventory, checks: readonly Check[] = CATALOGUE): Finding[] {
  const findings = crossCheckConfigItems(crossCheckConfigRules(evaluateChecks(checks, inventory), inventory, checks), inventory, checks);
  return attributeChanges(findings, inventory);
}
