import { describe, expect, it } from "vitest";
import { formatSummary, summarise, type VitestJsonReport } from "./summary.ts";

const report: VitestJsonReport = {
  numPassedTests: 10,
  numFailedTests: 1,
  numPendingTests: 2,
  numTodoTests: 0,
  testResults: [
    { name: "a.test.ts", status: "passed", assertionResults: [{}] },
    { name: "broken.test.ts", status: "failed", assertionResults: [], message: 'RUN_X="yes" is not allowed' },
  ],
};

describe("CI summary line", () => {
  it("counts tests, files that failed to load, and the extra checks", () => {
    expect(formatSummary(summarise(report, { typecheck: 0, lint: 2 }))).toBe("11 passed, 3 failed, 2 skipped");
  });
  it("self-test: a missing report is a failure, never a clean zero", () => {
    expect(formatSummary(summarise(undefined, {}))).toBe("0 passed, 1 failed, 0 skipped");
  });
});
