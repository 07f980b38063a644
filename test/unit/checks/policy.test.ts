import { describe, expect, it } from "vitest";
import { broadGrants, iamMatches, parsePolicyDocument } from "../../../src/checks/iam/policy.js";

// AWS Config stores policy documents URL-encoded, exactly like this.
const encoded = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc));
const grants = (statements: unknown): string[] =>
  broadGrants(parsePolicyDocument(encoded({ Version: "2012-10-17", Statement: statements }))).map((g) => `${g.statement}: ${g.grant}`);

describe("parsePolicyDocument", () => {
  it("reads URL-encoded, plain JSON and object documents alike, single statement or list", () => {
    const doc = { Version: "2012-10-17", Statement: { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" } };
    const expected = [{ label: '"Read"', effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"], hasCondition: false, condition: {} }];
    expect(parsePolicyDocument(encoded(doc))).toEqual(expected);
    expect(parsePolicyDocument(JSON.stringify(doc))).toEqual(expected);
    expect(parsePolicyDocument(doc)).toEqual(expected);
  });

  it("labels statements without a Sid by position", () => {
    expect(parsePolicyDocument({ Statement: [{ Effect: "Deny", NotAction: ["iam:*"], NotResource: "*" }] })[0]).toMatchObject({ label: "#1", effect: "Deny", notActions: ["iam:*"], notResources: ["*"] });
  });
});

describe("iamMatches", () => {
  it.each([
    ["sagemaker:*", "sagemaker:CreateTrainingJob", true],
    ["SageMaker:*", "sagemaker:CreateTrainingJob", true],
    ["s3:Get*", "s3:GetObject", true],
    ["s3:Get*", "s3:PutObject", false],
    ["s3:GetObjec?", "s3:GetObject", true],
  ])("%s vs %s → %s", (pattern, value, expected) => {
    expect(iamMatches(pattern, value)).toBe(expected);
  });
});

describe("broadGrants", () => {
  it.each([
    ["Allow * on *", [{ Effect: "Allow", Action: "*", Resource: "*" }], ['#1: Allow Action "*" on Resource "*"']],
    ["Allow sagemaker:* on *", [{ Sid: "SM", Effect: "Allow", Action: ["sagemaker:*", "logs:PutLogEvents"], Resource: "*" }], ['"SM": Allow Action "sagemaker:*" on Resource "*"']],
    ["Allow s3:* on every bucket ARN", [{ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::*"] }], ['#1: Allow Action "s3:*" on Resource "*"']],
    ["a service wildcard written with a wildcard service", [{ Effect: "Allow", Action: "sage*:*", Resource: "*" }], ['#1: Allow Action "sage*:*" on Resource "*"']],
    ["NotAction on *", [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }], ['#1: Allow NotAction ["iam:*","organizations:*"] on Resource "*" (every other action)']],
    ["NotResource", [{ Effect: "Allow", Action: "s3:*", NotResource: "arn:aws:s3:::audit/*" }], ['#1: Allow Action "s3:*" on NotResource ["arn:aws:s3:::audit/*"]']],
  ])("flags %s", (_label, statements, expected) => {
    expect(grants(statements)).toEqual(expected);
  });

  it.each([
    ["scoped actions on *", [{ Effect: "Allow", Action: ["sagemaker:Describe*", "s3:GetObject"], Resource: "*" }]],
    ["s3:* on the project's own bucket", [{ Effect: "Allow", Action: "s3:*", Resource: ["arn:aws:s3:::ml-data", "arn:aws:s3:::ml-data/*"] }]],
    ["a wildcard of a service that is not sensitive", [{ Effect: "Allow", Action: "logs:*", Resource: "*" }]],
    ["Deny * on *", [{ Effect: "Deny", Action: "*", Resource: "*" }]],
    ["an Allow cancelled by an unconditional Deny", [{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*" }]],
  ])("accepts %s", (_label, statements) => {
    expect(grants(statements)).toEqual([]);
  });

  it("does not let a conditional Deny cancel a broad Allow", () => {
    expect(grants([{ Effect: "Allow", Action: "s3:*", Resource: "*" }, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }])).toHaveLength(1);
  });
});
