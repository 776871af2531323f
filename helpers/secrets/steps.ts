/**
 * The variables each step of the runbook sets for the resolver (and nothing else):
 *   step 2   both scope variables → an invalid scope, the env stub → https://env-stub.example
 *   step 3   stub unset, scope variables restored to the operator's values
 *   precedence  DATABRICKS_SECRET_SCOPE → the real scope, KEY_VAULT_SECRET_SCOPE → a decoy that must not be read first
 *   missing scope / missing secret / no scope configured   probes for the classification criterion
 */

import type { StepEnv } from "./resolver-under-test.ts";
import { chooseScope } from "./scope-env.ts";
import type { ScopeSettings } from "./settings.ts";
import { envStubName } from "./stub-key.ts";

export const INVALID_SCOPE = "__invalid_scope_for_env_first_check__";
export const STUB_VALUE = "https://env-stub.example";
export const DECOY_SCOPE = "__smokebook_fallback_scope_must_not_be_read_first__";
export const MISSING_SECRET_KEY = "smokebook-missing-secret-probe";

export function envFirstStep(key: string): StepEnv {
  return {
    SECRET_SMOKE_KEY: key,
    DATABRICKS_SECRET_SCOPE: INVALID_SCOPE,
    KEY_VAULT_SECRET_SCOPE: INVALID_SCOPE,
    [envStubName(key)]: STUB_VALUE,
  };
}

export function scopeFallbackStep(key: string, scopes: ScopeSettings): StepEnv {
  return { SECRET_SMOKE_KEY: key, ...scopes };
}

/** The scope the operator's variables select (DATABRICKS_SECRET_SCOPE first), or undefined when neither is set. */
export function expectedScope(scopes: ScopeSettings) {
  return chooseScope(scopes);
}

export function precedenceStep(key: string, primaryScope: string): StepEnv {
  return { SECRET_SMOKE_KEY: key, DATABRICKS_SECRET_SCOPE: primaryScope, KEY_VAULT_SECRET_SCOPE: DECOY_SCOPE };
}

export function missingScopeStep(key: string): StepEnv {
  return { SECRET_SMOKE_KEY: key, DATABRICKS_SECRET_SCOPE: INVALID_SCOPE, KEY_VAULT_SECRET_SCOPE: INVALID_SCOPE };
}

export function missingSecretStep(scope: string): StepEnv {
  return { SECRET_SMOKE_KEY: MISSING_SECRET_KEY, DATABRICKS_SECRET_SCOPE: scope };
}

export function noScopeStep(key: string): StepEnv {
  return { SECRET_SMOKE_KEY: key };
}
