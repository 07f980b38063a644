import type { DescribeEndpointConfigOutput } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { bucketEncryption } from "../s3/bucket.js";
import type { S3BucketItem } from "../s3/bucket.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { hasLocalInstanceStorage } from "./instance-storage.js";
import { described, kmsKeyVerdict } from "./shared.js";

const TYPE = "AWS::SageMaker::EndpointConfig";
const EVIDENCE = described("EndpointConfig");

/**
 * Compliant when the endpoint's ML storage volumes are encrypted with a customer-managed key
 * (KmsKeyId). When any production variant runs on an instance type with local NVMe storage,
 * CreateEndpointConfig rejects a KmsKeyId ("If any of the models that you specify in the
 * ProductionVariants parameter use nitro-based instances with local storage, do not specify a value
 * for the KmsKeyId parameter"): NOT_APPLICABLE there, the local volumes are encrypted in hardware.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html
 */
export const endpointConfigKmsEncrypted = defineCheck<DescribeEndpointConfigOutput>({
  id: "sagemaker.endpoint-config.kms-encrypted",
  title: "Endpoint configurations encrypt storage with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Hosting instances cache model artefacts and request payloads on their ML storage volumes; a customer-managed key controls who can decrypt them.",
  remediation: "Create a new endpoint configuration with KmsKeyId set to a customer-managed key (Terraform: kms_key_arn) and update the endpoint to use it; endpoint configurations cannot be modified.",
  awsConfigRule: "SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED",
  peers: { prowler: ["sagemaker_endpoint_config_kms_encryption_enabled"], checkov: ["CKV_AWS_98"] },
  evidence: EVIDENCE,
  evaluate: (c, ctx) => {
    const local = (c.ProductionVariants ?? []).filter((v) => hasLocalInstanceStorage(v.InstanceType));
    if (local.length > 0 && !c.KmsKeyId) {
      return notApplicable(`variant ${local.map((v) => `${v.VariantName ?? "?"} (${v.InstanceType ?? "?"})`).join(", ")} uses local NVMe instance storage, encrypted in hardware; SageMaker accepts no KmsKeyId then`);
    }
    return kmsKeyVerdict("KmsKeyId", c.KmsKeyId, "the ML storage volumes use no customer-managed key", ctx);
  },
});

/** Whether the config captures data: DataCaptureConfig present and EnableCapture not false (its default is true). */
const captures = (c: DescribeEndpointConfigOutput): boolean => c.DataCaptureConfig !== undefined && c.DataCaptureConfig.EnableCapture !== false;

/**
 * Compliant when captured requests and responses are encrypted with a KMS key:
 * DataCaptureConfig.KmsKeyId set. NOT_APPLICABLE without DataCaptureConfig or with EnableCapture
 * false (EnableCapture "defaults to enabled" when absent). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html
 */
export const endpointConfigDataCaptureEncrypted = defineCheck<DescribeEndpointConfigOutput>({
  id: "sagemaker.endpoint-config.data-capture-encrypted",
  title: "Endpoint data capture is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Data capture copies every inference request and response (often ePHI or personal data) to S3; without DataCaptureConfig.KmsKeyId it lands under the bucket's default encryption only.",
  remediation: "Create a new endpoint configuration with DataCaptureConfig.KmsKeyId set to a customer-managed key (Terraform: data_capture_config { kms_key_id }) and update the endpoint.",
  evidence: EVIDENCE,
  evaluate: (c, ctx) => {
    if (!captures(c)) return notApplicable(c.DataCaptureConfig ? "DataCaptureConfig.EnableCapture is false" : "no DataCaptureConfig: nothing is captured");
    return kmsKeyVerdict("DataCaptureConfig.KmsKeyId", c.DataCaptureConfig?.KmsKeyId, `captured payloads written to ${c.DataCaptureConfig?.DestinationS3Uri ?? "S3"} use no customer-managed key`, ctx);
  },
});

/**
 * Compliant when the bucket named by DataCaptureConfig.DestinationS3Uri encrypts by default with a
 * KMS key (the rule of s3.sagemaker-bucket.encrypted, see bucketEncryption).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCaptureConfig.html (DestinationS3Uri)
 */
export const endpointConfigDataCaptureBucketEncrypted = defineCheck<DescribeEndpointConfigOutput>({
  id: "sagemaker.endpoint-config.data-capture-bucket-encrypted",
  title: "Endpoint data capture writes to a bucket with default encryption",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Captured inference payloads are regulated data; the destination bucket's default encryption is the last line of defence for objects written without an explicit key.",
  remediation: "Enable default encryption on the DataCaptureConfig.DestinationS3Uri bucket (aws s3api put-bucket-encryption, SSE-KMS with a customer-managed key), or point data capture at an encrypted bucket.",
  evidence: [...EVIDENCE, "config:SelectResourceConfig", "config:BatchGetResourceConfig", "config:SelectAggregateResourceConfig"],
  evaluate: (c, { resource, inventory }) => {
    if (!captures(c)) return notApplicable(c.DataCaptureConfig ? "DataCaptureConfig.EnableCapture is false" : "no DataCaptureConfig: nothing is captured");
    const uri = c.DataCaptureConfig?.DestinationS3Uri ?? "";
    const name = /^s3:\/\/([^/]+)/.exec(uri)?.[1];
    if (!name) return gap(`DataCaptureConfig.DestinationS3Uri is ${uri || "not set"}: no bucket to judge`);
    const bucket = resourcesOfType<S3BucketItem>(inventory, "AWS::S3::Bucket").find((b) => b.name === name);
    if (!bucket?.config) return gap(`evidence gap: no AWS Config configuration item for bucket ${name} (data capture destination of ${resource.name})`);
    const verdict = bucketEncryption(bucket.config);
    const reason = `capture bucket ${name}: ${verdict.reason}`;
    return verdict.status === "PASS" ? pass(reason, bucket.evidenceIds) : verdict.status === "FAIL" ? fail(reason, bucket.evidenceIds) : gap(reason, bucket.evidenceIds);
  },
});

