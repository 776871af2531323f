import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.ts";
import { PermanentRemoteError, TransientRemoteError } from "./remote-errors.ts";
import { type RetryAttempt, withRetry } from "./retry.ts";

function httpError(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { statusCode: status, headers });
}

describe("withRetry", () => {
  it("honours Retry-After on 429 and then succeeds", async () => {
    const clock = new VirtualClock();
    const retries: RetryAttempt[] = [];
    let calls = 0;
    const value = await withRetry(
      "jobs/runs/get",
      async () => {
        if (++calls === 1) throw httpError(429, { "Retry-After": "7" });
        return "ok";
      },
      { deadline: clock.now() + 60_000, clock, onRetry: (r) => retries.push(r) },
    );
    expect(value).toBe("ok");
    expect(retries).toHaveLength(1);
    expect(retries[0]?.waitMs).toBe(7000);
    expect(clock.slept).toBe(7000);
  });

  it("backs off exponentially on 5xx", async () => {
    const clock = new VirtualClock();
    let calls = 0;
    await withRetry(
      "op",
      async () => {
        if (++calls < 4) throw httpError(503);
        return calls;
      },
      { deadline: clock.now() + 60_000, clock, baseDelayMs: 1000 },
    );
    expect(clock.slept).toBe(1000 + 2000 + 4000);
  });

  it("does not retry a permanent failure", async () => {
    let calls = 0;
    const attempt = withRetry(
      "secrets/get",
      async () => {
        calls++;
        throw httpError(403);
      },
      { deadline: Date.now() + 60_000, clock: new VirtualClock() },
    );
    await expect(attempt).rejects.toBeInstanceOf(PermanentRemoteError);
    expect(calls).toBe(1);
  });

  it("gives up with the transient error when the next wait would pass the deadline", async () => {
    const clock = new VirtualClock();
    const attempt = withRetry(
      "op",
      async () => {
        throw httpError(429, { "retry-after": "120" });
      },
      { deadline: clock.now() + 60_000, clock },
    );
    await expect(attempt).rejects.toBeInstanceOf(TransientRemoteError);
    await expect(attempt).rejects.toMatchObject({ status: 429, retryAfterMs: 120_000, code: "REMOTE_TRANSIENT" });
  });
});
