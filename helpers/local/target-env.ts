/**
 * The environment a target process gets from the harness: enough to run (PATH, HOME, TMPDIR), nothing that carries
 * the harness's credentials or configuration (DATABRICKS_TOKEN, KUBECONFIG, RUN_* gates, NODE_OPTIONS, the
 * developer's own contract variables), plus the contract variables the check sets. The values of the contract's
 * secret variables among them are registered for redaction.
 */
import type { Contract } from "../contract/schema.ts";
import { registerContractSecrets } from "../contract/secrets.ts";
import type { Env } from "../gates.ts";

export const INHERITED_VARIABLES: ReadonlyArray<string> = ["PATH", "HOME", "TMPDIR"];

export function targetEnv(contract: Contract, extra: Env = {}, base: Env = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of INHERITED_VARIABLES) {
    const value = base[name];
    if (value !== undefined && value !== "") env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  registerContractSecrets(contract, env);
  return env;
}
