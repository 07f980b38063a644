import { describe, expect, it } from "vitest";
import {
  classifyEntry,
  formatRedaction,
  maskSecrets,
  parseRedaction,
  secretKindOfName,
  secretKindsOf,
  secretKindsOfValue,
} from "../../../src/evidence/secrets.js";

// Example values are built from parts so the literal strings never look like live credentials.
const AKIA = "AKIA" + "IOSFODNN7EXAMPLE";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
const GHP = "ghp_" + "a".repeat(20) + "B".repeat(16);
const HF = "hf_" + "abcdefghijklmnopqrstuvwxyzABCD";
const JWT = "eyJhbGciOiJIUzI1NiJ9." + "eyJzdWIiOiIxMjM0NTY3ODkwIn0." + "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
const WANDB = "0123456789abcdef0123456789abcdef01234567";

describe("secretKindOfName: whole words of snake, camel and kebab names", () => {
  it.each([
    ["DB_PASS", "password"],
    ["DB_PASSWORD", "password"],
    ["dbPassword", "password"],
    ["MYSQL_PWD", "password"],
    ["wandb_api_key", "api-key"],
    ["x-api-key", "api-key"],
    ["OPENAI_APIKEY", "api-key"],
    ["AWS_SECRET_ACCESS_KEY", "secret"],
    ["awsAccessKey", "access-key"],
    ["SSH_PRIVATE_KEY", "private-key"],
    ["GOOGLE_APPLICATION_CREDENTIALS", "credential"],
    ["BASIC_AUTH", "auth"],
    ["SENTRY_DSN", "connection-string"],
    ["DB_CONN_STRING", "connection-string"],
    ["ConnectionString", "connection-string"],
    ["HF_TOKEN", "token"],
    ["githubToken", "token"],
  ])("%s → %s", (name, kind) => {
    expect(secretKindOfName(name)).toBe(kind);
  });

  it.each(["PASSTHROUGH", "TOKENIZER_NAME", "SAGEMAKER_PROGRAM", "learning_rate", "DB_PASSWORD_FILE", "SECRET_ARN", "AUTH_MODE", "AWS_ACCESS_KEY_ID", "TOKEN_URL", "S3_KEY", "KEYWORDS", "bypass", "compass_heading", "MAX_TOKENS", "MAX_INPUT_TOKENS", "maxNewTokens", "MIN_PASSWORD_LENGTH"])(
    "%s names no secret",
    (name) => {
      expect(secretKindOfName(name)).toBeUndefined();
    },
  );
});

