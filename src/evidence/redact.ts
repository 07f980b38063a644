import { canonicalJson, sha256Hex } from "./canonical.js";
import { mapItems } from "./copy-on-write.js";
import { hashEvidence, withHash } from "./record.js";
import {
  classifyEntry,
  formatRedaction,
  isNonSecretLiteral,
  isRedactedMarker,
  maskSecrets,
  secretKindOfName,
  secretKindsOfValue,
  SECRET_REFERENCE as REFERENCE,
} from "./secrets.js";
import type { RedactionKind, SecretKind } from "./secrets.js";
import type { EvidenceRecord } from "./types.js";

export interface RedactionPolicy {
  /** Keys whose value is a map of secrets: keys are kept, every value is replaced. */
  mapKeys: string[];
  /** Keys whose whole value is replaced. */
  valueKeys: string[];
}

/**
 * Version of the built-in rules (this file and src/evidence/secrets.ts). Bump it whenever they
 * would redact something they did not before: stored evidence redacted under an older version is
 * then re-redacted (src/store/redaction.ts) instead of being reused as it is.
 */
export const REDACTION_RULES_VERSION = 2;

export const DEFAULT_REDACTION: RedactionPolicy = {
  mapKeys: ["Environment"],
  valueKeys: ["PresignedUrl", "PresignedDomainUrl", "AuthorizedUrl", "Password", "SecretAccessKey", "SessionToken"],
};

/** The built-in rules plus configured ones (`redaction` in the config file): configuration adds, never removes. */
export function redactionPolicyWith(extra: Partial<RedactionPolicy> = {}): RedactionPolicy {
  return {
    mapKeys: [...new Set([...DEFAULT_REDACTION.mapKeys, ...(extra.mapKeys ?? [])])],
    valueKeys: [...new Set([...DEFAULT_REDACTION.valueKeys, ...(extra.valueKeys ?? [])])],
  };
}

/** Identifies a policy (built-in rules version + keys): evidence stored under another one is re-redacted. */
export function redactionFingerprint(policy: RedactionPolicy): string {
  const keys = (list: string[]): string[] => [...new Set(list.map((k) => k.toLowerCase()))].sort();
  return sha256Hex(canonicalJson({ rules: REDACTION_RULES_VERSION, mapKeys: keys(policy.mapKeys), valueKeys: keys(policy.valueKeys) }));
}

/** Noise the SDK adds that is not evidence and differs on every call. */
const DROPPED_KEYS = new Set(["$metadata", "ResponseMetadata"]);

/**
 * A reference to a secret store is not itself a secret, and checks need to see it to tell a
 * literal secret from a reference (sagemaker.model.no-plaintext-secrets).
 */
export const SECRET_REFERENCE = REFERENCE;

/**
 * Free-form maps whose entries are scanned by name and by value (non-secret entries stay readable):
 * training-job `HyperParameters` ("Algorithm-specific parameters", a string-to-string map,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeTrainingJob.html) and the
 * `StaticHyperParameters` of tuning-job definitions
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_HyperParameterTrainingJobDefinition.html).
 */
const SCANNED_MAPS = new Set(["hyperparameters", "statichyperparameters"]);

/**
 * Tags: `Tags: [{Key, Value}]` in SageMaker responses (ListTags,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_Tag.html), `[{key, value}]` in
 * CloudTrail requestParameters, and `{key: value}` maps in AWS Config items. A tag value is free
 * text anyone with read access sees; it is scanned by its key's name and by its value.
 */
const TAG_KEYS = new Set(["tags", "taglist"]);

/**
 * Command lines of containers: `AlgorithmSpecification.ContainerEntrypoint` /
 * `ContainerArguments` of training jobs
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AlgorithmSpecification.html),
 * `AppSpecification.ContainerEntrypoint` / `ContainerArguments` of processing jobs
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AppSpecification.html), monitoring
 * job definitions, and `Entrypoint` elsewhere. Each element is scanned as free text, and the element
 * after a secret-named flag (`--api-key`, `--password`) is masked.
 */
const ARGUMENT_KEYS = new Set(["entrypoint", "containerentrypoint", "containerarguments"]);

