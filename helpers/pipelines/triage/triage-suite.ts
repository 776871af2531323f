/**
 * Registers the run-triage checks (runbook §5.1) for one run: fetched once in beforeAll through a Databricks
 * session (live, record or replay — helpers/databricks/session.ts), analysed by analyzeRun, and judged by three
 * tests. A failed pipeline run does not fail these tests: they fail when triage cannot name what failed or cannot
 * decide the retry question, or (replay) when the result differs from the scenario's expectation.
 */
import { expect } from "vitest";
import { callWithin } from "../../databricks/api-call.ts";
import { workspaceUrl } from "../../databricks/client.ts";
import { PrerequisiteError } from "../../databricks/errors.ts";
import { trackFailedChecks } from "../../databricks/failed-checks.ts";
import { type DatabricksSession, openSession } from "../../databricks/session.ts";
import { recordIds } from "../../evidence/record.ts";
import type { Env, RunMode } from "../../gates.ts";
import type { TestScope } from "../ops-suite.ts";
import type { TriageScenario } from "../smokes.ts";
import { analyzeRun, type RunTriage } from "./analyze-run.ts";
import { recordTriage, type TriageContext } from "./evidence.ts";
import { fetchRunForTriage, type TriageFetch } from "./fetch-run.ts";

export interface TriageTarget {
  mode: RunMode;
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

export function registerTriage(scope: TestScope, target: TriageTarget): void {
  let session: DatabricksSession | undefined;
  let triage: RunTriage | undefined;
  let context: TriageContext | undefined;
  let failure: unknown;
  scope.beforeAll(async () => {
    try {
      const runId = target.runId();
      session = openSession(target.mode, target.recording, {
        smoke: "Pipelines run triage",
        comment: `Pipelines run triage of run ${runId}`,
        ...(target.env ? { env: target.env } : {}),
      });
      const fetched = await fetchRunForTriage(session.client, runId, callWithin(session.clock, FETCH_BUDGET_MS));
      triage = analyzeRun(fetched);
      context = {
        mode: target.mode,
        workspaceHost:
          target.mode === "replay" ? `(replay of ${target.recording})` : await workspaceUrl(session.client),
        jobNote: fetched.jobNote,
        calls: callsOf(fetched),
      };
    } catch (error) {
      failure = error;
    }
  }, FETCH_BUDGET_MS + 10_000);
  const failed = trackFailedChecks();
  scope.afterAll(async () => {
    // Record: finish() writes the redacted HAR only for a triage that worked and whose checks passed (else it keeps
    // the traffic as <name>.failed.har); otherwise just stop intercepting.
    if (target.mode === "record" && triage) {
      const recording = await session?.finish(failed);
      if (recording) console.log(`[pipelines triage] ${recording.message}`);
    } else session?.close();
  });
  const ready = (): { triage: RunTriage; context: TriageContext } => {
    if (triage && context) return { triage, context };
    throw failure ?? new PrerequisiteError("triage did not run");
  };

  scope.it("get-run and per-task get-output: run state and every task attempt recorded (§5.1)", async (ctx) => {
    const { triage, context } = ready();
    await recordTriage(ctx, triage, context);
    expect(triage.lifeCycleState, "runs/get state.life_cycle_state").not.toBe("-");
    expect(triage.tasks.length, "runs/get tasks[]").toBeGreaterThan(0);
    if (target.expected) expect(triage.lifeCycleState).toBe(target.expected.lifeCycleState);
    session?.replay?.assertComplete();
  });

  scope.it("failing task key named (Pipeline B: recon vs supply_ops vs finalize_*)", async (ctx) => {
    const { triage } = ready();
    await recordIds(ctx, {
      failing_task_keys: triage.failingTaskKeys.join(",") || "-",
      pipeline_b_split: triage.pipelineBSplit,
    });
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

  scope.it("retries exhausted or not, per failing task (max_retries from jobs/get, else runbook §2)", async (ctx) => {
    const { triage } = ready();
    await recordIds(ctx, { retries_exhausted: String(triage.retriesExhausted) });
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
