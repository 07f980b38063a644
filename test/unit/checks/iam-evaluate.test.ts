import { describe, expect, it } from "vitest";
import { conditionsImply, effectiveGrants, evaluateRequest } from "../../../src/checks/iam/evaluate.js";
import type { NamedPolicy, Request } from "../../../src/checks/iam/evaluate.js";
import { PolicyDocumentError, iamMatches, parsePolicyDocument, resourceMatches } from "../../../src/checks/iam/policy.js";

// AWS Config stores policy documents URL-encoded (RFC 3986 / form encoding), exactly like this.
const encoded = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc));
const policy = (name: string, statements: unknown): NamedPolicy => ({ name, statements: parsePolicyDocument({ Version: "2012-10-17", Statement: statements }) });

describe("parsePolicyDocument", () => {
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
  const doc = { Version: "2012-10-17", Statement: { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::data/*" } };
  const expected = [{ label: '"Read"', effect: "Allow", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::data/*"], hasCondition: false, variables: true, conditions: [] }];

  it.each([
    ["URL-encoded (AWS Config)", encoded(doc)],
    ["URL-encoded with + for spaces", encodeURIComponent(JSON.stringify(doc, null, 1)).replace(/%20/g, "+")],
    ["JSON text", JSON.stringify(doc)],
    ["an object", doc],
  ])("reads %s, a single statement", (_label, input) => {
    expect(parsePolicyDocument(input)).toEqual(expected);
  });

  it("labels statements without a Sid by position and keeps NotAction / NotResource / Principal / conditions", () => {
    const [s] = parsePolicyDocument({ Statement: [{ Effect: "Deny", NotAction: ["iam:*"], NotResource: "*", Principal: { AWS: "111122223333" }, Condition: { NumericLessThan: { "s3:TlsVersion": 1.2 } } }] });
    expect(s).toMatchObject({ label: "#1", effect: "Deny", notActions: ["iam:*"], notResources: ["*"], principal: { AWS: ["111122223333"] }, conditions: [{ operator: "NumericLessThan", key: "s3:TlsVersion", values: ["1.2"] }] });
  });

  it.each([
    ["not JSON", "%7Bnot json"],
    ["an Effect other than Allow/Deny", { Statement: [{ Effect: "allow", Action: "*", Resource: "*" }] }],
    ["no Action", { Statement: [{ Effect: "Allow", Resource: "*" }] }],
    ["both Action and NotAction", { Statement: [{ Effect: "Allow", Action: "*", NotAction: "iam:*", Resource: "*" }] }],
    ["both Resource and NotResource", { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", NotResource: "x" }] }],
    ["an unknown condition operator", { Statement: [{ Effect: "Allow", Action: "*", Resource: "*", Condition: { StringMatches: { "aws:username": "a" } } }] }],
    ["a non-string action", { Statement: [{ Effect: "Allow", Action: [1], Resource: "*" }] }],
    ["an unknown policy language version", { Version: "2020-01-01", Statement: [] }],
  ])("rejects %s", (_label, input) => {
    expect(() => parsePolicyDocument(input)).toThrow(PolicyDocumentError);
  });
});

describe("wildcards", () => {
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html (case-insensitive)
  it.each([
    ["sagemaker:*", "sagemaker:CreateTrainingJob", true],
    ["SageMaker:*", "sagemaker:CreateTrainingJob", true],
    ["s3:Get*", "s3:GetObject", true],
    ["s3:Get*", "s3:PutObject", false],
    ["s3:GetObjec?", "s3:GetObject", true],
    ["iam:*Policy*", "iam:PutRolePolicy", true],
    ["*", "kms:Decrypt", true],
  ])("action %s vs %s → %s", (pattern, value, expected) => {
    expect(iamMatches(pattern, value)).toBe(expected);
  });

  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
  // (case-sensitive; * and ? within a segment; a * ending a segment may expand across colons)
  it.each([
    ["arn:aws:s3:::ml-data/*", "arn:aws:s3:::ml-data/a/b.csv", {}, true],
    ["arn:aws:s3:::ML-data/*", "arn:aws:s3:::ml-data/a", {}, false],
    ["arn:aws:iam::*:role/*", "arn:aws:iam::111122223333:role/service-role/x", {}, true],
    ["arn:aws:kms:*:*:key/*", "arn:aws:kms:eu-west-1:111122223333:key/abc", {}, true],
    ["arn:*:s3:::*/*", "arn:aws:s3:::any-bucket/any-key", {}, true],
    ["arn:aws:s3:::*/*", "arn:aws:s3:::bucket-only", {}, false],
    ["arn:aws:lambda:us-east-1:111122223333:function:f*", "arn:aws:lambda:us-east-1:111122223333:function:f1:prod", {}, true],
    ["arn:aws:lambda:us-east-1:111122223333:function:f*x", "arn:aws:lambda:us-east-1:111122223333:function:f1:x", {}, false],
    ["arn:aws:dynamodb:us-east-?:111122223333:table/t", "arn:aws:dynamodb:us-east-1:111122223333:table/t", {}, true],
    // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
    ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x", { "aws:username": "alice" }, true],
    ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/bob/x", { "aws:username": "alice" }, false],
    ["arn:aws:s3:::home/${aws:username}/*", "arn:aws:s3:::home/alice/x", {}, false],
  ])("resource %s vs %s → %s", (pattern, arn, context, expected) => {
    expect(resourceMatches(pattern, arn, context)).toBe(expected);
  });
});

