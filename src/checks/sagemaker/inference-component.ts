import type { DescribeInferenceComponentOutput } from "@aws-sdk/client-sagemaker";
import { SECRET_REFERENCE, secretKindOfName } from "../../evidence/secrets.js";
import { defineCheck } from "../define.js";
import { fail, notApplicable, pass } from "../verdict.js";
import { recordedRedactions, secretKinds } from "./model.js";
import { described } from "./shared.js";

const TYPE = "AWS::SageMaker::InferenceComponent";
const EVIDENCE = described("InferenceComponent");

/** Response path of the component's container environment, as redaction records it. */
const ENVIRONMENT_PATH = "response.Specification.Container.Environment";

/**
 * Compliant when no environment variable of the inference component's own container holds a
 * literal secret, judged exactly as sagemaker.model.no-plaintext-secrets judges a model's
 * containers: by name (`DB_PASSWORD`, `apiKey` holding a literal) and by value (URLs with
 * credentials, connection strings, provider tokens), through the shared detector
 * (src/evidence/secrets.ts); values are masked before checks run, so the kinds redaction recorded
 * are read. A Secrets Manager or SSM Parameter Store ARN is a reference, not a secret.
 * DescribeInferenceComponent `Specification.Container` is "the Amazon ECR path where the container
 * is located… and the environment variables" (InferenceComponentContainerSpecification.Environment,
 * a string map); a component that deploys an existing model (`Specification.ModelName`) or an
 * adapter of a base component (`BaseInferenceComponentName`) has no container of its own:
 * NOT_APPLICABLE (the model's environment is judged by sagemaker.model.no-plaintext-secrets).
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeInferenceComponent.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentSpecificationSummary.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_InferenceComponentContainerSpecificationSummary.html
 */
export const inferenceComponentNoPlaintextSecrets = defineCheck<DescribeInferenceComponentOutput>({
  id: "sagemaker.inference-component.no-plaintext-secrets",
  title: "Inference component containers hold no plaintext secrets in their environment",
  resourceType: TYPE,
  severity: "high",
  rationale:
    "An inference component's container environment is returned in clear by DescribeInferenceComponent to anyone with read access, and copied into logs and tooling; a literal password or token there is a disclosed credential.",
  remediation:
    "Store the secret in AWS Secrets Manager or SSM Parameter Store, put its ARN in the environment variable (or fetch it at start-up with the execution role), update the inference component (UpdateInferenceComponent with a new Specification.Container.Environment) and rotate the exposed secret.",
  evidence: EVIDENCE,
  evaluate: (ic, ctx) => {
    const container = ic.Specification?.Container;
    if (!container) {
      const source = ic.Specification?.ModelName ? `deploys model ${ic.Specification.ModelName}` : "has no Specification.Container";
      return notApplicable(`the component ${source}: it defines no container environment of its own`);
    }
    const recorded = recordedRedactions(ctx, "DescribeInferenceComponent");
    const offending: string[] = [];
    const references: string[] = [];
    for (const [name, value] of Object.entries(container.Environment ?? {})) {
      const kinds = secretKinds(name, value, recorded, ENVIRONMENT_PATH);
      if (kinds.length > 0) offending.push(`${name} (${kinds.join(", ")})`);
      else if (SECRET_REFERENCE.test(value) && secretKindOfName(name)) references.push(name);
    }
    if (offending.length > 0) return fail(`plaintext secret${offending.length === 1 ? "" : "s"} in Specification.Container.Environment: ${offending.join(", ")}`);
    return pass(references.length > 0 ? `secret-named variables ${references.join(", ")} hold Secrets Manager/SSM references; no other variable holds a secret` : "no environment variable of Specification.Container holds a secret (by name or by value)");
  },
});
