import type { ContainerDefinition, DescribeModelOutput } from "@aws-sdk/client-sagemaker";
import { classifyEntry, isRedactedMarker, parseRedaction, SECRET_REFERENCE, secretKindOfName, secretKindsOf } from "../../evidence/secrets.js";
import type { ParsedRedaction, SecretKind } from "../../evidence/secrets.js";
import { defineCheck } from "../define.js";
import type { CheckContext } from "../types.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { described } from "./shared.js";

const TYPE = "AWS::SageMaker::Model";
const EVIDENCE = described("Model");

/**
 * Compliant when the model's containers can make no network calls: DescribeModel
 * EnableNetworkIsolation true (absent means false). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
 */
export const modelNetworkIsolation = defineCheck<DescribeModelOutput>({
  id: "sagemaker.model.network-isolation",
  title: "Models run with network isolation",
  resourceType: TYPE,
  severity: "medium",
  rationale: "An isolated inference container cannot send the data it scores anywhere, even if the model image is compromised.",
  remediation: "Recreate the model with EnableNetworkIsolation=true (Terraform: enable_network_isolation = true) and point endpoint configs at it; models cannot be updated.",
  awsConfigRule: "SAGEMAKER_MODEL_ISOLATION_ENABLED",
  peers: { securityHub: ["SageMaker.5"], prowler: ["sagemaker_models_network_isolation_enabled"], checkov: ["CKV_AWS_370"] },
  evidence: EVIDENCE,
  evaluate: (m) =>
    m.EnableNetworkIsolation === true
      ? pass("EnableNetworkIsolation is true")
      : fail(`EnableNetworkIsolation is ${m.EnableNetworkIsolation === false ? "false" : "not set (defaults to false)"}: containers can reach the network`),
});

/**
 * Compliant when the model's containers run in a customer VPC: DescribeModel VpcConfig with
 * Subnets (absent: the containers use the SageMaker service network). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html,
 * API_VpcConfig.html
 */
export const modelInVpc = defineCheck<DescribeModelOutput>({
  id: "sagemaker.model.in-vpc",
  title: "Models run inside a VPC",
  resourceType: TYPE,
  severity: "medium",
  rationale: "Without VpcConfig the inference containers' network traffic bypasses your security groups and flow logs.",
  remediation: "Recreate the model with VpcConfig.Subnets and VpcConfig.SecurityGroupIds of private subnets (Terraform: vpc_config { subnets, security_group_ids }).",
  awsConfigRule: "SAGEMAKER_MODEL_IN_VPC",
  peers: { prowler: ["sagemaker_models_vpc_settings_configured"] },
  evidence: EVIDENCE,
  evaluate: (m) =>
    m.VpcConfig?.Subnets?.length
      ? pass(`VpcConfig uses subnets ${m.VpcConfig.Subnets.join(", ")}`)
      : fail("VpcConfig is not set: the containers are not attached to a VPC"),
});

function containers(m: DescribeModelOutput): ContainerDefinition[] {
  return [...(m.PrimaryContainer ? [m.PrimaryContainer] : []), ...(m.Containers ?? [])];
}

/** Response path of a container's environment, as redaction records it. */
const environmentPath = (m: DescribeModelOutput, i: number): string =>
  m.PrimaryContainer ? (i === 0 ? "response.PrimaryContainer.Environment" : `response.Containers[${i - 1}].Environment`) : `response.Containers[${i}].Environment`;

/**
 * The kinds of secret one environment variable holds. Values were masked before checks run, so
 * for a masked value the kinds redaction recorded are read (they come from the shared detector,
 * by name and by value); a masked value recorded before kinds existed is judged by its name; an
 * unmasked value (evidence built without redaction) is classified directly.
 */
/** The redactions recorded on the resource's `operation` records, by path: what redaction removed. */
export function recordedRedactions(ctx: Pick<CheckContext<unknown>, "resource" | "inventory">, operation: string): Map<string, ParsedRedaction> {
  const recorded = new Map<string, ParsedRedaction>();
  for (const id of ctx.resource.evidenceIds) {
    const record = ctx.inventory.evidence.get(id);
    if (record?.operation !== operation) continue;
    for (const entry of record.redactions) {
      const parsed = parseRedaction(entry);
      recorded.set(parsed.path, parsed);
    }
  }
  return recorded;
}

export function secretKinds(name: string, value: string, recorded: ReadonlyMap<string, ParsedRedaction>, path: string): SecretKind[] {
  if (value === "" || SECRET_REFERENCE.test(value)) return [];
  if (!isRedactedMarker(value)) return classifyEntry(name, value);
  const entry = recorded.get(`${path}.${name}`);
  if (entry && entry.kinds.length > 0) return secretKindsOf(entry);
  const byName = secretKindOfName(name);
  return byName ? [byName] : [];
}

/**
 * Compliant when no container environment variable holds a literal secret: by name (a variable
 * whose name says it is a credential — `DB_PASS`, `dbPassword`, `API_KEY` — holding a literal) or
 * by value (a URL with embedded credentials, a connection string with a password, a provider API
 * key or token recognised by its format, whatever the variable is called). A Secrets Manager or
 * SSM Parameter Store ARN is a reference, not a secret. `Environment` is "the environment variables
 * to set in the Docker container", returned in clear by DescribeModel
 * (https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html).
 */
