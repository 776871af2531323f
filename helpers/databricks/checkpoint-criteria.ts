/**
 * DEV-013 Red/Green criteria (seed Task 1 step 4, Task 3 step 3):
 *   Red   terminal, result_state present and not SUCCESS, and a task output (error, error_trace, logs) carrying
 *         the boundary signal "/dbfs" or "Errno 5". Only those fields count: get-run-output's metadata repeats the
 *         task parameters (--checkpoint-db-path /dbfs/…), which would satisfy a search of the whole JSON.
 *   Green parent and task runs TERMINATED + SUCCESS, and no `error` in the task output.
 */
import { CriterionError } from "./errors.ts";
import { assertNoOutputError, assertRunSucceeded, keyLogLines } from "./run-criteria.ts";
import { outputText, type TaskOutput } from "./run-output.ts";
import { describeOutcome, type Run, resultState } from "./run-state.ts";

export const BOUNDARY_SIGNALS: ReadonlyArray<string> = ["/dbfs", "Errno 5"];
const SIGNAL_PATTERN = /\/dbfs|Errno 5/;
const RED = "Red (/dbfs) run fails with the boundary signal";

export interface BoundarySignal {
  /** The signals the task outputs carry, in BOUNDARY_SIGNALS order. */
  signals: string[];
  /** Task and line of the first occurrence. */
  taskKey: string;
  line: string;
}

export function findBoundarySignal(outputs: ReadonlyArray<TaskOutput>): BoundarySignal | undefined {
  const text = outputs.map((o) => outputText(o.output)).join("\n");
  const signals = BOUNDARY_SIGNALS.filter((s) => text.includes(s));
  for (const o of outputs) {
    const line = outputText(o.output)
      .split("\n")
      .find((l) => BOUNDARY_SIGNALS.some((s) => l.includes(s)));
    if (line !== undefined) return { signals, taskKey: o.taskKey, line: line.trim() };
  }
  return undefined;
}

export function assertRedFailure(run: Run, outputs: ReadonlyArray<TaskOutput>, path: string): BoundarySignal {
  const result = run.state?.result_state;
  if (!result) {
    throw new CriterionError(
      "RED_NO_RESULT_STATE",
      RED,
      `run ${run.run_id} ended ${describeOutcome(run)} with no result_state; expected a failure result such as FAILED`,
    );
  }
  if (result === "SUCCESS") {
    throw new CriterionError(
      "RED_UNEXPECTED_SUCCESS",
      RED,
      `run ${run.run_id} with --checkpoint-db-path ${path} succeeded (${describeOutcome(run)}); the /dbfs failure no longer reproduces`,
    );
  }
  const signal = findBoundarySignal(outputs);
  if (!signal) {
    const seen = keyLogLines(outputs, 2).join(" | ") || "(no error, error_trace or logs)";
    throw new CriterionError(
      "RED_NO_BOUNDARY_SIGNAL",
      RED,
      `run ${run.run_id} failed (${resultState(run)}) but no task output carries "/dbfs" or "Errno 5", so it failed for another reason; output: ${seen}`,
    );
  }
  return signal;
}

export function assertGreenSuccess(run: Run, outputs: ReadonlyArray<TaskOutput>): void {
  assertRunSucceeded(run, "Green (/Volumes) run");
  assertNoOutputError(outputs, "Green (/Volumes) run");
}

/** 1–3 key log lines for the report: boundary-signal lines first for Red, checkpoint lines for Green. */
export function checkpointKeyLines(outputs: ReadonlyArray<TaskOutput>, phase: "red" | "green"): string[] {
  return keyLogLines(outputs, 3, phase === "red" ? SIGNAL_PATTERN : /checkpoint/i);
}
