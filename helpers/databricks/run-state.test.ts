import { describe, expect, it } from "vitest";
import { describeOutcome, describeRunState, isTerminal } from "./run-state.ts";

describe("run state", () => {
  it.each([
    [{ state: { life_cycle_state: "PENDING" } }, false],
    [{ state: { life_cycle_state: "RUNNING" }, status: { state: "RUNNING" } }, false],
    [{ state: { life_cycle_state: "TERMINATING" } }, false],
    [{ state: { life_cycle_state: "TERMINATED", result_state: "SUCCESS" } }, true],
    [{ state: { life_cycle_state: "SKIPPED" } }, true],
    [{ state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED" } }, true],
    [{ status: { state: "TERMINATED" } }, true],
  ] as const)("%j terminal: %s", (run, terminal) => {
    expect(isTerminal(run as never)).toBe(terminal);
  });

  it("logs life_cycle_state, result_state and status", () => {
    expect(describeRunState({ state: { life_cycle_state: "RUNNING" }, status: { state: "RUNNING" } })).toBe(
      "life_cycle_state=RUNNING result_state=- status=RUNNING",
    );
    expect(
      describeOutcome({ state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "boom" } }),
    ).toBe('INTERNAL_ERROR/FAILED ("boom")');
  });
});
