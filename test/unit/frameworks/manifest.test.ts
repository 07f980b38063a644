import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CATALOGUE, CHECK_IDS } from "../../../src/checks/catalogue.js";
import { EVIDENCE_SOURCES } from "../../../src/evidence/types.js";
import { parseMapping } from "../../../src/frameworks/load.js";

// The catalogue's ids are a public contract: mappings, waivers and stored history refer to them.
// Removing or renaming one must be a deliberate change to this list.
const CATALOGUE_IDS = [
  "sagemaker.notebook.direct-internet-disabled",
  "sagemaker.notebook.in-vpc",
  "sagemaker.notebook.kms-encrypted",
  "sagemaker.notebook.root-access-disabled",
  "sagemaker.notebook.supported-platform",
  "sagemaker.domain.vpc-only",
  "sagemaker.domain.kms-encrypted",
  "sagemaker.domain.sso-auth",
  "sagemaker.model.network-isolation",
  "sagemaker.model.in-vpc",
  "sagemaker.model.no-plaintext-secrets",
  "sagemaker.resource.no-plaintext-secrets",
  "sagemaker.model-package.approved-before-deployment",
  "sagemaker.endpoint-config.kms-encrypted",
  "sagemaker.endpoint-config.data-capture-encrypted",
  "sagemaker.endpoint-config.data-capture-bucket-encrypted",
  "sagemaker.endpoint-config.multi-instance",
  "sagemaker.endpoint.data-capture-enabled",
  "sagemaker.endpoint.model-monitor-scheduled",
  "sagemaker.training-job.inter-container-encryption",
  "sagemaker.training-job.network-isolation",
  "sagemaker.training-job.in-vpc",
  "sagemaker.training-job.volume-kms-encrypted",
  "sagemaker.training-job.output-kms-encrypted",
  "sagemaker.processing-job.inter-container-encryption",
  "sagemaker.processing-job.network-isolation",
  "sagemaker.processing-job.output-kms-encrypted",
  "sagemaker.processing-job.volume-kms-encrypted",
  "sagemaker.transform-job.output-kms-encrypted",
  "sagemaker.transform-job.volume-kms-encrypted",
  "sagemaker.monitoring-job.inter-container-encryption",
  "cloudtrail.multi-region-logging",
  "cloudtrail.log-file-validation",
  "cloudtrail.kms-encrypted",
  "cloudtrail.management-events-captured",
  "cloudtrail.cloudwatch-logs-integration",
  "config.recorder-recording",
  "iam.sagemaker-role.least-privilege",
  "kms.sagemaker-key.rotation-enabled",
  "kms.sagemaker-key.customer-managed",
  "s3.sagemaker-bucket.encrypted",
  "s3.sagemaker-bucket.tls-only",
  "s3.sagemaker-bucket.public-access-blocked",
  "ec2.sagemaker-security-group.no-open-ingress",
  "activity.audit-logging-tampering",
  "activity.monitoring-disabled",
  // Catalogue v2, part A (issue 12)
  "sagemaker.notebook.imdsv2-required",
  "sagemaker.model.private-registry",
  "sagemaker.endpoint-config.async-output-kms-encrypted",
  "sagemaker.training-job.remote-debug-disabled",
  "sagemaker.domain.docker-access-disabled",
  "sagemaker.domain.user-profile-sharing-encrypted",
  "sagemaker.monitoring-job.network-isolation",
  "sagemaker.monitoring-job.volume-kms-encrypted",
  "sagemaker.monitoring-job.output-kms-encrypted",
  // Catalogue v2, part C (issue 12)
  "sagemaker.hyperpod-cluster.in-vpc",
  "sagemaker.hyperpod-cluster.volume-kms-encrypted",
  "sagemaker.space.remote-access-disabled",
  "sagemaker.space.idle-shutdown",
  "sagemaker.labeling-job.kms-encrypted",
  "sagemaker.labeling-job.private-workforce",
  "sagemaker.workforce.source-ip-restricted",
  "sagemaker.flow-definition.output-kms-encrypted",
  "sagemaker.mlflow.artifact-store-secured",
  // catalogue v2 part B (issue 12)
  "sagemaker.feature-group.offline-store-kms-encrypted",
  "sagemaker.feature-group.online-store-kms-encrypted",
  "sagemaker.inference-component.no-plaintext-secrets",
  "sagemaker.inference-experiment.kms-encrypted",
  "sagemaker.hyperparameter-tuning-job.volume-kms-encrypted",
  "sagemaker.automl-job.security-config",
  "sagemaker.model-card.kms-encrypted",
];