describe("secretKindsOfValue: credentials recognised by their shape", () => {
  it.each([
    [AKIA, "aws-access-key-id"],
    [`aws_secret_access_key = ${AWS_SECRET}`, "aws-secret-access-key"],
    [GHP, "github-token"],
    ["github_pat_" + "11ABCDEFG0" + "x".repeat(40), "github-token"],
    ["xoxb-" + "1234567890-abcdefghij", "slack-token"],
    ["https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "slack-webhook"],
    ["sk_live_" + "4eC39HqLyjWDarjtT1zdp7dc", "stripe-key"],
    ["sk-" + "proj-" + "abcdefghijklmnopqrstuvwx", "openai-key"],
    ["sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz", "anthropic-key"],
    [HF, "huggingface-token"],
    [`WANDB_API_KEY=${WANDB}`, "wandb-key"],
    [`wandb login ${WANDB}`, "wandb-key"],
    [JWT, "jwt"],
    ["Authorization: Bearer " + "abcdefghijklmnopqrstuvwxyz012345", "bearer-token"],
    ["-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "private-key-block"],
    ["-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn\n-----END OPENSSH PRIVATE KEY-----", "private-key-block"],
    ["postgres://admin:hunter2@db.internal:5432/claims", "url-credentials"],
    ["deploy:s3cr3tpass@registry.example.com/team/model:1.0", "url-credentials"],
    ["Server=db;Database=claims;User Id=sa;Password=hunter2;", "connection-string"],
    ["https://b.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F20261127&X-Amz-Signature=abcdef0123", "presigned-url"],
    ["s3://bucket/key.csv?X-Amz-Security-Token=IQoJb3JpZ2luX2VjEJr", "presigned-url"],
    ["registry.example.com/team/model:1.0?token=abcdef123456", "url-token"],
    ["https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sig=abcDEF123%3D", "url-token"],
  ])("%s → %s", (text, kind) => {
    expect(secretKindsOfValue(text)).toContain(kind);
  });

  it.each([
    "0.1",
    "s3://bucket/prefix/train/",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/claims-model:1.4.2",
    "123456789012.dkr.ecr.us-east-1.amazonaws.com/claims-model@sha256:" + "ab".repeat(32),
    "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf",
    "arn:aws:sts::111122223333:assumed-role/Admin/alice@example.com",
    "AROAEXAMPLEID:alice@example.com",
    "git commit 2f1c9a0b8e7d6c5b4a3928170f6e5d4c3b2a1908",
    "https://example.com/docs?page=2&lang=en",
    "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
    "[REDACTED sha256:0123456789ab]",
    "postgres://[REDACTED sha256:0123456789ab]@db/x",
  ])("%s holds no secret", (text) => {
    expect(secretKindsOfValue(text)).toEqual([]);
  });

  it("finds an AWS secret access key standing next to an access key id", () => {
    expect(secretKindsOfValue(`${AKIA} ${AWS_SECRET}`)).toEqual(["aws-access-key-id", "aws-secret-access-key"]);
  });

  it("finds NAME=value assignments of secret-named variables only in free text", () => {
    const script = "#!/bin/bash\nexport DB_PASSWORD=hunter2\nexport MODEL=claims\necho $DB_PASSWORD";
    expect(secretKindsOfValue(script, { freeText: true })).toEqual(["password"]);
    expect(secretKindsOfValue(script)).toEqual([]);
    expect(secretKindsOfValue("export DB_PASSWORD=$FROM_SECRETS_MANAGER", { freeText: true })).toEqual([]);
  });
});

describe("maskSecrets: only the secret part is replaced", () => {
  const mask = (s: string): string => `<${s.length}>`;
  it.each([
    ["postgres://admin:hunter2@db.internal:5432/claims", "postgres://admin:<7>@db.internal:5432/claims"],
    ["s3://claims-bucket/data.csv?X-Amz-Signature=abcdef0123", "s3://claims-bucket/data.csv?X-Amz-Signature=<10>"],
    ["--token=" + GHP, `--token=<${GHP.length}>`],
    ["registry.example.com/m:1?token=abcdef123456", "registry.example.com/m:1?token=<12>"],
  ])("%s → %s", (text, masked) => {
    expect(maskSecrets(text, mask).text).toBe(masked);
  });
});

describe("classifyEntry: a free-form map entry", () => {
  it.each([
    ["wandb_api_key", WANDB, ["api-key"]],
    ["DB_PASS", "hunter2", ["password"]],
    ["DB_PASSWORD", "arn:aws:ssm:us-east-1:111122223333:parameter/db", []],
    ["DB_PASSWORD", "", []],
    ["USE_AUTH", "true", []],
    ["DATABASE", "postgres://app:hunter2@db/x", ["url-credentials"]],
    ["learning_rate", "0.1", []],
    ["epochs", "10", []],
  ])("%s=%s → %j", (name, value, kinds) => {
    expect(classifyEntry(name, value)).toEqual(kinds);
  });
});

describe("redaction entries", () => {
  it("round-trip path and kinds, and read entries written before kinds existed", () => {
    const entry = formatRedaction("response.HyperParameters.wandb_api_key", ["api-key"]);
    expect(entry).toBe("response.HyperParameters.wandb_api_key (api-key)");
    expect(parseRedaction(entry)).toEqual({ path: "response.HyperParameters.wandb_api_key", kinds: ["api-key"] });
    expect(parseRedaction("response.Containers[0].Environment.DB_PASSWORD")).toEqual({ path: "response.Containers[0].Environment.DB_PASSWORD", kinds: [] });
    expect(secretKindsOf(parseRedaction("response.X.Environment.MODEL (policy)"))).toEqual([]);
    expect(secretKindsOf(parseRedaction("response.OnStart[0].Content (script)"))).toEqual([]);
    expect(secretKindsOf(parseRedaction("response.OnStart[0].Content (github-token,password)"))).toEqual(["github-token", "password"]);
  });
});
