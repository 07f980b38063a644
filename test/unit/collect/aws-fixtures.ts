import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { SageMakerClient, SageMakerServiceException } from "@aws-sdk/client-sagemaker";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { mockClient } from "aws-sdk-client-mock";
import type { Clock } from "../../../src/aws/limits.js";
import { configSchema } from "../../../src/config/schema.js";
import type { Config } from "../../../src/config/schema.js";

export const ACCOUNT = "111122223333";
export const NOW = new Date("2026-11-27T10:00:00.000Z");

/**
 * aws-sdk-client-mock replaces `send` on every client of a class: no request leaves the process,
 * and any call a test does not script answers `{}` (an empty but successful page).
 */
export function mockAws() {
  const sagemaker = mockClient(SageMakerClient);
  const config = mockClient(ConfigServiceClient);
  const cloudtrail = mockClient(CloudTrailClient);
  const sts = mockClient(STSClient);
  const iam = mockClient(IAMClient);
  const kms = mockClient(KMSClient);
  const s3 = mockClient(S3Client);
  const s3control = mockClient(S3ControlClient);
  const ec2 = mockClient(EC2Client);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  for (const m of [sagemaker, config, cloudtrail, sts, iam, kms, s3, s3control, ec2, tagging]) (m as ReturnType<typeof mockClient>).onAnyCommand().resolves({});
  sts.on(GetCallerIdentityCommand).resolves({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:role/auditor`, UserId: "AROAEXAMPLE:sageaudit" });
  return {
    sagemaker,
    config,
    cloudtrail,
    sts,
    iam,
    kms,
    s3,
    s3control,
    ec2,
    tagging,
    restore: () => [sagemaker, config, cloudtrail, sts, iam, kms, s3, s3control, ec2, tagging].forEach((m) => m.restore()),
  };
}

export function testConfig(overrides: Record<string, unknown> = {}): Config {
  return configSchema.parse({ regions: ["us-east-1"], ...overrides });
}

/** A clock whose sleep advances it: rate limits are exercised without waiting. */
export function fakeClock(start = NOW): Clock & { sleeps: number[] } {
  let t = start.getTime();
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => new Date(t),
    sleep: (ms) => {
      sleeps.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

/** A service error as the SDK builds it from an AWS error response. */
export function awsError(name: string, message: string, status = 400): SageMakerServiceException {
  return new SageMakerServiceException({ name, message, $fault: status >= 500 ? "server" : "client", $metadata: { httpStatusCode: status } });
}

/** The region a mocked client was built for. */
export async function regionOf(getClient: () => { config: { region: unknown } }): Promise<string> {
  const region = getClient().config.region;
  return typeof region === "function" ? String(await (region as () => Promise<string>)()) : String(region);
}
