/** The run handle's lifecycle: deadline, abort and disposal cancel an active run, and the cancel is recorded. */
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { PollAbortedError } from "../poll.ts";
import { startReplay } from "../replay/index.ts";
import { replayWorkspaceClient } from "./client.ts";
import { readDev019Config } from "./dev019-config.ts";
import { dev019Payload, runDev019 } from "./dev019-smoke.ts";
import { RunTimeoutError } from "./errors.ts";
import { apiError, type Phase, runsGet } from "./fixtures/api-shapes.ts";
import { cancel, polls, specFor, submit } from "./fixtures/run-tape.ts";
import { Tape } from "./fixtures/tape.ts";
import { openSession } from "./session.ts";
import { submitRun } from "./submitted-run.ts";
import { collectingObserver } from "./test-observer.ts";

const config = readDev019Config({}, "replay");
const payload = dev019Payload(config, "/Users/u/smoke_dev019/smoke_wrapper.py", new Date("2026-02-25T10:00:00Z"));
const spec = specFor(payload, { jobId: 1, runId: 42, taskRunId: 43 }, Date.parse("2026-02-25T10:00:00Z"));

function tape(phases: Phase[], withCancel: "ok" | "denied" | "none") {
  const t = submit(new Tape("2026-02-25T10:00:00Z"), payload, spec.runId);
  polls(t, spec, phases, 20);
  if (withCancel === "ok") cancel(t, spec);
  if (withCancel === "denied") {
    t.json("POST", "/api/2.2/jobs/runs/cancel", 403, apiError("PERMISSION_DENIED", "User cannot cancel run 42"), {
      request: { run_id: 42 },
    });
  }
  return t.har("submitted-run self-test");
}

describe("SubmittedRun", () => {
  it("an aborted wait cancels the active run and records why", { tags: ["self-test"] }, async () => {
    const session = openSession("replay", "fixtures/dev019-watchdog/never-terminates.har");
    const observer = collectingObserver();
    const abort = new AbortController();
    const originalPoll = observer.poll;
    observer.poll = (line, runId) => {
      originalPoll?.(line, runId);
      if (line.attempt === 3) abort.abort(new Error("test aborted"));
    };
    const error = await runDev019(session, config, { observer, signal: abort.signal }).catch((e: unknown) => e);
    session.close();
    expect(error).toBeInstanceOf(PollAbortedError);
    expect(observer.cancels).toMatchObject([{ run_id: 772409366361154, reason: "the wait was aborted", ok: true }]);
    expect(session.replay?.observed.at(-1)?.target).toBe("/api/2.2/jobs/runs/cancel");
  });

  it("disposing the handle of an active run cancels it", { tags: ["self-test"] }, async () => {
    using replay = startReplay(tape([], "ok"), { source: "dispose.har" });
    const observer = collectingObserver();
    {
      await using run = await submitRun(replayWorkspaceClient(), payload, { clock: new VirtualClock(), observer });
      expect(run.active).toBe(true);
    }
    expect(observer.cancels).toMatchObject([
      { run_id: 42, reason: "disposed while still active (the check failed or was aborted)", ok: true },
    ]);
    replay.assertComplete();
  });

  it("disposing the handle of a terminated run sends nothing", async () => {
    using replay = startReplay(tape(["RUNNING", "SUCCESS"], "none"), { source: "terminated.har" });
    {
      await using run = await submitRun(replayWorkspaceClient(), payload, { clock: new VirtualClock() });
      const { value } = await run.waitUntilTerminal({ intervalMs: 20_000, timeoutMs: 60_000 });
      expect(runsGet(spec, "SUCCESS", 0).state).toEqual(value.state);
    }
    replay.assertComplete();
  });

  it("a cancel that fails is reported in the timeout error, not hidden", { tags: ["self-test"] }, async () => {
    using replay = startReplay(tape(["RUNNING", "RUNNING"], "denied"), { source: "cancel-denied.har" });
    const observer = collectingObserver();
    const run = await submitRun(replayWorkspaceClient(), payload, { clock: new VirtualClock(), observer });
    const error = await run.waitUntilTerminal({ intervalMs: 20_000, timeoutMs: 20_000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as RunTimeoutError).cancelled).toBe(false);
    expect((error as Error).message).toMatch(/\(2 polls\); runs\/cancel failed: .*HTTP 403 PERMISSION_DENIED/);
    expect(observer.cancels[0]).toMatchObject({ ok: false, reason: "deadline of 20s passed" });
    replay.assertComplete();
  });
});