export const modelNoPlaintextSecrets = defineCheck<DescribeModelOutput>({
  id: "sagemaker.model.no-plaintext-secrets",
  title: "Model containers hold no plaintext secrets in their environment",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "Container environment variables are returned in clear by DescribeModel to anyone with read access, and copied into logs and tooling; a literal password or token there is a disclosed credential.",
  remediation:
    "Store the secret in AWS Secrets Manager or SSM Parameter Store, put its ARN in the environment variable (or fetch it at start-up with the execution role), recreate the model and rotate the exposed secret.",
  evidence: EVIDENCE,
  evaluate: (m, ctx) => {
    const recorded = recordedRedactions(ctx, "DescribeModel");
    const offending: string[] = [];
    const references: string[] = [];
    containers(m).forEach((c, i) => {
      for (const [name, value] of Object.entries(c.Environment ?? {})) {
        const kinds = secretKinds(name, value, recorded, environmentPath(m, i));
        if (kinds.length > 0) offending.push(`${c.ContainerHostname ?? `container ${i}`}: ${name} (${kinds.join(", ")})`);
        else if (SECRET_REFERENCE.test(value) && secretKindOfName(name)) references.push(name);
      }
    });
    if (offending.length > 0) return fail(`plaintext secret${offending.length === 1 ? "" : "s"} in container environment: ${offending.join(", ")}`);
    return pass(references.length > 0 ? `secret-named variables ${references.join(", ")} hold Secrets Manager/SSM references; no other variable holds a secret` : "no environment variable holds a secret (by name or by value)");
  },
});

/**
 * Compliant when a model in a VPC pulls every container image from a private Docker registry in
 * that VPC: each container (PrimaryContainer and every Containers[] entry) has
 * ImageConfig.RepositoryAccessMode Vpc (values Platform | Vpc: "Platform - The model image is
 * hosted in Amazon ECR", "Vpc - The model image is hosted in a private Docker registry in your
 * VPC"; without ImageConfig the image comes from Amazon ECR). A model without VpcConfig cannot reach
 * a registry in a VPC: NOT_APPLICABLE (sagemaker.model.in-vpc judges it).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ImageConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModel.html
 * Peers: Security Hub SageMaker.16 (Config SAGEMAKER_MODEL_PRIVATE_REGISTRY_REQUIRED, the
 * PrimaryContainer) and SageMaker.19 (SAGEMAKER_MODEL_MULTICONTAINER_PRIVATE_REGISTRY, Containers[])
 * judge the same field on every model, also those without VpcConfig, which are NOT_APPLICABLE here:
 * such a model is FAILED there and judged by sagemaker.model.in-vpc here. Not cross-checked for that
 * reason.
 */
export const modelPrivateRegistry = defineCheck<DescribeModelOutput>({
  id: "sagemaker.model.private-registry",
  title: "Models in a VPC pull their images from a private registry in the VPC",
  resourceType: TYPE,
  severity: "low",
  rationale:
    "A VPC-attached model whose images come from a registry inside the VPC keeps the whole supply chain of the inference code on the private network, under your registry's access control and scanning.",
  remediation:
    "Recreate the model with ImageConfig.RepositoryAccessMode=Vpc on every container (PrimaryContainer and Containers[]), with RepositoryAuthConfig when the registry needs credentials (Terraform: image_config { repository_access_mode = \"Vpc\" }).",
  peers: { securityHub: ["SageMaker.16", "SageMaker.19"], awsConfig: ["SAGEMAKER_MODEL_PRIVATE_REGISTRY_REQUIRED", "SAGEMAKER_MODEL_MULTICONTAINER_PRIVATE_REGISTRY"] },
  evidence: EVIDENCE,
  evaluate: (m) => {
    if (!m.VpcConfig?.Subnets?.length) return notApplicable("VpcConfig is not set: the model is not in a VPC, so no registry in a VPC is reachable");
    const all = containers(m);
    if (all.length === 0) return gap("DescribeModel lists no PrimaryContainer and no Containers: nothing to judge");
    const label = (c: ContainerDefinition, i: number): string => c.ContainerHostname ?? (m.PrimaryContainer && i === 0 ? "PrimaryContainer" : `Containers[${m.PrimaryContainer ? i - 1 : i}]`);
    const outside = all
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.ImageConfig?.RepositoryAccessMode !== "Vpc")
      .map(({ c, i }) => {
        if (c.ImageConfig?.RepositoryAccessMode) return `${label(c, i)} (RepositoryAccessMode ${c.ImageConfig.RepositoryAccessMode})`;
        // A container that names a model package runs the package's image, which has no ImageConfig.
        return `${label(c, i)} (${!c.Image && c.ModelPackageName ? `image of model package ${c.ModelPackageName}, ImageConfig not set` : "ImageConfig not set: Amazon ECR"})`;
      });
    if (outside.length > 0) return fail(`container image not from a private registry in the VPC: ${outside.join(", ")}`);
    return pass(`every container (${all.length}) has ImageConfig.RepositoryAccessMode Vpc`);
  },
});
