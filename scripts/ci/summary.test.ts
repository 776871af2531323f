import { describe, expect, it } from "vitest";
import { addSummaries, formatSummary, summarise, summariseTagged, type VitestJsonReport } from "./summary.ts";

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
  it("a tagged report counts only the tests with that tag (the live K8s run), failed files included", () => {
    const live: VitestJsonReport = {
      numPassedTests: 2,
      numFailedTests: 1,
      numPendingTests: 3,
      numTodoTests: 0,
      testResults: [
        {
          name: "cluster.test.ts",
          status: "failed",
          assertionResults: [
            { status: "passed", tags: ["k8s", "live"] },
            { status: "failed", tags: ["k8s", "live"] },
            { status: "skipped", tags: ["k8s", "replay", "self-test"] },
          ],
        },
        { name: "langfuse-ui.test.ts", status: "failed", assertionResults: [] },
      ],
    };
    expect(summariseTagged(live, "live")).toEqual({ passed: 1, failed: 2, skipped: 0 });
    expect(formatSummary(addSummaries(summarise(report, {}), summariseTagged(live, "live")))).toBe(
      "11 passed, 4 failed, 2 skipped",
    );
  });
  it("self-test: a missing tagged report is a failure", () => {
    expect(summariseTagged(undefined, "live")).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });
});
