import { sha256Hex } from "./canonical.js";

export interface RedactionPolicy {
  /** Keys whose value is a map of secrets: keys are kept, every value is replaced. */
  mapKeys: string[];
  /** Keys whose whole value is replaced. */
  valueKeys: string[];
}

export const DEFAULT_REDACTION: RedactionPolicy = {
  mapKeys: ["Environment"],
  valueKeys: ["PresignedUrl", "PresignedDomainUrl", "AuthorizedUrl", "Password", "SecretAccessKey", "SessionToken"],
};

/** Noise the SDK adds that is not evidence and differs on every call. */
const DROPPED_KEYS = new Set(["$metadata", "ResponseMetadata"]);

// A reference to a secret store is not itself a secret, and checks need to see it to tell a
// literal secret from a reference (sagemaker.model.no-plaintext-secrets).
export const SECRET_REFERENCE = /^arn:aws[\w-]*:(secretsmanager|ssm):/;

// A presigned URL carries a usable credential whatever key it hides under.
const SIGNED_URL = /X-Amz-(Signature|Credential|Security-Token)=/i;

export function redactedMarker(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `[REDACTED sha256:${sha256Hex(text).slice(0, 12)}]`;
}

/**
 * Returns a copy of `value` with secret-bearing values replaced and the dotted paths that were
 * redacted (e.g. `response.Containers[0].Environment.DB_PASSWORD`). The marker keeps a short hash
 * so that a changed secret still shows up as changed evidence.
 */
export function redact(
  value: unknown,
  policy: RedactionPolicy = DEFAULT_REDACTION,
  root = "response",
): { value: unknown; redactions: string[] } {
  const redactions: string[] = [];
  // API responses say `Environment`; CloudTrail's requestParameters say `environment`.
  const mapKeys = new Set(policy.mapKeys.map((k) => k.toLowerCase()));
  const valueKeys = new Set(policy.valueKeys.map((k) => k.toLowerCase()));

  const walk = (node: unknown, path: string): unknown => {
    if (typeof node === "string") {
      if (path.endsWith(".CloudTrailEvent")) return redactEmbeddedJson(node, path);
      if (SIGNED_URL.test(node)) {
        redactions.push(path);
        return redactedMarker(node);
      }
      return node;
    }
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${path}[${i}]`));
    if (node instanceof Date || node === null || typeof node !== "object") return node;
    const out: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(node as Record<string, unknown>)) {
      if (DROPPED_KEYS.has(key)) continue;
      const childPath = `${path}.${key}`;
      if (mapKeys.has(key.toLowerCase()) && member !== null && typeof member === "object" && !Array.isArray(member)) {
        const masked: Record<string, unknown> = {};
        for (const [envKey, envValue] of Object.entries(member as Record<string, unknown>)) {
          if (envValue === "" || (typeof envValue === "string" && SECRET_REFERENCE.test(envValue))) {
            masked[envKey] = envValue;
            continue;
          }
          masked[envKey] = redactedMarker(envValue);
          redactions.push(`${childPath}.${envKey}`);
        }
        out[key] = masked;
      } else if (valueKeys.has(key.toLowerCase()) && member !== undefined && member !== null) {
        out[key] = redactedMarker(member);
        redactions.push(childPath);
      } else {
        out[key] = walk(member, childPath);
      }
    }
    return out;
  };

  // CloudTrail hands the full event as a JSON string whose requestParameters can carry the same
  // secrets (CreateModel with an Environment map): redact inside it too.
  const redactEmbeddedJson = (text: string, path: string): string => {
    try {
      return JSON.stringify(walk(JSON.parse(text), path));
    } catch {
      return text;
    }
  };

  return { value: walk(value, root), redactions };
}
