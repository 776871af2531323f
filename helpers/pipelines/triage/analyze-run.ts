/**
 * Runbook §5.1 Step 1, as a pure function of what the Jobs API 2.2 returned: runs/get (the run and its
 * tasks[], one entry per attempt: a retried task appears again with the same task_key, its own run_id and an
 * incremented attempt_number), jobs/get (tasks[].max_retries, when readable) and runs/get-output per task run.
 * It names the failing task keys — for Pipeline B, recon vs supply_ops vs finalize_* — and says whether their
 * retries were exhausted: the latest attempt failed with attempt_number = max_retries (runbook §2: 2 per task).
 */
import type { jobs } from "@databricks/sdk-experimental";
import { TriageShapeError } from "../errors.ts";
import { SCHEDULES } from "../schedule.ts";

export type TaskOutcome =
  | "succeeded"
  | "failed"
  | "upstream-failed"
  | "excluded"
  | "canceled"
  | "waiting-for-retry"
  | "running"
  | "unknown";

export interface TaskAttempt {
  taskKey: string;
  taskRunId: number;
  attemptNumber: number;
  lifeCycleState: string;
  resultState: string;
  stateMessage: string;
  terminationCode: string;
  outcome: TaskOutcome;
  /** runs/get-output `error` (first line) and the first line of `error_trace`, when the output was fetched. */
  error?: string | undefined;
  errorTrace?: string | undefined;
}

export interface TaskTriage {
  taskKey: string;
  attempts: TaskAttempt[];
  latest: TaskAttempt;
  maxRetries: number;
  retrySource: "jobs/get" | "runbook §2";
  /** Failed on its last allowed attempt (attempt_number ≥ max_retries; max_retries −1 means unlimited). */
  retriesExhausted: boolean;
  /** Failed, and a further attempt is waiting or still allowed while the run is active. */
  retryPending: boolean;
}

export interface RunTriage {
  runId: number;
  jobId: number | undefined;
  runName: string;
  lifeCycleState: string;
  resultState: string;
  statusState: string;
  terminationCode: string;
  stateMessage: string;
  terminal: boolean;
  tasks: TaskTriage[];
  /** Task keys whose latest attempt failed or waits for a retry (tasks skipped because of them are not listed). */
  failingTaskKeys: string[];
  /** Pipeline B only: which of recon / supply_ops / finalize_* failed. */
  pipelineBSplit: string | undefined;
  retriesExhausted: boolean;
  summary: string;
}

export interface TriageInput {
  run: jobs.Run;
  job?: jobs.Job | undefined;
  outputs?: ReadonlyArray<{ taskRunId: number; output: jobs.RunOutput }>;
}

const RUNBOOK_MAX_RETRIES = SCHEDULES[0]?.maxRetries ?? 2;
const TERMINAL = new Set(["TERMINATED", "SKIPPED", "INTERNAL_ERROR"]);