/**
 * Lifecycle configuration scripts: `OnCreate[].Content` / `OnStart[].Content` are "a base64-encoded
 * string that contains a shell script"
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html);
 * `StudioLifecycleConfigContent` is the base64 script of a Studio lifecycle configuration
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeStudioLifecycleConfig.html).
 * They are decoded and scanned, and always stored as a hash only.
 */
const SCRIPT_PATH = /\.(onCreate|onStart)\[\d+\]\.content$/i;
const SCRIPT_KEYS = new Set(["studiolifecycleconfigcontent"]);

/** Flags that name a secret: `--api-key`, `-password`, `--hf_token`. */
const FLAG = /^-{1,2}([A-Za-z][A-Za-z0-9_.-]*)$/;

export function redactedMarker(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `[REDACTED sha256:${sha256Hex(text).slice(0, 12)}]`;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date);

function decodeBase64(text: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: false }).decode(Uint8Array.from(atob(text.replace(/\s+/g, "")), (c) => c.charCodeAt(0)));
  } catch {
    // Not base64 after all: scan the text as it is.
    return text;
  }
}

/** Marks a member the walk leaves out of its copy (DROPPED_KEYS). */
const DROP = Symbol("dropped");

/**
 * `node` with each member replaced by `next(key, member)`, in the same order; DROP leaves a member
 * out. The very object when none changed, else a copy begun at the first that did.
 */
function mapMembers(node: Record<string, unknown>, next: (key: string, member: unknown) => unknown): Record<string, unknown> {
  const keys = Object.keys(node);
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const member = node[key];
    const written = next(key, member);
    if (out === undefined) {
      if (written === member) continue;
      out = {};
      for (let j = 0; j < i; j++) put(out, keys[j] as string, node[keys[j] as string]);
    }
    if (written !== DROP) put(out, key, written);
  }
  return out ?? node;
}

/**
 * Sets a member of a copy. A member named "__proto__" (a hyperparameter, a tag key, a member of a
 * parsed CloudTrail event) is defined as an own member: assigned, it would set the copy's
 * prototype instead and leave the evidence.
 */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Keys lower-cased once: the walk asks for every key of every response, and responses repeat a few
 * hundred names. Bounded in entries and in key length (keys of free-form maps, tags and
 * hyperparameters, are untrusted and as many as the estate has): others are lower-cased each time.
 */
const lowered = new Map<string, string>();
const LOWERED_MAX = 10_000;
const LOWERED_KEY_MAX = 128;
function lowerCase(key: string): string {
  let lower = lowered.get(key);
  if (lower === undefined) {
    lower = key.toLowerCase();
    if (lowered.size < LOWERED_MAX && key.length <= LOWERED_KEY_MAX) lowered.set(key, lower);
  }
  return lower;
}

/**
 * Returns `value` with secret-bearing values replaced (a copy of each object or array in which
 * anything changed; what did not change is shared with the input, which is never modified) and one `redactions` entry per
 * replaced value: its dotted path and the kinds removed, e.g.
 * `response.HyperParameters.wandb_api_key (api-key)` or
 * `response.Containers[0].Environment.MODEL_NAME (policy)` (see `formatRedaction`). The marker keeps
 * a short hash so that a changed secret still shows up as changed evidence. Values that are already
 * markers are left alone, so redacting twice changes nothing.
 */
