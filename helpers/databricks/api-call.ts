/**
 * Every Databricks API call goes through callDatabricks: Transient failures (429, 5xx, resets) are retried on the
 * caller's clock until the deadline, honouring Retry-After; Permanent ones (400/401/403/404) are thrown at once,
 * classified (helpers/remote-errors.ts). The SDK itself never retries (single-attempt-transport.ts).
 */
import type { Clock } from "../clock.ts";
import { type RetryAttempt, withRetry } from "../retry.ts";

export interface CallContext {
  clock: Clock;
  /** Absolute time on `clock` after which no retry starts. */
  deadline: number;
  signal?: AbortSignal | undefined;
  /** Receives one line per retry: what failed and how long it waits. */
  log?: ((line: string) => void) | undefined;
}

export function describeRetry(attempt: RetryAttempt): string {
  return `retrying ${attempt.operation} in ${attempt.waitMs / 1000}s (attempt ${attempt.attempt} failed: ${attempt.error.message})`;
}

export function callDatabricks<T>(operation: string, call: () => Promise<T>, context: CallContext): Promise<T> {
  return withRetry(operation, () => call(), {
    deadline: context.deadline,
    clock: context.clock,
    ...(context.signal ? { signal: context.signal } : {}),
    onRetry: (attempt) => context.log?.(describeRetry(attempt)),
  });
}

/** A context with a deadline `budgetMs` from now on `clock`. */
export function callWithin(
  clock: Clock,
  budgetMs: number,
  extra: Omit<CallContext, "clock" | "deadline"> = {},
): CallContext {
  return { clock, deadline: clock.now() + budgetMs, ...extra };
}
