import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPackage } from "../../src/package/verify.js";
import { findingRows } from "../../src/store/chain.js";
import { openDb } from "../../src/store/db.js";
import { chainHash, findingsDigest } from "../../src/store/digest.js";
import type { FindingRow } from "../../src/store/digest.js";
import type { PackageManifest } from "../../src/package/manifest.js";
import type { ReportModel } from "../../src/report/types.js";
import { runCli, tempDir } from "../helpers/cli.js";
import { readZipEntries, writeZip } from "../helpers/zip.js";
import type { RawEntry } from "../helpers/zip.js";

const CONFIG = resolve("examples/sageaudit.config.yaml");
const sha256 = (data: Uint8Array | string): string => createHash("sha256").update(data).digest("hex");

function ok(args: string[], cwd: string, env?: NodeJS.ProcessEnv): string {
  const r = runCli(args, { cwd, ...(env ? { env } : {}) });
  if (r.code !== 0) throw new Error(`sageaudit ${args.join(" ")} failed (${r.code}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

/** Rewrites a package entry by entry (same order), applying `edit` to the list. */
function rewrite(from: string, to: string, edit: (entries: RawEntry[]) => RawEntry[]): string {
  return writeZip(to, edit(readZipEntries(from).map((e) => ({ name: e.name, data: e.data }))));
}

const text = (e: RawEntry): string => (typeof e.data === "string" ? e.data : Buffer.from(e.data).toString("utf8"));

describe("sageaudit package / verify FILE.zip / keygen", () => {
  let dir: string;
  let signed: string;
  let unsigned: string;
  let publicKey: string;
  let fingerprint: string;
  let runId: string;

  beforeAll(() => {
    dir = tempDir("sageaudit-package-");
    // Two runs, so the package carries a chain segment back to a previous run.
    ok(["collect", "--source", "demo", "--config", CONFIG], dir);
    ok(["collect", "--source", "demo", "--config", CONFIG], dir);
    const keygen = ok(["keygen", "--out", "keys"], dir);
    fingerprint = /fingerprint (sha256:[0-9a-f]{64})/.exec(keygen)?.[1] ?? "";
    publicKey = join(dir, "keys", "sageaudit-signing-key.pub.pem");
    signed = join(dir, "signed.zip");
    unsigned = join(dir, "unsigned.zip");
    ok(["package", "--framework", "hipaa", "--config", CONFIG, "--out", signed, "--sign-key", join(dir, "keys", "sageaudit-signing-key.pem")], dir);
    // The signing key also comes from SAGEAUDIT_SIGN_KEY; without one the package is unsigned.
    ok(["package", "--framework", "gdpr", "--run", "latest", "--config", CONFIG, "--out", unsigned], dir);
    runId = (JSON.parse(Buffer.from(readZipEntries(signed).find((e) => e.name === "manifest.json")!.data).toString("utf8")) as PackageManifest).run.id;
  }, 300_000);

  it("keygen writes an Ed25519 pair, the private key mode 0600, prints the fingerprint, and refuses to overwrite", () => {
    const priv = join(dir, "keys", "sageaudit-signing-key.pem");
    expect(statSync(priv).mode & 0o777).toBe(0o600);
    expect(readFileSync(priv, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(readFileSync(publicKey, "utf8")).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{64}$/);
    const before = readFileSync(priv, "utf8");
    const again = runCli(["keygen", "--out", "keys"], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists");
    expect(readFileSync(priv, "utf8")).toBe(before);
  });

  it("holds the layout of the design, every file listed in the manifest with size and SHA-256", () => {
    const entries = readZipEntries(signed);
    const names = entries.map((e) => e.name);
    for (const name of ["README.txt", "report.json", "report.html", "report.pdf", "findings.csv", "mapping/hipaa.yaml", "waivers.yaml", "attestations.yaml", "events.jsonl", "public-key.pem", "manifest.json", "manifest.sig"]) {
      expect(names).toContain(name);
    }
    const manifest = JSON.parse(text(entries.find((e) => e.name === "manifest.json")!)) as PackageManifest;
    const report = JSON.parse(text(entries.find((e) => e.name === "report.json")!)) as ReportModel;
    expect(names.filter((n) => n.startsWith("evidence/")).length).toBe(report.run.evidenceCount);
    for (const e of entries.filter((x) => x.name !== "manifest.json" && x.name !== "manifest.sig")) {
      expect(manifest.files.find((f) => f.path === e.name)).toEqual({ path: e.name, size: e.data.length, sha256: sha256(e.data) });
    }
    expect(manifest.signature?.fingerprint).toBe(fingerprint);
    expect(manifest.chain.previousRun).not.toBeNull();
    expect(manifest.run.merkleRoot).toBe(report.run.merkleRoot);
    // Packaged reports carry the run's finish time, so the package is reproducible.
    expect(report.generatedAt).toBe(manifest.run.finishedAt);
    // Every record the report cites is in the package, with the hash the report names.
    for (const f of report.controls.flatMap((c) => c.findings)) {
      for (const ev of f.evidence) expect((JSON.parse(text(entries.find((e) => e.name === `evidence/${ev.id}.json`)!)) as { sha256: string }).sha256).toBe(ev.sha256);
    }
    const readme = text(entries.find((e) => e.name === "README.txt")!);
    expect(readme).toContain("sageaudit verify PACKAGE.zip --public-key");
    expect(readme).toContain(fingerprint);
  });

  it("verifies a fresh signed package, saying plainly when the key is not pinned, and with the pinned key", () => {
    const loose = runCli(["verify", signed], { cwd: dir });
    expect(loose.code).toBe(0);
    expect(loose.stdout).toContain("key NOT pinned");
    expect(loose.stdout).toMatch(/^valid \(signature key not pinned\)$/m);
    const pinned = runCli(["verify", signed, "--public-key", publicKey], { cwd: dir });
    expect(pinned.code).toBe(0);
    expect(pinned.stdout).toMatch(/^valid \(signed by the pinned key\)$/m);
    for (const step of ["files", "signature", "evidence", "chain", "re-evaluation", "reports"]) expect(pinned.stdout).toMatch(new RegExp(`ok\\s+${step}`));
    const json = JSON.parse(runCli(["verify", signed, "--public-key", publicKey, "--json"], { cwd: dir }).stdout) as { ok: boolean; signature: { fingerprint: string; pinned: boolean } };
    expect(json).toMatchObject({ ok: true, signature: { fingerprint, pinned: true, status: "valid" } });
  });

  it("verifies a fresh unsigned package, says it is not signed, and fails it when a key is pinned", () => {
    const r = runCli(["verify", unsigned], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("NOT SIGNED");
    expect(r.stdout).toMatch(/^valid \(unsigned\)$/m);
    const pinned = runCli(["verify", unsigned, "--public-key", publicKey], { cwd: dir });
    expect(pinned.code).toBe(1);
    expect(pinned.stdout).toContain("the package is not signed, but --public-key pins");
  });

  it("fails a package signed by another key than the pinned one", () => {
    ok(["keygen", "--out", "other"], dir);
    const r = runCli(["verify", signed, "--public-key", join(dir, "other", "sageaudit-signing-key.pub.pem")], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`signed by key ${fingerprint}, not by the pinned key`);
  });

  it("fails when any one byte of any file changes (every file in turn)", async () => {
    const entries = readZipEntries(signed);
    expect(entries.length).toBeGreaterThan(200);
    const missed: string[] = [];
    for (const [i, target] of entries.entries()) {
      const out = join(dir, `flip.zip`);
      writeZip(
        out,
        entries.map((e, j) => {
          if (j !== i) return { name: e.name, data: e.data };
          const data = Buffer.from(e.data);
          const at = Math.floor(data.length / 2);
          data[at] = (data[at] as number) ^ 0x01;
          return { name: e.name, data };
        }),
      );
      const result = await verifyPackage(out);
      if (result.ok || !result.problems.some((p) => p.where.includes(target.name) || p.what.includes(target.name))) missed.push(target.name);
    }
    expect(missed).toEqual([]);
  }, 600_000);

  it("fails when a file is removed or added", () => {
    const removed = rewrite(signed, join(dir, "removed.zip"), (es) => es.filter((e) => e.name !== "events.jsonl"));
    const r1 = runCli(["verify", removed], { cwd: dir });
    expect(r1.code).toBe(1);
    expect(r1.stdout).toContain("events.jsonl: missing: listed in manifest.json but not in the package");
    const evidence = readZipEntries(signed).find((e) => e.name.startsWith("evidence/"))!;
    const removedEvidence = rewrite(signed, join(dir, "removed-ev.zip"), (es) => es.filter((e) => e.name !== evidence.name));
    expect(runCli(["verify", removedEvidence], { cwd: dir }).stdout).toContain(`${evidence.name}: missing`);
    const added = rewrite(signed, join(dir, "added.zip"), (es) => [...es, { name: "evidence/ev_extra.json", data: "{}\n" }]);
    const r2 = runCli(["verify", added], { cwd: dir });
    expect(r2.code).toBe(1);
    expect(r2.stdout).toContain("evidence/ev_extra.json: extra file: in the package but not listed in manifest.json");
  });

  it("catches a forged report.json (one FAIL turned PASS, manifest recomputed, signature dropped) by re-derivation", () => {
    let forged = { control: "", check: "", arn: "" };
    const out = rewrite(signed, join(dir, "forged.zip"), (es) => {
      const report = JSON.parse(text(es.find((e) => e.name === "report.json")!)) as ReportModel;
      const control = report.controls.find((c) => c.findings.some((f) => f.status === "FAIL"))!;
      const finding = control.findings.find((f) => f.status === "FAIL")!;
      finding.status = "PASS";
      forged = { control: control.id, check: finding.checkId, arn: finding.resourceArn };
      const reportText = `${JSON.stringify(report, null, 2)}\n`;
      const manifest = JSON.parse(text(es.find((e) => e.name === "manifest.json")!)) as PackageManifest;
      manifest.signature = null;
      manifest.files = manifest.files
        .filter((f) => f.path !== "public-key.pem")
        .map((f) => (f.path === "report.json" ? { ...f, size: Buffer.byteLength(reportText), sha256: sha256(reportText) } : f));
      return es
        .filter((e) => e.name !== "manifest.sig" && e.name !== "public-key.pem")
        .map((e) => (e.name === "report.json" ? { name: e.name, data: reportText } : e.name === "manifest.json" ? { name: e.name, data: `${JSON.stringify(manifest, null, 2)}\n` } : e));
    });
    const r = runCli(["verify", out], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ok\s+files/);
    expect(r.stdout).toContain(`report.json control ${forged.control}, check ${forged.check}, resource ${forged.arn}: status is PASS in report.json, re-derived FAIL from the evidence`);
    expect(r.stderr).toContain("INVALID");
  });

  it("verifies a package whose run was sealed with the v1 findings digest (stores before 2026-12-07), and fails a wrong one", () => {
    // The link as an older store sealed it: the digest over the body text, no prefix, its chain hash recomputed.
    const asV1 = (to: string, digestOf: (rows: FindingRow[]) => string): string =>
      rewrite(unsigned, join(dir, to), (es) => {
        const manifest = JSON.parse(text(es.find((e) => e.name === "manifest.json")!)) as PackageManifest;
        const own = manifest.chain.links.at(-1)!;
        const db = openDb(join(dir, "data", "sageaudit.db"), { readonly: true });
        try {
          own.findingsDigest = digestOf(findingRows(db, manifest.run.id));
        } finally {
          db.close();
        }
        own.chainHash = chainHash(own.prevHash, own);
        manifest.chain.runChainHash = own.chainHash;
        return es.map((e) => (e.name === "manifest.json" ? { name: e.name, data: `${JSON.stringify(manifest, null, 2)}\n` } : e));
      });
    const old = runCli(["verify", asV1("v1.zip", (rows) => findingsDigest(rows, 1))], { cwd: dir });
    expect(old.stdout).toMatch(/ok\s+chain/);
    expect(old.code).toBe(0);
    const wrong = runCli(["verify", asV1("v1-wrong.zip", (rows) => findingsDigest(rows.slice(1), 1))], { cwd: dir });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("this run's link seals other findings than the ones re-derived from the packaged evidence");
  });

  it("packages the same run twice to identical bytes", () => {
    const again = join(dir, "again.zip");
    ok(["package", "--framework", "hipaa", "--run", runId, "--config", CONFIG, "--out", again, "--sign-key", join(dir, "keys", "sageaudit-signing-key.pem")], dir);
    expect(sha256(readFileSync(again))).toBe(sha256(readFileSync(signed)));
  });

  it("renders a stored run to identical bytes in every format with SOURCE_DATE_EPOCH", () => {
    const env = { SOURCE_DATE_EPOCH: "1790000000" };
    ok(["report", "--framework", "hipaa", "--run", runId, "--config", CONFIG, "--format", "pdf,html,json,csv", "--out", "r1"], dir, env);
    ok(["report", "--framework", "hipaa", "--run", runId, "--config", CONFIG, "--format", "pdf,html,json,csv", "--out", "r2"], dir, env);
    const files = readdirSync(join(dir, "r1")).sort();
    expect(files).toEqual(["csv", "html", "json", "pdf"].map((f) => `hipaa-${runId}.${f}`));
    const digests = (d: string): string[] => files.map((f) => `${f} ${sha256(readFileSync(join(dir, d, f)))}`);
    expect(digests("r2")).toEqual(digests("r1"));
    expect((JSON.parse(readFileSync(join(dir, "r1", `hipaa-${runId}.json`), "utf8")) as ReportModel).generatedAt).toBe(new Date(1790000000 * 1000).toISOString());
    const bad = runCli(["report", "--framework", "hipaa", "--run", runId, "--out", "r3"], { cwd: dir, env: { SOURCE_DATE_EPOCH: "yesterday" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("SOURCE_DATE_EPOCH");
  });

  it("verifies after the database it came from is deleted, from another directory", () => {
    const elsewhere = tempDir("sageaudit-auditor-");
    cpSync(signed, join(elsewhere, "package.zip"));
    cpSync(publicKey, join(elsewhere, "sender.pem"));
    rmSync(join(dir, "data"), { recursive: true, force: true });
    expect(existsSync(join(dir, "data", "sageaudit.db"))).toBe(false);
    const r = runCli(["verify", "package.zip", "--public-key", "sender.pem"], { cwd: elsewhere });
    expect(r.stdout).toMatch(/^valid/m);
    expect(r.code).toBe(0);
  });
});