export function redact(
  value: unknown,
  policy: RedactionPolicy = DEFAULT_REDACTION,
  root = "response",
): { value: unknown; redactions: string[]; changed: boolean } {
  const redactions: string[] = [];
  // Whether the copy differs from the input at all, so callers need not compare the two.
  let changed = false;
  // Paths are built by concatenation and read only when a value is noted: V8 keeps them as ropes
  // until then, so a walk over a large response does not flatten one string per node.
  const note = (path: string, kinds: readonly RedactionKind[]): void => {
    changed = true;
    redactions.push(formatRedaction(path, kinds));
  };
  // API responses say `Environment`; CloudTrail's requestParameters say `environment`.
  const mapKeys = new Set(policy.mapKeys.map((k) => k.toLowerCase()));
  const valueKeys = new Set(policy.valueKeys.map((k) => k.toLowerCase()));

  /** Any string, anywhere: masks what has the shape of a credential, keeps the rest of the text. */
  const scanString = (text: string, path: string, freeText = false): string => {
    const masked = maskSecrets(text, redactedMarker, { freeText });
    if (masked.kinds.length > 0) note(path, masked.kinds);
    else if (masked.text !== text) changed = true;
    return masked.text;
  };

  /** One entry of a free-form map (hyperparameter, tag): by value first, else by name. */
  const scanEntry = (name: string, entry: unknown, path: string): unknown => {
    if (typeof entry !== "string") return walk(entry, path);
    if (isRedactedMarker(entry)) return entry;
    if (secretKindsOfValue(entry).length > 0) return scanString(entry, path);
    const byName = secretKindOfName(name);
    if (byName && !isNonSecretLiteral(entry)) {
      note(path, [byName]);
      return redactedMarker(entry);
    }
    return entry;
  };

  const maskAll = (map: Record<string, unknown>, path: string): Record<string, unknown> => {
    const masked: Record<string, unknown> = {};
    for (const [name, entry] of Object.entries(map)) {
      if (entry === "" || entry === null || entry === undefined || (typeof entry === "string" && (REFERENCE.test(entry) || isRedactedMarker(entry)))) {
        put(masked, name, entry);
        continue;
      }
      const kinds = classifyEntry(name, typeof entry === "string" ? entry : JSON.stringify(entry));
      put(masked, name, redactedMarker(entry));
      note(`${path}.${name}`, kinds.length > 0 ? kinds : ["policy"]);
    }
    return masked;
  };

  const scanArguments = (args: unknown[], path: string): unknown[] => {
    let flagKind: SecretKind | undefined;
    return mapItems(args, (arg, i) => {
      const at = `${path}[${i}]`;
      const pending = flagKind;
      flagKind = undefined;
      if (typeof arg !== "string") return walk(arg, at);
      if (isRedactedMarker(arg)) return arg;
      if (pending && !arg.startsWith("-") && !isNonSecretLiteral(arg) && secretKindsOfValue(arg).length === 0) {
        note(at, [pending]);
        return redactedMarker(arg);
      }
      const flag = FLAG.exec(arg);
      if (flag) flagKind = secretKindOfName(flag[1] as string);
      return scanString(arg, at, true);
    });
  };

  const scanScript = (content: string, path: string): string => {
    if (isRedactedMarker(content)) return content;
    const kinds = secretKindsOfValue(decodeBase64(content), { freeText: true });
    note(path, kinds.length > 0 ? kinds : ["script"]);
    return redactedMarker(content);
  };

  const scanTags = (tags: unknown[], path: string): unknown[] =>
    mapItems(tags, (tag, i) => {
      const at = `${path}[${i}]`;
      if (!isPlainObject(tag)) return walk(tag, at);
      const keyField = "Key" in tag ? "Key" : "key" in tag ? "key" : undefined;
      const valueField = "Value" in tag ? "Value" : "value" in tag ? "value" : undefined;
      if (!keyField || !valueField || typeof tag[keyField] !== "string") return walk(tag, at);
      const name = tag[keyField];
      return mapMembers(tag, (k, v) => (k === valueField ? scanEntry(name, v, `${at}.${k}`) : walk(v, `${at}.${k}`, k)));
    });

  // Copy on write (mapItems, mapMembers): a response with nothing to redact, nearly all of them,
  // costs a walk and no copy.
  const walk = (node: unknown, path: string, key?: string): unknown => {
    if (typeof node === "string") {
      if (key === "CloudTrailEvent") return redactEmbeddedJson(node, path);
      return scanString(node, path);
    }
    if (Array.isArray(node)) return mapItems(node, (item, i) => walk(item, `${path}[${i}]`));
    if (!isPlainObject(node)) return node;
    return mapMembers(node, (key, member) => {
      if (!DROPPED_KEYS.has(key)) return walkMember(key, member, `${path}.${key}`);
      changed = true;
      return DROP;
    });
  };

  /** A member of an object, by what its key says it holds. */
  const walkMember = (key: string, member: unknown, childPath: string): unknown => {
    const lower = lowerCase(key);
    if (mapKeys.has(lower) && isPlainObject(member)) return maskAll(member, childPath);
    if (valueKeys.has(lower) && member !== undefined && member !== null) {
      if (typeof member === "string" && isRedactedMarker(member)) return member;
      const text = typeof member === "string" ? member : JSON.stringify(member);
      const kinds = classifyEntry(key, text);
      note(childPath, kinds.length > 0 ? kinds : ["policy"]);
      return redactedMarker(member);
    }
    if ((SCANNED_MAPS.has(lower) || TAG_KEYS.has(lower)) && isPlainObject(member)) {
      return mapMembers(member, (name, entry) => scanEntry(name, entry, `${childPath}.${name}`));
    }
    if (TAG_KEYS.has(lower) && Array.isArray(member)) return scanTags(member, childPath);
    if (ARGUMENT_KEYS.has(lower) && Array.isArray(member)) return scanArguments(member, childPath);
    if (typeof member === "string" && (SCRIPT_KEYS.has(lower) || (lower === "content" && SCRIPT_PATH.test(childPath)))) return scanScript(member, childPath);
    return walk(member, childPath, key);
  };

  // CloudTrail hands the full event as a JSON string whose requestParameters and responseElements
  // carry the same fields as the API (CreateModel's environment, CreateTrainingJob's
  // hyperParameters, tags): redact inside it with the same rules
  // (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_Event.html).
  const redactEmbeddedJson = (text: string, path: string): string => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return scanString(text, path);
    }
    const out = JSON.stringify(walk(parsed, path, "CloudTrailEvent"));
    if (out !== text) changed = true;
    return out;
  };

  return { value: walk(value, root), redactions, changed };
}

