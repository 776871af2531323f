/**
 * What triage reads from the workspace, in the runbook's order (§5.1): runs/get (all pages of tasks[]), jobs/get
 * for the configured retry policy, and runs/get-output for every task run (helpers/databricks/run-output.ts; the
 * parent of a multi-task run has no output of its own). A jobs/get the caller may not read (403/404) is noted and
 * triage falls back to the runbook's retry policy; any other failure is thrown.
 */
import type { jobs, WorkspaceClient } from "@databricks/sdk-experimental";
import { type CallContext, callDatabricks } from "../../databricks/api-call.ts";
import { getTaskOutputs, type TaskOutput } from "../../databricks/run-output.ts";
import { classifyRemoteFailure } from "../../remote-errors.ts";

export interface TriageFetch {
  run: jobs.Run;
  job: jobs.Job | undefined;
  /** Why jobs/get could not be used, when it could not. */
  jobNote: string | undefined;
  outputs: TaskOutput[];
}

export async function getRunAllPages(client: WorkspaceClient, runId: number, context: CallContext): Promise<jobs.Run> {
  const run = await callDatabricks(`runs/get run_id=${runId}`, () => client.jobs.getRun({ run_id: runId }), context);
  const tasks = [...(run.tasks ?? [])];
  let token = run.next_page_token;
  while (token) {
    const pageToken = token;
    const page = await callDatabricks(
      `runs/get run_id=${runId} page_token=${pageToken}`,
      () => client.jobs.getRun({ run_id: runId, page_token: pageToken }),
      context,
    );
    tasks.push(...(page.tasks ?? []));
    token = page.next_page_token;
  }
  return { ...run, tasks, has_more: false };
}

export async function fetchRunForTriage(
  client: WorkspaceClient,
  runId: number,
  context: CallContext,
): Promise<TriageFetch> {
  const run = await getRunAllPages(client, runId, context);
  let job: jobs.Job | undefined;
  let jobNote: string | undefined;
  const jobId = run.job_id;
  if (typeof jobId === "number") {
    const operation = `jobs/get job_id=${jobId}`;
    try {
      job = await callDatabricks(operation, () => client.jobs.get({ job_id: jobId }), context);
    } catch (error) {
      const classified = classifyRemoteFailure(error, operation, context.clock.now());
      if (classified.kind !== "Permanent") throw classified;
      jobNote = `${classified.message}; retry policy taken from the runbook (§2)`;
    }
  } else {
    jobNote = "run has no job_id (a one-time submit run); retry policy taken from the runbook (§2)";
  }
  const outputs = await getTaskOutputs(client, run, context);
  return { run, job, jobNote, outputs };
}
