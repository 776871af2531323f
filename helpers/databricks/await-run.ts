/**
 * Waiting for a Databricks run: smokebook's own poller on runs/get (helpers/poll.ts), not the SDK's waiter,
 * which throws on INTERNAL_ERROR (how real failed task runs end), ignores `status` and sleeps on its own
 * schedule. Each poll is one line (UTC, life_cycle_state, result_state, elapsed); Transient API errors are
 * retried within the same deadline (Retry-After honoured).
 */
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import type { Clock } from "../clock.ts";
import { type PollLine, type PollResult, pollUntil } from "../poll.ts";
import { callDatabricks } from "./api-call.ts";
import { describeRunState, isTerminal, type Run } from "./run-state.ts";

export interface AwaitRunOptions {
  clock: Clock;
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** Every poll line, as it happens. */
  onPoll?: ((line: PollLine) => void) | undefined;
  /** Every run object observed. */
  onRun?: ((run: Run) => void) | undefined;
  /** Retry notes and other free-text lines. */
  log?: ((line: string) => void) | undefined;
}

export function awaitRun(client: WorkspaceClient, runId: number, options: AwaitRunOptions): Promise<PollResult<Run>> {
  const { clock, signal } = options;
  const deadline = clock.now() + options.timeoutMs;
  return pollUntil<Run>({
    condition: `run ${runId} reaches a terminal state`,
    probe: async (probeSignal) => {
      const run = await callDatabricks(`runs/get run_id=${runId}`, () => client.jobs.getRun({ run_id: runId }), {
        clock,
        deadline,
        signal: probeSignal,
        log: options.log,
      });
      options.onRun?.(run);
      return run;
    },
    done: isTerminal,
    describe: describeRunState,
    intervalMs: options.intervalMs,
    timeoutMs: options.timeoutMs,
    clock,
    ...(signal ? { signal } : {}),
    ...(options.onPoll ? { onPoll: options.onPoll } : {}),
  });
}

/** A poll line as one log line: "2026-01-01T00:00:20.000Z run 42 life_cycle_state=RUNNING result_state=- elapsed=20s". */
export function formatPollLine(line: PollLine, runId: number): string {
  return `${line.utc} run ${runId} ${line.state} elapsed=${line.elapsedSeconds}s (poll ${line.attempt})`;
}
