import { readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sealEvidence, verifyEvidenceHash } from "../../src/evidence/record.js";
import { DEFAULT_REDACTION, redactionFingerprint, redactionPolicyWith } from "../../src/evidence/redact.js";
import type { EvidenceRecord } from "../../src/evidence/types.js";
import { chainEntries } from "../../src/store/chain.js";
import { openDb } from "../../src/store/db.js";
import type { Db } from "../../src/store/db.js";
import { storeMemory } from "../../src/store/evidence.js";
import { needsReRedaction, reRedactStore } from "../../src/store/redaction.js";
import { completeRun, getRun, Handover, loadEvidence, startRun } from "../../src/store/runs.js";
import { verifyStore } from "../../src/store/verify.js";
import { tempDir } from "../helpers/cli.js";

// Built from parts so the literal never looks like a live key.
const WANDB = "f00dfeed" + "0123456789abcdef0123456789abcdef";
const ACCOUNT = "111122223333";

/** A training job as an older sageaudit stored it: hyperparameters were not redacted then. */
function oldTrainingJob(collectedAt: string, custom = "visible-custom-value"): EvidenceRecord {
  return sealEvidence({
    source: "sagemaker",
    operation: "DescribeTrainingJob",
    account: ACCOUNT,
    region: "us-east-1",
    params: { TrainingJobName: "claims-xgb" },
    collectedAt,
    response: {
      TrainingJobName: "claims-xgb",
      TrainingJobArn: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/claims-xgb`,
      TrainingJobStatus: "Completed",
      HyperParameters: { wandb_api_key: WANDB, learning_rate: "0.1" },
      Custom: custom,
    },
  });
}

function storeRun(db: Db, id: string, startedAt: string, records: EvidenceRecord[], fingerprint?: string): void {
  startRun(db, { id, startedAt, source: "test", accounts: [ACCOUNT], regions: ["us-east-1"], toolVersion: "0.0.1" });
  completeRun(db, id, {
    finishedAt: startedAt.replace("00.000Z", "30.000Z"),
    accounts: [ACCOUNT],
    regions: ["us-east-1"],
    evidence: new Handover({ records, resources: [], events: [] }),
    findings: [],
    gaps: [],
    apiCalls: {},
    ...(fingerprint ? { redactionFingerprint: fingerprint } : {}),
  });
}

const fileText = (path: string): string => [path, `${path}-wal`].filter(existsSync).map((p) => readFileSync(p).toString("latin1")).join("");

describe("store re-redaction when the redaction policy changes", () => {
  it("rewrites evidence stored under older rules, records it in the chain, and still verifies", () => {
    const path = join(tempDir(), "store.db");
    const db = openDb(path);
    storeRun(db, "r1", "2026-11-01T00:00:00.000Z", [oldTrainingJob("2026-11-01T00:00:00.000Z")], "rules-v1");
    storeRun(db, "r2", "2026-11-02T00:00:00.000Z", [oldTrainingJob("2026-11-02T00:00:00.000Z")], "rules-v1");
    expect(verifyStore(db).ok).toBe(true);
    const before = getRun(db, "r1")?.merkleRoot;
    expect(needsReRedaction(db, DEFAULT_REDACTION)).toBe(true);

    const pass = reRedactStore(db, DEFAULT_REDACTION, "2026-11-03T00:00:00.000Z");
    expect(pass).toMatchObject({ rows: 1, runs: ["r1", "r2"] });
    expect(needsReRedaction(db, DEFAULT_REDACTION)).toBe(false);

    // Nothing of the secret is left: not in the rows, not in the file, not in its write-ahead log.
    for (const run of ["r1", "r2"]) {
      const [record] = loadEvidence(db, run);
      expect(JSON.stringify(record)).not.toContain(WANDB);
      expect(record?.redactions).toEqual(["response.HyperParameters.wandb_api_key (api-key)"]);
      expect(verifyEvidenceHash(record as EvidenceRecord)).toBe(true);
      expect((record?.response as { HyperParameters: Record<string, string> }).HyperParameters.learning_rate).toBe("0.1");
    }
    expect(fileText(path)).not.toContain(WANDB);

    // The runs' roots moved, the chain says so, and verify accepts the re-redacted store.
    expect(getRun(db, "r1")?.merkleRoot).not.toBe(before);
    const link = chainEntries(db).at(-1);
    expect(link?.kind).toBe("redact");
    expect(JSON.parse(link?.detail ?? "{}")).toMatchObject({ fingerprint: redactionFingerprint(DEFAULT_REDACTION), runs: [{ id: "r1", previousMerkleRoot: before }, { id: "r2" }] });
    expect(verifyStore(db)).toMatchObject({ ok: true, problems: [], reRedactions: 1 });

    // A second pass under the same policy changes nothing and adds no link.
    const links = chainEntries(db).length;
    expect(reRedactStore(db, DEFAULT_REDACTION, "2026-11-04T00:00:00.000Z")).toMatchObject({ rows: 0, runs: [] });
    expect(chainEntries(db)).toHaveLength(links);

    // Tampering after a re-redaction is still caught.
    db.prepare(`UPDATE evidence SET body = replace(body, '0.1', '0.2')`).run();
    expect(verifyStore(db).problems[0]?.reason).toMatch(/evidence altered/);
    db.close();
  });

  it("applies keys added to the configuration to evidence already stored, and the store memory hands out only the new form", () => {
    const db = openDb(join(tempDir(), "config.db"));
    const policy = redactionPolicyWith({ valueKeys: ["Custom"] });
    storeRun(db, "r1", "2026-11-01T00:00:00.000Z", [oldTrainingJob("2026-11-01T00:00:00.000Z", "custom-secret-1")], redactionFingerprint(DEFAULT_REDACTION));
    const pass = reRedactStore(db, policy, "2026-11-02T00:00:00.000Z");
    expect(pass.rows).toBe(1);
    const reused = storeMemory(db).storedEvidence(oldTrainingJob("x").id);
    expect(JSON.stringify(reused)).not.toMatch(/custom-secret-1|f00dfeed/);
    expect(reused?.redactions).toContain("response.Custom (policy)");
    expect(verifyStore(db).ok).toBe(true);
    db.close();
  });

  it("upgrading a store re-redacts evidence written by earlier versions under the built-in rules", () => {
    // openDb ran every migration on an empty file; a row written the old way (no fingerprint) is
    // what the v3 upgrade finds in a real store. The same pass runs at upgrade time.
    const db = openDb(join(tempDir(), "upgrade.db"));
    storeRun(db, "r1", "2026-11-01T00:00:00.000Z", [oldTrainingJob("2026-11-01T00:00:00.000Z")]);
    expect((db.prepare(`SELECT redaction FROM evidence`).get() as { redaction: string | null }).redaction).toBeNull();
    reRedactStore(db, DEFAULT_REDACTION, "2026-11-02T00:00:00.000Z");
    expect(JSON.stringify(loadEvidence(db, "r1"))).not.toContain(WANDB);
    expect(verifyStore(db).ok).toBe(true);
    db.close();
  });
});
