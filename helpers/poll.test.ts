import { describe, expect, it } from "vitest";
import { VirtualClock } from "./clock.ts";
import { PollAbortedError, type PollLine, PollTimeoutError, pollUntil } from "./poll.ts";
import { PermanentRemoteError, TransientRemoteError } from "./remote-errors.ts";

describe("pollUntil", () => {
  it("returns the terminal value and logs every poll with UTC, state and elapsed seconds", async () => {
    const clock = new VirtualClock(Date.UTC(2026, 1, 25, 3, 0, 0));
    const states = ["PENDING", "RUNNING", "TERMINATED"];
    const lines: PollLine[] = [];
    const result = await pollUntil({
      condition: "run 7 reaches a terminal life_cycle_state",
      probe: async () => states.shift() ?? "TERMINATED",
      done: (s) => s === "TERMINATED",
      describe: (s) => s,
      intervalMs: 20_000,
      timeoutMs: 900_000,
      clock,
      onPoll: (line) => lines.push(line),
    });
    expect(result.value).toBe("TERMINATED");
    expect(lines.map((l) => [l.utc, l.state, l.elapsedSeconds])).toEqual([
      ["2026-02-25T03:00:00.000Z", "PENDING", 0],
      ["2026-02-25T03:00:20.000Z", "RUNNING", 20],
      ["2026-02-25T03:00:40.000Z", "TERMINATED", 40],
    ]);
  });

  it("self-test: a poll that never reaches a terminal state times out with the condition, budget and last state", async () => {
    const clock = new VirtualClock();
    const started = performance.now();
    const attempt = pollUntil({
      condition: "run 42 reaches a terminal life_cycle_state",
      probe: async () => "RUNNING",
      done: () => false,
      describe: (s) => `life_cycle_state=${s}`,
      intervalMs: 20_000,
      timeoutMs: 900_000,
      clock,
    });
    await expect(attempt).rejects.toThrow(PollTimeoutError);
    await expect(attempt).rejects.toThrow(
      "Timed out after 900s waiting until run 42 reaches a terminal life_cycle_state; last observed state: life_cycle_state=RUNNING (46 polls)",
    );
    expect(clock.slept).toBe(900_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("retries transient probe errors within the deadline and logs them", async () => {
    const clock = new VirtualClock();
    let calls = 0;
    const result = await pollUntil({
      condition: "ready",
      probe: async () => {
        calls++;
        if (calls === 1) throw new TransientRemoteError("503 from runs/get", { operation: "runs/get", status: 503 });
        return "ok";
      },
      done: (s) => s === "ok",
      describe: (s) => s,
      intervalMs: 1000,
      timeoutMs: 10_000,
      clock,
    });
    expect(result.polls[0]?.state).toMatch(/^transient error: 503 from runs\/get/);
    expect(result.value).toBe("ok");
  });

  it("stops at once on a permanent error", async () => {
    const attempt = pollUntil({
      condition: "ready",
      probe: async () => {
        throw new PermanentRemoteError("403 from runs/get", { operation: "runs/get", status: 403 });
      },
      done: () => true,
      describe: String,
      intervalMs: 1000,
      timeoutMs: 10_000,
      clock: new VirtualClock(),
    });
    await expect(attempt).rejects.toThrow(PermanentRemoteError);
  });

  it("self-test: a probe that hangs on real time is cut at the deadline instead of hanging the wait", async () => {
    const attempt = pollUntil({
      condition: "GET /health answers",
      probe: (signal) =>
        new Promise<string>((_, reject) =>
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true }),
        ),
      done: () => true,
      describe: String,
      intervalMs: 50,
      timeoutMs: 200,
    });
    await expect(attempt).rejects.toThrow(PollTimeoutError);
    await expect(attempt).rejects.toThrow(
      /Timed out after 0.2s waiting until GET \/health answers; last observed state: transient error/,
    );
  });

  it("honours an abort signal and names the last state", async () => {
    const controller = new AbortController();
    let polls = 0;
    const attempt = pollUntil({
      condition: "ready",
      probe: async () => {
        if (++polls === 3) controller.abort(new Error("test failed"));
        return "RUNNING";
      },
      done: () => false,
      describe: String,
      intervalMs: 1000,
      timeoutMs: 60_000,
      clock: new VirtualClock(),
      signal: controller.signal,
    });
    await expect(attempt).rejects.toThrow(PollAbortedError);
    await expect(attempt).rejects.toThrow("last observed state: RUNNING");
  });
});
