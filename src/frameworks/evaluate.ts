import type { Finding } from "../checks/types.js";
import type { Attestation, ControlDefinition, ControlResult, FrameworkMapping } from "./types.js";
import { isExpired } from "./waivers.js";

function evaluateControl(control: ControlDefinition, byCheck: ReadonlyMap<string, Finding[]>, attestations: readonly Attestation[], now: string): ControlResult {
  if (control.manual) {
    const valid = attestations.find((a) => a.control === control.id && !isExpired(a.expires, now));
    if (valid) return { controlId: control.id, status: "ATTESTED", findings: [], attestation: valid, reason: `attested by ${valid.attestedBy} on ${valid.date}, valid until ${valid.expires}` };
    const stale = attestations.find((a) => a.control === control.id);
    return {
      controlId: control.id,
      status: "MANUAL",
      findings: [],
      reason: stale ? `attestation by ${stale.attestedBy} expired on ${stale.expires}` : "manual control: no attestation recorded",
    };
  }
  const findings = control.checks.flatMap((id) => byCheck.get(id) ?? []);
  const count = (status: Finding["status"]): number => findings.filter((f) => f.status === status).length;
  const [passed, failed, errored, waived] = [count("PASS"), count("FAIL"), count("ERROR"), count("WAIVED")];
  const waivedNote = waived > 0 ? `; ${waived} waived` : "";
  if (failed > 0) return { controlId: control.id, status: "FAIL", findings, reason: `${failed} failing finding${failed === 1 ? "" : "s"}${waivedNote}` };
  if (errored > 0) {
    return { controlId: control.id, status: "NO_DATA", findings, reason: `${errored} finding${errored === 1 ? "" : "s"} could not be evaluated (evidence gaps); ${passed} passed${waivedNote}` };
  }
  if (passed > 0) return { controlId: control.id, status: "PASS", findings, reason: `${passed} passing finding${passed === 1 ? "" : "s"}${waivedNote}` };
  return { controlId: control.id, status: "NO_DATA", findings, reason: waived > 0 ? `only waived findings (${waived})` : "no applicable resource in scope" };
}

/**
 * Control results of one framework, in mapping order. Pure: the same findings, mapping,
 * attestations and `now` give the same results.
 */
export function evaluateFramework(mapping: FrameworkMapping, findings: readonly Finding[], attestations: readonly Attestation[], now: string): ControlResult[] {
  const byCheck = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byCheck.get(f.checkId);
    if (list) list.push(f);
    else byCheck.set(f.checkId, [f]);
  }
  return mapping.controls.map((control) => evaluateControl(control, byCheck, attestations, now));
}
