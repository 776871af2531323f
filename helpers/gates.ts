/**
 * Gates and modes: which way a smoke runs, decided in one place from the environment.
 *
 * A smoke declares its opt-in gate (RUN_<NAME>=1), the credentials its live mode needs and its recordings.
 * SMOKEBOOK_MODE=auto|live|replay|record (default auto):
 *   auto   live when the gate is 1 and the credentials are present, else replay when recordings exist, else skip
 *   live   live or skip; never falls back to replay
 *   record live, with the HTTP traffic written as a redacted HAR recording
 *   replay the recordings, or skip when there are none
 * Gate values are 1, 0 or unset (an empty value counts as unset); anything else is an error naming the variable.
 */
import { existsSync } from "node:fs";
import { EnvValueError } from "./errors.ts";
import { fromProject } from "./paths.ts";

export type Env = Readonly<Record<string, string | undefined>>;
export type SmokebookMode = "auto" | "live" | "replay" | "record";
export type RunMode = "live" | "record" | "replay";

export interface SmokeDefinition {
  /** Human name, as the runbook calls it: "DEV-019 watchdog serverless smoke". */
  name: string;
  /** Opt-in variable, RUN_<NAME>; its value must be 1 for live runs. */
  gate: string;
  /**
   * Environment variables the live mode needs. Each inner list is one complete alternative
   * (e.g. [["DATABRICKS_HOST", "DATABRICKS_TOKEN"], ["DATABRICKS_CONFIG_PROFILE"]]).
   */
  credentials: ReadonlyArray<ReadonlyArray<string>>;
  /** Recordings (paths from the repository root) that replay mode serves; replay needs all of them. */
  recordings: ReadonlyArray<string>;
  /** Extra tags for every test of the smoke (e.g. "databricks", "destructive"). */
  tags?: ReadonlyArray<string>;
  /**
   * A live prerequisite that is not an environment variable (a kubeconfig file, a ~/.databrickscfg profile): returns
   * undefined when it is met, or what is missing, e.g. "no kubeconfig at /root/.kube/config (set KUBECONFIG)".
   * Checked only when no `credentials` alternative is complete.
   */
  liveRequirement?: (env: Env) => string | undefined;
}

export type ModeDecision =
  | { run: RunMode; liveSkipNote?: string | undefined }
  | { run: "skip"; note: string; liveSkipNote?: string | undefined };

const MODES: ReadonlyArray<SmokebookMode> = ["auto", "live", "replay", "record"];

function trimmedOrUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Reads a 1/0 switch. Unset or empty is off; any other value than 1 or 0 is an EnvValueError. */
export function readSwitch(env: Env, name: string): boolean {
  const value = trimmedOrUndefined(env[name]);
  if (value === undefined || value === "0") return false;
  if (value === "1") return true;
  throw new EnvValueError(name, value, "1, 0 or unset");
}

export function readSmokebookMode(env: Env): SmokebookMode {
  const value = trimmedOrUndefined(env.SMOKEBOOK_MODE) ?? "auto";
  if ((MODES as ReadonlyArray<string>).includes(value)) return value as SmokebookMode;
  throw new EnvValueError("SMOKEBOOK_MODE", value, MODES.join(", "));
}

export function isStrict(env: Env): boolean {
  return readSwitch(env, "SMOKEBOOK_STRICT");
}

function listWithAnd(names: ReadonlyArray<string>): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/** Why live mode cannot run, or undefined when it can. */
export function liveBlocker(smoke: SmokeDefinition, env: Env): string | undefined {
  if (!readSwitch(env, smoke.gate)) return `${smoke.gate} is not 1 (set ${smoke.gate}=1 to run ${smoke.name} live)`;
  const satisfied = smoke.credentials.some((alternative) => alternative.every((name) => trimmedOrUndefined(env[name])));
  if (satisfied) return undefined;
  const requirement = smoke.liveRequirement?.(env);
  if (smoke.liveRequirement && (requirement === undefined || smoke.credentials.length === 0)) return requirement;
  if (smoke.credentials.length === 0) return undefined;
  const first = smoke.credentials[0] ?? [];
  const missing = first.filter((name) => !trimmedOrUndefined(env[name]));
  const needs = smoke.credentials.map(listWithAnd).join(", or ");
  const subject = missing.length === 1 ? `${missing[0]} is not set` : `${listWithAnd(missing)} are not set`;
  // Both ways are missing: name the variables, then what the other prerequisite lacks.
  return requirement === undefined
    ? `${subject} (live mode needs ${needs})`
    : `${subject} (live mode needs ${needs}); ${requirement}`;
}

export function missingRecordings(smoke: SmokeDefinition, exists = existsSync): string[] {
  return smoke.recordings.filter((path) => !exists(fromProject(path)));
}

export function decideMode(smoke: SmokeDefinition, env: Env, exists = existsSync): ModeDecision {
  const mode = readSmokebookMode(env);
  const blocker = liveBlocker(smoke, env);
  const absent = missingRecordings(smoke, exists);
  const replayNote =
    smoke.recordings.length === 0
      ? `${smoke.name} has no recordings to replay`
      : absent.length > 0
        ? `recording ${absent.join(", ")} is missing (record it with SMOKEBOOK_MODE=record)`
        : undefined;

  switch (mode) {
    case "live":
    case "record":
      return blocker ? { run: "skip", note: `SMOKEBOOK_MODE=${mode}: ${blocker}` } : { run: mode };
    case "replay":
      return replayNote ? { run: "skip", note: `SMOKEBOOK_MODE=replay: ${replayNote}` } : { run: "replay" };
    case "auto":
      if (!blocker) return { run: "live" };
      if (!replayNote) return { run: "replay", liveSkipNote: blocker };
      return { run: "skip", note: `${blocker}; ${replayNote}`, liveSkipNote: blocker };
  }
}
