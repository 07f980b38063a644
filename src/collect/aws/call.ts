import type { Logger } from "pino";
import { Semaphore } from "../../aws/limits.js";
import type { Clock } from "../../aws/limits.js";
import { toEvidenceError } from "../../aws/errors.js";
import { evidenceId, sealEvidence } from "../../evidence/record.js";
import { SharedStrings } from "../../evidence/shared-strings.js";
import { markRedacted, redact, redactionFingerprint, redactRecord } from "../../evidence/redact.js";
import type { RedactionPolicy } from "../../evidence/redact.js";
import type { EvidenceRecord, EvidenceSource } from "../../evidence/types.js";
import type { Progress } from "../progress.js";
import type { CollectorMemory } from "../source.js";

export type Output = Record<string, unknown>;

export interface CallDeps {
  clock: Clock;
  policy: RedactionPolicy;
  memory: CollectorMemory;
  progress: Progress;
  logger?: Logger;
  /** Calls in flight per (service, account, region). */
  concurrency: number;
  /**
   * Log each gap at debug instead of warn: while live progress redraws the terminal (it counts the
   * gaps), a log line in between would be overwritten; the summary lists the gaps afterwards.
   */
  quietGaps?: boolean;
  /** Once aborted (shutdown), calls are no longer sent: each becomes an `Aborted` gap at once. */
  signal?: AbortSignal;
}

/**
 * Everything one collection recorded: one sealed, redacted EvidenceRecord per response page or
 * failed call, and the number of calls per `source:Operation`.
 */
export class EvidenceLog {
  readonly records: EvidenceRecord[] = [];
  readonly apiCalls: Record<string, number> = {};
  private readonly slots = new Map<string, Semaphore>();

  constructor(readonly deps: CallDeps) {}

  scope(source: EvidenceSource, account: string, region: string): CallScope {
    const key = `${source}|${account}|${region}`;
    let slots = this.slots.get(key);
    if (!slots) {
      slots = new Semaphore(this.deps.concurrency);
      this.slots.set(key, slots);
    }
    return new CallScope(this, source, account, region, slots);
  }

  private readonly ids = new Set<string>();
  private fingerprint: string | undefined;

  /** The fingerprint of this collection's redaction policy. */
  get policyFingerprint(): string {
    this.fingerprint ??= redactionFingerprint(this.deps.policy);
    return this.fingerprint;
  }

  private readonly strings = new SharedStrings();

  /** Every record added is redacted under this collection's policy: sealed from `redact`ed values, or reused as `reuse` says. */
  add(record: EvidenceRecord): void {
    this.records.push(markRedacted(this.strings.share(record)));
    this.ids.add(record.id);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  count(source: EvidenceSource, operation: string): void {
    const key = `${source}:${operation}`;
    this.apiCalls[key] = (this.apiCalls[key] ?? 0) + 1;
  }
}

export interface CallOptions {
  /** Awaited right before the request goes out (a rate limiter), inside the concurrency slot. */
  before?: () => Promise<void>;
  /**
   * Error codes the service documents as an answer rather than a failure (S3's NoSuchBucketPolicy:
   * the bucket has no policy). Such an outcome is recorded as a response `{ AnswerError: {Code,
   * Message} }`, not as a gap: the checks read it as "not configured".
   */
  answers?: readonly string[];
}

/** The response recorded for an error code the service documents as an answer (see `CallOptions.answers`). */
export interface ErrorAnswer {
  AnswerError: { Code: string; Message: string };
}

/** The calls of one service in one account and region. */
export class CallScope {
  constructor(
    private readonly log: EvidenceLog,
    readonly source: EvidenceSource,
    readonly account: string,
    readonly region: string,
    private readonly slots: Semaphore,
  ) {}