/**
 * Compliant when every instance-backed production variant runs at least two instances:
 * ProductionVariant InitialInstanceCount ≥ 2, or managed instance scaling enabled with
 * MinInstanceCount ≥ 2 (ManagedInstanceScaling Status ENABLED | DISABLED). Serverless variants
 * (ServerlessConfig) have no instances: NOT_APPLICABLE when every variant is serverless.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariant.html, API_ProductionVariantManagedInstanceScaling.html
 */
export const endpointConfigMultiInstance = defineCheck<DescribeEndpointConfigOutput>({
  id: "sagemaker.endpoint-config.multi-instance",
  title: "Endpoint production variants run on at least two instances",
  resourceType: TYPE,
  severity: "low",
  rationale: "With two or more instances SageMaker spreads a variant across Availability Zones, so one instance or zone failure does not make the service unavailable (availability of ePHI systems).",
  remediation: "Create a new endpoint configuration with InitialInstanceCount >= 2 for every production variant (Terraform: initial_instance_count = 2) and update the endpoint.",
  awsConfigRule: "SAGEMAKER_ENDPOINT_CONFIG_PROD_INSTANCE_COUNT",
  peers: { securityHub: ["SageMaker.4"], prowler: ["sagemaker_endpoint_config_prod_variant_instances"] },
  evidence: EVIDENCE,
  evaluate: (c) => {
    // Serverless variants have no instances to count: SageMaker manages their availability.
    const variants = (c.ProductionVariants ?? []).filter((v) => v.ServerlessConfig === undefined);
    if (variants.length === 0) return notApplicable("every production variant is serverless");
    // Managed instance scaling keeps at least MinInstanceCount instances whatever the initial count.
    const floor = (v: (typeof variants)[number]): number =>
      v.ManagedInstanceScaling?.Status === "ENABLED" ? Math.max(v.InitialInstanceCount ?? 0, v.ManagedInstanceScaling.MinInstanceCount ?? 0) : (v.InitialInstanceCount ?? 0);
    const describe = (v: (typeof variants)[number]): string =>
      `${v.VariantName ?? "?"} (${v.ManagedInstanceScaling?.Status === "ENABLED" ? `MinInstanceCount ${v.ManagedInstanceScaling.MinInstanceCount ?? "not set"}` : (v.InitialInstanceCount ?? "not set")})`;
    const single = variants.filter((v) => floor(v) < 2);
    if (single.length > 0) return fail(`InitialInstanceCount below 2 for ${single.map(describe).join(", ")}`);
    return pass(`every production variant runs at least 2 instances (${variants.map((v) => `${v.VariantName ?? "?"}: ${floor(v)}`).join(", ")})`);
  },
});

/**
 * Compliant when asynchronous inference results are encrypted with a customer-managed key:
 * AsyncInferenceConfig.OutputConfig.KmsKeyId ("The AWS Key Management Service (AWS KMS) key that
 * SageMaker uses to encrypt the asynchronous inference output in Amazon S3"). An endpoint config
 * without AsyncInferenceConfig serves no asynchronous inference: NOT_APPLICABLE.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceOutputConfig.html
 */
export const endpointConfigAsyncOutputKmsEncrypted = defineCheck<DescribeEndpointConfigOutput>({
  id: "sagemaker.endpoint-config.async-output-kms-encrypted",
  title: "Asynchronous inference output is encrypted with a KMS key",
  resourceType: TYPE,
  severity: "high",
  rationale: "Asynchronous endpoints write every inference result (often ePHI or personal data) to S3; without OutputConfig.KmsKeyId those objects get only the bucket's default encryption.",
  remediation:
    "Create a new endpoint configuration with AsyncInferenceConfig.OutputConfig.KmsKeyId set to a customer-managed key (SageMaker Python SDK: AsyncInferenceConfig(kms_key_id=…); Terraform: async_inference_config { output_config { kms_key_id } }) and update the endpoint.",
  evidence: EVIDENCE,
  evaluate: (c, ctx) => {
    if (!c.AsyncInferenceConfig) return notApplicable("no AsyncInferenceConfig: the endpoint configuration serves no asynchronous inference");
    const output = c.AsyncInferenceConfig.OutputConfig;
    return kmsKeyVerdict("AsyncInferenceConfig.OutputConfig.KmsKeyId", output?.KmsKeyId, `asynchronous results written to ${output?.S3OutputPath ?? "S3"} use no customer-managed key`, ctx);
  },
});