/**
 * Records whose every value went through `redact` in this process. Any policy holds the built-in
 * rules (configuration adds, never removes) and redacting twice changes nothing, so scanning such
 * a record again with the built-in rules can find no secret its `redactions` do not already name:
 * the secrets check reads their `redactions` alone, and scans every other record (evidence built
 * without redaction) itself. Keyed by the very object: sealed records are never mutated, and a
 * record redacted again is a new object.
 */
const redactedRecords = new WeakSet<EvidenceRecord>();

export function markRedacted(record: EvidenceRecord): EvidenceRecord {
  redactedRecords.add(record);
  return record;
}

/** Whether `record` went through `redact` (or `redactRecord`) under some policy in this process. */
export function wasRedacted(record: EvidenceRecord): boolean {
  return redactedRecords.has(record);
}

/**
 * Redacts a record that was sealed elsewhere (a snapshot directory, the demo estate, an evidence
 * package, the store's memory of earlier runs) under `policy`. Returns the very same object when
 * nothing changed; otherwise a copy with the new redactions appended and its sha256 recomputed over
 * the redacted content. The id is kept: it names the request, and findings refer to it.
 */
export function redactRecord(record: EvidenceRecord, policy: RedactionPolicy = DEFAULT_REDACTION): EvidenceRecord {
  const params = redact(record.params, policy, "params");
  const response = record.response !== undefined ? redact(record.response, policy, "response") : undefined;
  const error = record.error !== undefined ? redact(record.error, policy, "error") : undefined;
  if (!params.changed && !response?.changed && !error?.changed) return markRedacted(record);
  const found = [...params.redactions, ...(response?.redactions ?? []), ...(error?.redactions ?? [])];
  const redactions = [...new Set([...record.redactions, ...found])];
  const { sha256: _old, ...rest } = record;
  const content = JSON.parse(
    canonicalJson({
      ...rest,
      params: params.value,
      ...(response ? { response: response.value } : {}),
      ...(error ? { error: error.value } : {}),
      redactions,
    }),
  ) as Omit<EvidenceRecord, "sha256">;
  return markRedacted(withHash(content, hashEvidence(content)));
}

/** `redactRecord` over many records, with the number it changed. */
export function redactRecords(records: readonly EvidenceRecord[], policy: RedactionPolicy = DEFAULT_REDACTION): { records: EvidenceRecord[]; changed: number } {
  let changed = 0;
  const out = records.map((r) => {
    const next = redactRecord(r, policy);
    if (next !== r) changed++;
    return next;
  });
  return { records: out, changed };
}
