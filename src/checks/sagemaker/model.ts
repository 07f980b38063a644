import type { ContainerDefinition, DescribeModelOutput } from "@aws-sdk/client-sagemaker";
import { SECRET_REFERENCE } from "../../evidence/redact.js";
import { defineCheck } from "../define.js";
import { fail, pass } from "../verdict.js";
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
  evidence: EVIDENCE,
  evaluate: (m) =>
    m.VpcConfig?.Subnets?.length
      ? pass(`VpcConfig uses subnets ${m.VpcConfig.Subnets.join(", ")}`)
      : fail("VpcConfig is not set: the containers are not attached to a VPC"),
});

// Names that say "this is a credential". Matched against whole words of the variable name.
const SECRET_NAME = /(^|_)(PASSWORD|PASSWD|PWD|SECRET|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|CREDENTIALS?|AUTH)(_|$)/i;

function containers(m: DescribeModelOutput): ContainerDefinition[] {
  return [...(m.PrimaryContainer ? [m.PrimaryContainer] : []), ...(m.Containers ?? [])];
}

/** Compliant when no container environment variable named like a secret holds a literal value. */
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
  evaluate: (m) => {
    const offending = containers(m).flatMap((c, i) =>
      Object.entries(c.Environment ?? {})
        .filter(([name, value]) => SECRET_NAME.test(name) && value !== "" && !SECRET_REFERENCE.test(value))
        .map(([name]) => `${c.ContainerHostname ?? `container ${i}`}: ${name}`),
    );
    if (offending.length > 0) return fail(`literal value in secret-named environment variable${offending.length === 1 ? "" : "s"} ${offending.join(", ")}`);
    const named = containers(m).flatMap((c) => Object.keys(c.Environment ?? {}).filter((n) => SECRET_NAME.test(n)));
    return pass(named.length > 0 ? `secret-named variables ${named.join(", ")} hold Secrets Manager/SSM references` : "no secret-named environment variable");
  },
});
