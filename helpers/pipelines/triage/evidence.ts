/**
 * Runbook §9 evidence for a run triage: the run id and its states, the commands the runbook would have run
 * (databricks jobs get-run / get-run-output) as the API calls made, every task attempt with its error, and the
 * verdict — failing task keys, the Pipeline B split and whether retries were exhausted.
 */
import type { TestContext } from "vitest";
import { recordIds, recordJson, recordSection } from "../../evidence/record.ts";
import { markdownTable } from "../evidence.ts";
import type { RunTriage } from "./analyze-run.ts";

type Annotator = Pick<TestContext, "annotate">;

export interface TriageContext {
  mode: string;
  workspaceHost: string;
  jobNote: string | undefined;
  /** The API calls made, in order: "GET /api/2.2/jobs/runs/get?run_id=…". */
  calls: string[];
}

export async function recordTriage(ctx: Annotator, triage: RunTriage, context: TriageContext): Promise<void> {
  await recordIds(ctx, {
    run_id: triage.runId,
    job_id: triage.jobId,
    failing_task_keys: triage.failingTaskKeys.join(",") || "-",
    retries_exhausted: String(triage.retriesExhausted),
  });
  await recordJson(ctx, "pipelines-triage", {
    mode: context.mode,
    workspace_host: context.workspaceHost,
    runbook_commands: [
      `databricks jobs get-run ${triage.runId} -o json`,
      "databricks jobs get-run-output <task run id> -o json (per task)",
    ],
    api_calls: context.calls,
    job_note: context.jobNote ?? null,
    run: {
      run_id: triage.runId,
      job_id: triage.jobId ?? null,
      run_name: triage.runName,
      life_cycle_state: triage.lifeCycleState,
      result_state: triage.resultState,
      status: triage.statusState,
      termination_code: triage.terminationCode,
      state_message: triage.stateMessage,
    },
    failing_task_keys: triage.failingTaskKeys,
    pipeline_b_split: triage.pipelineBSplit ?? null,
    retries_exhausted: triage.retriesExhausted,
    tasks: triage.tasks.map((t) => ({
      task_key: t.taskKey,
      max_retries: t.maxRetries,
      retry_source: t.retrySource,
      retries_exhausted: t.retriesExhausted,
      retry_pending: t.retryPending,
      attempts: t.attempts,
    })),
    summary: triage.summary,
  });
  const rows = triage.tasks.flatMap((t) =>
    t.attempts.map((a) => ({
      task_key: a.taskKey,
      attempt: String(a.attemptNumber),
      task_run_id: String(a.taskRunId),
      state: `${a.lifeCycleState}/${a.resultState}`,
      outcome: a.outcome,
      max_retries: `${t.maxRetries} (${t.retrySource})`,
      retries: a === t.latest ? (t.retriesExhausted ? "EXHAUSTED" : t.retryPending ? "pending" : "-") : "",
      error: a.error ?? "",
    })),
  );
  const head = [
    `**${triage.summary}**`,
    "",
    `Run ${triage.runId} (${triage.runName}) ${triage.lifeCycleState}/${triage.resultState}, status ${triage.statusState}, termination ${triage.terminationCode}; mode ${context.mode}; workspace ${context.workspaceHost}.`,
  ];
  if (context.jobNote) head.push("", `_jobs/get: ${context.jobNote}_`);
  await recordSection(ctx, `Run triage ${triage.runId}`, [...head, "", markdownTable(rows)].join("\n"));
}
