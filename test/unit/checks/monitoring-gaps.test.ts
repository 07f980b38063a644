import { describe, expect, it } from "vitest";
import { monitoringJob } from "../../../src/checks/sagemaker/monitoring.js";
import type { Verdict } from "../../../src/checks/types.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import type { EvidenceRecord } from "../../../src/evidence/types.js";
import { ACCOUNT, KEY_ARN, REGION, ROLE_ARN, described, describeDenied, findingsOf, gapRecord } from "./estate.js";

// A schedule that names a job definition (MonitoringScheduleConfig.MonitoringJobDefinitionName)
// the inventory lacks: the gap names the describe call of the definition's type and cites the
// failed call the run recorded. Shapes: API_DescribeMonitoringSchedule.html,
// API_MonitoringScheduleConfig.html, API_Describe{DataQuality,ModelQuality,ModelBias,ModelExplainability}JobDefinition.html.

const KINDS = ["DataQuality", "ModelQuality", "ModelBias", "ModelExplainability"] as const;
type Kind = (typeof KINDS)[number];
const SCHEDULE = "AWS::SageMaker::MonitoringSchedule";
const typeOf = (kind: Kind): string => `AWS::SageMaker::${kind}JobDefinition`;
const CHECK = "sagemaker.monitoring-job.output-kms-encrypted";
const WHERE = `${ACCOUNT}/${REGION}`;

const scheduleNaming = (definition: string, config: { MonitoringType?: string }, top: Record<string, unknown> = {}): EvidenceRecord[] =>
  described(SCHEDULE, "sched", { MonitoringScheduleStatus: "Scheduled", MonitoringScheduleConfig: { MonitoringJobDefinitionName: definition, ...config }, ...top });

const definitionOf = (kind: Kind): Record<string, unknown> => ({
  JobDefinitionName: "def",
  RoleArn: ROLE_ARN,
  JobResources: { ClusterConfig: { InstanceCount: 1, InstanceType: "ml.m5.xlarge", VolumeSizeInGB: 20, VolumeKmsKeyId: KEY_ARN } },
  NetworkConfig: { EnableNetworkIsolation: true },
  [`${kind}JobOutputConfig`]: { MonitoringOutputs: [{ S3Output: { S3Uri: "s3://monitoring/out", LocalPath: "/opt/ml/processing/output" } }], KmsKeyId: KEY_ARN },
});

const scheduleFinding = (records: readonly EvidenceRecord[]) => {
  const found = findingsOf(CHECK, records).filter((f) => f.resourceType === SCHEDULE);
  expect(found).toHaveLength(1);
  return found[0];
};

/** The verdict about the schedule straight from monitoringJob, without the engine's scope-gap preemption. */
function jobOf(records: readonly EvidenceRecord[]): Verdict {
  const inventory = buildInventory(records);
  const resource = inventory.resources.find((r) => r.type === SCHEDULE);
  if (!resource?.config) throw new Error("no schedule in the fixture");
  const job = monitoringJob(resource.config, { resource, inventory });
  if (!("status" in job)) throw new Error(`expected a verdict, got the job of ${job.subject}`);
  return job;
}

