/**
 * DEV-012 input path policy (ADR-0027), read from the environment in one place:
 *   DEV012_SMOKE_ENV           dev (default) or staging; anything else is an error listing the allowed values
 *   DEV012_RUNTIME_INPUT_PATH  overrides the input file (relative paths resolve against the working directory)
 *   default                    fixtures/runtime_inputs/<DEV012_SMOKE_ENV>_incident_input.json
 *   DEV012_FINGERPRINT_COMMAND the user's own fingerprint implementation (optional; see fingerprinter.ts)
 */
import { resolve } from "node:path";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { fromRoot } from "../paths.ts";

export const DEV012_ENVS = ["dev", "staging"] as const;
export type Dev012Env = (typeof DEV012_ENVS)[number];

export type InputSource = "default fixture" | "DEV012_RUNTIME_INPUT_PATH";

export interface Dev012Config {
  env: Dev012Env;
  /** Absolute path of the runtime input actually used. */
  inputPath: string;
  inputSource: InputSource;
  /** DEV012_FINGERPRINT_COMMAND, when set. */
  command: string | undefined;
}

function setValue(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === "" ? undefined : value;
}

export function defaultInputPath(smokeEnv: Dev012Env): string {
  return fromRoot("fixtures", "runtime_inputs", `${smokeEnv}_incident_input.json`);
}

export function readSmokeEnv(env: Env): Dev012Env {
  const value = setValue(env, "DEV012_SMOKE_ENV") ?? "dev";
  if ((DEV012_ENVS as ReadonlyArray<string>).includes(value)) return value as Dev012Env;
  throw new EnvValueError("DEV012_SMOKE_ENV", value, DEV012_ENVS.join(" or "));
}

export function readDev012Config(env: Env = process.env, cwd = process.cwd()): Dev012Config {
  const smokeEnv = readSmokeEnv(env);
  const override = setValue(env, "DEV012_RUNTIME_INPUT_PATH");
  return {
    env: smokeEnv,
    inputPath: override ? resolve(cwd, override) : defaultInputPath(smokeEnv),
    inputSource: override ? "DEV012_RUNTIME_INPUT_PATH" : "default fixture",
    command: setValue(env, "DEV012_FINGERPRINT_COMMAND")?.trim(),
  };
}
