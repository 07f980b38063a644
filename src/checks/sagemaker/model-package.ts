import type { DescribeEndpointConfigOutput, DescribeEndpointOutput, DescribeModelOutput, DescribeModelPackageOutput } from "@aws-sdk/client-sagemaker";
import { resourcesOfType } from "../../evidence/inventory.js";
import type { Inventory, Resource } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import { fail, gap, notApplicable, pass } from "../verdict.js";
import { described } from "./shared.js";

interface Deployment {
  endpoints: Resource<DescribeEndpointOutput>[];
  /** Links of the chain we could not read, which may hide a deployment. */
  unknown: string[];
}

/** Endpoints serving a model package: package ← model container ← endpoint config variant ← endpoint. */
function deploymentsOf(pkg: Resource<DescribeModelPackageOutput>, inventory: Inventory): Deployment {
  const local = <C>(type: string): Resource<C>[] => resourcesOfType<C>(inventory, type).filter((r) => r.account === pkg.account && r.region === pkg.region);
  const models = local<DescribeModelOutput>("AWS::SageMaker::Model");
  const configs = local<DescribeEndpointConfigOutput>("AWS::SageMaker::EndpointConfig");
  const endpoints = local<DescribeEndpointOutput>("AWS::SageMaker::Endpoint");
  const unknown = [...models, ...configs, ...endpoints].filter((r) => r.config === undefined).map((r) => r.name);

  const usesPackage = (m: DescribeModelOutput): boolean =>
    [m.PrimaryContainer, ...(m.Containers ?? [])].some((c) => c?.ModelPackageName === pkg.arn || c?.ModelPackageName === pkg.config?.ModelPackageName);
  const modelNames = new Set(models.filter((m) => m.config && usesPackage(m.config)).map((m) => m.name));
  const configNames = new Set(configs.filter((c) => c.config?.ProductionVariants?.some((v) => v.ModelName && modelNames.has(v.ModelName))).map((c) => c.name));
  return { endpoints: endpoints.filter((e) => e.config?.EndpointConfigName && configNames.has(e.config.EndpointConfigName)), unknown };
}

/**
 * Compliant when a model package that an endpoint serves has ModelApprovalStatus Approved (values
 * Approved | Rejected | PendingManualApproval). https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html
 * Peers: Prowler sagemaker_models_registry_in_use passes when the registry holds at least one
 * Approved package (registry in use); this check asks it of each package an endpoint serves.
 */
export const modelPackageApprovedBeforeDeployment = defineCheck<DescribeModelPackageOutput>({
  id: "sagemaker.model-package.approved-before-deployment",
  title: "Deployed model packages are approved",
  resourceType: "AWS::SageMaker::ModelPackage",
  severity: "medium",
  rationale: "The model registry's approval is the change-control gate for models that make decisions on regulated data; an endpoint serving a pending or rejected package bypassed it.",
  remediation:
    "Review the package and set ModelApprovalStatus=Approved (aws sagemaker update-model-package --model-approval-status Approved) with an ApprovalDescription, or roll the endpoint back to an approved package; deploy only from approved packages in CI/CD.",
  peers: { prowler: ["sagemaker_models_registry_in_use"] },
  // Packages are listed group by group: a failed ListModelPackageGroups hides every package.
  evidence: ["sagemaker:ListModelPackageGroups", ...described("ModelPackage"), ...described("Model"), ...described("EndpointConfig"), ...described("Endpoint")],
  evaluate: (p, { resource, inventory }) => {
    const { endpoints, unknown } = deploymentsOf(resource, inventory);
    const read = endpoints.flatMap((e) => e.evidenceIds);
    const status = p.ModelApprovalStatus ?? "not set";
    if (endpoints.length === 0) {
      if (unknown.length > 0) return gap(`evidence gap: ${unknown.join(", ")} could not be described, so deployment of this package is unknown`);
      return notApplicable(`not served by any endpoint (ModelApprovalStatus ${status})`);
    }
    const names = endpoints.map((e) => e.name).join(", ");
    return p.ModelApprovalStatus === "Approved"
      ? pass(`ModelApprovalStatus is Approved; served by ${names}`, read)
      : fail(`ModelApprovalStatus is ${status} but the package is served by ${names}`, read);
  },
});
