import type { jobs } from "@databricks/sdk-experimental";
import { describe, expect, it } from "vitest";
import { TriageShapeError } from "../errors.ts";
import { analyzeRun, outcomeOf } from "./analyze-run.ts";

type Task = jobs.RunTask;

const ok = (key: string, runId: number, attempt = 0): Task => ({
  task_key: key,
  run_id: runId,
  attempt_number: attempt,
  state: { life_cycle_state: "TERMINATED", result_state: "SUCCESS", state_message: "" },
});
const failed = (key: string, runId: number, attempt = 0): Task => ({
  task_key: key,
  run_id: runId,
  attempt_number: attempt,
  state: {
    life_cycle_state: "INTERNAL_ERROR",
    result_state: "FAILED",
    state_message: "Workload failed, see run output for details",
  },
  status: { state: "TERMINATED", termination_details: { code: "RUN_EXECUTION_ERROR", type: "CLIENT_ERROR" } },
});
const upstream = (key: string, runId: number): Task => ({
  task_key: key,
  run_id: runId,
  attempt_number: 0,
  state: { life_cycle_state: "SKIPPED", result_state: "UPSTREAM_FAILED", state_message: "Upstream task(s) failed." },
});
const run = (tasks: Task[], life = "TERMINATED", result?: jobs.RunResultState): jobs.Run => ({
  run_id: 42,
  job_id: 7,
  run_name: "pipeline_b_controls",
  state: { life_cycle_state: life as jobs.RunLifeCycleState, ...(result ? { result_state: result } : {}) },
  tasks,
});
const job = (maxRetries: number): jobs.Job => ({
  job_id: 7,
  settings: {
    tasks: ["pipeline_b_recon", "pipeline_b_supply_ops"].map((task_key) => ({ task_key, max_retries: maxRetries })),
  },
});

describe("analyzeRun", () => {
  it("names both B tasks when recon and supply_ops failed, and ignores the upstream-skipped finalize", () => {
    const triage = analyzeRun({
      run: run(
        [
          failed("pipeline_b_recon", 1, 0),
          failed("pipeline_b_supply_ops", 2, 0),
          upstream("pipeline_b_finalize_success", 3),
        ],
        "TERMINATED",
        "FAILED",
      ),
      job: job(0),
      outputs: [
        { taskRunId: 1, output: { error: "SparkException: stage failure\nmore", error_trace: "Traceback\n  line" } },
      ],
    });
    expect(triage.failingTaskKeys).toEqual(["pipeline_b_recon", "pipeline_b_supply_ops"]);
    expect(triage.pipelineBSplit).toBe("recon + supply_ops");
    expect(triage.tasks[0]?.latest.error).toBe("SparkException: stage failure");
    // max_retries 0: failing the only attempt exhausts the policy.
    expect(triage.retriesExhausted).toBe(true);
  });

  it("a failure before max_retries in a finished run is not 'exhausted' (e.g. the run timed out)", () => {
    const triage = analyzeRun({
      run: run([failed("pipeline_b_supply_ops", 2, 1), ok("pipeline_b_recon", 1)], "TERMINATED", "TIMEDOUT"),
      job: job(2),
    });
    expect(triage.tasks.find((t) => t.taskKey === "pipeline_b_supply_ops")).toMatchObject({
      retriesExhausted: false,
      retryPending: false,
      maxRetries: 2,
      retrySource: "jobs/get",
    });
    expect(triage.summary).toContain(
      "pipeline_b_supply_ops: retries not exhausted (attempt 1 of max_retries 2, jobs/get)",
    );
  });

  it("max_retries −1 retries forever: never exhausted; without jobs/get the runbook's 2 applies", () => {
    expect(
      analyzeRun({ run: run([failed("pipeline_b_recon", 1, 5), ok("pipeline_b_supply_ops", 2)]), job: job(-1) })
        .retriesExhausted,
    ).toBe(false);
    const fallback = analyzeRun({ run: run([failed("pipeline_b_recon", 1, 2), ok("pipeline_b_supply_ops", 2)]) });
    expect(fallback.tasks[0]).toMatchObject({ maxRetries: 2, retrySource: "runbook §2", retriesExhausted: true });
  });

  it("a successful run has no failing task and no B split to blame", () => {
    const triage = analyzeRun({
      run: run([ok("pipeline_b_recon", 1), ok("pipeline_b_supply_ops", 2)], "TERMINATED", "SUCCESS"),
    });
    expect(triage).toMatchObject({ failingTaskKeys: [], pipelineBSplit: "none failed", retriesExhausted: false });
    expect(triage.summary).toBe("run 42 TERMINATED/SUCCESS: no failing task");
  });

  it("a run of another pipeline gets no Pipeline B split", () => {
    expect(analyzeRun({ run: run([failed("pipeline_a_guardrail", 1)]) }).pipelineBSplit).toBeUndefined();
  });

  it.each([
    ["no tasks[]", run([]), /run 42 has no tasks\[\] in runs\/get/],
    ["a task without run_id", run([{ task_key: "pipeline_b_recon" }]), /tasks\[0\] \(pipeline_b_recon\) has no run_id/],
    ["a task without task_key", run([{ run_id: 5 } as Task]), /tasks\[0\] has no task_key/],
    ["no run_id", { state: { life_cycle_state: "TERMINATED" } } as jobs.Run, /runs\/get returned no run_id/],
  ])("refuses %s", (_name, broken, message) => {
    expect(() => analyzeRun({ run: broken })).toThrow(TriageShapeError);
    expect(() => analyzeRun({ run: broken })).toThrow(message);
  });

  it("classifies task states", () => {
    expect(outcomeOf({ state: { life_cycle_state: "WAITING_FOR_RETRY" } })).toBe("waiting-for-retry");
    expect(outcomeOf({ state: { life_cycle_state: "TERMINATED", result_state: "EXCLUDED" } })).toBe("excluded");
    expect(outcomeOf({ state: { life_cycle_state: "BLOCKED" } })).toBe("running");
    expect(outcomeOf({ state: { life_cycle_state: "TERMINATED", result_state: "TIMEDOUT" } })).toBe("failed");
    expect(outcomeOf({})).toBe("unknown");
  });
});
