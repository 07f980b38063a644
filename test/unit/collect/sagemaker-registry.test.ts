import * as sdk from "@aws-sdk/client-sagemaker";
import { describe, expect, test } from "vitest";
import { SAGEMAKER_RESOURCE_TYPES, childTypesOf, describeParamsOf, listInputOf, sageMakerResourceType, topLevelTypes } from "../../../src/evidence/sagemaker-registry.js";

// The registry is the one table of SageMaker types: the collector binds each entry to the SDK by
// name, so an entry the SDK cannot serve must fail here rather than at collection time.
describe("SageMaker resource registry", () => {
  test.each(SAGEMAKER_RESOURCE_TYPES.map((t) => [t.type, t] as const))("%s binds to an SDK paginator and describe command", (_type, spec) => {
    const exports = sdk as unknown as Record<string, unknown>;
    expect(typeof exports[`paginate${spec.listOperation}`]).toBe("function");
    expect(typeof exports[`${spec.describeOperation}Command`]).toBe("function");
  });

  test("each type, list operation and describe operation is declared once", () => {
    const duplicates = (["type", "listOperation", "describeOperation"] as const).flatMap((key) =>
      SAGEMAKER_RESOURCE_TYPES.map((t) => t[key]).filter((v, i, all) => all.indexOf(v) !== i),
    );
    expect(duplicates).toEqual([]);
  });

  test("children are listed per parent item; every parent is in the registry", () => {
    const domain = sageMakerResourceType("AWS::SageMaker::Domain")!;
    expect(childTypesOf(domain).map((t) => t.type)).toEqual(["AWS::SageMaker::UserProfile"]);
    expect(topLevelTypes().some((t) => t.parent)).toBe(false);
    const orphans = SAGEMAKER_RESOURCE_TYPES.filter((t) => t.parent && !sageMakerResourceType(t.parent.type));
    expect(orphans).toEqual([]);
    const profiles = sageMakerResourceType("AWS::SageMaker::UserProfile")!;
    expect(listInputOf(profiles, { since: new Date(0), parent: { DomainId: "d-1" } })).toEqual({ DomainIdEquals: "d-1" });
  });

  test("describe requests come from list items; an item missing a needed field is not described", () => {
    const space = sageMakerResourceType("AWS::SageMaker::Space")!;
    expect(describeParamsOf(space, { DomainId: "d-1", SpaceName: "lab" })).toEqual({ DomainId: "d-1", SpaceName: "lab" });
    expect(describeParamsOf(space, { SpaceName: "lab" })).toBeUndefined();
    const pkg = sageMakerResourceType("AWS::SageMaker::ModelPackage")!;
    expect(describeParamsOf(pkg, { ModelPackageArn: "arn:pkg/1" })).toEqual({ ModelPackageName: "arn:pkg/1" });
    const training = sageMakerResourceType("AWS::SageMaker::TrainingJob")!;
    expect(listInputOf(training, { since: new Date(0) })).toEqual({ LastModifiedTimeAfter: new Date(0) });
  });
});
