/**
 * What the secret smoke reads from the environment, in one place:
 *   SECRET_SMOKE_KEY              the secret key (runbook example: azure-openai-endpoint)
 *   DATABRICKS_SECRET_SCOPE       preferred scope; KEY_VAULT_SECRET_SCOPE fallback (step 3 needs one of them)
 *   GET_SECRET_CALLABLE           module.path:function — test that python callable instead of the built-in resolver
 *   GET_SECRET_PYTHON             interpreter for the callable (default python3)
 *   GET_SECRET_TIMEOUT_SECONDS  time limit per secret read / callable run (default 30)
 * In replay the key and scopes come from the recording (steps.har log.comment), so replays need no operator env.
 */

import type { Har } from "har-format";
import { envText } from "../env-text.ts";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { HarFormatError } from "../replay/index.ts";
import { readCallableSpec } from "./python-callable.ts";
import type { ScopeVariable } from "./scope-env.ts";

export type ScopeSettings = Partial<Record<ScopeVariable, string>>;

export interface SecretSmokeSettings {
  key: string;
  /** The operator's scope variables as they were before the smoke changed anything (unset ones absent). */
  scopes: ScopeSettings;
  callable: string | undefined;
  python: string;
  timeoutMs: number;
}

export function readScopes(env: Env): ScopeSettings {
  const scopes: ScopeSettings = {};
  const primary = envText(env, "DATABRICKS_SECRET_SCOPE");
  const fallback = envText(env, "KEY_VAULT_SECRET_SCOPE");
  if (primary) scopes.DATABRICKS_SECRET_SCOPE = primary;
  if (fallback) scopes.KEY_VAULT_SECRET_SCOPE = fallback;
  return scopes;
}

function readTimeoutMs(env: Env): number {
  const raw = envText(env, "GET_SECRET_TIMEOUT_SECONDS");
  if (raw === undefined) return 30_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new EnvValueError("GET_SECRET_TIMEOUT_SECONDS", raw, "a positive number of seconds");
  return Math.round(seconds * 1000);
}

/** Settings for live and record runs; SECRET_SMOKE_KEY is required. */
export function readSecretSmokeSettings(env: Env = process.env): SecretSmokeSettings {
  const key = envText(env, "SECRET_SMOKE_KEY");
  if (!key)
    throw new EnvValueError("SECRET_SMOKE_KEY", env.SECRET_SMOKE_KEY ?? "", "a secret key, e.g. azure-openai-endpoint");
  return {
    key,
    scopes: readScopes(env),
    callable: readCallableSpec(env),
    python: envText(env, "GET_SECRET_PYTHON") ?? "python3",
    timeoutMs: readTimeoutMs(env),
  };
}

/** What a recording remembers about the run that made it (no values, only names). */
export interface RecordedSettings {
  smoke: "secret-resolution";
  SECRET_SMOKE_KEY: string;
  DATABRICKS_SECRET_SCOPE: string | null;
  KEY_VAULT_SECRET_SCOPE: string | null;
  resolver: string;
  /** Where the recording came from: the workspace URL (or the fake workspace) it was recorded against. */
  recorded_against?: string;
}

export function recordedSettings(
  settings: SecretSmokeSettings,
  resolver: string,
  recordedAgainst: string,
): RecordedSettings {
  return {
    smoke: "secret-resolution",
    SECRET_SMOKE_KEY: settings.key,
    DATABRICKS_SECRET_SCOPE: settings.scopes.DATABRICKS_SECRET_SCOPE ?? null,
    KEY_VAULT_SECRET_SCOPE: settings.scopes.KEY_VAULT_SECRET_SCOPE ?? null,
    resolver,
    recorded_against: recordedAgainst,
  };
}

/** Replay settings: key and scopes from the recording's log.comment; callable, python and timeout from `env`. */
export function settingsFromRecording(har: Har, source: string, env: Env = process.env): SecretSmokeSettings {
  let recorded: Partial<RecordedSettings> | undefined;
  try {
    recorded = JSON.parse(har.log.comment ?? "") as Partial<RecordedSettings>;
  } catch {
    recorded = undefined;
  }
  if (recorded?.smoke !== "secret-resolution" || typeof recorded.SECRET_SMOKE_KEY !== "string") {
    throw new HarFormatError(source, "expected the JSON settings of a secret-resolution recording", "log.comment");
  }
  const scopes: ScopeSettings = {};
  if (recorded.DATABRICKS_SECRET_SCOPE) scopes.DATABRICKS_SECRET_SCOPE = recorded.DATABRICKS_SECRET_SCOPE;
  if (recorded.KEY_VAULT_SECRET_SCOPE) scopes.KEY_VAULT_SECRET_SCOPE = recorded.KEY_VAULT_SECRET_SCOPE;
  return {
    key: recorded.SECRET_SMOKE_KEY,
    scopes,
    callable: readCallableSpec(env),
    python: envText(env, "GET_SECRET_PYTHON") ?? "python3",
    timeoutMs: readTimeoutMs(env),
  };
}
