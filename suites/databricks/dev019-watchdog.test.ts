// @module-tag databricks
/**
 * DEV-019 watchdog serverless smoke (runbook "DEV-019 watchdog serverless smoke lessons learned").
 * Gate RUN_DEV019_WATCHDOG_SMOKE=1 plus Databricks credentials (helpers/databricks/client.ts: a token, an OAuth
 * client, a profile or a DEFAULT profile in ~/.databrickscfg) runs it live; otherwise it replays
 * fixtures/dev019-watchdog/pass.har on a virtual clock. Settings: dev019-config.ts. SMOKEBOOK_MODE=record replaces
 * the recording only when every check passed (else it writes pass.failed.har beside it).
 */

import { readDev019Config } from "../../helpers/databricks/dev019-config.ts";
import {
  DEV019_LABEL,
  DEV019_RECORDING,
  dev019Recording,
  dev019Smoke,
  runDev019,
} from "../../helpers/databricks/dev019-smoke.ts";
import { assertNoOutputError, assertRunSucceeded } from "../../helpers/databricks/run-criteria.ts";
import {
  evidenceObserver,
  recordOutputs,
  recordPayload,
  recordRunIds,
  recordRunSummary,
} from "../../helpers/databricks/run-evidence.ts";
import { checkWrapperGuardrails } from "../../helpers/databricks/wrapper-guardrails.ts";
import { PrerequisiteError } from "../../helpers/define-smoke/block-state.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds } from "../../helpers/evidence/record.ts";
import { skipOrFail } from "../../helpers/smoke.ts";

const NO_RUN = "no DEV-019 run to judge: the submit check did not complete (see its failure)";

const test = defineSmoke({
  ...dev019Smoke,
  label: DEV019_LABEL,
  recordings: { databricks: DEV019_RECORDING },
  settings: ({ env, mode, recordedPoll }) => readDev019Config(env, mode, recordedPoll),
  databricks: {
    profile: dev019Recording,
    description: "DEV-019 watchdog smoke, recorded live",
    poll: (config) => config.poll,
  },
});

const guardrails =
  test("wrapper guardrails: no __file__, no exit 0 (raise SystemExit(0), sys.exit(0)) at the end (DEV019_WRAPPER_LOCAL_PATH)", ({
    settings,
    skip,
    annotate,
  }) => {
    const path = settings.wrapperLocalPath;
    if (!path) {
      skipOrFail(
        { skip, annotate },
        "DEV019_WRAPPER_LOCAL_PATH is not set (point it at a local copy of the wrapper to check its guardrails)",
      );
    }
    checkWrapperGuardrails(path);
  });

const submit = test("serverless run is submitted and polled to a terminal state (every 20 s, up to 900 s)", async ({
  databricks,
  settings,
  results,
  signal,
  annotate,
}) => {
  if (results.failed(guardrails)) {
    throw new PrerequisiteError("not submitted: the wrapper fails its guardrails (see the guardrail check)");
  }
  const ctx = { annotate };
  const observer = evidenceObserver(ctx, DEV019_LABEL);
  const result = await runDev019(databricks, settings, {
    observer,
    signal,
    onPayload: (payload) => recordPayload(ctx, DEV019_LABEL, payload),
    onSubmitted: (runId) => recordIds(ctx, { run_id: runId }),
  }).finally(() => observer.flush());
  await recordRunIds(ctx, result);
  await recordRunSummary(ctx, DEV019_LABEL, result.summary);
  return result;
});

test("parent run and task run both end TERMINATED + SUCCESS", ({ results }) => {
  assertRunSucceeded(results.of(submit, NO_RUN).run, `${DEV019_LABEL} run`);
});

test("get-run-output has no error field (output JSON kept as evidence)", async ({ results, annotate }) => {
  const { outputs } = results.of(submit, NO_RUN);
  await recordOutputs({ annotate }, DEV019_LABEL, outputs);
  assertNoOutputError(outputs, `${DEV019_LABEL} run`);
});