  /**
   * Sends one request and records its outcome. Never throws: whatever the call ends with (an AWS
   * error, a code-less HTTP 500 from an endpoint that lacks the API, a timeout, a credentials
   * failure) becomes a gap record and `undefined` is returned.
   */
  async call(operation: string, params: Output, send: () => Promise<unknown>, options: CallOptions = {}): Promise<Output | undefined> {
    const { deps } = this.log;
    return this.slots.run(async () => {
      await options.before?.();
      const collectedAt = deps.clock.now().toISOString();
      const started = Date.now();
      this.log.count(this.source, operation);
      deps.progress.call(this.source, this.region);
      const safeParams = redact(params, deps.policy, "params");
      const base = { source: this.source, operation, account: this.account, region: this.region, params: safeParams.value as Output, collectedAt };
      try {
        if (deps.signal?.aborted) throw Object.assign(new Error("the collection was aborted (shutdown) before this call was sent"), { name: "AbortError" });
        const output = (await send()) as Output;
        const safe = redact(output, deps.policy, "response");
        this.log.add(sealEvidence({ ...base, response: safe.value as Output, redactions: [...safeParams.redactions, ...safe.redactions] }));
        deps.logger?.debug({ call: `${this.source}:${operation}`, account: this.account, region: this.region, ms: Date.now() - started }, "aws call");
        return safe.value as Output;
      } catch (error) {
        const raw = toEvidenceError(error);
        if (options.answers?.includes(raw.code)) {
          const answer: ErrorAnswer = { AnswerError: { Code: raw.code, Message: raw.message } };
          const safe = redact(answer, deps.policy, "response");
          this.log.add(sealEvidence({ ...base, response: safe.value as Output, redactions: [...safeParams.redactions, ...safe.redactions] }));
          deps.logger?.debug({ call: `${this.source}:${operation}`, account: this.account, region: this.region, answer: raw.code }, "aws call");
          return safe.value as Output;
        }
        // Error messages can echo request values (an ARN with a presigned URL, a policy): same rules.
        const safeError = redact(raw, deps.policy, "error");
        const evidenceError = safeError.value as typeof raw;
        this.log.add(sealEvidence({ ...base, error: evidenceError, redactions: [...safeParams.redactions, ...safeError.redactions] }));
        deps.progress.gap(this.source, this.region);
        deps.logger?.[deps.quietGaps ? "debug" : "warn"](
          { call: `${this.source}:${operation}`, account: this.account, region: this.region, code: evidenceError.code, error: evidenceError.message },
          "evidence gap",
        );
        return undefined;
      }
    });
  }

  /**
   * Walks an SDK paginator page by page, recording each page with the exact input that produced it
   * (the paginator adds the previous page's token). A failed page ends the walk with a gap record:
   * what follows it is unknown, and the gap says so.
   */
  async *pages(
    operation: string,
    input: Output,
    paginator: (input: Output) => AsyncIterable<unknown>,
    options: CallOptions & { tokenKey?: string; outputTokenKey?: string } = {},
  ): AsyncGenerator<Output> {
    const tokenKey = options.tokenKey ?? "NextToken";
    // KMS names the token NextMarker in the answer and Marker in the request.
    const outputTokenKey = options.outputTokenKey ?? tokenKey;
    // The paginator writes into the object it is given; keep ours clean for the records.
    const iterator = paginator({ ...input })[Symbol.asyncIterator]();
    let params: Output = { ...input };
    const seen = new Set<string>();
    for (;;) {
      const page = await this.call(
        operation,
        params,
        async () => {
          const next = await iterator.next();
          if (next.done) throw new Error("the paginator ended before the page its token announced");
          return next.value;
        },
        options,
      );
      if (!page) return;
      yield page;
      const token = page[outputTokenKey];
      // A token seen before would loop forever on a misbehaving endpoint.
      if (typeof token !== "string" || token === "" || seen.has(token)) return;
      seen.add(token);
      params = { ...input, [tokenKey]: token };
    }
  }

  /** The error this very request ended with in this collection, if it was made and failed. */
  lastError(operation: string, params: Output): EvidenceRecord["error"] {
    const safe = redact(params, this.log.deps.policy, "params").value as Output;
    const id = evidenceId({ source: this.source, operation, account: this.account, region: this.region, params: safe });
    return this.log.records.findLast((r) => r.id === id)?.error;
  }

  /** The stored record for this very request, if the memory has one. */
  stored(operation: string, params: Output): EvidenceRecord | undefined {
    const id = evidenceId({ source: this.source, operation, account: this.account, region: this.region, params });
    const record = this.log.deps.memory.storedEvidence(id);
    return record && !record.error && record.response ? record : undefined;
  }

  /**
   * Puts a stored record of an immutable resource into this collection instead of calling again,
   * redacted under this collection's policy first: evidence stored under older or fewer rules is
   * never reused as it was. A record the memory says was stored under this very policy already is.
   */
  reuse(stored: EvidenceRecord): Output {
    const { memory, policy } = this.log.deps;
    const record = memory.redactedUnder?.(stored) === this.log.policyFingerprint ? stored : redactRecord(stored, policy);
    this.log.add(record);
    this.log.deps.logger?.debug({ call: `${this.source}:${record.operation}`, account: this.account, region: this.region, evidenceId: record.id }, "reused stored evidence");
    return record.response ?? {};
  }

  /**
   * Carries the stored LookupEvents pages still inside the look-back window into this collection, so
   * a StopLogging seen by an earlier run stays in every run's verdict until it leaves the window.
   */
  reuseEventPages(since: string): number {
    let reused = 0;
    for (const record of this.log.deps.memory.storedEventPages(this.account, this.region, since)) {
      if (this.log.has(record.id) || record.error) continue;
      this.reuse(record);
      reused += 1;
    }
    return reused;
  }

  progress(count: number): void {
    this.log.deps.progress.resources(this.source, this.region, count);
  }
}
