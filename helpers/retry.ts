/**
 * Retries a remote call while its failures are Transient and the caller's deadline allows another try.
 * Back-off doubles from `baseDelayMs` up to `maxDelayMs`; a `Retry-After` from the server wins when it is given.
 */
import { type Clock, systemClock } from "./clock.ts";
import { classifyRemoteFailure, type RemoteError } from "./remote-errors.ts";

export interface RetryAttempt {
  operation: string;
  attempt: number;
  error: RemoteError;
  waitMs: number;
}

export interface RetryOptions {
  /** Absolute time (on `clock`) after which no further attempt starts. */
  deadline: number;
  clock?: Clock;
  baseDelayMs?: number;
  maxDelayMs?: number;
  signal?: AbortSignal;
  onRetry?: (attempt: RetryAttempt) => void;
}

export async function withRetry<T>(
  operation: string,
  call: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const clock = options.clock ?? systemClock;
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(attempt);
    } catch (error) {
      options.signal?.throwIfAborted();
      const classified = classifyRemoteFailure(error, operation, clock.now());
      if (classified.kind === "Permanent") throw classified;
      const backoff = Math.min(max, base * 2 ** (attempt - 1));
      const waitMs = classified.retryAfterMs ?? backoff;
      if (clock.now() + waitMs > options.deadline) throw classified;
      options.onRetry?.({ operation, attempt, error: classified, waitMs });
      await clock.sleep(waitMs, options.signal);
    }
  }
}
