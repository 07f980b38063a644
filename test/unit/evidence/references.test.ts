import { describe, expect, test } from "vitest";
import { parseKeyReference, referencesOfResource, sageMakerReferences, trailReferences } from "../../../src/evidence/references.js";

// The key identifier forms of https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#key-id,
// with the examples the KMS API reference uses.
const KEY_ID = "1234abcd-12ab-34cd-56ef-1234567890ab";
const MRK_ID = "mrk-1234abcd12ab34cd56ef1234567890ab";

describe("KMS key references", () => {
  test.each([
    [KEY_ID, { form: "key-id", keyId: KEY_ID }],
    [MRK_ID, { form: "multi-region-key-id", keyId: MRK_ID }],
    [`arn:aws:kms:us-east-2:111122223333:key/${KEY_ID}`, { form: "key-arn", keyId: KEY_ID, region: "us-east-2", account: "111122223333" }],
    [`arn:aws:kms:us-east-2:111122223333:key/${MRK_ID}`, { form: "key-arn", keyId: MRK_ID, region: "us-east-2", account: "111122223333" }],
    [`arn:aws-us-gov:kms:us-gov-west-1:111122223333:key/${KEY_ID}`, { form: "key-arn", keyId: KEY_ID, region: "us-gov-west-1", account: "111122223333" }],
    ["alias/ExampleAlias", { form: "alias-name", alias: "alias/ExampleAlias" }],
    ["alias/aws/sagemaker", { form: "alias-name", alias: "alias/aws/sagemaker" }],
    ["arn:aws:kms:us-east-2:111122223333:alias/ExampleAlias", { form: "alias-arn", alias: "alias/ExampleAlias", region: "us-east-2", account: "111122223333" }],
  ])("%s", (value, expected) => {
    expect(parseKeyReference(value)).toEqual(expected);
  });

  test.each([
    ["a multi-Region id with a key id's dashes", "mrk-1234abcd-12ab-34cd-56ef-1234567890ab"],
    ["a key id without its dashes", "1234abcd12ab34cd56ef1234567890ab"],
    ["a hex prefix", "deadbeef"],
    ["upper case", "MRK-1234ABCD12AB34CD56EF1234567890AB"],
    ["an alias with a space", "alias/my key"],
    ["an empty alias", "alias/"],
    ["a key name", "my-key"],
  ])("not a key reference: %s", (_label, value) => {
    expect(parseKeyReference(value)).toBeUndefined();
  });
});

describe("supporting references of a describe response", () => {
  const job = {
    RoleArn: "arn:aws:iam::111122223333:role/service-role/ml-exec",
    ResourceConfig: { VolumeKmsKeyId: MRK_ID },
    OutputDataConfig: { S3OutputPath: "s3://ml-out/models/", KmsKeyId: "alias/ml" },
    ModelArtifacts: { S3ModelArtifacts: "https://ml-artifacts.s3.us-east-1.amazonaws.com/m.tar.gz" },
    VpcConfig: { SecurityGroupIds: ["sg-0123456789abcdef0"], Subnets: ["subnet-1"] },
    // A bare key id outside a KMS field is not a key; a key ARN anywhere is.
    ClientToken: KEY_ID,
    Extra: { Key: `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}` },
  };

  test("roles, keys in any form, buckets (s3:// and virtual-hosted https) and security groups, once each", () => {
    expect(sageMakerReferences({ ...job, Copy: { RoleArn: job.RoleArn } })).toEqual([
      { kind: "role", value: "arn:aws:iam::111122223333:role/service-role/ml-exec" },
      { kind: "kmsKey", value: MRK_ID },
      { kind: "bucket", value: "ml-out" },
      { kind: "kmsKey", value: "alias/ml" },
      { kind: "bucket", value: "ml-artifacts" },
      { kind: "securityGroup", value: "sg-0123456789abcdef0" },
      { kind: "kmsKey", value: `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}` },
    ]);
  });

  test("a trail names its log key and bucket; other supporting resources reference nothing", () => {
    const trail = { KmsKeyId: `arn:aws:kms:us-east-1:111122223333:key/${KEY_ID}`, S3BucketName: "trail-logs", SnsTopicARN: "arn:aws:sns:us-east-1:111122223333:t" };
    expect(trailReferences(trail)).toEqual([
      { kind: "kmsKey", value: trail.KmsKeyId },
      { kind: "bucket", value: "trail-logs" },
    ]);
    expect(referencesOfResource({ type: "AWS::CloudTrail::Trail", config: { Trail: trail } })).toEqual(trailReferences(trail));
    expect(referencesOfResource({ type: "AWS::IAM::Role", config: { Arn: job.RoleArn } })).toEqual([]);
    expect(referencesOfResource({ type: "AWS::SageMaker::TrainingJob", config: undefined })).toEqual([]);
  });
});
