/**
 * Reading a Jobs API 2.2 run (runs/get): when it is terminal and how its state is logged.
 * Terminal: state.life_cycle_state TERMINATED, SKIPPED or INTERNAL_ERROR (INTERNAL_ERROR + FAILED is how real
 * failed task runs end), or status.state TERMINATED (the newer status field; the SDK's waiter ignores it).
 */
import type { jobs } from "@databricks/sdk-experimental";

export type Run = jobs.Run;
export type RunTask = jobs.RunTask;

export const TERMINAL_LIFE_CYCLE_STATES: ReadonlySet<string> = new Set(["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]);

type Stateful = Pick<Run, "state" | "status">;

export function lifeCycleState(run: Stateful): string {
  return run.state?.life_cycle_state ?? "-";
}

export function resultState(run: Stateful): string {
  return run.state?.result_state ?? "-";
}

export function isTerminal(run: Stateful): boolean {
  return TERMINAL_LIFE_CYCLE_STATES.has(lifeCycleState(run)) || run.status?.state === "TERMINATED";
}

/** "life_cycle_state=RUNNING result_state=-" plus the status state when the API sends one. */
export function describeRunState(run: Stateful): string {
  const status = run.status?.state ? ` status=${run.status.state}` : "";
  return `life_cycle_state=${lifeCycleState(run)} result_state=${resultState(run)}${status}`;
}

/** A short account of how a run or task ended, with its message when there is one. */
export function describeOutcome(run: Stateful): string {
  const message = run.state?.state_message || run.status?.termination_details?.message;
  return `${lifeCycleState(run)}/${resultState(run)}${message ? ` ("${message}")` : ""}`;
}

export function taskRuns(run: Pick<Run, "tasks">): RunTask[] {
  return run.tasks ?? [];
}
