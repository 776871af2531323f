/**
 * DEV-013 checkpoint strict smoke, Red → Green (seed Tasks 1 and 3): the same runtime script, run serverless
 * twice, changing only --checkpoint-db-path: Red with CHECKPOINT_DBFS must fail with the /dbfs boundary signal,
 * Green with CHECKPOINT_VOLUMES (after the UC volume is resolved, created as MANAGED only when missing, and its
 * path listed) must end TERMINATED + SUCCESS with no error in the task output.
 */
import type { jobs } from "@databricks/sdk-experimental";
import type { SmokeDefinition } from "../gates.ts";
import { databricksLive } from "./credentials.ts";
import type { Dev013Config } from "./dev013-config.ts";
import { type RunSmokeOptions, type RunSmokeResult, runServerless } from "./run-smoke.ts";
import { buildServerlessSubmit, SUBMIT_VOLATILE_FIELDS, uniqueRunName } from "./serverless-submit.ts";
import type { DatabricksSession, SmokeRecordingProfile } from "./session.ts";

export const CHECKPOINT_RECORDING = "fixtures/dev013-checkpoint/pass.har";

export const checkpointSmoke: SmokeDefinition = {
  name: "DEV-013 checkpoint strict smoke (Red /dbfs → Green /Volumes)",
  gate: "RUN_DEV013_CHECKPOINT_SMOKE",
  ...databricksLive(),
  recordings: [CHECKPOINT_RECORDING],
  tags: ["databricks"],
};

/** Its recordings poll (10 s / 900 s by default) and may differ only in the run names' unique suffixes. */
export const checkpointRecording: SmokeRecordingProfile = {
  smoke: checkpointSmoke.name,
  volatile: SUBMIT_VOLATILE_FIELDS,
  polls: true,
};

export type CheckpointPhase = "red" | "green";

const PHASES = {
  red: { runName: "i-qva6-red-dbfs-serverless", taskKey: "red_dbfs_serverless" },
  green: { runName: "i-qva6-green-volumes-serverless", taskKey: "green_volumes_serverless" },
} as const;

export function checkpointPath(phase: CheckpointPhase, config: Dev013Config): string {
  return phase === "red" ? config.checkpointDbfs : config.checkpointVolumes;
}

export function checkpointPayload(phase: CheckpointPhase, config: Dev013Config, now: Date): jobs.SubmitRun {
  const runName = uniqueRunName(PHASES[phase].runName, now);
  return buildServerlessSubmit({
    runName,
    idempotencyToken: runName,
    taskKey: PHASES[phase].taskKey,
    environmentKey: "smoke_serverless",
    spec: { environment_version: "2" },
    pythonFile: config.runtimeSmokeScript,
    source: "WORKSPACE",
    parameters: ["--checkpoint-db-path", checkpointPath(phase, config)],
  });
}

export function runCheckpointPhase(
  session: DatabricksSession,
  phase: CheckpointPhase,
  config: Dev013Config,
  options: Omit<RunSmokeOptions, "poll">,
): Promise<RunSmokeResult> {
  const payload = checkpointPayload(phase, config, new Date(session.clock.now()));
  return runServerless(session, payload, { ...options, poll: config.poll });
}
