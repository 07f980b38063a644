import { expect } from "vitest";
import { isSharedFinding, plainFinding } from "../../src/checks/finding.js";

// The engine's findings read their resource and check members through a shared subject and rule
// (src/checks/finding.ts); tests compare them as the plain objects their JSON is.
expect.addEqualityTesters([
  function findingEquality(a, b, customTesters) {
    if (!isSharedFinding(a) && !isSharedFinding(b)) return undefined;
    return this.equals(plainFinding(a), plainFinding(b), customTesters);
  },
]);
