import type { Inventory } from "../evidence/inventory.js";
import { attributeChanges } from "./attribution.js";
import { CATALOGUE } from "./catalogue.js";
import { crossCheckConfigRules } from "./config-crosscheck.js";
import { evaluateChecks } from "./engine.js";
import type { Check, Finding } from "./types.js";

/**
 * Every finding of a run: the checks, then the AWS Config cross-check and change attribution.
 * One function, so a run and an auditor's re-evaluation (verify) cannot drift apart.
 */
export function evaluateFindings(inventory: Inventory, checks: readonly Check[] = CATALOGUE): Finding[] {
  return attributeChanges(crossCheckConfigRules(evaluateChecks(checks, inventory), inventory, checks), inventory);
}
