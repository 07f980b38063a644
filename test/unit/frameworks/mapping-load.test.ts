import { describe, expect, it } from "vitest";
import { formatIssue } from "../../../src/config/yaml-source.js";
import { parseMapping } from "../../../src/frameworks/load.js";

const KNOWN = new Set(["sagemaker.notebook.kms-encrypted", "cloudtrail.kms-encrypted"]);

const issuesOf = (text: string): string[] => parseMapping("m.yaml", text, KNOWN).issues.map(formatIssue);

const header = `framework: test\ntitle: Test\nversion: "1"\ncontrols:\n`;

describe("parseMapping", () => {
  it("loads a valid mapping with its hash and normalised controls", () => {
    const { mapping, issues } = parseMapping(
      "m.yaml",
      `${header}  - id: A\n    title: Encryption\n    requirement: Addressable\n    checks: [sagemaker.notebook.kms-encrypted]\n  - id: B\n    title: Training\n    manual: true\n`,
      KNOWN,
    );
    expect(issues).toEqual([]);
    expect(mapping?.controls).toEqual([
      { id: "A", title: "Encryption", requirement: "Addressable", checks: ["sagemaker.notebook.kms-encrypted"], manual: false },
      { id: "B", title: "Training", checks: [], manual: true },
    ]);
    expect(mapping?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("points at an unknown check id", () => {
    expect(issuesOf(`${header}  - id: A\n    title: T\n    checks:\n      - cloudtrail.kms-encrypted\n      - no.such-check\n`)).toEqual([
      'm.yaml:9:9: unknown check id "no.such-check"',
    ]);
  });

  it("points at a duplicate control id and names the first", () => {
    expect(issuesOf(`${header}  - id: A\n    title: T\n    manual: true\n  - id: A\n    title: U\n    manual: true\n`)).toEqual([
      'm.yaml:8:9: duplicate control id "A" (first defined at line 5)',
    ]);
  });

  it("points at a control with neither checks nor manual", () => {
    expect(issuesOf(`${header}  - id: A\n    title: T\n`)).toEqual(['m.yaml:5:5: control "A" has neither checks nor manual: true']);
  });

  it("points at an unknown key, naming it", () => {
    expect(issuesOf(`${header}  - id: A\n    title: T\n    manual: true\n    chekcs: []\n`)).toEqual(['m.yaml:8:5: controls.0.chekcs: unknown key "chekcs"']);
  });

  it("points at a value of the wrong type", () => {
    expect(issuesOf(`${header}  - id: A\n    title: T\n    manual: "yes"\n`)).toEqual([
      "m.yaml:7:13: controls.0.manual: Invalid input: expected boolean, received string",
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    const issues = issuesOf(`${header}  - id: A\n    title: [unclosed\n`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^m\.yaml:\d+:\d+: /);
  });
});
