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
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { EnvValueError } from "../../helpers/errors.ts";
import { readPipelinesConfig } from "../../helpers/pipelines/config.ts";
import { pipelinesRunTriage, TRIAGE_SCENARIOS } from "../../helpers/pipelines/smokes.ts";
import { registerTriage } from "../../helpers/pipelines/triage/triage-suite.ts";

const test = defineSmoke({ ...pipelinesRunTriage, recordings: {}, otherRecordings: pipelinesRunTriage.recordings });

// Replay: every recorded scenario, each in its own group with its own session.
for (const scenario of TRIAGE_SCENARIOS) {
  test.group(scenario.name, { modes: ["replay"] }, () =>
    registerTriage(test, {
      recording: scenario.recording,
      runId: () => scenario.runId,
      expected: scenario.expected,
    }),
  );
}

// Live and record: the run PIPELINES_TRIAGE_RUN_ID names.
test.inModes(["live", "record"], () => {
  const runId = () => {
    const id = readPipelinesConfig().triageRunId;
    if (id === undefined) throw new EnvValueError("PIPELINES_TRIAGE_RUN_ID", "", "the Databricks run id to triage");
    return id;
  };
  const recording = `fixtures/pipelines-triage/run-${process.env.PIPELINES_TRIAGE_RUN_ID?.trim() || "unknown"}.har`;
  registerTriage(test, { recording, runId });
});
