import type { PackageManifest } from "./manifest.js";

/** README.txt of a package: what it is and, step by step, how an auditor verifies it. */
export function packageReadme(m: Pick<PackageManifest, "framework" | "run" | "tool" | "signature">): string {
  const signed = m.signature
    ? `This package is SIGNED with Ed25519. The signing key's fingerprint is

    ${m.signature.fingerprint}

Ask the team that sent the package for its public key (or its fingerprint) through a channel
other than this zip, e.g. your ticket system, and pin it:

    sageaudit verify PACKAGE.zip --public-key their-public-key.pem

Without --public-key, verify checks the signature against the public-key.pem inside the package
and says plainly that the key is NOT pinned: that proves integrity, not who made the package.
`
    : `This package is NOT signed. verify still checks every hash, recomputes the evidence Merkle
root and the run's chain hash, and re-derives every finding from the evidence; but anyone could
have rebuilt a consistent package. Ask for a signed package (sageaudit package --sign-key) when
the origin matters.
`;
  return `sageaudit evidence package
==========================

Framework: ${m.framework.title} (${m.framework.id}, ${m.framework.version})
Run:       ${m.run.id}, ${m.run.startedAt} to ${m.run.finishedAt ?? "?"} (${m.run.status})
Scope:     accounts ${m.run.accounts.join(", ") || "-"}; regions ${m.run.regions.join(", ") || "-"}
Evidence:  ${m.run.evidenceCount} records, Merkle root ${m.run.merkleRoot}
Made by:   ${m.tool.name} ${m.tool.version}

How to verify (offline; no AWS account and no network needed)
-------------------------------------------------------------
1. Install the same sageaudit version (npm install -g sageaudit@${m.tool.version}, or its container).
2. Do not unzip the package to verify it; verify reads the zip itself and refuses unsafe archives.
3. Run:

    sageaudit verify PACKAGE.zip

   It checks, and prints one line per step:
   - every file's size and SHA-256 against manifest.json, and that no file is missing or extra;
   - the signature of manifest.json (see below);
   - every evidence record's own SHA-256 and the Merkle root over all of them;
   - the chain hash that sealed this run in the team's store, and the links before it;
   - re-evaluation: the inventory is rebuilt from evidence/, every check runs again, the packaged
     mapping, waivers and attestations are applied at the run's finish time, and the findings and
     control results must equal report.json; findings.csv, report.html and report.pdf must equal
     what report.json renders to.
   "valid" and exit code 0 means all of it holds. Exit code 1 lists the first differences.

${signed}
4. Read report.pdf (or report.html in a browser; it loads nothing from the network).
   findings.csv has one row per finding. evidence/<id>.json are the raw, redacted API responses
   each finding cites by id and SHA-256.

Layout
------
README.txt         this file
report.pdf/.html   the report; report.json is its data (schemaVersion 1); findings.csv
mapping/*.yaml     the mapping file used; waivers.yaml and attestations.yaml if any were used,
                   attestations/* the documents the attestations cite
evidence/*.json    every evidence record of the run, canonical JSON, redacted, gaps included
events.jsonl       the CloudTrail management events found in that evidence
manifest.json      path, size and SHA-256 of every file; run metadata; Merkle root; chain hashes
manifest.sig       Ed25519 signature of manifest.json, with public-key.pem (signed packages only)
`;
}
