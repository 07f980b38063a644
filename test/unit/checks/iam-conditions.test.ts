import { describe, expect, it } from "vitest";
import { evaluateClause, evaluateConditions, inCidr, parseOperator } from "../../../src/checks/iam/conditions.js";
import type { RequestContext } from "../../../src/checks/iam/conditions.js";

type Row = [label: string, operator: string, key: string, values: string[], context: RequestContext, expected: boolean];

// Source: IAM JSON policy elements: Condition operators
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// ("If the key that you specify in a policy condition is not present in the request context, the
// values do not match and the condition is false. If the policy condition requires that the key is
// not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the condition
// is true. This logic applies to all condition operators except ...IfExists and Null check.")
const operators: Row[] = [
  ["StringEquals is case-sensitive", "StringEquals", "aws:PrincipalTag/team", ["ml"], { "aws:PrincipalTag/team": "ML" }, false],
  ["StringEquals, OR across values", "StringEquals", "aws:PrincipalTag/team", ["data", "ml"], { "aws:PrincipalTag/team": "ml" }, true],
  ["condition key names are case-insensitive", "StringEquals", "AWS:PRINCIPALTAG/team", ["ml"], { "aws:PrincipalTag/team": "ml" }, true],
  ["StringNotEquals: NOR across values", "StringNotEquals", "aws:RequestedRegion", ["us-east-1", "eu-west-1"], { "aws:RequestedRegion": "eu-west-1" }, false],
  ["StringNotEquals with the key absent is true", "StringNotEquals", "aws:RequestedRegion", ["us-east-1"], {}, true],
  ["StringEquals with the key absent is false", "StringEquals", "aws:RequestedRegion", ["us-east-1"], {}, false],
  ["StringEqualsIgnoreCase", "StringEqualsIgnoreCase", "aws:PrincipalTag/team", ["ml"], { "aws:PrincipalTag/team": "ML" }, true],
  ["StringNotEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "aws:PrincipalTag/team", ["ml"], { "aws:PrincipalTag/team": "ML" }, false],
  ["StringLike with * and ?", "StringLike", "s3:prefix", ["home/?lice/*"], { "s3:prefix": "home/alice/notes" }, true],
  ["StringLike does not match another prefix", "StringLike", "s3:prefix", ["home/alice/*"], { "s3:prefix": "home/bob/x" }, false],
  ["StringNotLike", "StringNotLike", "s3:prefix", ["home/alice/*"], { "s3:prefix": "home/bob/x" }, true],
  ["NumericLessThan", "NumericLessThan", "s3:max-keys", ["10"], { "s3:max-keys": "9" }, true],
  ["NumericLessThanEquals", "NumericLessThanEquals", "s3:max-keys", ["10"], { "s3:max-keys": "10" }, true],
  ["NumericGreaterThan", "NumericGreaterThan", "s3:max-keys", ["10"], { "s3:max-keys": "10" }, false],
  ["NumericGreaterThanEquals", "NumericGreaterThanEquals", "aws:MultiFactorAuthAge", ["3600"], { "aws:MultiFactorAuthAge": "3600" }, true],
  ["NumericEquals on a non-number is false", "NumericEquals", "s3:max-keys", ["10"], { "s3:max-keys": "ten" }, false],
  ["NumericNotEquals", "NumericNotEquals", "s3:max-keys", ["10"], { "s3:max-keys": "11" }, true],
  ["DateLessThan, ISO 8601", "DateLessThan", "aws:CurrentTime", ["2026-12-31T23:59:59Z"], { "aws:CurrentTime": "2026-11-27T10:00:00Z" }, true],
  ["DateGreaterThan, epoch seconds", "DateGreaterThan", "aws:EpochTime", ["1700000000"], { "aws:EpochTime": "1800000000" }, true],
  ["DateEquals", "DateEquals", "aws:TokenIssueTime", ["2026-11-27T10:00:00Z"], { "aws:TokenIssueTime": "2026-11-27T10:00:00.000Z" }, true],
  ["DateNotEquals", "DateNotEquals", "aws:TokenIssueTime", ["2026-11-27T10:00:00Z"], { "aws:TokenIssueTime": "2026-11-27T10:00:00Z" }, false],
  ["DateLessThanEquals", "DateLessThanEquals", "aws:CurrentTime", ["2026-11-27T10:00:00Z"], { "aws:CurrentTime": "2026-11-27T10:00:00Z" }, true],
  ["DateGreaterThanEquals", "DateGreaterThanEquals", "aws:CurrentTime", ["2026-11-28T00:00:00Z"], { "aws:CurrentTime": "2026-11-27T10:00:00Z" }, false],
  ["Bool false", "Bool", "aws:SecureTransport", ["false"], { "aws:SecureTransport": "false" }, true],
  ["Bool with the key absent is false", "Bool", "aws:SecureTransport", ["false"], {}, false],
  ["BoolIfExists with the key absent is true", "BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], {}, true],
  ["BoolIfExists with the key present compares", "BoolIfExists", "aws:MultiFactorAuthPresent", ["false"], { "aws:MultiFactorAuthPresent": "true" }, false],
  ["BinaryEquals compares base-64 values", "BinaryEquals", "key", ["QmluYXJ5VmFsdWVJbkJhc2U2NA=="], { key: "QmluYXJ5VmFsdWVJbkJhc2U2NA==" }, true],
  ["IpAddress in an IPv4 CIDR", "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], { "aws:SourceIp": "203.0.113.77" }, true],
  ["IpAddress outside the CIDR", "IpAddress", "aws:SourceIp", ["203.0.113.0/24"], { "aws:SourceIp": "198.51.100.1" }, false],
  ["IpAddress in an IPv6 CIDR", "IpAddress", "aws:SourceIp", ["2001:DB8:1234:5678::/64"], { "aws:SourceIp": "2001:db8:1234:5678:abcd::1" }, true],
  ["NotIpAddress", "NotIpAddress", "aws:SourceIp", ["203.0.113.0/24", "2001:DB8::/32"], { "aws:SourceIp": "198.51.100.1" }, true],
  ["ArnLike compares the six parts with wildcards", "ArnLike", "aws:SourceArn", ["arn:aws:sagemaker:*:111122223333:training-job/*"], { "aws:SourceArn": "arn:aws:sagemaker:us-east-1:111122223333:training-job/j1" }, true],
  ["ArnEquals also takes wildcards", "ArnEquals", "aws:SourceArn", ["arn:aws:sns:us-east-1:111122223333:*"], { "aws:SourceArn": "arn:aws:sns:us-east-1:444455556666:t" }, false],
  ["ArnNotLike", "ArnNotLike", "aws:PrincipalArn", ["arn:aws:iam::*:role/admin-*"], { "aws:PrincipalArn": "arn:aws:iam::111122223333:role/ml" }, true],
  ["ArnNotEquals with the key absent is true", "ArnNotEquals", "aws:SourceArn", ["arn:aws:s3:::b"], {}, true],
  ["Null true: the key must be absent", "Null", "aws:TokenIssueTime", ["true"], {}, true],
  ["Null true with the key present", "Null", "aws:TokenIssueTime", ["true"], { "aws:TokenIssueTime": "2026-11-27T10:00:00Z" }, false],
  ["Null false: the key must be present", "Null", "s3:x-amz-server-side-encryption", ["false"], { "s3:x-amz-server-side-encryption": "aws:kms" }, true],
  ["StringEqualsIfExists with the key absent is true", "StringEqualsIfExists", "ec2:InstanceType", ["t3.micro"], {}, true],
  ["StringEqualsIfExists with the key present compares", "StringEqualsIfExists", "ec2:InstanceType", ["t3.micro"], { "ec2:InstanceType": "p4d.24xlarge" }, false],
];

// Source: Single-valued vs. multivalued context keys
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
const sets: Row[] = [
  ["ForAllValues: every request value in the set", "ForAllValues:StringEquals", "aws:TagKeys", ["environment", "cost-center"], { "aws:TagKeys": ["environment", "cost-center"] }, true],
  ["ForAllValues: one value outside the set", "ForAllValues:StringEquals", "aws:TagKeys", ["environment"], { "aws:TagKeys": ["environment", "owner"] }, false],
  ["ForAllValues with the key absent is true", "ForAllValues:StringEquals", "aws:TagKeys", ["environment"], {}, true],
  ["ForAllValues with an empty set is true", "ForAllValues:StringEquals", "aws:TagKeys", ["environment"], { "aws:TagKeys": [] }, true],
  ["ForAnyValue: one request value in the set", "ForAnyValue:StringLike", "kms:ResourceAliases", ["alias/nw-*"], { "kms:ResourceAliases": ["alias/other", "alias/nw-data"] }, true],
  ["ForAnyValue with the key absent is false", "ForAnyValue:StringLike", "kms:ResourceAliases", ["alias/nw-*"], {}, false],
  ["ForAllValues with a negated operator", "ForAllValues:StringNotLike", "aws:TagKeys", ["aws:*"], { "aws:TagKeys": ["team", "owner"] }, true],
  ["ForAnyValue with a negated operator", "ForAnyValue:StringNotEquals", "aws:TagKeys", ["team"], { "aws:TagKeys": ["team"] }, false],
];

// Source: IAM policy elements: Variables and tags
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
const variables: Row[] = [
  ["a variable resolves from the context", "StringLike", "s3:prefix", ["home/${aws:username}/*"], { "s3:prefix": "home/alice/a", "aws:username": "alice" }, true],
  ["another user's prefix", "StringLike", "s3:prefix", ["home/${aws:username}/*"], { "s3:prefix": "home/bob/a", "aws:username": "alice" }, false],
  ["a missing variable matches nothing", "StringLike", "s3:prefix", ["home/${aws:username}/*"], { "s3:prefix": "home//a" }, false],
  ["a default value", "StringEquals", "s3:prefix", ["${aws:username, 'guest'}"], { "s3:prefix": "guest" }, true],
  ["${*} is a literal asterisk", "StringEquals", "s3:prefix", ["a${*}b"], { "s3:prefix": "a*b" }, true],
  ["${*} is not a wildcard in StringLike", "StringLike", "s3:prefix", ["a${*}b"], { "s3:prefix": "axb" }, false],
  ["a variable in an ARN condition", "ArnLike", "aws:SourceArn", ["arn:aws:iam::${aws:PrincipalAccount}:role/*"], { "aws:SourceArn": "arn:aws:iam::111122223333:role/x", "aws:PrincipalAccount": "111122223333" }, true],
];

describe.each([
  ["condition operators", operators],
  ["set operators", sets],
  ["policy variables", variables],
])("%s", (_family, rows) => {
  it.each(rows)("%s", (_label, operator, key, values, context, expected) => {
    expect(evaluateClause(operator, key, values, context)).toBe(expected);
  });
});

describe("a Condition block", () => {
  // Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
  // (AND across operators and across keys, OR across the values of one key).
  const block = [
    { operator: "StringEquals", key: "aws:PrincipalTag/team", values: ["ml", "data"] },
    { operator: "Bool", key: "aws:SecureTransport", values: ["true"] },
    { operator: "IpAddress", key: "aws:SourceIp", values: ["10.0.0.0/8"] },
  ];
  it.each([
    ["every clause holds", { "aws:PrincipalTag/team": "data", "aws:SecureTransport": "true", "aws:SourceIp": "10.1.2.3" }, true],
    ["one clause fails", { "aws:PrincipalTag/team": "data", "aws:SecureTransport": "false", "aws:SourceIp": "10.1.2.3" }, false],
    ["one key absent", { "aws:PrincipalTag/team": "data", "aws:SecureTransport": "true" }, false],
  ])("%s → %s", (_label, context, expected) => {
    expect(evaluateConditions(block, context)).toBe(expected);
  });
});

describe("parseOperator", () => {
  it.each([
    ["ForAnyValue:StringLikeIfExists", { base: "StringLike", ifExists: true, set: "ForAnyValue" }],
    ["stringequals", { base: "StringEquals", ifExists: false }],
    ["ArnNotLikeIfExists", { base: "ArnNotLike", ifExists: true }],
  ])("%s", (operator, expected) => {
    expect(parseOperator(operator)).toMatchObject(expected);
  });

  it.each(["StringMatches", "NullIfExists", "ForSomeValues:StringEquals"])("rejects %s", (operator) => {
    expect(parseOperator(operator)).toBeUndefined();
  });
});

describe("inCidr", () => {
  it.each([
    ["10.0.0.1", "10.0.0.1", true],
    ["10.0.0.2", "10.0.0.1/32", false],
    ["::ffff:10.0.0.1", "::ffff:10.0.0.0/120", true],
    ["2001:db8::1", "10.0.0.0/8", false],
    ["300.0.0.1", "0.0.0.0/0", false],
  ])("%s in %s → %s", (address, cidr, expected) => {
    expect(inCidr(address, cidr)).toBe(expected);
  });
});
