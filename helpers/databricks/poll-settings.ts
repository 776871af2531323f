/**
 * How often and how long smokebook polls a Databricks run. Each smoke has its runbook's defaults;
 * DATABRICKS_POLL_INTERVAL_SECONDS and DATABRICKS_POLL_TIMEOUT_SECONDS override them for live and record runs.
 * Replays use the interval and deadline the recording was made with (its log.comment, recording-meta.ts), or the
 * defaults for a recording that does not name them; a malformed override still fails, by name.
 */
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";

export interface PollSettings {
  intervalMs: number;
  timeoutMs: number;
  /** Where the values came from, for evidence: "defaults" or the variables that overrode them. */
  source: string;
}

export interface PollDefaults {
  intervalSeconds: number;
  timeoutSeconds: number;
}

export const POLL_INTERVAL_VAR = "DATABRICKS_POLL_INTERVAL_SECONDS";
export const POLL_TIMEOUT_VAR = "DATABRICKS_POLL_TIMEOUT_SECONDS";

function readSeconds(env: Env, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) {
    throw new EnvValueError(name, raw, "a positive number of seconds, e.g. 20 or 0.5");
  }
  return Number(value);
}

/**
 * The poll settings: the overrides over the defaults (live, record), or — when overrides do not apply (replay) —
 * `recorded`, the settings the recording was made with, falling back to the defaults.
 */
export function readPollSettings(
  env: Env,
  defaults: PollDefaults,
  applyOverrides = true,
  recorded?: PollSettings,
): PollSettings {
  const interval = readSeconds(env, POLL_INTERVAL_VAR);
  const timeout = readSeconds(env, POLL_TIMEOUT_VAR);
  if (!applyOverrides && recorded) return recorded;
  const used = applyOverrides
    ? [interval !== undefined ? POLL_INTERVAL_VAR : "", timeout !== undefined ? POLL_TIMEOUT_VAR : ""].filter(Boolean)
    : [];
  const intervalSeconds = applyOverrides && interval !== undefined ? interval : defaults.intervalSeconds;
  const timeoutSeconds = applyOverrides && timeout !== undefined ? timeout : defaults.timeoutSeconds;
  return {
    intervalMs: Math.round(intervalSeconds * 1000),
    timeoutMs: Math.round(timeoutSeconds * 1000),
    source: used.length > 0 ? used.join(", ") : "defaults",
  };
}
