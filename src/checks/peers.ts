import type { CheckPeers } from "./types.js";

const LABELS: readonly [keyof CheckPeers, string][] = [
  ["securityHub", "Security Hub"],
  ["awsConfig", "AWS Config"],
  ["prowler", "Prowler"],
  ["checkov", "Checkov"],
];

/** Peer controls in one line for a report: `Security Hub SageMaker.1; Prowler sagemaker_…`; undefined when none. */
export function peersText(peers: CheckPeers | undefined): string | undefined {
  const parts = LABELS.filter(([k]) => (peers?.[k]?.length ?? 0) > 0).map(([k, label]) => `${label} ${(peers?.[k] ?? []).join(", ")}`);
  return parts.length > 0 ? parts.join("; ") : undefined;
}

/** Peer controls for a terminal table: Security Hub ids in full, other tools counted (`SageMaker.1 +1 Prowler`). */
export function peersCompact(peers: CheckPeers | undefined): string {
  const hub = peers?.securityHub ?? [];
  const others = LABELS.slice(1)
    .filter(([k]) => (peers?.[k]?.length ?? 0) > 0)
    .map(([k, label]) => `+${peers?.[k]?.length ?? 0} ${label}`);
  const text = [hub.join(","), ...others].filter((s) => s !== "").join(" ");
  return text === "" ? "-" : text;
}
