import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from "node:crypto";
import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { sha256Hex } from "../evidence/canonical.js";
import { UsageError } from "../errors.js";

/**
 * Ed25519 keys (RFC 8032) through node:crypto: PKCS#8 PEM for the private key, SPKI PEM for the
 * public one. The fingerprint is `sha256:` + hex SHA-256 of the SPKI DER, the form an auditor
 * compares out of band (https://nodejs.org/api/crypto.html#keyobjectexportoptions).
 */
export function fingerprintOf(publicKey: KeyObject): string {
  return `sha256:${sha256Hex(publicKey.export({ type: "spki", format: "der" }))}`;
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

export function generateSigningKeys(): { privatePem: string; publicPem: string; fingerprint: string } {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKeyPem(publicKey),
    fingerprint: fingerprintOf(publicKey),
  };
}

function readKeyFile(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${what} ${path}: ${(error as Error).message}`);
  }
}

/** The signing key `package` uses; never logged, never packaged (only its public half is). */
export function loadSigningKey(path: string): { privateKey: KeyObject; publicKey: KeyObject } {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(readKeyFile(path, "signing key"));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`signing key ${path} is not a PEM private key (create one with "sageaudit keygen --out DIR")`);
  }
  if (privateKey.asymmetricKeyType !== "ed25519") throw new UsageError(`signing key ${path} is a ${privateKey.asymmetricKeyType ?? "unknown"} key; evidence packages are signed with Ed25519 (sageaudit keygen)`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** Parses a public key PEM (a file an auditor pins, or the package's own public-key.pem). */
export function parsePublicKey(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new UsageError(`${where} is not a PEM public key`);
  }
  if (key.asymmetricKeyType !== "ed25519") throw new UsageError(`${where} is a ${key.asymmetricKeyType ?? "unknown"} key, not Ed25519`);
  return key;
}

export function loadPublicKey(path: string): KeyObject {
  return parsePublicKey(readKeyFile(path, "public key"), `public key ${path}`);
}

/** Ed25519 signs the message itself (no pre-hash): `algorithm` is null for Ed25519 in node:crypto. */
export function signBytes(data: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, data, privateKey).toString("base64")}\n`;
}

export function verifyBytes(data: Uint8Array, signatureText: string, publicKey: KeyObject): boolean {
  const signature = Buffer.from(signatureText.trim(), "base64");
  if (signature.length !== 64) return false;
  return verify(null, data, publicKey, signature);
}
