/**
 * Registers the run-triage checks (runbook §5.1) for one run: fetched once on first use through a Databricks
 * session (live, record or replay — helpers/databricks/session.ts), analysed by analyzeRun, and judged by three
 * tests. A failed pipeline run does not fail these tests: they fail when triage cannot name what failed or cannot
 * decide the retry question, or (replay) when the result differs from the scenario's expectation.
 */
import { expect } from "vitest";
import { callWithin } from "../../databricks/api-call.ts";
import { workspaceUrl } from "../../databricks/client.ts";
import { type DatabricksSession, openSession } from "../../databricks/session.ts";
import type { SmokeTest } from "../../define-smoke/define-smoke.ts";
import { recordIds } from "../../evidence/record.ts";
import type { Env, RunMode } from "../../gates.ts";
import type { TriageScenario } from "../smokes.ts";
import { analyzeRun, type RunTriage } from "./analyze-run.ts";
import { recordTriage, type TriageContext } from "./evidence.ts";
import { fetchRunForTriage, type TriageFetch } from "./fetch-run.ts";

/** One run to triage; the mode is its block's (replay, live or record). */
export interface TriageTarget {
  /** Replay: the scenario's recording; record: where the new recording goes. */
  recording: string;
  runId: () => number;
  expected?: TriageScenario["expected"] | undefined;
  /** Environment for the live client (default process.env). */
  env?: Env | undefined;
}

const FETCH_BUDGET_MS = 120_000;

function callsOf(fetch: TriageFetch): string[] {
  const calls = [`GET /api/2.2/jobs/runs/get?run_id=${fetch.run.run_id}`];
  if (typeof fetch.run.job_id === "number") calls.push(`GET /api/2.2/jobs/get?job_id=${fetch.run.job_id}`);
  for (const o of fetch.outputs) calls.push(`GET /api/2.2/jobs/runs/get-output?run_id=${o.taskRunId} (${o.taskKey})`);
  return calls;
}

interface Triaged {
  session: DatabricksSession;
  triage: RunTriage;
  context: TriageContext;
}

/** Opens the target's session and fetches its run for triage; a failed fetch closes the session and fails. */
async function triageTarget(target: TriageTarget, mode: RunMode): Promise<Triaged> {
  const runId = target.runId();
  const session = openSession(mode, target.recording, {
    smoke: "Pipelines run triage",
    comment: `Pipelines run triage of run ${runId}`,
    ...(target.env ? { env: target.env } : {}),
  });
  try {
    const fetched = await fetchRunForTriage(session.client, runId, callWithin(session.clock, FETCH_BUDGET_MS));
    const context: TriageContext = {
      mode,
      workspaceHost: mode === "replay" ? `(replay of ${target.recording})` : await workspaceUrl(session.client),
      jobNote: fetched.jobNote,
      calls: callsOf(fetched),
    };
    return { session, triage: analyzeRun(fetched), context };
  } catch (error) {
    session.close();
    throw error;
  }
}

/**
 * Declares the three triage checks of one run with `test` (a defineSmoke test, in its block or in a group): the run
 * is fetched once, on first use; after the last check, record mode writes the redacted HAR only when those checks
 * passed (else it keeps the traffic as <name>.failed.har), other modes stop intercepting.
 */
export function registerTriage<S>(test: SmokeTest<S>, target: TriageTarget): void {
  const triaged = test.shared("the run's triage", ({ mode }) => triageTarget(target, mode), {
    finish: async ({ session }, failed) => {
      if (session.mode !== "record") return session.close();
      const recording = await session.finish(failed);
      if (recording) console.log(`[pipelines triage] ${recording.message}`);
    },
  });

  test(
    "get-run and per-task get-output: run state and every task attempt recorded (§5.1)",
    async ({ shared, annotate }) => {
      const { triage, context, session } = await shared(triaged);
      await recordTriage({ annotate }, triage, context);
      expect(triage.lifeCycleState, "runs/get state.life_cycle_state").not.toBe("-");
      expect(triage.tasks.length, "runs/get tasks[]").toBeGreaterThan(0);
      if (target.expected) expect(triage.lifeCycleState).toBe(target.expected.lifeCycleState);
      session.replay?.assertComplete();
    },
    FETCH_BUDGET_MS + 10_000,
  );

  test("failing task key named (Pipeline B: recon vs supply_ops vs finalize_*)", async ({ shared, annotate }) => {
    const { triage } = await shared(triaged);
    await recordIds(
      { annotate },
      { failing_task_keys: triage.failingTaskKeys.join(",") || "-", pipeline_b_split: triage.pipelineBSplit },
    );
    if (triage.resultState === "FAILED" || triage.resultState === "TIMEDOUT") {
      expect(
        triage.failingTaskKeys,
        `run ${triage.runId} ended ${triage.resultState} but no task attempt failed`,
      ).not.toEqual([]);
    }
    for (const key of triage.failingTaskKeys) {
      const task = triage.tasks.find((t) => t.taskKey === key);
      const failed = task?.attempts.filter((a) => a.outcome === "failed") ?? [];
      expect(
        failed.some((a) => a.error || a.errorTrace),
        `${key}: runs/get-output gave no error or error_trace for any failed attempt`,
      ).toBe(true);
    }
    if (target.expected) {
      expect(triage.failingTaskKeys).toEqual(target.expected.failingTaskKeys);
      expect(triage.pipelineBSplit).toBe(target.expected.pipelineBSplit);
    }
  });

  test("retries exhausted or not, per failing task (max_retries from jobs/get, else runbook §2)", async ({
    shared,
    annotate,
  }) => {
    const { triage } = await shared(triaged);
    await recordIds({ annotate }, { retries_exhausted: String(triage.retriesExhausted) });
    for (const key of triage.failingTaskKeys) {
      const task = triage.tasks.find((t) => t.taskKey === key);
      expect(task, key).toBeDefined();
      expect(task?.retriesExhausted || task?.retryPending || task?.latest.outcome === "failed", key).toBe(true);
    }
    if (target.expected) {
      expect(triage.retriesExhausted).toBe(target.expected.retriesExhausted);
      for (const text of target.expected.summaryIncludes) expect(triage.summary).toContain(text);
    }
  });
}