function firstLine(text: string | undefined, max = 300): string | undefined {
  const line = text
    ?.split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  return line && line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export function outcomeOf(task: Pick<jobs.RunTask, "state" | "status">): TaskOutcome {
  const life = task.state?.life_cycle_state;
  const result = task.state?.result_state;
  if (life === "WAITING_FOR_RETRY") return "waiting-for-retry";
  switch (result) {
    case "SUCCESS":
    case "SUCCESS_WITH_FAILURES":
      return "succeeded";
    case "FAILED":
    case "TIMEDOUT":
      return "failed";
    case "UPSTREAM_FAILED":
    case "UPSTREAM_CANCELED":
      return "upstream-failed";
    case "EXCLUDED":
    case "DISABLED":
      return "excluded";
    case "CANCELED":
    case "MAXIMUM_CONCURRENT_RUNS_REACHED":
      return "canceled";
  }
  if (life && ["PENDING", "QUEUED", "RUNNING", "BLOCKED", "TERMINATING"].includes(life)) return "running";
  if (task.status?.state && task.status.state !== "TERMINATED") return "running";
  return "unknown";
}

function attemptOf(task: jobs.RunTask, index: number, input: TriageInput): TaskAttempt {
  if (!task.task_key) throw new TriageShapeError(`runs/get tasks[${index}] has no task_key`);
  if (typeof task.run_id !== "number")
    throw new TriageShapeError(`runs/get tasks[${index}] (${task.task_key}) has no run_id`);
  const output = input.outputs?.find((o) => o.taskRunId === task.run_id)?.output;
  return {
    taskKey: task.task_key,
    taskRunId: task.run_id,
    attemptNumber: task.attempt_number ?? 0,
    lifeCycleState: task.state?.life_cycle_state ?? "-",
    resultState: task.state?.result_state ?? "-",
    stateMessage: task.state?.state_message ?? task.status?.termination_details?.message ?? "",
    terminationCode: task.status?.termination_details?.code ?? "-",
    outcome: outcomeOf(task),
    error: firstLine(output?.error),
    errorTrace: firstLine(output?.error_trace),
  };
}

function retryPolicy(
  job: jobs.Job | undefined,
  taskKey: string,
): { maxRetries: number; retrySource: TaskTriage["retrySource"] } {
  const configured = job?.settings?.tasks?.find((t) => t.task_key === taskKey);
  if (configured) return { maxRetries: configured.max_retries ?? 0, retrySource: "jobs/get" };
  return { maxRetries: RUNBOOK_MAX_RETRIES, retrySource: "runbook §2" };
}

function pipelineBSplit(taskKeys: ReadonlyArray<string>, failing: ReadonlyArray<string>): string | undefined {
  const isB = taskKeys.some((k) => /(^|_)recon$/.test(k)) && taskKeys.some((k) => /supply_ops$/.test(k));
  if (!isB) return undefined;
  if (failing.length === 0) return "none failed";
  const parts = failing.map((k) =>
    /(^|_)recon$/.test(k) ? "recon" : /supply_ops$/.test(k) ? "supply_ops" : k.replace(/^pipeline_b_/, ""),
  );
  return [...new Set(parts)].join(" + ");
}

export function analyzeRun(input: TriageInput): RunTriage {
  const { run } = input;
  if (typeof run.run_id !== "number") throw new TriageShapeError("runs/get returned no run_id");
  const attempts = (run.tasks ?? []).map((t, i) => attemptOf(t, i, input));
  if (attempts.length === 0) throw new TriageShapeError(`run ${run.run_id} has no tasks[] in runs/get`);
  const lifeCycleState = run.state?.life_cycle_state ?? "-";
  const terminal = TERMINAL.has(lifeCycleState) || run.status?.state === "TERMINATED";
  const keys = [...new Set(attempts.map((a) => a.taskKey))];
  const tasks: TaskTriage[] = keys.map((taskKey) => {
    const mine = attempts.filter((a) => a.taskKey === taskKey).sort((a, b) => a.attemptNumber - b.attemptNumber);
    const latest = mine.at(-1) as TaskAttempt;
    const { maxRetries, retrySource } = retryPolicy(input.job, taskKey);
    const allowsMore = maxRetries < 0 || latest.attemptNumber < maxRetries;
    const failed = latest.outcome === "failed";
    return {
      taskKey,
      attempts: mine,
      latest,
      maxRetries,
      retrySource,
      retriesExhausted: failed && !allowsMore,
      retryPending: latest.outcome === "waiting-for-retry" || (failed && allowsMore && !terminal),
    };
  });
  const failing = tasks.filter((t) => t.latest.outcome === "failed" || t.latest.outcome === "waiting-for-retry");
  const failingTaskKeys = failing.map((t) => t.taskKey);
  const split = pipelineBSplit(keys, failingTaskKeys);
  const retriesExhausted = failing.some((t) => t.retriesExhausted);
  const state = `${lifeCycleState}/${run.state?.result_state ?? "-"}`;
  const perTask = failing.map((t) => {
    const retry = t.retriesExhausted
      ? `retries exhausted (attempt ${t.latest.attemptNumber} of max_retries ${t.maxRetries}, ${t.retrySource})`
      : t.retryPending
        ? `retry pending (attempt ${t.latest.attemptNumber} of max_retries ${t.maxRetries}, ${t.retrySource})`
        : `retries not exhausted (attempt ${t.latest.attemptNumber} of max_retries ${t.maxRetries}, ${t.retrySource})`;
    return `${t.taskKey}: ${retry}${t.latest.error ? `; error: ${t.latest.error}` : ""}`;
  });
  const summary =
    failing.length === 0
      ? `run ${run.run_id} ${state}: no failing task`
      : `run ${run.run_id} ${state}: failing task ${failingTaskKeys.join(", ")}${split ? ` (Pipeline B: ${split})` : ""} — ${perTask.join("; ")}`;
  return {
    runId: run.run_id,
    jobId: run.job_id,
    runName: run.run_name ?? "",
    lifeCycleState,
    resultState: run.state?.result_state ?? "-",
    statusState: run.status?.state ?? "-",
    terminationCode: run.status?.termination_details?.code ?? "-",
    stateMessage: run.state?.state_message ?? run.status?.termination_details?.message ?? "",
    terminal,
    tasks,
    failingTaskKeys,
    pipelineBSplit: split,
    retriesExhausted,
    summary,
  };
}
