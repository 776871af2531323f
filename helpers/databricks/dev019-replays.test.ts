/**
 * DEV-019 smoke code against each recorded variant: the passing run passes, and every failure variant fails the
 * criterion it should, with the message an operator needs. Replays run on a virtual clock.
 */
import { describe, expect, it } from "vitest";
import type { VirtualClock } from "../clock.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { readDev019Config } from "./dev019-config.ts";
import { dev019Payload, resolveWrapperPath, runDev019 } from "./dev019-smoke.ts";
import { CriterionError, RunTimeoutError } from "./errors.ts";
import { assertNoOutputError, assertRunSucceeded } from "./run-criteria.ts";
import { runServerless } from "./run-smoke.ts";
import { openSession } from "./session.ts";
import { collectingObserver } from "./test-observer.ts";

async function replay(file: string) {
  const session = openSession("replay", `fixtures/dev019-watchdog/${file}`);
  const observer = collectingObserver();
  try {
    const result = await runDev019(session, readDev019Config({}, "replay", session.recordedPoll), { observer });
    await session.finish();
    return {
      result,
      observer,
      clock: session.clock as VirtualClock,
      submits: session.replay?.observed.filter((o) => o.target.endsWith("/runs/submit")) ?? [],
    };
  } finally {
    session.close();
  }
}

const failureOf = (check: () => void) => thrownError(CriterionError, check);

describe("DEV-019 recorded variants", () => {
  it("pass.har: the runbook's submit shape, polls every 20 s, passes both criteria", async () => {
    const { result, observer, submits } = await replay("pass.har");
    assertRunSucceeded(result.run, "DEV-019 run");
    assertNoOutputError(result.outputs, "DEV-019 run");
    expect(result.wrapper).toEqual({
      path: "/Users/2dt026@msacademy.msai.kr/smoke_dev019/smoke_wrapper.py",
      source: "current user",
    });
    expect(observer.polls.map((p) => [p.elapsedSeconds, p.state])).toEqual([
      [0, "life_cycle_state=PENDING result_state=- status=PENDING"],
      [20, "life_cycle_state=RUNNING result_state=- status=RUNNING"],
      [40, "life_cycle_state=RUNNING result_state=- status=RUNNING"],
      [60, "life_cycle_state=TERMINATED result_state=SUCCESS status=TERMINATED"],
    ]);
    const sent = JSON.parse(submits[0]?.body ?? "{}");
    expect(sent.tasks[0]).toMatchObject({
      task_key: "watchdog_smoke_serverless",
      environment_key: "smoke_serverless",
      spark_python_task: {
        source: "WORKSPACE",
        parameters: ["--target-pipelines", "pipeline_silver", "--langfuse-host", "http://localhost:3000"],
      },
    });
    expect(sent.environments[0].spec).toEqual({
      client: "1",
      dependencies: ["PyYAML==6.0.3", "pydantic==2.12.5", "langgraph==1.0.9", "langgraph-checkpoint-sqlite==3.0.3"],
    });
    expect(result.taskRunIds).toEqual([1012849405932511]);
    expect(result.runPageUrl).toMatch(/#job\/\d+\/run\/772409366361154$/);
  });

  it("success-with-output-error.har: TERMINATED + SUCCESS but get-run-output has error → fails the output criterion", {
    tags: ["self-test"],
  }, async () => {
    const { result } = await replay("success-with-output-error.har");
    expect(() => assertRunSucceeded(result.run, "DEV-019 run")).not.toThrow();
    const failure = failureOf(() => assertNoOutputError(result.outputs, "DEV-019 run"));
    expect(failure.code).toBe("TASK_OUTPUT_ERROR");
    expect(failure.message).toBe(
      'DEV-019 run: get-run-output has no error field: task watchdog_smoke_serverless (run 1012849405932511) has error "SystemExit: 0"',
    );
  });

  it("never-terminates.har: the 900 s deadline cancels the run (runs/cancel, recorded) on virtual time", {
    tags: ["self-test"],
  }, async () => {
    const started = performance.now();
    const session = openSession("replay", "fixtures/dev019-watchdog/never-terminates.har");
    const observer = collectingObserver();
    const error = await runDev019(session, readDev019Config({}, "replay"), { observer }).catch((e: unknown) => e);
    await session.finish();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RunTimeoutError);
    expect((error as RunTimeoutError).cancelled).toBe(true);
    expect((error as Error).message).toBe(
      "Timed out after 900s waiting until run 772409366361154 reaches a terminal state; last observed state: life_cycle_state=RUNNING result_state=- status=RUNNING (46 polls); cancelled it with runs/cancel",
    );
    expect(observer.polls).toHaveLength(46);
    expect(observer.polls.at(-1)?.elapsedSeconds).toBe(900);
    expect(observer.cancels).toEqual([
      { run_id: 772409366361154, reason: "deadline of 900s passed", utc: "2026-02-25T10:30:00.000Z", ok: true },
    ]);
    expect(session.replay?.observed.at(-1)).toMatchObject({
      method: "POST",
      target: "/api/2.2/jobs/runs/cancel",
      body: '{"run_id":772409366361154}',
    });
  });

  it("rate-limited-submit.har: 429 with Retry-After: 7 is retried after 7 s (virtual) and the smoke passes", async () => {
    const { result, observer, clock, submits } = await replay("rate-limited-submit.har");
    assertRunSucceeded(result.run, "DEV-019 run");
    expect(submits).toHaveLength(2);
    expect(submits[0]?.body).toBe(submits[1]?.body);
    expect(JSON.parse(submits[0]?.body ?? "{}").idempotency_token).toMatch(/^dev019_smoke_test_serverless-/);
    expect(observer.lines.find((l) => l.startsWith("retrying"))).toMatch(
      /^retrying runs\/submit dev019_smoke_test_serverless-\S+ in 7s \(attempt 1 failed: .*HTTP 429 REQUEST_LIMIT_EXCEEDED/,
    );
    expect(clock.slept).toBeGreaterThanOrEqual(7000);
  });

  it("self-test: a submit without the runbook's environment dependencies fails the replay, naming the field", {
    tags: ["self-test"],
  }, async () => {
    const session = openSession("replay", "fixtures/dev019-watchdog/pass.har");
    const config = readDev019Config({}, "replay", session.recordedPoll);
    const wrapper = await resolveWrapperPath(session, config);
    const payload = dev019Payload(config, wrapper.path, new Date(session.clock.now()));
    const environment = payload.environments?.[0];
    if (environment?.spec) environment.spec = { client: environment.spec.client ?? "1" };
    const error = await runServerless(session, payload, { poll: config.poll }).catch((e: unknown) => e);
    session.close();
    expect((error as Error).message).toContain(
      'POST /api/2.2/jobs/runs/submit (body differs from recorded entry #1 environments[0].spec.dependencies: missing in the request (recorded ["PyYAML==6.0.3","pydantic==2.12.5","langgraph==1.0.9","langgraph-checkpoint-sqlite==3.0.3"])) is not in recording fixtures/dev019-watchdog/pass.har',
    );
  });

  it("gateway-503.har: a 503 HTML page while polling is retried within the deadline and the smoke passes", async () => {
    const { result, observer } = await replay("gateway-503.har");
    assertRunSucceeded(result.run, "DEV-019 run");
    const retry = observer.lines.find((l) => l.startsWith("retrying runs/get"));
    expect(retry).toContain(
      "HTTP 503 from GET /api/2.2/jobs/runs/get: HTML error page: 503 Service Temporarily Unavailable",
    );
    expect(retry).not.toContain("<html>");
  });
});
