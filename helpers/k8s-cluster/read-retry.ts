/**
 * One-shot reads of the K8s and LangFuse checks (the Deployment, the Service, a Secret or ConfigMap, the pod list),
 * retried like every remote call (helpers/retry.ts): a Transient failure (429, 5xx, a reset connection) is tried
 * again with back-off on the check's clock while the wait budget (K8S_WAIT_TIMEOUT_SECONDS, from the start of the
 * read, or the caller's absolute `deadline`) allows; a Permanent one (403, 404…) fails at once. Each retry is a
 * poll line in the evidence, naming what failed.
 */
import type { Clock } from "../clock.ts";
import type { PollLine } from "../poll.ts";
import { withRetry } from "../retry.ts";

export interface ReadRetryContext {
  clock: Clock;
  waitTimeoutMs: number;
  /** Absolute time (on `clock`) after which no read is retried; default: the read's start + waitTimeoutMs. */
  deadline?: number;
  onPoll?: (line: PollLine) => void;
}

export function readWithRetry<T>(ctx: ReadRetryContext, operation: string, call: () => Promise<T>): Promise<T> {
  const started = ctx.clock.now();
  return withRetry(operation, call, {
    deadline: ctx.deadline ?? started + ctx.waitTimeoutMs,
    clock: ctx.clock,
    onRetry: ({ attempt, error, waitMs }) =>
      ctx.onPoll?.({
        utc: new Date(ctx.clock.now()).toISOString(),
        attempt,
        elapsedSeconds: Math.round((ctx.clock.now() - started) / 100) / 10,
        state: `${error.message.split("\n")[0]} — retrying in ${Math.round(waitMs / 100) / 10}s`,
        condition: operation,
      }),
  });
}
