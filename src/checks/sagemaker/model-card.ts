import type { DescribeModelCardResponse, DescribeModelPackageOutput } from "@aws-sdk/client-sagemaker";
import { regionArn } from "../../evidence/inventory.js";
import type { Inventory } from "../../evidence/inventory.js";
import { defineCheck } from "../define.js";
import type { CheckTarget } from "../types.js";
import { kmsKeyVerdict } from "./shared.js";

const CARD = "AWS::SageMaker::ModelCard";
const PACKAGE = "AWS::SageMaker::ModelPackage";
const TYPES = new Set([CARD, PACKAGE]);
// Packages are listed group by group: a failed ListModelPackageGroups hides every package.
const EVIDENCE = ["sagemaker:ListModelCards", "sagemaker:DescribeModelCard", "sagemaker:ListModelPackageGroups", "sagemaker:ListModelPackages", "sagemaker:DescribeModelPackage"];

/**
 * Model cards and model packages are both in scope (a package embeds its own model card); a failed
 * list call hides the resources of its account and region and becomes one ERROR finding there.
 */
function cardsAndPackages(inventory: Inventory): CheckTarget[] {
  const targets: CheckTarget[] = inventory.resources
    .filter((r) => TYPES.has(r.type))
    .map((r) => ({ arn: r.arn, name: r.name, account: r.account, region: r.region, referencedBy: [], evidenceIds: [], resource: r }));
  const seen = new Set<string>();
  for (const g of inventory.scopeGaps) {
    if (g.source !== "sagemaker" || !EVIDENCE.includes(`sagemaker:${g.operation}`)) continue;
    const key = `${g.account}|${g.region}`;
    if (seen.has(key)) continue;
    seen.add(key);
    targets.push({ arn: regionArn(g.account, g.region), name: `${g.account}/${g.region}`, account: g.account, region: g.region, referencedBy: ["the model cards and model packages the failed list call would have returned"], evidenceIds: [g.evidenceId] });
  }
  return targets;
}

/**
 * Compliant when the model card content is encrypted with a customer-managed key:
 * DescribeModelCard SecurityConfig.KmsKeyId ("a key ID to use for encrypting a model card"; absent:
 * an AWS managed key) and, for model packages (whose embedded ModelCard holds the same content),
 * DescribeModelPackage SecurityConfig.KmsKeyId ("the KMS Key ID used for encryption of model
 * package information"). Model cards document intended uses, training data, evaluation results and
 * risk ratings; both resource types are judged by this one check.
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelCard.html (SecurityConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelCardSecurityConfig.html,
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DescribeModelPackage.html (SecurityConfig),
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelPackageSecurityConfig.html
 */
export const modelCardKmsEncrypted = defineCheck<DescribeModelCardResponse | DescribeModelPackageOutput>({
  id: "sagemaker.model-card.kms-encrypted",
  title: "Model cards and model packages are encrypted with a KMS key",
  resourceType: CARD,
  severity: "medium",
  rationale:
    "Model cards (standalone, or embedded in a model package) describe the training data, evaluation results and risk of a model used on regulated data; they are part of the documentation HIPAA and GDPR require, and a customer-managed key keeps control and an audit trail over who reads them.",
  remediation:
    "Create model cards with SecurityConfig.KmsKeyId (CreateModelCard; the key cannot be changed afterwards, so export the card, recreate it with the key and delete the old one) and register model package versions with SecurityConfig.KmsKeyId (CreateModelPackage) set to a customer-managed key.",
  evidence: EVIDENCE,
  targets: cardsAndPackages,
  evaluate: (config, ctx) => {
    const what = ctx.resource.type === PACKAGE ? "the model package information (including its model card) uses no customer-managed key" : "the model card content uses no customer-managed key";
    return kmsKeyVerdict("SecurityConfig.KmsKeyId", config.SecurityConfig?.KmsKeyId, what, ctx);
  },
});
