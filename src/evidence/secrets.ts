/**
 * The one secret detector of sageaudit, pure (no I/O, no hashing). Redaction (src/evidence/redact.ts)
 * uses it to decide what to mask before evidence is hashed and stored; the checks
 * (`sagemaker.model.no-plaintext-secrets`, `sagemaker.resource.no-plaintext-secrets`) use the same
 * rules, reading the kinds redaction recorded, so what is masked and what is reported never diverge.
 *
 * It answers with the *kind* of secret (`password`, `github-token`, `url-credentials`, …), never
 * with the value. Two ways to recognise a secret:
 *   - by name: the key of a free-form map (an environment variable, a hyperparameter, a tag key, a
 *     command-line flag) says it holds a credential (`DB_PASS`, `dbPassword`, `wandb_api_key`);
 *   - by value: the text has the shape of a credential whatever its name (an AWS access key id, a
 *     GitHub token, a URL with `user:password@`, a presigned query string, a PEM private key).
 */

/** What a secret is, as recorded in `redactions` and reported by the checks. */
export type SecretKind =
  // by name
  | "password"
  | "secret"
  | "token"
  | "api-key"
  | "access-key"
  | "private-key"
  | "credential"
  | "auth"
  | "connection-string"
  // by value
  | "aws-access-key-id"
  | "aws-secret-access-key"
  | "github-token"
  | "slack-token"
  | "slack-webhook"
  | "stripe-key"
  | "openai-key"
  | "anthropic-key"
  | "huggingface-token"
  | "wandb-key"
  | "google-api-key"
  | "jwt"
  | "bearer-token"
  | "basic-auth"
  | "private-key-block"
  | "url-credentials"
  | "presigned-url"
  | "url-token";

/**
 * Kinds redaction records for values it masks that are *not* detected secrets: `policy` for a value
 * masked only because its map is masked wholesale (every `Environment` value) or its key is a
 * configured value key; `script` for a lifecycle script, always stored as a hash only.
 */
export type MaskKind = "policy" | "script";
export type RedactionKind = SecretKind | MaskKind;

const SINGLE_WORDS: Readonly<Record<string, SecretKind>> = {
  PASSWORD: "password",
  PASSWORDS: "password",
  PASSWD: "password",
  PASS: "password",
  PWD: "password",
  PASSPHRASE: "password",
  SECRET: "secret",
  SECRETS: "secret",
  TOKEN: "token",
  TOKENS: "token",
  APIKEY: "api-key",
  ACCESSKEY: "access-key",
  PRIVATEKEY: "private-key",
  CREDENTIAL: "credential",
  CREDENTIALS: "credential",
  CREDS: "credential",
  AUTH: "auth",
  DSN: "connection-string",
  CONNSTRING: "connection-string",
};

/** Two consecutive words that together name a secret. */
const WORD_PAIRS: readonly [string, string, SecretKind][] = [
  ["API", "KEY", "api-key"],
  ["ACCESS", "KEY", "access-key"],
  ["PRIVATE", "KEY", "private-key"],
  ["SIGNING", "KEY", "private-key"],
  ["CONN", "STRING", "connection-string"],
  ["CONNECTION", "STRING", "connection-string"],
  ["CONNECTION", "URI", "connection-string"],
  ["DATABASE", "URL", "connection-string"],
];

/**
 * A last word that makes the name about the secret rather than the secret itself: `SECRET_ARN`,
 * `PASSWORD_FILE`, `TOKEN_URL`, `AUTH_MODE`, `AWS_ACCESS_KEY_ID` (an id; its value is caught by
 * value when it is an access key). Such values are still scanned by value.
 */
const QUALIFIERS = new Set([
  "ARN", "ID", "IDS", "NAME", "TYPE", "MODE", "METHOD", "PROVIDER", "URL", "URI", "ENDPOINT", "HOST", "PORT", "FILE",
  "PATH", "DIR", "REGION", "ENABLED", "DISABLED", "REQUIRED", "TTL", "TIMEOUT", "EXPIRY", "EXPIRES", "EXPIRATION",
  "LENGTH", "SIZE", "HEADER", "SCHEME", "VERSION", "LOCATION", "POLICY", "ROTATION", "KIND", "FORMAT", "ALGORITHM",
  "COUNT", "LIMIT",
]);

/**
 * A first word that makes the name a quantity: `MAX_TOKENS`, `MAX_NEW_TOKENS`, `NUM_KEYS`,
 * `MIN_PASSWORD_LENGTH` — model-serving settings, not credentials. Their values are still scanned by value.
 */
