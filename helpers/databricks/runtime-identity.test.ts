import { describe, expect, it } from "vitest";
import { readDev019Config } from "./dev019-config.ts";
import { dev019Payload } from "./dev019-smoke.ts";
import type { TaskOutput } from "./run-output.ts";
import type { Run } from "./run-state.ts";
import { describeRuntime, runSummary, runtimeIdentity } from "./runtime-identity.ts";

const payload = dev019Payload(readDev019Config({}, "replay"), "/Users/u/w.py", new Date("2026-02-25T10:00:00Z"));
const run: Run = {
  run_id: 7,
  state: { life_cycle_state: "INTERNAL_ERROR", result_state: "FAILED", state_message: "Task t failed" },
  tasks: [
    {
      task_key: "watchdog_smoke_serverless",
      run_id: 8,
      environment_key: "smoke_serverless",
      cluster_instance: { cluster_id: "0225-101212-k3v9x2pq", spark_context_id: "4417209165473210123" },
    },
  ],
};

describe("runtime identity", () => {
  it("takes cluster_instance from the task run and the environment spec from the payload", () => {
    const [task] = runtimeIdentity(run, payload);
    expect(task).toEqual({
      task_key: "watchdog_smoke_serverless",
      task_run_id: 8,
      cluster_id: "0225-101212-k3v9x2pq",
      spark_context_id: "4417209165473210123",
      environment_key: "smoke_serverless",
      environment_spec: payload.environments?.[0]?.spec,
    });
    expect(describeRuntime(task as NonNullable<typeof task>)).toBe(
      "cluster 0225-101212-k3v9x2pq (spark context 4417209165473210123), serverless environment smoke_serverless (client 1)",
    );
  });

  it("without cluster_instance it names the serverless environment, or says nothing was reported", () => {
    const [serverless] = runtimeIdentity(
      { ...run, tasks: [{ task_key: "t", environment_key: "smoke_serverless" }] },
      payload,
    );
    expect(describeRuntime(serverless as NonNullable<typeof serverless>)).toBe(
      "serverless environment smoke_serverless (client 1)",
    );
    const [bare] = runtimeIdentity({ ...run, tasks: [{ task_key: "t" }] }, payload);
    expect(describeRuntime(bare as NonNullable<typeof bare>)).toBe("no cluster_instance or environment_key reported");
  });

  it("the summary carries run id, task run ids, the outcome and each task's exact error", () => {
    const outputs: TaskOutput[] = [
      {
        taskKey: "watchdog_smoke_serverless",
        taskRunId: 8,
        task: run.tasks?.[0] ?? { task_key: "" },
        output: { error: "OSError: [Errno 5] Input/output error: '/dbfs/x'" },
      },
    ];
    expect(runSummary(run, payload, outputs)).toMatchObject({
      run_id: 7,
      task_run_ids: [8],
      outcome: 'INTERNAL_ERROR/FAILED ("Task t failed")',
      errors: [
        {
          task_key: "watchdog_smoke_serverless",
          task_run_id: 8,
          error: "OSError: [Errno 5] Input/output error: '/dbfs/x'",
        },
      ],
    });
  });
});
