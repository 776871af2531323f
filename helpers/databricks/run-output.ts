/**
 * runs/get-output per task run id. Multi-task parent runs reject get-output, so smokebook never asks the
 * parent: it reads tasks[].run_id from runs/get and fetches each task's output (error, error_trace, logs, …).
 */
import type { jobs, WorkspaceClient } from "@databricks/sdk-experimental";
import { type CallContext, callDatabricks } from "./api-call.ts";
import { RunShapeError } from "./errors.ts";
import { type Run, type RunTask, taskRuns } from "./run-state.ts";

export interface TaskOutput {
  taskKey: string;
  taskRunId: number;
  task: RunTask;
  output: jobs.RunOutput;
}

export async function getTaskOutputs(client: WorkspaceClient, run: Run, context: CallContext): Promise<TaskOutput[]> {
  const tasks = taskRuns(run);
  if (tasks.length === 0) {
    throw new RunShapeError(
      `run ${run.run_id} has no tasks[] in runs/get; get-output needs a task run id, not the parent`,
    );
  }
  const outputs: TaskOutput[] = [];
  for (const task of tasks) {
    const taskRunId = task.run_id;
    if (typeof taskRunId !== "number") throw new RunShapeError(`run ${run.run_id} task ${task.task_key} has no run_id`);
    const output = await callDatabricks(
      `runs/get-output run_id=${taskRunId} (task ${task.task_key})`,
      () => client.jobs.getRunOutput({ run_id: taskRunId }),
      context,
    );
    outputs.push({ taskKey: task.task_key, taskRunId, task, output });
  }
  return outputs;
}

/** The parts of a task output the criteria read: error, error_trace and logs, joined. */
export function outputText(output: jobs.RunOutput): string {
  return [output.error, output.error_trace, output.logs]
    .filter((part): part is string => typeof part === "string")
    .join("\n");
}
