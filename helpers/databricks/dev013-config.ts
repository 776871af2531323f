/**
 * DEV-013 settings (seed "Serverless UC Volume Checkpoint Transition", common variables), read in one place.
 * Shared by the checkpoint Red/Green (strict) smoke and the pragmatic smoke:
 *   RUNTIME_SMOKE_SCRIPT  workspace script both runs execute      default …/scripts/i_qva6_checkpoint_path_smoke.py
 *   CHECKPOINT_DBFS       Red --checkpoint-db-path (must be /dbfs/…) default /dbfs/mnt/agent-state/checkpoints/agent.db
 *   UC_CATALOG / UC_SCHEMA / UC_VOLUME                             default nsc_dbw_dev_7405610275478542 / default / agent_state_checkpoints
 *   CHECKPOINT_VOLUMES    Green --checkpoint-db-path (/Volumes/…)  default /Volumes/${UC_CATALOG}/${UC_SCHEMA}/${UC_VOLUME}/agent.db
 *   DATABRICKS_POLL_INTERVAL_SECONDS / DATABRICKS_POLL_TIMEOUT_SECONDS   default 10 / 900
 * Replays use the defaults and the poll settings the recording names: they replay the recording, not this shell.
 */
import { envText } from "../env-text.ts";
import { EnvValueError } from "../errors.ts";
import type { Env, RunMode } from "../gates.ts";
import { type PollSettings, readPollSettings } from "./poll-settings.ts";
import type { VolumeRef } from "./volumes.ts";

export const DEV013_DEFAULTS = {
  RUNTIME_SMOKE_SCRIPT:
    "/Workspace/Users/2dt026@msacademy.msai.kr/.bundle/data-pipeline/dev/files/scripts/i_qva6_checkpoint_path_smoke.py",
  CHECKPOINT_DBFS: "/dbfs/mnt/agent-state/checkpoints/agent.db",
  UC_CATALOG: "nsc_dbw_dev_7405610275478542",
  UC_SCHEMA: "default",
  UC_VOLUME: "agent_state_checkpoints",
} as const;

/** The seed polls every 10 s; it sets no deadline, so smokebook uses the runbook's 900 s hard timeout. */
export const CHECKPOINT_POLL_DEFAULTS = { intervalSeconds: 10, timeoutSeconds: 900 } as const;

export interface Dev013Config {
  runtimeSmokeScript: string;
  checkpointDbfs: string;
  volume: VolumeRef;
  checkpointVolumes: string;
  poll: PollSettings;
}

function pick(env: Env, name: keyof typeof DEV013_DEFAULTS): string {
  return envText(env, name) ?? DEV013_DEFAULTS[name];
}

/** `recorded`: the poll settings of the recording a replay serves (DatabricksSession.recordedPoll). */
export function readDev013Config(env: Env, mode: RunMode, recorded?: PollSettings): Dev013Config {
  const poll = readPollSettings(env, CHECKPOINT_POLL_DEFAULTS, mode !== "replay", recorded);
  const own = mode === "replay" ? {} : env;
  const volume = { catalog: pick(own, "UC_CATALOG"), schema: pick(own, "UC_SCHEMA"), volume: pick(own, "UC_VOLUME") };
  const checkpointDbfs = pick(own, "CHECKPOINT_DBFS");
  if (!checkpointDbfs.startsWith("/dbfs/")) {
    throw new EnvValueError(
      "CHECKPOINT_DBFS",
      checkpointDbfs,
      "a /dbfs/… path (the Red run reproduces the /dbfs failure)",
    );
  }
  const checkpointVolumes =
    own.CHECKPOINT_VOLUMES?.trim() || `/Volumes/${volume.catalog}/${volume.schema}/${volume.volume}/agent.db`;
  if (!checkpointVolumes.startsWith("/Volumes/")) {
    throw new EnvValueError("CHECKPOINT_VOLUMES", checkpointVolumes, "a /Volumes/<catalog>/<schema>/<volume>/… path");
  }
  return { runtimeSmokeScript: pick(own, "RUNTIME_SMOKE_SCRIPT"), checkpointDbfs, volume, checkpointVolumes, poll };
}
