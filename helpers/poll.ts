/**
 * Deadline polling: probe every `intervalMs` until `done` or until `timeoutMs` has passed on the clock.
 * Every poll is reported (UTC, observed state, elapsed seconds) so runbooks get their polling trail;
 * a timeout names the condition, the budget and the last observed state.
 */
import { type Clock, systemClock } from "./clock.ts";
import { SmokebookError } from "./errors.ts";
import { classifyRemoteFailure } from "./remote-errors.ts";

export interface PollLine {
  utc: string;
  attempt: number;
  elapsedSeconds: number;
  state: string;
  condition: string;
}

export interface PollOptions<T> {
  /** What is waited for, in words: "run 42 reaches a terminal life_cycle_state". */
  condition: string;
  probe: (signal: AbortSignal | undefined) => Promise<T>;
  done: (value: T) => boolean;
  /** The observed state as logged, e.g. "RUNNING/-". */
  describe: (value: T) => string;
  intervalMs: number;
  timeoutMs: number;
  clock?: Clock;
  signal?: AbortSignal;
  onPoll?: (line: PollLine) => void;
}

export interface PollResult<T> {
  value: T;
  polls: PollLine[];
  elapsedMs: number;
}

export class PollTimeoutError extends SmokebookError {
  readonly condition: string;
  readonly budgetSeconds: number;
  readonly lastState: string;
  readonly polls: PollLine[];

  constructor(condition: string, budgetSeconds: number, lastState: string, polls: PollLine[]) {
    super(
      "POLL_TIMEOUT",
      `Timed out after ${budgetSeconds}s waiting until ${condition}; last observed state: ${lastState} (${polls.length} polls)`,
    );
    this.condition = condition;
    this.budgetSeconds = budgetSeconds;
    this.lastState = lastState;
    this.polls = polls;
  }
}

export class PollAbortedError extends SmokebookError {
  readonly lastState: string;
  readonly polls: PollLine[];

  constructor(condition: string, lastState: string, polls: PollLine[], cause: unknown) {
    super("POLL_ABORTED", `Stopped waiting until ${condition}; last observed state: ${lastState}`, { cause });
    this.lastState = lastState;
    this.polls = polls;
  }
}

export async function pollUntil<T>(options: PollOptions<T>): Promise<PollResult<T>> {
  const clock = options.clock ?? systemClock;
  const started = clock.now();
  const deadline = started + options.timeoutMs;
  const polls: PollLine[] = [];
  let lastState = "(not observed yet)";

  const record = (state: string) => {
    lastState = state;
    const line: PollLine = {
      utc: new Date(clock.now()).toISOString(),
      attempt: polls.length + 1,
      elapsedSeconds: Math.round((clock.now() - started) / 100) / 10,
      state,
      condition: options.condition,
    };
    polls.push(line);
    options.onPoll?.(line);
  };

  try {
    for (;;) {
      options.signal?.throwIfAborted();
      try {
        // On real time a probe that hangs is cut at the deadline; virtual-time probes answer at once.
        const budget = Math.max(1, deadline - clock.now());
        const probeSignal =
          clock === systemClock
            ? AbortSignal.any([AbortSignal.timeout(budget), ...(options.signal ? [options.signal] : [])])
            : options.signal;
        const value = await options.probe(probeSignal);
        record(options.describe(value));
        if (options.done(value)) return { value, polls, elapsedMs: clock.now() - started };
      } catch (error) {
        options.signal?.throwIfAborted();
        if (clock === systemClock && clock.now() >= deadline && polls.length > 0) {
          // The deadline cut this probe short: what was last observed is the previous answer, not the cut.
          throw new PollTimeoutError(options.condition, Math.round(options.timeoutMs / 100) / 10, lastState, polls);
        }
        const classified = classifyRemoteFailure(error, options.condition, clock.now());
        if (classified.kind === "Permanent") throw classified;
        record(`transient error: ${classified.message}`);
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) {
        throw new PollTimeoutError(options.condition, Math.round(options.timeoutMs / 100) / 10, lastState, polls);
      }
      await clock.sleep(Math.min(options.intervalMs, remaining), options.signal);
    }
  } catch (error) {
    if (options.signal?.aborted && !(error instanceof SmokebookError)) {
      throw new PollAbortedError(options.condition, lastState, polls, error);
    }
    throw error;
  }
}
