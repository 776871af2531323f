/**
 * What a run ran on (seed 001: "Record run id, cluster/runtime identifier, and the exact error"): per task run,
 * tasks[].cluster_instance (cluster_id, spark_context_id) when runs/get reports it, and the serverless
 * environment the task was submitted with (environment_key and its environments[].spec: environment_version or
 * client, dependencies). Plus the exact error of each task output, and the run's state message.
 */
import type { jobs } from "@databricks/sdk-experimental";
import type { TaskOutput } from "./run-output.ts";
import { describeOutcome, type Run, taskRuns } from "./run-state.ts";

export interface TaskRuntime {
  task_key: string;
  task_run_id: number | undefined;
  /** tasks[].cluster_instance.cluster_id; runs/get omits it until a cluster exists (and may for serverless). */
  cluster_id: string | undefined;
  spark_context_id: string | undefined;
  environment_key: string | undefined;
  /** environments[].spec of the submit payload for that key. */
  environment_spec: jobs.JobEnvironment["spec"] | undefined;
}

export function runtimeIdentity(run: Run, payload: jobs.SubmitRun): TaskRuntime[] {
  return taskRuns(run).map((task) => {
    const key = task.environment_key;
    const environment = payload.environments?.find((e) => e.environment_key === key);
    return {
      task_key: task.task_key,
      task_run_id: task.run_id,
      cluster_id: task.cluster_instance?.cluster_id,
      spark_context_id: task.cluster_instance?.spark_context_id,
      environment_key: key,
      environment_spec: environment?.spec,
    };
  });
}

/** "cluster 0225-101212-x1y2 (spark context 8812…)", or "serverless environment smoke_serverless (environment_version 2)". */
export function describeRuntime(t: TaskRuntime): string {
  const parts: string[] = [];
  if (t.cluster_id) {
    parts.push(`cluster ${t.cluster_id}${t.spark_context_id ? ` (spark context ${t.spark_context_id})` : ""}`);
  }
  if (t.environment_key) {
    const spec = t.environment_spec;
    const version = spec?.environment_version
      ? `environment_version ${spec.environment_version}`
      : spec?.client
        ? `client ${spec.client}`
        : "no spec in the payload";
    parts.push(`serverless environment ${t.environment_key} (${version})`);
  }
  return parts.join(", ") || "no cluster_instance or environment_key reported";
}

export interface RunSummary {
  run_id: number;
  task_run_ids: number[];
  outcome: string;
  runtime: Array<TaskRuntime & { described: string }>;
  /** The exact `error` of each task output that has one. */
  errors: Array<{ task_key: string; task_run_id: number; error: string }>;
}

export function runSummary(run: Run, payload: jobs.SubmitRun, outputs: ReadonlyArray<TaskOutput>): RunSummary {
  return {
    run_id: run.run_id ?? 0,
    task_run_ids: taskRuns(run).flatMap((t) => (typeof t.run_id === "number" ? [t.run_id] : [])),
    outcome: describeOutcome(run),
    runtime: runtimeIdentity(run, payload).map((t) => ({ ...t, described: describeRuntime(t) })),
    errors: outputs.flatMap((o) =>
      typeof o.output.error === "string"
        ? [{ task_key: o.taskKey, task_run_id: o.taskRunId, error: o.output.error }]
        : [],
    ),
  };
}
