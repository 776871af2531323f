/**
 * Contract variables whose source is a Secret (KIS_APP_KEY, KIS_APP_SECRET): their values are registered for
 * redaction wherever a stage sets or reads them (the env it gives the app, the image's Env, a container's `env`),
 * so they never reach the console, the evidence or a report, whatever their names look like.
 */
import type { Env } from "../gates.ts";
import { registerSecret } from "../redact.ts";
import type { Contract } from "./schema.ts";

export function secretVariableNames(contract: Contract): string[] {
  return contract.env.filter((e) => e.source === "secret").map((e) => e.name);
}

/** Registers the values `env` gives the contract's secret variables; returns the names that had a value. */
export function registerContractSecrets(contract: Contract, env: Env): string[] {
  const names: string[] = [];
  for (const name of secretVariableNames(contract)) {
    const value = env[name];
    if (value === undefined || value.trim() === "") continue;
    registerSecret(value);
    names.push(name);
  }
  return names;
}

/** The same for `NAME=value` lines (an image's Config.Env, `docker exec env` output). */
export function registerContractSecretsFromLines(contract: Contract, lines: ReadonlyArray<string>): string[] {
  const env: Record<string, string> = {};
  for (const line of lines) {
    const eq = line.indexOf("=");
    if (eq > 0) env[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return registerContractSecrets(contract, env);
}
