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
  CHECKPOINT_RECORDING,
  type CheckpointPhase,
  checkpointPath,
  checkpointRecording,
  checkpointSmoke,
  runCheckpointPhase,
} from "../../helpers/databricks/checkpoint-smoke.ts";
import { type Dev013Config, readDev013Config } from "../../helpers/databricks/dev013-config.ts";
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
import { ensureVolume, volumeFullName, volumePath } from "../../helpers/databricks/volumes.ts";
import { PrerequisiteError } from "../../helpers/define-smoke/block-state.ts";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { recordIds, recordJson, recordSection } from "../../helpers/evidence/record.ts";

const test = defineSmoke({
  ...checkpointSmoke,
  label: "DEV-013",
  recordings: { databricks: CHECKPOINT_RECORDING },
  settings: ({ env, mode, recordedPoll }) => readDev013Config(env, mode, recordedPoll),
  databricks: {
    profile: checkpointRecording,
    description: "DEV-013 checkpoint Red/Green, recorded live",
    poll: (config) => config.poll,
  },
});

/** The Red and Green rows of the comparison table, kept also when a phase fails its criterion. */
const rows = test.shared((): Partial<Record<CheckpointPhase, RedGreenRow>> => ({}));

interface PhaseContext extends Pick<TestContext, "annotate" | "signal"> {
  databricks: DatabricksSession;
  settings: Dev013Config;
}

async function runPhase(context: PhaseContext, phase: CheckpointPhase): Promise<RunSmokeResult> {
  const ctx = { annotate: context.annotate };
  const label = `DEV-013 ${phase === "red" ? "Red" : "Green"}`;
  const observer = evidenceObserver(ctx, label);
  const result = await runCheckpointPhase(context.databricks, phase, context.settings, {
    observer,
    signal: context.signal,
    onPayload: (payload) => recordPayload(ctx, label, payload),
    onSubmitted: (runId) => recordIds(ctx, { run_id: runId }),
  }).finally(() => observer.flush());
  await recordRunIds(ctx, result);
  await recordRunSummary(ctx, label, result.summary);
  await recordOutputs(ctx, label, result.outputs);
  return result;
}

function row(phase: CheckpointPhase, result: RunSmokeResult, verdict: string, config: Dev013Config): RedGreenRow {
  return {
    phase: phase === "red" ? "Red" : "Green",
    path: checkpointPath(phase, config),
    runId: result.runId,
    taskRunIds: result.taskRunIds,
    endedUtc: result.run.end_time ? new Date(result.run.end_time).toISOString() : undefined,
    result: `${describeOutcome(result.run).replace(/ \(.*\)$/, "")}: ${verdict}`,
    keyLines: checkpointKeyLines(result.outputs, phase),
  };
}

test("Red: the CHECKPOINT_DBFS run fails (result_state not SUCCESS) with /dbfs or Errno 5 in the task output", async ({
  databricks,
  settings,
  shared,
  annotate,
  signal,
}) => {
  const table = await shared(rows);
  const red = await runPhase({ databricks, settings, annotate, signal }, "red");
  try {
    const boundary = assertRedFailure(red.run, red.outputs, checkpointPath("red", settings));
    const signals = boundary.signals.map((x) => `"${x}"`).join(" and ");
    table.red = row("red", red, `expected failure with boundary signal ${signals} (PASS)`, settings);
  } catch (error) {
    table.red = row("red", red, `FAIL (${(error as { code?: string }).code ?? "error"})`, settings);
    throw error;
  }
});

test("Green: the UC volume resolves (read; created as MANAGED only when missing)", async ({
  databricks,
  settings,
  annotate,
}) => {
  const ensured = await ensureVolume(
    databricks.client,
    settings.volume,
    callWithin(databricks.clock, 120_000, { log: console.log }),
  );
  await recordIds({ annotate }, { volume: volumeFullName(settings.volume), volume_outcome: ensured.outcome });
  await recordJson({ annotate }, `DEV-013 volume ${ensured.outcome}`, {
    ...ensured.info,
    smokebook_note: ensured.note,
  });
  const how = ensured.outcome === "created" ? "was missing, created as MANAGED" : "exists";
  console.log(`[DEV-013] volume ${volumeFullName(settings.volume)}: ${how}${ensured.note ? ` (${ensured.note})` : ""}`);
});

const listable = test("Green: the UC volume path is listable through the Files API", async ({
  databricks,
  settings,
  annotate,
}) => {
  const path = volumePath(settings.volume);
  const entries = await assertPathListable(databricks, path, callWithin(databricks.clock, 120_000));
  await recordJson({ annotate }, `DEV-013 listing of ${path}`, entries);
});

test("Green: the CHECKPOINT_VOLUMES run ends TERMINATED + SUCCESS with no error in the task output", async ({
  databricks,
  settings,
  results,
  shared,
  annotate,
  signal,
}) => {
  if (!results.passed(listable)) {
    throw new PrerequisiteError(
      "Green not submitted: the UC volume is not resolved and listable (see the volume checks)",
    );
  }
  const table = await shared(rows);
  const green = await runPhase({ databricks, settings, annotate, signal }, "green");
  try {
    assertGreenSuccess(green.run, green.outputs);
    table.green = row("green", green, "TERMINATED + SUCCESS, no error in output (PASS)", settings);
  } catch (error) {
    table.green = row("green", green, `FAIL (${(error as { code?: string }).code ?? "error"})`, settings);
    throw error;
  }
});

test("report: Red/Green comparison table (path, run id, task run id, result, key log lines)", async ({
  shared,
  annotate,
}) => {
  const table = await shared(rows);
  const present = [table.red, table.green].filter((r): r is RedGreenRow => r !== undefined);
  if (present.length > 0) await recordSection({ annotate }, "DEV-013 checkpoint Red/Green", redGreenTable(present));
  const missing = (["red", "green"] as const).filter((p) => table[p] === undefined);
  if (missing.length > 0)
    throw new PrerequisiteError(`the table lacks the ${missing.join(" and ")} row: that run did not complete`);
});
