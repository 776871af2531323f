/**
 * Waits until the health endpoint answers the contract status, on a deadline, logging every poll.
 * `alive` lets the caller stop waiting at once when the process or container behind the URL has died.
 */
import { type PollLine, type PollResult, pollUntil } from "../poll.ts";

export interface HealthAnswer {
  status: number;
  body: string;
}

export interface HealthWaitOptions {
  url: string;
  status: number;
  timeoutMs: number;
  intervalMs?: number;
  /** Returns a reason when the target is gone (e.g. "app exited with code 3"); the wait then fails at once. */
  alive?: () => string | undefined;
  onPoll?: (line: PollLine) => void;
}

export async function waitForHealth(options: HealthWaitOptions): Promise<PollResult<HealthAnswer>> {
  return pollUntil({
    condition: `GET ${options.url} answers ${options.status}`,
    intervalMs: options.intervalMs ?? 100,
    timeoutMs: options.timeoutMs,
    ...(options.onPoll ? { onPoll: options.onPoll } : {}),
    probe: async () => {
      const gone = options.alive?.();
      if (gone !== undefined) throw new Error(gone);
      const response = await fetch(options.url, { signal: AbortSignal.timeout(2000) });
      return { status: response.status, body: (await response.text()).slice(0, 500) };
    },
    done: (answer) => answer.status === options.status,
    describe: (answer) => `HTTP ${answer.status}`,
  });
}
