/**
 * The smoke definitions of runbook 003 (helpers/gates.ts), one gate for both: RUN_PIPELINES_SMOKE.
 *   operations checks  live = Databricks SQL warehouse; no recordings (offline, the embedded DuckDB block runs)
 *   run triage         live = Jobs API on PIPELINES_TRIAGE_RUN_ID; replay = the recorded scenarios below
 */
import { databricksLive } from "../databricks/credentials.ts";
import type { SmokeDefinition } from "../gates.ts";

export const pipelinesOpsChecks: SmokeDefinition = {
  name: "Pipelines A/Silver/B/C operations checks",
  gate: "RUN_PIPELINES_SMOKE",
  ...databricksLive(["DATABRICKS_WAREHOUSE_ID", "PIPELINES_CATALOG"]),
  recordings: [],
  tags: ["databricks"],
};

/** A replayed triage: its recording and what triage must conclude from it. */
export interface TriageScenario {
  name: string;
  recording: string;
  runId: number;
  expected: {
    lifeCycleState: string;
    failingTaskKeys: string[];
    pipelineBSplit: string;
    retriesExhausted: boolean;
    /** Text the summary must contain (the named error, the retry verdict). */
    summaryIncludes: string[];
  };
}

export const TRIAGE_SCENARIOS: ReadonlyArray<TriageScenario> = [
  {
    name: "Pipeline B: supply_ops failed, retries exhausted",
    recording: "fixtures/pipelines-triage/b-supply-ops-retries-exhausted.har",
    runId: 512094877310245,
    expected: {
      lifeCycleState: "TERMINATED",
      failingTaskKeys: ["pipeline_b_supply_ops"],
      pipelineBSplit: "supply_ops",
      retriesExhausted: true,
      summaryIncludes: [
        "pipeline_b_supply_ops: retries exhausted (attempt 2 of max_retries 2, jobs/get)",
        "ConcurrentAppendException",
      ],
    },
  },
  {
    name: "Pipeline B: recon failed, retry pending",
    recording: "fixtures/pipelines-triage/b-recon-waiting-for-retry.har",
    runId: 512094877399871,
    expected: {
      lifeCycleState: "RUNNING",
      failingTaskKeys: ["pipeline_b_recon"],
      pipelineBSplit: "recon",
      retriesExhausted: false,
      summaryIncludes: ["pipeline_b_recon: retry pending (attempt 1 of max_retries 2, runbook §2)"],
    },
  },
];

export const pipelinesRunTriage: SmokeDefinition = {
  name: "Pipelines run triage",
  gate: "RUN_PIPELINES_SMOKE",
  ...databricksLive(["PIPELINES_TRIAGE_RUN_ID"]),
  recordings: TRIAGE_SCENARIOS.map((s) => s.recording),
  tags: ["databricks"],
};
