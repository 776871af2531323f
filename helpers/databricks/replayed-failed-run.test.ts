/**
 * Harness self-test: a replayed FAILED run fails its check.
 * The recording (fixtures/dev019-watchdog/task-internal-error.har) ends the way real failed serverless task runs
 * end: task INTERNAL_ERROR + FAILED "Workload failed, see run output for details", parent INTERNAL_ERROR + FAILED
 * "Task … failed with message: …". smokebook's poller treats INTERNAL_ERROR as terminal (the SDK's waiter would
 * throw instead), reads the task's output, and the success criterion fails naming both runs and their states.
 */
import { describe, expect, it } from "vitest";
import { readDev019Config } from "./dev019-config.ts";
import { runDev019 } from "./dev019-smoke.ts";
import { CriterionError } from "./errors.ts";
import { assertNoOutputError, assertRunSucceeded } from "./run-criteria.ts";
import { openSession } from "./session.ts";
import { collectingObserver } from "./test-observer.ts";

describe("harness self-test: a replayed FAILED run fails its check", () => {
  it("task run INTERNAL_ERROR + FAILED fails 'parent and task runs end TERMINATED + SUCCESS'", {
    tags: ["self-test", "replay"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev019-watchdog/task-internal-error.har");
    const observer = collectingObserver();
    const result = await runDev019(session, readDev019Config({}, "replay"), { observer });
    await session.finish();

    expect(observer.polls.at(-1)?.state).toBe("life_cycle_state=INTERNAL_ERROR result_state=FAILED status=TERMINATED");
    let failure: unknown;
    try {
      assertRunSucceeded(result.run, "DEV-019 run");
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CriterionError);
    expect((failure as CriterionError).code).toBe("RUN_NOT_SUCCESS");
    expect((failure as Error).message).toBe(
      "DEV-019 run: parent and task runs end TERMINATED + SUCCESS: " +
        'parent run 772409366361154 ended INTERNAL_ERROR/FAILED ("Task watchdog_smoke_serverless failed with message: Workload failed, see run output for details. This caused all downstream tasks to get skipped."); ' +
        'task watchdog_smoke_serverless (run 1012849405932511) ended INTERNAL_ERROR/FAILED ("Workload failed, see run output for details"); ' +
        "expected TERMINATED/SUCCESS",
    );
    expect(() => assertNoOutputError(result.outputs, "DEV-019 run")).toThrow(
      "task watchdog_smoke_serverless (run 1012849405932511) has error \"ModuleNotFoundError: No module named 'watchdog_agent'\"",
    );
  });
});
