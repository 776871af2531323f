// @module-tag databricks
/**
 * DEV-019 watchdog serverless smoke (runbook "DEV-019 watchdog serverless smoke lessons learned").
 * Gate RUN_DEV019_WATCHDOG_SMOKE=1 plus Databricks credentials (helpers/databricks/client.ts: a token, an OAuth
 * client, a profile or a DEFAULT profile in ~/.databrickscfg) runs it live; otherwise it replays
 * fixtures/dev019-watchdog/pass.har on a virtual clock. Settings: dev019-config.ts. SMOKEBOOK_MODE=record replaces
 * the recording only when every check passed (else it writes pass.failed.har beside it).
 */

import type { Dev019Config } from "../../helpers/databricks/dev019-config.ts";
import { readDev019Config } from "../../helpers/databricks/dev019-config.ts";
import {
  DEV019_LABEL,
  type Dev019Result,
  dev019Recording,
  dev019Smoke,
  runDev019,
} from "../../helpers/databricks/dev019-smoke.ts";
import { PrerequisiteError, prerequisite } from "../../helpers/databricks/errors.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { assertNoOutputError, assertRunSucceeded } from "../../helpers/databricks/run-criteria.ts";
import {
  evidenceObserver,
  recordOutputs,
  recordPayload,
  recordRunIds,
  recordRunSummary,
} from "../../helpers/databricks/run-evidence.ts";
import type { DatabricksSession } from "../../helpers/databricks/session.ts";
import { openSmokeSession } from "../../helpers/databricks/smoke-session.ts";
import { checkWrapperGuardrails } from "../../helpers/databricks/wrapper-guardrails.ts";
import { recordIds } from "../../helpers/evidence/record.ts";
import { describeSmoke, skipOrFail } from "../../helpers/smoke.ts";

const NO_RUN = "no DEV-019 run to judge: the submit check did not complete (see its failure)";

describeSmoke(dev019Smoke, (s) => {
  let session: DatabricksSession | undefined;
  let config: Dev019Config | undefined;
  let guardrails: "passed" | "failed" | "not checked" = "not checked";
  let result: Dev019Result | undefined;

  const failed = trackFailedChecks();

  s.beforeAll(() => {
    ({ session, config } = openSmokeSession(
      s.mode,
      dev019Smoke.recordings[0] ?? "",
      { ...dev019Recording, description: "DEV-019 watchdog smoke, recorded live" },
      (recordedPoll) => readDev019Config(process.env, s.mode, recordedPoll),
    ));
  });

  s.afterAll(async () => {
    const recording = await session?.finish(failed);
    if (recording) console.log(`[${DEV019_LABEL}] ${recording.message}`);
  });

  s.it(
    "wrapper guardrails: no __file__, no exit 0 (raise SystemExit(0), sys.exit(0)) at the end (DEV019_WRAPPER_LOCAL_PATH)",
    (ctx) => {
      const path = prerequisite(config, "DEV-019 settings were not read").wrapperLocalPath;
      if (!path) {
        skipOrFail(
          ctx,
          "DEV019_WRAPPER_LOCAL_PATH is not set (point it at a local copy of the wrapper to check its guardrails)",
        );
      }
      guardrails = "failed";
      checkWrapperGuardrails(path);
      guardrails = "passed";
    },
  );

  s.it("serverless run is submitted and polled to a terminal state (every 20 s, up to 900 s)", async (ctx) => {
    if (guardrails === "failed") {
      throw new PrerequisiteError("not submitted: the wrapper fails its guardrails (see the guardrail check)");
    }
    const observer = evidenceObserver(ctx, DEV019_LABEL);
    try {
      result = await runDev019(prerequisite(session, "no Databricks session"), prerequisite(config, "no settings"), {
        observer,
        signal: ctx.signal,
        onPayload: (payload) => recordPayload(ctx, DEV019_LABEL, payload),
        onSubmitted: (runId) => recordIds(ctx, { run_id: runId }),
      });
    } finally {
      await observer.flush();
    }
    await recordRunIds(ctx, result);
    await recordRunSummary(ctx, DEV019_LABEL, result.summary);
  });

  s.it("parent run and task run both end TERMINATED + SUCCESS", () => {
    assertRunSucceeded(prerequisite(result, NO_RUN).run, `${DEV019_LABEL} run`);
  });

  s.it("get-run-output has no error field (output JSON kept as evidence)", async (ctx) => {
    const { outputs } = prerequisite(result, NO_RUN);
    await recordOutputs(ctx, DEV019_LABEL, outputs);
    assertNoOutputError(outputs, `${DEV019_LABEL} run`);
  });
});
