/** Which variable names the secret scope: DATABRICKS_SECRET_SCOPE first, KEY_VAULT_SECRET_SCOPE as fallback. */
import type { Env } from "../gates.ts";

export const SCOPE_VARIABLES = ["DATABRICKS_SECRET_SCOPE", "KEY_VAULT_SECRET_SCOPE"] as const;
export type ScopeVariable = (typeof SCOPE_VARIABLES)[number];

export interface ScopeChoice {
  variable: ScopeVariable;
  scope: string;
}

/** The scope to read and the variable that supplied it; undefined when neither is set (empty counts as unset). */
export function chooseScope(env: Env): ScopeChoice | undefined {
  for (const variable of SCOPE_VARIABLES) {
    const scope = env[variable]?.trim();
    if (scope) return { variable, scope };
  }
  return undefined;
}