describe("evaluateRequest", () => {
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  const role = "arn:aws:sts::111122223333:assumed-role/ml/session";
  const identity = [
    policy("inline data", [
      { Sid: "Data", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::ml-data/*" },
      { Sid: "NoDeletes", Effect: "Deny", Action: "s3:Delete*", Resource: "*" },
      { Sid: "VpcOnly", Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringNotEqualsIfExists: { "aws:SourceVpc": "vpc-0abc" } } },
      { Sid: "AllExceptIam", Effect: "Allow", NotAction: "iam:*", NotResource: "arn:aws:kms:*:*:key/*" },
    ]),
  ];
  const boundary = policy("boundary", [{ Effect: "Allow", Action: ["s3:*", "logs:*"], Resource: "*" }]);
  const cases: [string, Request, "Allow" | "ExplicitDeny" | "ImplicitDeny", boolean?][] = [
    ["an allowed read from the VPC", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x", principal: { AWS: role }, context: { "aws:SourceVpc": "vpc-0abc" } }, "Allow"],
    ["the same read from elsewhere: the conditional Deny applies", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x", context: { "aws:SourceVpc": "vpc-0other" } }, "ExplicitDeny"],
    ["a read without aws:SourceVpc: StringNotEqualsIfExists holds when the key is absent, so the Deny applies", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x" }, "ExplicitDeny"],
    ["a delete: explicit Deny", { action: "s3:DeleteObject", resource: "arn:aws:s3:::ml-data/x", context: { "aws:SourceVpc": "vpc-0abc" } }, "ExplicitDeny"],
    ["NotAction/NotResource allow everything else", { action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/*" }, "Allow"],
    ["…but not IAM", { action: "iam:CreateUser", resource: "arn:aws:iam::111122223333:user/x" }, "ImplicitDeny"],
    ["…nor keys", { action: "kms:Decrypt", resource: "arn:aws:kms:us-east-1:111122223333:key/k" }, "ImplicitDeny"],
    ["a boundary that does not allow it", { action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/*" }, "ImplicitDeny", true],
    ["a boundary that allows it", { action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:111122223333:log-group:x" }, "Allow", true],
  ];
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
  it.each([
    ["2012-10-17: a policy variable", "2012-10-17", "arn:aws:s3:::home/alice/x", "Allow"],
    ["2008-10-17: the same text is literal", "2008-10-17", "arn:aws:s3:::home/alice/x", "ImplicitDeny"],
    ["2008-10-17: it matches only itself", "2008-10-17", "arn:aws:s3:::home/${aws:username}/x", "Allow"],
  ])("%s", (_label, version, resource, expected) => {
    const home = { name: "home", statements: parsePolicyDocument({ Version: version, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::home/${aws:username}/*" }] }) };
    expect(evaluateRequest({ identity: [home] }, { action: "s3:GetObject", resource, context: { "aws:username": "alice" } }).decision).toBe(expected);
  });

  it.each(cases)("%s → %s", (_label, request, expected, withBoundary) => {
    expect(evaluateRequest({ identity, ...(withBoundary ? { boundary } : {}) }, request).decision).toBe(expected);
  });

  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
  // and …_notprincipal.html: a resource-based policy names its principals.
  const bucketPolicy = policy("bucket policy", [
    { Sid: "Partner", Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "s3:GetObject", Resource: "arn:aws:s3:::ml-data/*" },
    { Sid: "Role", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:role/ml" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::ml-data/*" },
    { Sid: "OnlyAdmins", Effect: "Deny", NotPrincipal: { AWS: "arn:aws:iam::111122223333:role/admin" }, Action: "s3:PutBucketPolicy", Resource: "arn:aws:s3:::ml-data" },
  ]);
  it("a bucket policy naming the role session grants outside the role's boundary", () => {
    const request: Request = { action: "s3:PutObject", resource: "arn:aws:s3:::ml-data/x", principal: { AWS: role }, context: { "aws:SourceVpc": "vpc-0abc" } };
    const onlyLogs = policy("boundary", [{ Effect: "Allow", Action: "logs:*", Resource: "*" }]);
    expect(evaluateRequest({ identity, boundary: onlyLogs }, request).decision).toBe("ImplicitDeny");
    expect(evaluateRequest({ identity, boundary: onlyLogs, resource: bucketPolicy }, request).decision).toBe("Allow");
  });

  it.each([
    ["a partner account's user", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x", principal: { AWS: "arn:aws:iam::210987654321:user/u" } }, "Allow"],
    ["another account", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x", principal: { AWS: "arn:aws:iam::999999999999:user/u" } }, "ImplicitDeny"],
    ["a session of the named role", { action: "s3:PutObject", resource: "arn:aws:s3:::ml-data/x", principal: { AWS: role } }, "Allow"],
    ["anyone but the admin role is denied", { action: "s3:PutBucketPolicy", resource: "arn:aws:s3:::ml-data", principal: { AWS: role } }, "ExplicitDeny"],
    ["anonymous", { action: "s3:GetObject", resource: "arn:aws:s3:::ml-data/x", principal: "anonymous" }, "ImplicitDeny"],
  ] as [string, Request, string][])("bucket policy: %s → %s", (_label, request, expected) => {
    expect(evaluateRequest({ identity: [], resource: bucketPolicy }, request).decision).toBe(expected);
  });
});

describe("effectiveGrants: does a Deny cancel an Allow?", () => {
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
  // (an explicit Deny overrides an Allow only for the requests it matches)
  const query = { action: "s3:GetObject", resource: "arn:aws:s3:::any-bucket/k" };
  const allowAll = { Sid: "All", Effect: "Allow", Action: "s3:*", Resource: "*" };
  it.each([
    ["no Deny", [allowAll], 1],
    ["an unconditional Deny of the same actions cancels", [allowAll, { Effect: "Deny", Action: "s3:*", Resource: "*" }], 0],
    ["a Deny of other resources does not", [allowAll, { Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::audit/*" }], 1],
    ["a Deny with NotResource covering the resource cancels", [allowAll, { Effect: "Deny", Action: "s3:*", NotResource: "arn:aws:s3:::ml-data/*" }], 0],
    ["a conditional Deny does not cancel an unconditional Allow", [allowAll, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }], 1],
    [
      "a Deny whose condition is implied by the Allow's cancels",
      [{ ...allowAll, Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } }, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:SourceVpc": ["vpc-1", "vpc-2"] } } }],
      0,
    ],
    [
      "a Deny narrower than the Allow's condition does not",
      [{ ...allowAll, Condition: { StringEquals: { "aws:SourceVpc": ["vpc-1", "vpc-2"] } } }, { Effect: "Deny", Action: "s3:*", Resource: "*", Condition: { StringEquals: { "aws:SourceVpc": "vpc-1" } } }],
      1,
    ],
  ])("%s", (_label, statements, expected) => {
    expect(effectiveGrants([policy("p", statements)], query)).toHaveLength(expected);
  });

  it("keeps a conditional Allow as a grant, with its condition", () => {
    const grants = effectiveGrants([policy("p", [{ ...allowAll, Condition: { StringEquals: { "aws:ResourceAccount": "111122223333" } } }])], query);
    expect(grants.map((g) => g.conditions)).toEqual([[{ operator: "StringEquals", key: "aws:ResourceAccount", values: ["111122223333"] }]]);
  });

  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
  it.each([
    ["a boundary that allows the action keeps the grant", [{ Effect: "Allow", Action: "s3:*", Resource: "*" }], 1],
    ["a boundary that does not drops it", [{ Effect: "Allow", Action: "logs:*", Resource: "*" }], 0],
    ["a Deny in the boundary drops it", [{ Effect: "Allow", Action: "*", Resource: "*" }, { Effect: "Deny", Action: "s3:GetObject", Resource: "*" }], 0],
  ])("%s", (_label, statements, expected) => {
    expect(effectiveGrants([policy("p", [allowAll])], query, policy("boundary", statements))).toHaveLength(expected);
  });

  it("conditionsImply compares clause by clause, NOR for negated operators", () => {
    const c = (operator: string, values: string[]) => [{ operator, key: "aws:SourceVpc", values }];
    expect(conditionsImply(c("StringNotEquals", ["vpc-1", "vpc-2"]), c("StringNotEquals", ["vpc-1"]))).toBe(true);
    expect(conditionsImply(c("StringNotEquals", ["vpc-1"]), c("StringNotEquals", ["vpc-1", "vpc-2"]))).toBe(false);
    expect(conditionsImply([], c("StringEquals", ["vpc-1"]))).toBe(false);
    expect(conditionsImply(c("StringEquals", ["vpc-1"]), [])).toBe(true);
  });
});