describe.each(KINDS)("a schedule naming a %s job definition the inventory lacks", (kind) => {
  const describeCall = `sagemaker:Describe${kind}JobDefinition`;

  it("names the describe call that should have returned it", () => {
    const f = scheduleFinding(scheduleNaming("gone", { MonitoringType: kind }));
    expect(f?.status).toBe("ERROR");
    expect(f?.reason).toBe(
      `evidence gap: job definition gone (MonitoringType ${kind}) was not described: ${describeCall} should have returned it, and the run holds neither a response nor a failed call for it in ${WHERE} (not listed: deleted, or never collected)`,
    );
  });

  it("cites the failed describe of that definition, with its evidence id and error", () => {
    const denied = describeDenied(typeOf(kind), "def", "JobDefinitionName");
    const gapId = denied[1]?.id ?? "missing";
    const f = scheduleFinding([...scheduleNaming("def", { MonitoringType: kind }), ...denied]);
    expect(f?.status).toBe("ERROR");
    expect(f?.reason).toBe(
      `evidence gap: job definition def (MonitoringType ${kind}) was not described: ${describeCall} in ${WHERE} failed (AccessDeniedException: not authorized to perform Describe${kind}JobDefinition; evidence ${gapId})`,
    );
    expect(f?.evidenceIds).toContain(gapId);
  });

  it("cites a failed list of the type in the same account and region", () => {
    const list = gapRecord("sagemaker", `List${kind}JobDefinitions`, { MaxResults: 100 });
    const verdict = jobOf([...scheduleNaming("def", { MonitoringType: kind }), list]);
    expect(verdict.status).toBe("ERROR");
    expect(verdict.reason).toContain(`sagemaker:List${kind}JobDefinitions in ${WHERE} failed (AccessDeniedException: not authorized to perform List${kind}JobDefinitions; evidence ${list.id})`);
    expect(verdict.evidenceIds).toContain(list.id);
    // Through the engine the failed list is a scope gap of the check: ERROR, citing the same record.
    const f = scheduleFinding([...scheduleNaming("def", { MonitoringType: kind }), list]);
    expect([f?.status, f?.evidenceIds]).toEqual(["ERROR", expect.arrayContaining([list.id])]);
  });

  it("does not cite failed calls of another region, another definition or another type", () => {
    const other = KINDS.find((k) => k !== kind) ?? "DataQuality";
    const elsewhere = [
      gapRecord("sagemaker", `List${kind}JobDefinitions`, { MaxResults: 100 }, "AccessDeniedException", { region: "eu-west-1" }),
      gapRecord("sagemaker", `Describe${kind}JobDefinition`, { JobDefinitionName: "another" }),
      gapRecord("sagemaker", `Describe${other}JobDefinition`, { JobDefinitionName: "def" }),
    ];
    const verdict = jobOf([...scheduleNaming("def", { MonitoringType: kind }), ...elsewhere]);
    expect(verdict.reason).toMatch(/should have returned it, and the run holds neither a response nor a failed call/);
    expect(verdict.reason).toContain(describeCall);
    for (const r of elsewhere) expect(verdict.evidenceIds ?? []).not.toContain(r.id);
  });

  it("judges the definition when it was described", () => {
    const f = scheduleFinding([...scheduleNaming("def", { MonitoringType: kind }), ...described(typeOf(kind), "def", definitionOf(kind))]);
    expect([f?.status, f?.reason]).toEqual(["PASS", expect.stringMatching(/^job definition def: output KmsKeyId/)]);
  });
});

describe("the type of the named definition when MonitoringScheduleConfig omits MonitoringType", () => {
  it("is the type DescribeMonitoringSchedule reports the schedule runs", () => {
    // The response's own MonitoringType: "The type of the monitoring job that this schedule runs".
    const records = [...scheduleNaming("def", {}, { MonitoringType: "ModelBias" }), ...described(typeOf("DataQuality"), "def", definitionOf("DataQuality"))];
    const verdict = jobOf(records);
    expect(verdict.reason).toMatch(/^evidence gap: job definition def \(MonitoringType ModelBias\) was not described: sagemaker:DescribeModelBiasJobDefinition should have returned it/);
  });

  it("is any of the four when neither names one (the API reference defines no default)", () => {
    const verdict = jobOf(scheduleNaming("gone", {}));
    expect(verdict.reason).toBe(
      `evidence gap: job definition gone (MonitoringType not set on the schedule: any of the four types) was not described: sagemaker:DescribeDataQualityJobDefinition or sagemaker:DescribeModelQualityJobDefinition or sagemaker:DescribeModelBiasJobDefinition or sagemaker:DescribeModelExplainabilityJobDefinition should have returned it, and the run holds neither a response nor a failed call for it in ${WHERE} (not listed: deleted, or never collected)`,
    );
    // A definition of any type with that name is the one judged.
    const f = scheduleFinding([...scheduleNaming("def", {}), ...described(typeOf("ModelExplainability"), "def", definitionOf("ModelExplainability"))]);
    expect(f?.status).toBe("PASS");
  });

  it("a failed describe of any type for that name is cited when none is named", () => {
    const denied = describeDenied(typeOf("ModelQuality"), "def", "JobDefinitionName");
    const verdict = jobOf([...scheduleNaming("def", {}), ...denied]);
    expect(verdict.reason).toContain(`sagemaker:DescribeModelQualityJobDefinition in ${WHERE} failed (AccessDeniedException`);
    expect(verdict.evidenceIds).toContain(denied[1]?.id);
  });
});
