/**
 * Time as the harness sees it. Waits take a Clock so that self-tests and replays run on virtual time:
 * a replayed 900 s wait advances a counter instead of sleeping.
 */

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted", "AbortError");
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortReason(signal as AbortSignal));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/** A clock whose sleeps return at once and move its time forward. */
export class VirtualClock implements Clock {
  #now: number;
  #slept = 0;

  constructor(start: Date | number = Date.UTC(2026, 0, 1, 0, 0, 0)) {
    this.#now = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.#now;
  }

  /** Total virtual milliseconds slept, for assertions on back-off and intervals. */
  get slept(): number {
    return this.#slept;
  }

  advance(ms: number): void {
    this.#now += ms;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    await Promise.resolve();
    this.#now += ms;
    this.#slept += ms;
  }
}
