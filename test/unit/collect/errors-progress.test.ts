import { describe, expect, test } from "vitest";
import { toEvidenceError } from "../../../src/aws/errors.js";
import { Semaphore } from "../../../src/aws/limits.js";
import { InMemoryCollectorMemory } from "../../../src/collect/memory.js";
import { TerminalProgress, createProgress, silentProgress } from "../../../src/collect/progress.js";
import { awsError } from "./aws-fixtures.js";

describe("toEvidenceError", () => {
  test("keeps AWS error codes, names code-less non-AWS answers, keeps Node and SDK error names", () => {
    expect(toEvidenceError(awsError("AccessDeniedException", "no"))).toEqual({ code: "AccessDeniedException", message: "no" });
    const html = Object.assign(new SyntaxError("Unexpected token '<', \"<!doctype \"... is not valid JSON\n  Deserialization error"), {
      $metadata: { httpStatusCode: 500 },
    });
    expect(toEvidenceError(html)).toEqual({
      code: "UnrecognizedResponse",
      message: "HTTP 500: the endpoint did not answer as the AWS API does (Unexpected token '<', \"<!doctype \"... is not valid JSON)",
    });
    expect(toEvidenceError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" })).code).toBe("ECONNREFUSED");
    expect(toEvidenceError(Object.assign(new Error("timed out"), { name: "TimeoutError" })).code).toBe("TimeoutError");
    expect(toEvidenceError("weird")).toEqual({ code: "UnknownError", message: "weird" });
    expect(toEvidenceError(new Error("x".repeat(2000))).message.length).toBeLessThanOrEqual(501);
  });
});

describe("progress", () => {
  test("one line per service and region with calls, resources and gaps, redrawn in place", () => {
    let out = "";
    let t = 0;
    const progress = new TerminalProgress({ write: (s) => (out += s), now: () => t, intervalMs: 100 });
    progress.call("sagemaker", "us-east-1");
    progress.resources("sagemaker", "us-east-1", 12);
    t = 200;
    progress.gap("cloudtrail", "us-west-2");
    progress.done();
    expect(progress.lines()).toEqual([
      "  cloudtrail us-west-2            0 calls      0 resources  1 gap",
      "  sagemaker  us-east-1            1 calls     12 resources",
    ]);
    // Drawn at most every 100 ms: the second draw moves up over the two lines of the first.
    expect(out.split("\x1b[2A")).toHaveLength(2);
  });

  test("nothing is drawn under --json or without a terminal", () => {
    const tty = { isTTY: true, write: () => true } as unknown as NodeJS.WriteStream;
    const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    expect(createProgress({ json: true, stream: tty })).toBe(silentProgress);
    expect(createProgress({ stream: pipe })).toBe(silentProgress);
    expect(createProgress({ stream: tty })).toBeInstanceOf(TerminalProgress);
  });
});

describe("limits and memory", () => {
  test("the semaphore runs at most its limit at once", async () => {
    const slots = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const task = async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
    };
    await Promise.all(Array.from({ length: 8 }, () => slots.run(task)));
    expect(peak).toBe(2);
  });

  test("the in-memory memory keeps the newest cursor and successful records only", () => {
    const memory = new InMemoryCollectorMemory();
    const cursor = (value: string) => ({ account: "1", region: "r", stream: "cloudtrail" as const, value });
    memory.remember({ records: [], cursors: [cursor("2026-11-27T00:00:00.000Z")] });
    memory.remember({ records: [], cursors: [cursor("2026-11-26T00:00:00.000Z")] });
    expect(memory.cloudTrailCursor("1", "r")).toBe("2026-11-27T00:00:00.000Z");
    expect(memory.cloudTrailCursor("1", "other")).toBeUndefined();
  });
});
