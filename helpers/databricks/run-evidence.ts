/**
 * Evidence of a Databricks run, sent through helpers/evidence/record.ts and printed as it happens:
 * the timestamped polling log (recordPoll), retries, cancellations, the runs/submit payload (before submitting),
 * key ids (run_id, task_run_id, run page URL, runtime), the run summary (cluster/runtime identifiers, the exact
 * error) and the get-run-output JSON of each task.
 */

import type { jobs } from "@databricks/sdk-experimental";
import type { TestContext } from "vitest";
import { recordIds, recordJson, recordPoll } from "../evidence/record.ts";
import { formatPollLine } from "./await-run.ts";
import type { TaskOutput } from "./run-output.ts";
import { describeRuntime, type RunSummary } from "./runtime-identity.ts";
import type { CancelRecord, RunObserver } from "./submitted-run.ts";

type Annotator = Pick<TestContext, "annotate">;

export interface EvidenceObserver extends RunObserver {
  /** Every line logged, in order (poll lines, retries, cancels). */
  readonly lines: ReadonlyArray<string>;
  readonly cancellations: ReadonlyArray<CancelRecord>;
  /** Waits until every evidence annotation has been delivered. */
  flush(): Promise<void>;
}

export function evidenceObserver(
  ctx: Annotator,
  label: string,
  print: (line: string) => void = console.log,
): EvidenceObserver {
  const lines: string[] = [];
  const cancellations: CancelRecord[] = [];
  const pending: Array<Promise<void>> = [];
  const log = (line: string) => {
    lines.push(line);
    print(`[${label}] ${line}`);
  };
  return {
    lines,
    cancellations,
    log,
    poll: (line, runId) => {
      log(formatPollLine(line, runId));
      pending.push(recordPoll(ctx, line));
    },
    cancelled: (record) => {
      cancellations.push(record);
      pending.push(recordJson(ctx, `${label}: run ${record.run_id} cancelled`, record));
    },
    flush: async () => {
      await Promise.all(pending.splice(0));
    },
  };
}

const MAX_LOG_CHARS = 20_000;

/** The output JSON as kept in evidence: logs longer than 20 000 characters keep their tail. */
export function outputForEvidence(output: TaskOutput["output"]): TaskOutput["output"] {
  if (typeof output.logs !== "string" || output.logs.length <= MAX_LOG_CHARS) return output;
  return {
    ...output,
    logs: `…[${output.logs.length - MAX_LOG_CHARS} characters cut]\n${output.logs.slice(-MAX_LOG_CHARS)}`,
  };
}

export async function recordOutputs(ctx: Annotator, label: string, outputs: ReadonlyArray<TaskOutput>): Promise<void> {
  for (const o of outputs) {
    await recordJson(
      ctx,
      `${label}: get-run-output task ${o.taskKey} (run ${o.taskRunId})`,
      outputForEvidence(o.output),
    );
  }
}

export interface RunIds {
  runId: number;
  taskRunIds: number[];
  runPageUrl: string | undefined;
}

export function recordRunIds(ctx: Annotator, ids: RunIds): Promise<void> {
  return recordIds(ctx, {
    run_id: ids.runId,
    task_run_id: ids.taskRunIds.join(",") || undefined,
    run_page_url: ids.runPageUrl,
  });
}

/** The runs/submit payload, recorded before the request is made. */
export function recordPayload(ctx: Annotator, label: string, payload: jobs.SubmitRun): Promise<void> {
  return recordJson(ctx, `${label}: runs/submit payload`, payload);
}

/** Run id, cluster/runtime identifiers and the exact error, as the seed asks ("Record run id, …"). */
export async function recordRunSummary(ctx: Annotator, label: string, summary: RunSummary): Promise<void> {
  await recordJson(ctx, `${label}: run id, runtime and error`, summary);
  await recordIds(ctx, { runtime: summary.runtime.map(describeRuntime).join("; ") || undefined });
}
