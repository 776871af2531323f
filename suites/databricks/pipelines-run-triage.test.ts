// @module-tag databricks
/**
 * Pipelines run triage (runbook 003 §5.1 Step 1): for a Databricks job run, runs/get and runs/get-output per task
 * run, jobs/get for the retry policy; names the failing task key (Pipeline B: recon vs supply_ops vs finalize_*)
 * and whether its retries were exhausted.
 *
 *   live    RUN_PIPELINES_SMOKE=1 DATABRICKS_HOST=… DATABRICKS_TOKEN=… PIPELINES_TRIAGE_RUN_ID=<run id>
 *   record  the same with SMOKEBOOK_MODE=record → fixtures/pipelines-triage/run-<run id>.har (SMOKEBOOK_RECORD_DIR
 *           to review it elsewhere first); add it to TRIAGE_SCENARIOS (helpers/pipelines/smokes.ts) to replay it
 *   replay  (default without credentials) every scenario of TRIAGE_SCENARIOS, each from its own recording
 */
import { describe } from "vitest";
import { EnvValueError } from "../../helpers/errors.ts";
import { readPipelinesConfig } from "../../helpers/pipelines/config.ts";
import { pipelinesRunTriage, TRIAGE_SCENARIOS } from "../../helpers/pipelines/smokes.ts";
import { registerTriage } from "../../helpers/pipelines/triage/triage-suite.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(pipelinesRunTriage, (s) => {
  if (s.mode === "replay") {
    for (const scenario of TRIAGE_SCENARIOS) {
      describe(scenario.name, () => {
        registerTriage(s, {
          mode: s.mode,
          recording: scenario.recording,
          runId: () => scenario.runId,
          expected: scenario.expected,
        });
      });
    }
    return;
  }
  const runId = () => {
    const id = readPipelinesConfig().triageRunId;
    if (id === undefined) throw new EnvValueError("PIPELINES_TRIAGE_RUN_ID", "", "the Databricks run id to triage");
    return id;
  };
  const recordingFor = () =>
    `fixtures/pipelines-triage/run-${process.env.PIPELINES_TRIAGE_RUN_ID?.trim() || "unknown"}.har`;
  registerTriage(s, { mode: s.mode, recording: recordingFor(), runId });
});