/** The design's minimum catalogue (DESIGN.md, Checks): every one must exist. */
const DESIGN_IDS = CATALOGUE_IDS.filter(
  (id) =>
    ![
      "sagemaker.notebook.supported-platform",
      "sagemaker.domain.sso-auth",
      "sagemaker.model-package.approved-before-deployment",
      "sagemaker.endpoint-config.data-capture-bucket-encrypted",
      "sagemaker.processing-job.volume-kms-encrypted",
      "sagemaker.transform-job.volume-kms-encrypted",
      "kms.sagemaker-key.customer-managed",
    ].includes(id),
);

const HIPAA_CONTROLS = [
  "164.308(a)(1)(ii)(A)", "164.308(a)(1)(ii)(B)", "164.308(a)(1)(ii)(D)", "164.308(a)(3)(i)", "164.308(a)(4)(ii)(B)",
  "164.308(a)(4)(ii)(C)", "164.308(a)(5)(i)", "164.308(a)(5)(ii)(B)", "164.308(a)(5)(ii)(C)", "164.308(a)(6)(ii)",
  "164.308(a)(7)(i)", "164.308(a)(7)(ii)(A)", "164.308(a)(7)(ii)(B)", "164.308(a)(8)", "164.310(a)(1)",
  "164.312(a)(1)", "164.312(a)(2)(i)", "164.312(a)(2)(iv)", "164.312(b)", "164.312(c)(1)", "164.312(c)(2)",
  "164.312(d)", "164.312(e)(1)", "164.312(e)(2)(i)", "164.312(e)(2)(ii)", "164.316(b)(2)(i)",
];

const GDPR_CONTROLS = [
  "Art. 5(1)(f)", "Art. 5(2)", "Art. 25(1)", "Art. 25(2)", "Art. 30", "Art. 32(1)(a)", "Art. 32(1)(b)", "Art. 32(1)(c)",
  "Art. 32(1)(d)", "Art. 33", "Art. 35",
];

function bundled(framework: string) {
  const file = `mappings/${framework}.yaml`;
  const { mapping, issues } = parseMapping(file, readFileSync(file, "utf8"), CHECK_IDS);
  expect(issues).toEqual([]);
  return mapping!;
}

describe("catalogue manifest", () => {
  it("pins the check ids", () => {
    expect(CATALOGUE.map((c) => c.id)).toEqual(CATALOGUE_IDS);
  });

  it("holds every check of the design's table", () => {
    expect(DESIGN_IDS.filter((id) => !CHECK_IDS.has(id))).toEqual([]);
  });

  it("gives every check metadata an engineer can act on", () => {
    const thin = CATALOGUE.filter(
      (c) =>
        c.title.length < 10 ||
        c.rationale.length < 40 ||
        c.remediation.length < 40 ||
        c.evidence.length === 0 ||
        !c.evidence.every((e) => new RegExp(`^(${EVIDENCE_SOURCES.join("|")}):[A-Z][A-Za-z0-9]+$`).test(e)),
    );
    expect(thin.map((c) => c.id)).toEqual([]);
  });
});

describe.each([
  ["hipaa", HIPAA_CONTROLS],
  ["gdpr", GDPR_CONTROLS],
])("%s mapping manifest", (framework, controls) => {
  it("pins the control ids", () => {
    expect(bundled(framework).controls.map((c) => c.id)).toEqual(controls);
  });

  it("maps every check of the catalogue to at least one control", () => {
    const mapped = new Set(bundled(framework).controls.flatMap((c) => c.checks));
    expect(CATALOGUE_IDS.filter((id) => !mapped.has(id))).toEqual([]);
  });
});

describe("hipaa mapping", () => {
  it("marks every control Required or Addressable and gives it the regulation's wording", () => {
    const incomplete = bundled("hipaa").controls.filter((c) => c.requirement === undefined || (c.description?.length ?? 0) < 20);
    expect(incomplete.map((c) => c.id)).toEqual([]);
  });
});
