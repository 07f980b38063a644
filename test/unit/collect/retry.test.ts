import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { createAwsSource } from "../../../src/collect/aws/index.js";
import { NOW, fakeClock, testConfig } from "./aws-fixtures.js";

interface FakeRequest {
  headers: Record<string, string>;
  body?: unknown;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  response: { statusCode: status, headers: { "content-type": "application/x-amz-json-1.1", ...headers }, body: Buffer.from(JSON.stringify(body)) },
});

const IDENTITY_XML = `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/auditor</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;

/**
 * The HTTP layer under real SDK clients: aws-sdk-client-mock replaces `send` and so bypasses the
 * retry middleware, which is exactly what these tests are about.
 */
function fakeAws(throttleListNotebooks: number) {
  const seen: string[] = [];
  let throttled = 0;
  const handler = {
    handle: (request: FakeRequest) => {
      const target = request.headers["x-amz-target"] ?? "";
      const operation = target.split(".").pop() ?? "";
      seen.push(operation || "sts");
      if (target === "") {
        return Promise.resolve({ response: { statusCode: 200, headers: { "content-type": "text/xml" }, body: Buffer.from(IDENTITY_XML) } });
      }
      if (target.startsWith("AWSSecurityTokenService")) return Promise.resolve(json(200, { Account: "111122223333" }));
      if (operation === "ListNotebookInstances" && throttled < throttleListNotebooks) {
        throttled++;
        return Promise.resolve(json(400, { __type: "ThrottlingException", message: "Rate exceeded" }, { "x-amzn-errortype": "ThrottlingException" }));
      }
      if (operation === "ListNotebookInstances") return Promise.resolve(json(200, { NotebookInstances: [] }));
      return Promise.resolve(json(200, {}));
    },
    destroy: () => undefined,
  };
  return { handler, seen };
}

describe("SDK retries under the collector", () => {
  beforeEach(() => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "testing");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "testing");
    vi.stubEnv("AWS_ENDPOINT_URL", undefined);
  });
  afterEach(() => vi.unstubAllEnvs());

  test("a ThrottlingException then success: retried by the SDK (adaptive), recorded once as evidence, counted as one call", async () => {
    const aws = fakeAws(1);
    const collection = await createAwsSource(testConfig({ collection: { maxAttempts: 3 } }), {
      now: () => NOW,
      limiterClock: fakeClock(),
      requestHandler: aws.handler as never,
    }).collect();
    expect(aws.seen.filter((op) => op === "ListNotebookInstances")).toHaveLength(2);
    const records = collection.records.filter((r) => r.operation === "ListNotebookInstances");
    expect(records.map((r) => [r.error, r.response])).toEqual([[undefined, { NotebookInstances: [] }]]);
    expect(collection.apiCalls["sagemaker:ListNotebookInstances"]).toBe(1);
  });

  test("throttling that outlives max attempts is a gap with the AWS error code", async () => {
    const aws = fakeAws(Number.POSITIVE_INFINITY);
    const collection = await createAwsSource(testConfig({ collection: { maxAttempts: 2 } }), {
      now: () => NOW,
      limiterClock: fakeClock(),
      requestHandler: aws.handler as never,
    }).collect();
    expect(aws.seen.filter((op) => op === "ListNotebookInstances")).toHaveLength(2);
    const gap = collection.records.find((r) => r.operation === "ListNotebookInstances");
    expect(gap?.error).toEqual({ code: "ThrottlingException", message: "Rate exceeded" });
    expect(collection.records.filter((r) => r.error)).toHaveLength(1);
  });
});
