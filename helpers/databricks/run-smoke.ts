/**
 * The common shape of a Databricks run smoke: hand the payload to the caller's evidence (before any request),
 * submit a serverless run, poll it to a terminal state on the session's clock, read each task's output. The handle
 * cancels the run if anything fails while it is active.
 */
import type { jobs } from "@databricks/sdk-experimental";
import type { PollLine } from "../poll.ts";
import { callWithin } from "./api-call.ts";
import type { PollSettings } from "./poll-settings.ts";
import { getTaskOutputs, type TaskOutput } from "./run-output.ts";
import { type Run, taskRuns } from "./run-state.ts";
import { type RunSummary, runSummary } from "./runtime-identity.ts";
import type { DatabricksSession } from "./session.ts";
import { type CancelRecord, type RunObserver, submitRun } from "./submitted-run.ts";

export interface RunSmokeResult {
  /** The runs/submit payload as sent. */
  payload: jobs.SubmitRun;
  runId: number;
  run: Run;
  taskRunIds: number[];
  runPageUrl: string | undefined;
  polls: PollLine[];
  elapsedMs: number;
  outputs: TaskOutput[];
  /** Run id, task run ids, cluster/runtime identifiers and the exact task errors (runtime-identity.ts). */
  summary: RunSummary;
}

export interface RunSmokeOptions {
  poll: PollSettings;
  observer?: RunObserver | undefined;
  signal?: AbortSignal | undefined;
  /** Called with the payload before it is submitted (so evidence has it even if the submit fails). */
  onPayload?: ((payload: jobs.SubmitRun) => void | Promise<void>) | undefined;
  /** Called with the run id as soon as the submit returns (so evidence has it even if the wait fails). */
  onSubmitted?: ((runId: number) => void | Promise<void>) | undefined;
}

export type { CancelRecord };

export async function runServerless(
  session: DatabricksSession,
  payload: jobs.SubmitRun,
  options: RunSmokeOptions,
): Promise<RunSmokeResult> {
  const { client, clock } = session;
  await options.onPayload?.(payload);
  await using run = await submitRun(client, payload, { clock, observer: options.observer, signal: options.signal });
  await options.onSubmitted?.(run.runId);
  const waited = await run.waitUntilTerminal({
    intervalMs: options.poll.intervalMs,
    timeoutMs: options.poll.timeoutMs,
    signal: options.signal,
  });
  const finished = waited.value;
  const outputs = await getTaskOutputs(
    client,
    finished,
    callWithin(clock, 120_000, { signal: options.signal, log: (l) => options.observer?.log?.(l) }),
  );
  return {
    payload,
    runId: run.runId,
    run: finished,
    taskRunIds: taskRuns(finished).flatMap((t) => (typeof t.run_id === "number" ? [t.run_id] : [])),
    runPageUrl: finished.run_page_url,
    polls: waited.polls,
    elapsedMs: waited.elapsedMs,
    outputs,
    summary: runSummary(finished, payload, outputs),
  };
}
