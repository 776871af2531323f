/**
 * Success criteria shared by the Databricks smokes (DEV-019 runbook; DEV-013 Green):
 *   the parent run and every task run end TERMINATED + result_state SUCCESS;
 *   get-run-output has no `error` field for any task.
 */
import { CriterionError } from "./errors.ts";
import { outputText, type TaskOutput } from "./run-output.ts";
import { describeOutcome, lifeCycleState, type Run, resultState, taskRuns } from "./run-state.ts";

function succeeded(run: Pick<Run, "state">): boolean {
  return lifeCycleState(run) === "TERMINATED" && resultState(run) === "SUCCESS";
}

export function assertRunSucceeded(run: Run, label: string): void {
  const problems: string[] = [];
  if (!succeeded(run)) problems.push(`parent run ${run.run_id} ended ${describeOutcome(run)}`);
  const tasks = taskRuns(run);
  if (tasks.length === 0) problems.push(`parent run ${run.run_id} lists no task runs`);
  for (const task of tasks) {
    if (!succeeded(task)) problems.push(`task ${task.task_key} (run ${task.run_id}) ended ${describeOutcome(task)}`);
  }
  if (problems.length > 0) {
    throw new CriterionError(
      "RUN_NOT_SUCCESS",
      `${label}: parent and task runs end TERMINATED + SUCCESS`,
      `${problems.join("; ")}; expected TERMINATED/SUCCESS`,
    );
  }
}

function firstLine(text: string): string {
  const line = text.split("\n").find((l) => l.trim() !== "") ?? "";
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

export function assertNoOutputError(outputs: ReadonlyArray<TaskOutput>, label: string): void {
  const withError = outputs.filter((o) => Object.hasOwn(o.output, "error"));
  if (withError.length === 0) return;
  const details = withError.map(
    (o) => `task ${o.taskKey} (run ${o.taskRunId}) has error "${firstLine(String(o.output.error))}"`,
  );
  throw new CriterionError("TASK_OUTPUT_ERROR", `${label}: get-run-output has no error field`, details.join("; "));
}

/** Up to `max` telling lines from the task outputs: those matching `prefer` first, then the last log lines. */
export function keyLogLines(outputs: ReadonlyArray<TaskOutput>, max = 3, prefer?: RegExp): string[] {
  const lines = outputs.flatMap((o) =>
    outputText(o.output)
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== ""),
  );
  const preferred = prefer ? lines.filter((l) => prefer.test(l)) : [];
  const picked = [...new Set([...preferred, ...lines.slice(-max)])].slice(0, max);
  return picked.map((l) => (l.length > 200 ? `${l.slice(0, 199)}…` : l));
}