const QUANTITIES = new Set(["MAX", "MIN", "NUM", "NUMBER", "TOTAL"]);

/** Splits a snake, kebab, dotted or camel-case name into upper-case words: `dbPassword` → DB, PASSWORD. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toUpperCase());
}

/**
 * The kind of secret a key name announces, matched on whole words: `DB_PASS`, `dbPassword`,
 * `wandb_api_key`, `x-api-key` match; `PASSTHROUGH`, `TOKENIZER_NAME`, `SECRET_ARN`, `MAX_TOKENS` do not.
 */
export function secretKindOfName(name: string): SecretKind | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const last = words[words.length - 1] as string;
  if (words.length > 1 && (QUALIFIERS.has(last) || QUANTITIES.has(words[0] as string))) return undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    for (const [a, b, kind] of WORD_PAIRS) if (word === a && next === b) return kind;
    const single = SINGLE_WORDS[word];
    if (single) return single;
  }
  return undefined;
}

/** A Secrets Manager secret or an SSM parameter named by ARN: a reference to a secret, not one. */
export const SECRET_REFERENCE = /^arn:aws[\w-]*:(secretsmanager|ssm):/;

/** Values that a secret-named key can hold without holding a secret (flags, empty, a reference, a variable). */
export function isNonSecretLiteral(value: string): boolean {
  const v = value.trim();
  if (v === "" || SECRET_REFERENCE.test(v)) return true;
  if (/^(true|false|yes|no|on|off|none|null|nil|enabled|disabled|required|optional|\*+)$/i.test(v)) return true;
  // A shell/template reference to a variable holds no value itself: $DB_PASS, ${DB_PASS}, {{ secret }}.
  if (/^(\$\{?[A-Za-z_][A-Za-z0-9_]*\}?|\{\{[^}]*\}\}|%\([A-Za-z_]+\)s)$/.test(v)) return true;
  return isRedactedMarker(v);
}

/** The marker redaction leaves in place of a value. */
export const MARKER = /\[REDACTED sha256:[0-9a-f]{12}\]/;
const MARKERS = new RegExp(MARKER.source, "g");
export function isRedactedMarker(value: string): boolean {
  return /^\[REDACTED sha256:[0-9a-f]{12}\]$/.test(value);
}

/** One secret found in a text: its kind and where it is (never returned outside redaction). */
export interface SecretSpan {
  kind: SecretKind;
  start: number;
  end: number;
}

interface ValueRule {
  kind: SecretKind;
  pattern: RegExp;
  /** Index of the capture group that is the secret; the whole match when absent. */
  group?: number;
}

