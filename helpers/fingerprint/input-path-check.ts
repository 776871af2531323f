/**
 * The runbook's operator checklist on runtime_input_path, checked from the environment afresh (not from the
 * config that chose the path): with DEV012_RUNTIME_INPUT_PATH it must be that path resolved against the working
 * directory; without it, fixtures/runtime_inputs/<env>_incident_input.json of this checkout. Either way the file
 * must exist. `smokeEnv` is the validated DEV012_SMOKE_ENV (input-policy.ts rejects other values).
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { envText } from "../env-text.ts";
import type { Env } from "../gates.ts";
import { fromRoot } from "../paths.ts";
import { RuntimeInputPathError } from "./errors.ts";
import type { Dev012Env } from "./input-policy.ts";

export function expectedInputPath(smokeEnv: Dev012Env, env: Env, cwd: string): { path: string; rule: string } {
  const override = envText(env, "DEV012_RUNTIME_INPUT_PATH");
  if (override)
    return { path: resolve(cwd, override), rule: `DEV012_RUNTIME_INPUT_PATH=${override} resolved in ${cwd}` };
  const fixture = `fixtures/runtime_inputs/${smokeEnv}_incident_input.json`;
  return { path: fromRoot(fixture), rule: `the default fixture ${fixture} (DEV012_RUNTIME_INPUT_PATH is not set)` };
}

/** Throws RuntimeInputPathError unless `used` is the path the policy names and an existing file. */
export function checkRuntimeInputPath(
  used: string,
  smokeEnv: Dev012Env,
  env: Env = process.env,
  cwd = process.cwd(),
): void {
  const expected = expectedInputPath(smokeEnv, env, cwd);
  if (used !== expected.path) {
    throw new RuntimeInputPathError(used, expected.path, `expected ${expected.path}, ${expected.rule}`);
  }
  if (!existsSync(used) || !statSync(used).isFile()) {
    throw new RuntimeInputPathError(used, expected.path, "no such file");
  }
}
