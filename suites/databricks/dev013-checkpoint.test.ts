// @module-tag databricks
/**
 * DEV-013 checkpoint strict smoke, Red → Green (seed "Serverless UC Volume Checkpoint Transition", Tasks 1 and 3).
 * Gate RUN_DEV013_CHECKPOINT_SMOKE=1 plus Databricks credentials runs it live; otherwise it replays
 * fixtures/dev013-checkpoint/pass.har on a virtual clock. Settings: helpers/databricks/dev013-config.ts.
 * Each run's evidence: the runs/submit payload (kept before submitting), run id, task run ids, cluster/runtime
 * identifier and the exact error (seed 001). SMOKEBOOK_MODE=record replaces the recording only when every check
 * passed (else it writes pass.failed.har beside it).
 */

import type { TestContext } from "vitest";
import { callWithin } from "../../helpers/databricks/api-call.ts";
import {
  assertGreenSuccess,
  assertRedFailure,
  checkpointKeyLines,
} from "../../helpers/databricks/checkpoint-criteria.ts";
import {
  type CheckpointPhase,
  checkpointPath,
  checkpointRecording,
  checkpointSmoke,
  runCheckpointPhase,
} from "../../helpers/databricks/checkpoint-smoke.ts";
import { type Dev013Config, readDev013Config } from "../../helpers/databricks/dev013-config.ts";
import { PrerequisiteError, prerequisite } from "../../helpers/databricks/errors.ts";
import { trackFailedChecks } from "../../helpers/databricks/failed-checks.ts";
import { assertPathListable } from "../../helpers/databricks/pragmatic-smoke.ts";
import { type RedGreenRow, redGreenTable } from "../../helpers/databricks/red-green-table.ts";
import {
  evidenceObserver,
  recordOutputs,
  recordPayload,
  recordRunIds,
  recordRunSummary,
} from "../../helpers/databricks/run-evidence.ts";
import type { RunSmokeResult } from "../../helpers/databricks/run-smoke.ts";
import { describeOutcome } from "../../helpers/databricks/run-state.ts";
import type { DatabricksSession } from "../../helpers/databricks/session.ts";
import { openSmokeSession } from "../../helpers/databricks/smoke-session.ts";
import { ensureVolume, volumeFullName, volumePath } from "../../helpers/databricks/volumes.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describeSmoke(checkpointSmoke, (s) => {
  let session: DatabricksSession | undefined;
  let config: Dev013Config | undefined;
  let volumeReady = false;
  const rows: Partial<Record<CheckpointPhase, RedGreenRow>> = {};

  const failed = trackFailedChecks();

  s.beforeAll(() => {
    ({ session, config } = openSmokeSession(
      s.mode,
      checkpointSmoke.recordings[0] ?? "",
      { ...checkpointRecording, description: "DEV-013 checkpoint Red/Green, recorded live" },
      (recordedPoll) => readDev013Config(process.env, s.mode, recordedPoll),
    ));
  });

  s.afterAll(async () => {
    const recording = await session?.finish(failed);
    if (recording) console.log(`[DEV-013] ${recording.message}`);
  });

  async function runPhase(ctx: TestContext, phase: CheckpointPhase): Promise<RunSmokeResult> {
    const label = `DEV-013 ${phase === "red" ? "Red" : "Green"}`;
    const observer = evidenceObserver(ctx, label);
    let result: RunSmokeResult;
    try {
      result = await runCheckpointPhase(
        prerequisite(session, "no Databricks session"),
        phase,
        prerequisite(config, "no settings"),
        {
          observer,
          signal: ctx.signal,
          onPayload: (payload) => recordPayload(ctx, label, payload),
          onSubmitted: (runId) => recordIds(ctx, { run_id: runId }),
        },
      );
    } finally {
      await observer.flush();
    }
    await recordRunIds(ctx, result);
    await recordRunSummary(ctx, label, result.summary);
    await recordOutputs(ctx, label, result.outputs);
    return result;
  }

  function row(phase: CheckpointPhase, result: RunSmokeResult, verdict: string): RedGreenRow {
    return {
      phase: phase === "red" ? "Red" : "Green",
      path: checkpointPath(phase, prerequisite(config, "no settings")),
      runId: result.runId,
      taskRunIds: result.taskRunIds,
      endedUtc: result.run.end_time ? new Date(result.run.end_time).toISOString() : undefined,
      result: `${describeOutcome(result.run).replace(/ \(.*\)$/, "")}: ${verdict}`,
      keyLines: checkpointKeyLines(result.outputs, phase),
    };
  }

  s.it(
    "Red: the CHECKPOINT_DBFS run fails (result_state not SUCCESS) with /dbfs or Errno 5 in the task output",
    async (ctx) => {
      const red = await runPhase(ctx, "red");
      try {
        const signal = assertRedFailure(
          red.run,
          red.outputs,
          checkpointPath("red", prerequisite(config, "no settings")),
        );
        const signals = signal.signals.map((x) => `"${x}"`).join(" and ");
        rows.red = row("red", red, `expected failure with boundary signal ${signals} (PASS)`);
      } catch (error) {
        rows.red = row("red", red, `FAIL (${(error as { code?: string }).code ?? "error"})`);
        throw error;
      }
    },
  );

  s.it("Green: the UC volume resolves (read; created as MANAGED only when missing)", async (ctx) => {
    const cfg = prerequisite(config, "no settings");
    const active = prerequisite(session, "no Databricks session");
    const ensured = await ensureVolume(
      active.client,
      cfg.volume,
      callWithin(active.clock, 120_000, { log: console.log }),
    );
    await recordIds(ctx, { volume: volumeFullName(cfg.volume), volume_outcome: ensured.outcome });
    await recordJson(ctx, `DEV-013 volume ${ensured.outcome}`, { ...ensured.info, smokebook_note: ensured.note });
    const how = ensured.outcome === "created" ? "was missing, created as MANAGED" : "exists";
    console.log(`[DEV-013] volume ${volumeFullName(cfg.volume)}: ${how}${ensured.note ? ` (${ensured.note})` : ""}`);
  });

  s.it("Green: the UC volume path is listable through the Files API", async (ctx) => {
    const cfg = prerequisite(config, "no settings");
    const active = prerequisite(session, "no Databricks session");
    const entries = await assertPathListable(active, volumePath(cfg.volume), callWithin(active.clock, 120_000));
    volumeReady = true;
    await recordJson(ctx, `DEV-013 listing of ${volumePath(cfg.volume)}`, entries);
  });

  s.it("Green: the CHECKPOINT_VOLUMES run ends TERMINATED + SUCCESS with no error in the task output", async (ctx) => {
    if (!volumeReady) {
      throw new PrerequisiteError(
        "Green not submitted: the UC volume is not resolved and listable (see the volume checks)",
      );
    }
    const green = await runPhase(ctx, "green");
    try {
      assertGreenSuccess(green.run, green.outputs);
      rows.green = row("green", green, "TERMINATED + SUCCESS, no error in output (PASS)");
    } catch (error) {
      rows.green = row("green", green, `FAIL (${(error as { code?: string }).code ?? "error"})`);
      throw error;
    }
  });

  s.it("report: Red/Green comparison table (path, run id, task run id, result, key log lines)", async (ctx) => {
    const present = [rows.red, rows.green].filter((r): r is RedGreenRow => r !== undefined);
    if (present.length > 0) await recordSection(ctx, "DEV-013 checkpoint Red/Green", redGreenTable(present));
    const missing = (["red", "green"] as const).filter((p) => rows[p] === undefined);
    if (missing.length > 0)
      throw new PrerequisiteError(`the table lacks the ${missing.join(" and ")} row: that run did not complete`);
  });
});
