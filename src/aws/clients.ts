import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { ConfigServiceClient } from "@aws-sdk/client-config-service";
import { EC2Client } from "@aws-sdk/client-ec2";
import { IAMClient } from "@aws-sdk/client-iam";
import { KMSClient } from "@aws-sdk/client-kms";
import { ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { S3Client } from "@aws-sdk/client-s3";
import { S3ControlClient } from "@aws-sdk/client-s3-control";
import { SageMakerClient } from "@aws-sdk/client-sagemaker";
import { STSClient } from "@aws-sdk/client-sts";
import type { SageMakerClientConfig } from "@aws-sdk/client-sagemaker";
import type { AwsCredentialIdentityProvider, HttpHandlerOptions } from "@smithy/types";
import type { AssumeRoleTarget } from "./credentials.js";
import { assumeRoleProvider } from "./credentials.js";
import type { Clock } from "./limits.js";
import { systemClock } from "./limits.js";

export type AwsService = "sagemaker" | "config" | "cloudtrail" | "sts" | "iam" | "kms" | "s3" | "s3control" | "ec2" | "tagging";

interface ClientOf {
  sagemaker: SageMakerClient;
  config: ConfigServiceClient;
  cloudtrail: CloudTrailClient;
  sts: STSClient;
  iam: IAMClient;
  kms: KMSClient;
  s3: S3Client;
  s3control: S3ControlClient;
  ec2: EC2Client;
  tagging: ResourceGroupsTaggingAPIClient;
}

export interface AccountTarget {
  /** 12-digit id; undefined for "whatever account the default credentials belong to". */
  id?: string;
  roleArn?: string;
  externalId?: string;
}

export interface ClientFactoryOptions {
  maxAttempts: number;
  clock?: Clock;
  /** A test double for the HTTP layer; production uses the SDK's node handler with the timeouts below. */
  requestHandler?: SageMakerClientConfig["requestHandler"];
  /** A slow or silent endpoint must end as a gap, not hang a scheduled run. */
  requestTimeoutMs?: number;
  /** The environment whose `AWS_ENDPOINT_URL*` variables the SDK honours (tests pass their own). */
  env?: NodeJS.ProcessEnv;
  /**
   * Region whose STS endpoint assumes the account roles: one of the collected regions, so the
   * partition (aws, aws-us-gov, aws-cn) is the estate's own.
   */
  stsRegion: string;
  /**
   * Aborts every request of every client (daemon shutdown): handed to each `send` as its
   * `abortSignal`, so the SDK's HTTP handler destroys the in-flight request and the retry loop
   * stops. https://docs.aws.amazon.com/AWSJavaScriptSDK/v3/latest/Package/-aws-sdk-types/Interface/HttpHandlerOptions/
   */
  signal?: AbortSignal;
}


/**
 * One client per (service, account, region), each with adaptive retries and the account's
 * credentials. Endpoints are left to the SDK so `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`
 * keep working (the moto tests rely on it).
 */
export class AwsClientFactory {
  private readonly clients = new Map<string, ClientOf[AwsService]>();
  private readonly credentials = new Map<string, AwsCredentialIdentityProvider>();
  private readonly clock: Clock;

  constructor(private readonly options: ClientFactoryOptions) {
    this.clock = options.clock ?? systemClock;
  }

  get<S extends AwsService>(service: S, account: AccountTarget, region: string): ClientOf[S] {
    const key = `${service}|${account.id ?? "default"}|${region}`;
    let client = this.clients.get(key);
    if (!client) {
      client = this.abortable(this.create(service, account, region));
      this.clients.set(key, client);
    }
    return client as ClientOf[S];
  }

  private create(service: AwsService, account: AccountTarget, region: string): ClientOf[AwsService] {
    const credentials = account.roleArn ? this.assumed({ roleArn: account.roleArn, ...(account.externalId ? { externalId: account.externalId } : {}) }) : undefined;
    const config = {
      region,
      maxAttempts: this.options.maxAttempts,
      retryMode: "adaptive",
      requestHandler: this.options.requestHandler ?? {
        requestTimeout: this.options.requestTimeoutMs ?? 30_000,
        connectionTimeout: 5_000,
      },
      ...(credentials ? { credentials } : {}),
    };
    switch (service) {
      case "sagemaker":
        return new SageMakerClient(config);
      case "config":
        return new ConfigServiceClient(config);
      case "cloudtrail":
        return new CloudTrailClient(config);
      case "sts":
        return new STSClient(config);
      case "iam":
        return new IAMClient(config);
      case "kms":
        return new KMSClient(config);
      case "ec2":
        return new EC2Client(config);
      case "tagging":
        // AWS_ENDPOINT_URL_RESOURCE_GROUPS_TAGGING_API (or AWS_ENDPOINT_URL) is honoured by the SDK itself.
        return new ResourceGroupsTaggingAPIClient(config);
      case "s3":
        // A local endpoint (moto) has no DNS for virtual-hosted bucket names; path-style works on both.
        return new S3Client({ ...config, forcePathStyle: this.customEndpoint("S3") });
      case "s3control": {
        // S3 Control's endpoint rules put the account id in front of the host ({AccountId}.s3-control…),
        // which turns a local endpoint (http://127.0.0.1:port) into an invalid URL; AWS itself needs
        // the prefix, so only a configured endpoint is used as it is.
        const custom = this.customEndpointUrl("S3_CONTROL");
        return new S3ControlClient({ ...config, ...(custom ? { endpointProvider: () => ({ url: new URL(custom) }) } : {}) });
      }
    }
  }

  /** The endpoint `AWS_ENDPOINT_URL_<SERVICE>` or `AWS_ENDPOINT_URL` sends this service's requests to, if any. */
  private customEndpointUrl(service: string): string | undefined {
    const env = this.options.env ?? process.env;
    const url = env[`AWS_ENDPOINT_URL_${service}`] ?? env.AWS_ENDPOINT_URL;
    return url !== undefined && url !== "" ? url : undefined;
  }

  private customEndpoint(service: string): boolean {
    return this.customEndpointUrl(service) !== undefined;
  }

  /**
   * Every request of the client carries the factory's abort signal, paginators' requests
   * included (they call `client.send` too), without each collector having to pass it.
   */
  private abortable(client: ClientOf[AwsService]): ClientOf[AwsService] {
    const signal = this.options.signal;
    if (!signal) return client;
    const send = client.send.bind(client) as (command: unknown, options?: HttpHandlerOptions) => Promise<unknown>;
    (client as unknown as { send: (command: unknown, options?: HttpHandlerOptions) => Promise<unknown> }).send = (command, options) =>
      send(command, { abortSignal: signal, ...options });
    return client;
  }

  /** Assumed-role credentials, shared by every client of the account. */
  private assumed(target: AssumeRoleTarget): AwsCredentialIdentityProvider {
    const key = `${target.roleArn}|${target.externalId ?? ""}`;
    let provider = this.credentials.get(key);
    if (!provider) {
      // The role is assumed with the default chain's credentials, hence a client without an account.
      provider = assumeRoleProvider(this.get("sts", {}, this.options.stsRegion), target, this.clock);
      this.credentials.set(key, provider);
    }
    return provider;
  }

  destroy(): void {
    for (const client of this.clients.values()) client.destroy();
    this.clients.clear();
  }
}