// Sources of the formats (public documentation of each issuer):
// - AWS access keys: "Access key IDs beginning with AKIA are long-term credentials … ASIA are temporary"
//   https://docs.aws.amazon.com/STS/latest/APIReference/API_GetAccessKeyInfo.html
// - Presigned URLs carry X-Amz-Credential / X-Amz-Signature / X-Amz-Security-Token in the query string
//   https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
// - GitHub token prefixes ghp_/gho_/ghu_/ghs_/ghr_ and github_pat_:
//   https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/about-authentication-to-github
// - Slack xoxb-/xoxp-/… tokens and hooks.slack.com webhooks: https://api.slack.com/authentication/token-types
// - Hugging Face user access tokens start with hf_: https://huggingface.co/docs/hub/security-tokens
// - JWT: three base64url parts, the header a JSON object ("eyJ"): RFC 7519.
const VALUE_RULES: readonly ValueRule[] = [
  { kind: "private-key-block", pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g },
  { kind: "aws-access-key-id", pattern: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  {
    kind: "aws-secret-access-key",
    pattern: /(?:aws_?secret_?access_?key|secret_?access_?key|aws_?secret_?key|SecretAccessKey)["']?\s*[:=]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    group: 1,
  },
  { kind: "github-token", pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})(?![A-Za-z0-9_])/g },
  { kind: "slack-token", pattern: /(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: "slack-webhook", pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]{20,}/g },
  { kind: "stripe-key", pattern: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g },
  { kind: "anthropic-key", pattern: /(?<![A-Za-z0-9])sk-ant-[A-Za-z0-9_-]{20,}/g },
  { kind: "openai-key", pattern: /(?<![A-Za-z0-9])sk-(?!ant-)(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/g },
  { kind: "huggingface-token", pattern: /(?<![A-Za-z0-9])hf_[A-Za-z0-9]{30,}(?![A-Za-z0-9])/g },
  // W&B API keys are 40 hex digits; bare 40-hex strings are commit ids, so only in a W&B context.
  { kind: "wandb-key", pattern: /(?:wandb[_-]?api[_-]?key["']?\s*[:=]\s*["']?|wandb\s+login\s+(?:--\S+\s+)*)([0-9a-f]{40})(?![0-9a-f])/gi, group: 1 },
  { kind: "google-api-key", pattern: /(?<![A-Za-z0-9])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g },
  { kind: "jwt", pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g },
  { kind: "bearer-token", pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/gi, group: 1 },
  { kind: "basic-auth", pattern: /\bBasic\s+([A-Za-z0-9+/]{12,}={0,2})(?![A-Za-z0-9+/=])/g, group: 1 },
  // scheme://user:password@host — only the password is secret; scheme, user, host and path stay.
  { kind: "url-credentials", pattern: /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@?#]*:([^\s/@?#]+)@/gi, group: 1 },
  // user:password@registry.example.com/image (image URIs carry no scheme).
  { kind: "url-credentials", pattern: /(?<![\w.:/@-])[A-Za-z0-9._%+-]+:([^\s/@:?#]+)@(?=[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[/:])/g, group: 1 },
  // Password=…; in ADO/JDBC/ODBC/Azure connection strings.
  { kind: "connection-string", pattern: /(?:^|[;?&\s])(?:password|pwd|accountkey|sharedaccesskey|secret)\s*=\s*([^;&\s]+)/gi, group: 1 },
  // SigV4 (and V2) presigned query parameters: the whole value of each is a credential or signature.
  { kind: "presigned-url", pattern: /[?&](?:X-Amz-(?:Signature|Credential|Security-Token)|Signature|AWSAccessKeyId|x-amz-security-token)=([^&#\s"']+)/gi, group: 1 },
  // Tokens in query strings of image and S3 URIs, SAS signatures, API keys in URLs.
  { kind: "url-token", pattern: /[?&](?:token|access_token|auth_token|id_token|refresh_token|sig|signature|api_key|apikey|key|password|secret|X-Goog-Signature|code)=([^&#\s"']+)/gi, group: 1 },
];

/**
 * A `NAME=value` / `NAME: value` / `--name value` assignment of a secret-named key inside free text
 * (a lifecycle script, a container argument, a command line).
 */
const ASSIGNMENT = /(?:^|[\s;&|'"(])(?:export\s+)?-{0,2}([A-Za-z_][A-Za-z0-9_.-]*)(?:\s*=\s*|\s*:\s+|\s+(?=["']))(["']?)([^\s"';&|]+)\2/g;

/**
 * Every rule above needs one of these literals; a string without any (most API strings) cannot
 * match and skips the rules. Keep it in step with VALUE_RULES (secrets.test.ts covers each rule).
 */
const TRIGGER = /AKIA|ASIA|ABIA|ACCA|secret|gh[pousr]_|github_pat_|xox|hooks\.slack|[sr]k_(?:live|test)_|sk-|hf_|wandb|AIza|eyJ|bearer|basic\s|@|pass|pwd|accountkey|sharedaccesskey|[?&][\w-]+=|PRIVATE KEY/i;

function spansOfRules(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  if (!TRIGGER.test(text)) return spans;
  for (const rule of VALUE_RULES) {
    rule.pattern.lastIndex = 0;
    for (const m of text.matchAll(rule.pattern)) {
      const whole = m[0];
      const index = m.index;
      if (rule.group === undefined) {
        spans.push({ kind: rule.kind, start: index, end: index + whole.length });
        continue;
      }
      const part = m[rule.group];
      if (part === undefined || part === "" || isNonSecretLiteral(decodeSafe(part))) continue;
      const offset = whole.lastIndexOf(part);
      spans.push({ kind: rule.kind, start: index + offset, end: index + offset + part.length });
    }
  }
  // An AWS secret access key "next to" an access key id: a standalone 40-character key-shaped token.
  if (spans.some((s) => s.kind === "aws-access-key-id")) {
    for (const m of text.matchAll(/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g)) {
      const token = m[0];
      // Real secret keys mix cases and digits; a 40-hex commit id or a word run is not one.
      if (/^[0-9a-f]{40}$/.test(token) || !/[a-z]/.test(token) || !/[A-Z]/.test(token) || !/[0-9/+]/.test(token)) continue;
      spans.push({ kind: "aws-secret-access-key", start: m.index, end: m.index + token.length });
    }
  }
  return spans;
}

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function assignmentSpans(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const m of text.matchAll(ASSIGNMENT)) {
    const [whole, name = "", , value = ""] = m;
    const kind = secretKindOfName(name);
    if (!kind || isNonSecretLiteral(value)) continue;
    const offset = whole.lastIndexOf(value);
    spans.push({ kind, start: m.index + offset, end: m.index + offset + value.length });
  }
  return spans;
}

/** Overlapping spans merged, the earlier-listed (more specific) kind kept, ordered by position. */
function mergeSpans(spans: SecretSpan[]): SecretSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      last.end = Math.max(last.end, s.end);
      continue;
    }
    out.push({ ...s });
  }
  return out;
}

export interface ScanOptions {
  /**
   * Free text (a script, a command line, a container argument): also look for `NAME=value`
   * assignments of secret-named variables. Off for ordinary API strings, where "name: value" is
   * prose, not an assignment.
   */
  freeText?: boolean;
}

/** Where in `text` secrets are, by value (and by assignment in free text). Markers are never flagged. */
export function findSecrets(text: string, options: ScanOptions = {}): SecretSpan[] {
  if (text.length < 8) return [];
  const spans = spansOfRules(text);
  if (options.freeText) spans.push(...assignmentSpans(text));
  if (spans.length === 0) return spans;
  // A marker left by an earlier pass is not a secret, nor is any part of it (redacting twice changes nothing).
  const markers = [...text.matchAll(MARKERS)].map((m) => [m.index, m.index + m[0].length] as const);
  return mergeSpans(spans.filter((s) => !markers.some(([from, to]) => s.start < to && s.end > from)));
}

/** The kinds of secret a value holds, by its shape alone; empty when none. Never returns the value. */
export function secretKindsOfValue(text: string, options: ScanOptions = {}): SecretKind[] {
  return [...new Set(findSecrets(text, options).map((s) => s.kind))];
}

/**
 * Replaces each secret in `text` by `mask(secret)`, keeping everything around it (scheme, host and
 * path of a URL, the other arguments of a command line), and says which kinds it removed.
 */
export function maskSecrets(text: string, mask: (secret: string) => string, options: ScanOptions = {}): { text: string; kinds: SecretKind[] } {
  const spans = findSecrets(text, options);
  if (spans.length === 0) return { text, kinds: [] };
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + mask(text.slice(s.start, s.end));
    at = s.end;
  }
  out += text.slice(at);
  return { text: out, kinds: [...new Set(spans.map((s) => s.kind))] };
}

/**
 * Whether a (name, value) pair of a free-form map holds a secret, and which: by the value's shape
 * first (more specific), else by the name when the value is a literal.
 */
export function classifyEntry(name: string, value: string): SecretKind[] {
  const byValue = secretKindsOfValue(value);
  if (byValue.length > 0) return byValue;
  const byName = secretKindOfName(name);
  return byName && !isNonSecretLiteral(value) ? [byName] : [];
}

// ---- the `redactions` entries of an EvidenceRecord -------------------------------------------------

/**
 * `redactions` stays a `string[]` (the EvidenceRecord contract); each entry is `path (kind,kind)`,
 * e.g. `response.HyperParameters.wandb_api_key (api-key)`. Entries written before kinds were
 * recorded are a bare path; they parse with no kinds.
 */
export function formatRedaction(path: string, kinds: readonly RedactionKind[]): string {
  return kinds.length > 0 ? `${path} (${[...new Set(kinds)].join(",")})` : path;
}

export interface ParsedRedaction {
  path: string;
  kinds: RedactionKind[];
}

export function parseRedaction(entry: string): ParsedRedaction {
  const m = /^(.*) \(([a-z0-9,-]+)\)$/.exec(entry);
  if (!m) return { path: entry, kinds: [] };
  return { path: m[1] as string, kinds: (m[2] as string).split(",") as RedactionKind[] };
}

const MASK_KINDS: ReadonlySet<string> = new Set<MaskKind>(["policy", "script"]);

/** The detected secret kinds of a redaction entry (masks that are not secrets left out). */
export function secretKindsOf(entry: ParsedRedaction): SecretKind[] {
  return entry.kinds.filter((k): k is SecretKind => !MASK_KINDS.has(k));
}
