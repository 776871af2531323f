/**
 * A submitted Databricks run as a lifecycle type (CONVENTIONS lesson 3):
 *   await using run = await submitRun(client, payload, { clock, observer });
 *   const { value } = await run.waitUntilTerminal({ intervalMs, timeoutMs, signal });
 * If the wait hits its deadline, is aborted or fails while the run is still active, the run is cancelled
 * (runs/cancel) and the observer hears of it; disposing a handle whose run is still active cancels it too.
 */
import type { jobs, WorkspaceClient } from "@databricks/sdk-experimental";
import type { Clock } from "../clock.ts";
import { type PollLine, type PollResult, PollTimeoutError } from "../poll.ts";
import { callDatabricks } from "./api-call.ts";
import { awaitRun } from "./await-run.ts";
import { RunShapeError, RunTimeoutError } from "./errors.ts";
import { isTerminal, type Run } from "./run-state.ts";
import { validateServerlessSubmit } from "./serverless-submit.ts";

export interface CancelRecord {
  run_id: number;
  reason: string;
  utc: string;
  ok: boolean;
  error?: string;
}

export interface RunObserver {
  log?(line: string): void;
  poll?(line: PollLine, runId: number): void;
  cancelled?(record: CancelRecord): void;
}

export interface RunHandleOptions {
  clock: Clock;
  observer?: RunObserver | undefined;
  /** Budget for submit and cancel calls, retries included (default 120 s). */
  callBudgetMs?: number;
  signal?: AbortSignal | undefined;
}

export interface WaitOptions {
  intervalMs: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export class SubmittedRun implements AsyncDisposable {
  readonly runId: number;
  readonly #client: WorkspaceClient;
  readonly #options: RunHandleOptions;
  #last: Run | undefined;
  #cancel: CancelRecord | undefined;

  constructor(client: WorkspaceClient, runId: number, options: RunHandleOptions) {
    this.#client = client;
    this.runId = runId;
    this.#options = options;
  }

  /** The last runs/get answer seen. */
  get lastSeen(): Run | undefined {
    return this.#last;
  }

  /** True until a terminal state has been observed (an unobserved run counts as active). */
  get active(): boolean {
    return this.#last === undefined || !isTerminal(this.#last);
  }

  get cancellation(): CancelRecord | undefined {
    return this.#cancel;
  }

  async waitUntilTerminal(wait: WaitOptions): Promise<PollResult<Run>> {
    const { clock, observer } = this.#options;
    try {
      return await awaitRun(this.#client, this.runId, {
        clock,
        intervalMs: wait.intervalMs,
        timeoutMs: wait.timeoutMs,
        signal: wait.signal ?? this.#options.signal,
        onRun: (run) => {
          this.#last = run;
        },
        onPoll: (line) => observer?.poll?.(line, this.runId),
        log: (line) => observer?.log?.(line),
      });
    } catch (error) {
      if (!this.active) throw error;
      const reason =
        error instanceof PollTimeoutError
          ? `deadline of ${error.budgetSeconds}s passed`
          : wait.signal?.aborted || this.#options.signal?.aborted
            ? "the wait was aborted"
            : `the wait failed: ${(error as Error).message}`;
      const record = await this.cancel(reason);
      if (error instanceof PollTimeoutError) {
        const outcome = record.ok ? "cancelled it with runs/cancel" : `runs/cancel failed: ${record.error}`;
        throw new RunTimeoutError(this.runId, `${error.message}; ${outcome}`, record.ok, error);
      }
      throw error;
    }
  }

  /** Cancels the run (runs/cancel), records why, and never throws: the record says whether it worked. */
  async cancel(reason: string): Promise<CancelRecord> {
    if (this.#cancel) return this.#cancel;
    const { clock, observer } = this.#options;
    const record: CancelRecord = { run_id: this.runId, reason, utc: new Date(clock.now()).toISOString(), ok: true };
    try {
      await callDatabricks(
        `runs/cancel run_id=${this.runId}`,
        () => this.#client.jobs.cancelRun({ run_id: this.runId }),
        {
          clock,
          deadline: clock.now() + (this.#options.callBudgetMs ?? 120_000),
          log: (line) => observer?.log?.(line),
        },
      );
    } catch (error) {
      record.ok = false;
      record.error = (error as Error).message;
    }
    this.#cancel = record;
    observer?.log?.(`${record.utc} run ${this.runId} cancel ${record.ok ? "requested" : "FAILED"}: ${reason}`);
    observer?.cancelled?.(record);
    return record;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    if (this.active && !this.#cancel)
      await this.cancel("disposed while still active (the check failed or was aborted)");
  }
}

/** Validates the serverless payload (before any request), submits it and returns the run handle. */
export async function submitRun(
  client: WorkspaceClient,
  payload: jobs.SubmitRun,
  options: RunHandleOptions,
): Promise<SubmittedRun> {
  validateServerlessSubmit(payload);
  const { clock } = options;
  const response = await callDatabricks(
    `runs/submit ${payload.run_name ?? ""}`.trim(),
    async () => {
      const waiter = await client.jobs.submit(payload);
      return { run_id: waiter.run_id };
    },
    {
      clock,
      deadline: clock.now() + (options.callBudgetMs ?? 120_000),
      signal: options.signal,
      log: (line) => options.observer?.log?.(line),
    },
  );
  if (typeof response.run_id !== "number")
    throw new RunShapeError(`runs/submit answered without run_id: ${JSON.stringify(response)}`);
  options.observer?.log?.(
    `${new Date(clock.now()).toISOString()} submitted run ${response.run_id} (${payload.run_name ?? "unnamed"})`,
  );
  return new SubmittedRun(client, response.run_id, options);
}
