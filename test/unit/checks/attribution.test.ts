import { describe, expect, it } from "vitest";
import { attributeChanges } from "../../../src/checks/attribution.js";
import { evaluateChecks } from "../../../src/checks/engine.js";
import { notebookDirectInternetDisabled } from "../../../src/checks/sagemaker/notebook.js";
import { buildInventory } from "../../../src/evidence/inventory.js";
import { notebookRecords, record } from "../../helpers/evidence.js";

const event = (id: string, name: string, time: string, resource: string, principal: string) => ({
  EventId: id,
  EventName: name,
  EventTime: time,
  EventSource: "sagemaker.amazonaws.com",
  Resources: [{ ResourceType: "AWS::SageMaker::NotebookInstance", ResourceName: resource }],
  CloudTrailEvent: JSON.stringify({ userIdentity: { arn: principal }, sourceIPAddress: "203.0.113.7", awsRegion: "us-east-1", recipientAccountId: "111122223333" }),
});

describe("attributeChanges", () => {
  it("attaches the latest mutating event that names a failing resource, ignoring reads", () => {
    const records = [
      ...notebookRecords("bad", { DirectInternetAccess: "Enabled" }),
      ...notebookRecords("good", { DirectInternetAccess: "Disabled" }),
      record("cloudtrail", "LookupEvents", { MaxResults: 50 }, {
        Events: [
          event("e1", "CreateNotebookInstance", "2026-11-20T10:00:00Z", "bad", "arn:aws:its::alice"),
          event("e2", "UpdateNotebookInstance", "2026-11-22T10:00:00Z", "bad", "arn:aws:sts::111122223333:assumed-role/ml/bob"),
          event("e3", "DescribeNotebookInstance", "2026-11-25T10:00:00Z", "bad", "arn:aws:iam::111122223333:user/reader"),
          event("e4", "UpdateNotebookInstance", "2026-11-26T10:00:00Z", "good", "arn:aws:iam::111122223333:user/carol"),
        ],
      }),
    ];
    const inventory = buildInventory(records);
    const findings = attributeChanges(evaluateChecks([notebookDirectInternetDisabled], inventory), inventory);
    const bad = findings.find((f) => f.resourceName === "bad")!;
    expect(bad.lastChange).toEqual({
      eventName: "UpdateNotebookInstance",
      eventTime: "2026-11-22T10:00:00.000Z",
      principal: "arn:aws:sts::111122223333:assumed-role/ml/bob",
      sourceIp: "203.0.113.7",
      eventId: "e2",
    });
    expect(bad.evidenceIds).toContain(records[4]!.id);
    expect(findings.find((f) => f.resourceName === "good")!.lastChange).toBeUndefined();
  });
});
