/**
 * The criteria of the runbook's steps: step 2 (env stub first, no scope read), step 3 (scope fallback, which
 * variable supplied the scope) and precedence (DATABRICKS_SECRET_SCOPE read before KEY_VAULT_SECRET_SCOPE).
 */
import { CRITERIA } from "./criteria.ts";
import { SecretCriterionError } from "./errors.ts";
import type { Outcome } from "./resolver-under-test.ts";
import { SCOPE_VARIABLES, type ScopeVariable } from "./scope-env.ts";
import { failureText, type ScopeRead, showReads, summarize, type ValueSummary } from "./scope-reads.ts";
import type { ScopeSettings } from "./settings.ts";

export interface EnvFirstEvidence {
  stub_variable: string;
  value: ValueSummary;
  scope_reads: number;
}

export function checkEnvFirst(
  outcome: Outcome,
  reads: ReadonlyArray<ScopeRead>,
  stubName: string,
  stubValue: string,
): EnvFirstEvidence {
  const name = CRITERIA.envFirst;
  if (reads.length > 0) {
    throw new SecretCriterionError(
      name,
      `${stubName} was set but the resolver read the secret scope ${reads.length} time(s) (${showReads(reads)}); a scope read fails this step even when the stub value comes back`,
    );
  }
  if (!outcome.ok)
    throw new SecretCriterionError(name, `${stubName} was set but resolution failed: ${failureText(outcome)}`);
  const got = summarize(outcome.value);
  const want = summarize(stubValue);
  if (got.hmac !== want.hmac) {
    throw new SecretCriterionError(
      name,
      `the value returned is not the ${stubName} stub (got length ${got.length} hmac ${got.hmac}, want length ${want.length} hmac ${want.hmac})`,
    );
  }
  return { stub_variable: stubName, value: got, scope_reads: 0 };
}

export interface FallbackEvidence {
  scope_variable: ScopeVariable;
  scope: string;
  value: ValueSummary;
  scope_reads: string;
}

/** Which of the operator's variables held `scope` (DATABRICKS_SECRET_SCOPE when both hold it). */
export function variableFor(scope: string, scopes: ScopeSettings): ScopeVariable | undefined {
  return SCOPE_VARIABLES.find((variable) => scopes[variable] === scope);
}

export function checkScopeFallback(
  outcome: Outcome,
  reads: ReadonlyArray<ScopeRead>,
  scopes: ScopeSettings,
): FallbackEvidence {
  const name = CRITERIA.scopeFallback;
  const expected = SCOPE_VARIABLES.find((variable) => scopes[variable]);
  if (!expected) {
    throw new SecretCriterionError(
      name,
      "step 3 needs DATABRICKS_SECRET_SCOPE or KEY_VAULT_SECRET_SCOPE (neither is set)",
    );
  }
  if (!outcome.ok) throw new SecretCriterionError(name, `resolution failed: ${failureText(outcome)}`);
  if (outcome.value === "") throw new SecretCriterionError(name, "the resolver returned an empty value");
  const first = reads[0];
  if (!first)
    throw new SecretCriterionError(name, "a value came back but no scope read was observed (the stub was unset)");
  const variable = variableFor(first.scope, scopes);
  if (!variable) {
    throw new SecretCriterionError(
      name,
      `the first scope read used scope "${first.scope}", which neither scope variable names (${showReads(reads)})`,
    );
  }
  if (variable !== expected) {
    throw new SecretCriterionError(
      name,
      `the first scope read used ${variable} (${first.scope}) although ${expected} (${scopes[expected]}) takes precedence`,
    );
  }
  return {
    scope_variable: variable,
    scope: first.scope,
    value: summarize(outcome.value),
    scope_reads: showReads(reads),
  };
}

export function checkPrecedence(
  outcome: Outcome,
  reads: ReadonlyArray<ScopeRead>,
  primaryScope: string,
  decoyScope: string,
): string {
  const name = CRITERIA.precedence;
  const first = reads[0];
  if (!first) {
    throw new SecretCriterionError(
      name,
      `no scope read was observed (${outcome.ok ? "a value came back" : failureText(outcome)})`,
    );
  }
  if (first.scope === decoyScope) {
    throw new SecretCriterionError(
      name,
      `DATABRICKS_SECRET_SCOPE was set to "${primaryScope}" but the fallback KEY_VAULT_SECRET_SCOPE scope "${decoyScope}" was read first (${showReads(reads)})`,
    );
  }
  if (first.scope !== primaryScope) {
    throw new SecretCriterionError(
      name,
      `the first scope read used "${first.scope}", not DATABRICKS_SECRET_SCOPE "${primaryScope}" (${showReads(reads)})`,
    );
  }
  if (!outcome.ok)
    throw new SecretCriterionError(
      name,
      `DATABRICKS_SECRET_SCOPE was read first but resolution failed: ${failureText(outcome)}`,
    );
  return showReads(reads);
}
