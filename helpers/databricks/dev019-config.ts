/**
 * DEV-019 watchdog serverless smoke settings, read in one place (runbook "DEV-019 watchdog serverless smoke
 * lessons learned"):
 *   TARGET_PIPELINES            --target-pipelines value        default pipeline_silver
 *   LANGFUSE_HOST               --langfuse-host value           default http://localhost:3000
 *   DEV019_WRAPPER_PATH         workspace path of the wrapper   default /Users/<current user>/smoke_dev019/smoke_wrapper.py
 *   DEV019_WRAPPER_LOCAL_PATH   local copy checked for the guardrails (unset: that check is skipped)
 *   DATABRICKS_POLL_INTERVAL_SECONDS / DATABRICKS_POLL_TIMEOUT_SECONDS   default 20 / 900
 * Replays use the defaults, the fixture wrapper and the poll settings the recording names (recording-meta.ts):
 * they replay the recording, not this shell's settings.
 */
import { envText } from "../env-text.ts";
import type { Env, RunMode } from "../gates.ts";
import { fromRoot } from "../paths.ts";
import { type PollSettings, readPollSettings } from "./poll-settings.ts";

export const DEV019_POLL_DEFAULTS = { intervalSeconds: 20, timeoutSeconds: 900 } as const;
export const DEV019_DEPENDENCIES: ReadonlyArray<string> = [
  "PyYAML==6.0.3",
  "pydantic==2.12.5",
  "langgraph==1.0.9",
  "langgraph-checkpoint-sqlite==3.0.3",
];
export const DEV019_FIXTURE_WRAPPER = "fixtures/dev019-watchdog/smoke_wrapper.py";

export interface Dev019Config {
  targetPipelines: string;
  langfuseHost: string;
  /** Workspace path of the wrapper; undefined means "derive from the current user". */
  wrapperPath: string | undefined;
  /** Local copy for the guardrail check, or undefined when none was given. */
  wrapperLocalPath: string | undefined;
  poll: PollSettings;
}

/** `recorded`: the poll settings of the recording a replay serves (DatabricksSession.recordedPoll). */
export function readDev019Config(env: Env, mode: RunMode, recorded?: PollSettings): Dev019Config {
  const poll = readPollSettings(env, DEV019_POLL_DEFAULTS, mode !== "replay", recorded);
  const own = mode === "replay" ? {} : env;
  return {
    targetPipelines: envText(own, "TARGET_PIPELINES") ?? "pipeline_silver",
    langfuseHost: envText(own, "LANGFUSE_HOST") ?? "http://localhost:3000",
    wrapperPath: envText(own, "DEV019_WRAPPER_PATH"),
    wrapperLocalPath: mode === "replay" ? fromRoot(DEV019_FIXTURE_WRAPPER) : envText(env, "DEV019_WRAPPER_LOCAL_PATH"),
    poll,
  };
}

/** The runbook's wrapper location for a user: /Users/<user>/smoke_dev019/smoke_wrapper.py */
export function defaultWrapperPath(userName: string): string {
  return `/Users/${userName}/smoke_dev019/smoke_wrapper.py`;
}
