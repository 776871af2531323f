/**
 * The ADR-0015 criteria, as checks over what a step returned and what the front observed on the wire.
 * Each returns the evidence to record (never a secret value: only its length and sha256) or throws
 * SecretCriterionError naming the criterion and what was seen.
 */
import { createHash } from "node:crypto";
import { SecretCriterionError } from "./errors.ts";
import type { Outcome } from "./resolver-under-test.ts";
import { SCOPE_VARIABLES, type ScopeVariable } from "./scope-env.ts";
import type { ScopeSettings } from "./settings.ts";
import type { FrontRequest } from "./workspace-front.ts";

export const CRITERIA = {
  authContext: "step 1: auth context (current user)",
  envFirst: "step 2: env stub first, no scope read",
  scopeFallback: "step 3: scope fallback returns a non-empty value",
  precedence: "precedence: DATABRICKS_SECRET_SCOPE is read before KEY_VAULT_SECRET_SCOPE",
  classification: "classification: missing scope/secret, 400/403/404 → Permanent; 429/5xx/timeout → Transient",
  readOnly: "read-only: only GET SCIM Me and secrets/get requests",
} as const;

export interface ScopeRead {
  scope: string;
  key: string;
  status: number | "dropped";
}

export interface ValueSummary {
  length: number;
  sha256: string;
}

export function summarize(value: string): ValueSummary {
  return { length: value.length, sha256: createHash("sha256").update(value, "utf8").digest("hex") };
}

export function scopeReads(observed: ReadonlyArray<FrontRequest>): ScopeRead[] {
  return observed
    .filter((r) => r.path === "/api/2.0/secrets/get")
    .map((r) => ({ scope: r.query.scope ?? "", key: r.query.key ?? "", status: r.status }));
}

function showReads(reads: ReadonlyArray<ScopeRead>): string {
  return reads.map((r) => `GET secrets/get scope=${r.scope} key=${r.key} → ${r.status}`).join("; ");
}

function failureText(outcome: Outcome): string {
  return outcome.ok ? "" : `${outcome.error.kind}: ${outcome.error.message}`;
}

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
  if (got.sha256 !== want.sha256) {
    throw new SecretCriterionError(
      name,
      `the value returned is not the ${stubName} stub (got length ${got.length} sha256 ${got.sha256.slice(0, 12)}…, want length ${want.length} sha256 ${want.sha256.slice(0, 12)}…)`,
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

export interface ClassificationRow {
  case: string;
  expected: "Permanent" | "Transient";
  /** undefined when the resolver returned a value or produced no result at all. */
  actual: "Permanent" | "Transient" | undefined;
  detail: string;
}

export function classificationTable(rows: ReadonlyArray<ClassificationRow>): string {
  const lines = ["| failure | expected | classified | verdict | detail |", "| --- | --- | --- | --- | --- |"];
  for (const r of rows) {
    const verdict = r.actual === r.expected ? "PASS" : "FAIL";
    lines.push(
      `| ${r.case} | ${r.expected} | ${r.actual ?? "-"} | ${verdict} | ${r.detail.replace(/\|/g, "\\|").replace(/\s+/g, " ").slice(0, 140)} |`,
    );
  }
  return lines.join("\n");
}

export function checkClassification(rows: ReadonlyArray<ClassificationRow>): void {
  const wrong = rows.filter((r) => r.actual !== r.expected);
  if (wrong.length === 0) return;
  const described = wrong.map((r) =>
    r.actual
      ? `${r.case} → ${r.actual} (expected ${r.expected})`
      : `${r.case} → no classification (expected ${r.expected}): ${r.detail}`,
  );
  throw new SecretCriterionError(
    CRITERIA.classification,
    `${wrong.length} of ${rows.length} failure(s) misclassified: ${described.join("; ")}`,
  );
}

export function checkReadOnly(observed: ReadonlyArray<FrontRequest>): void {
  const allowed = new Set(["/api/2.0/preview/scim/v2/Me", "/api/2.0/secrets/get"]);
  const other = observed.filter((r) => r.method !== "GET" || !allowed.has(r.path));
  if (other.length > 0) {
    throw new SecretCriterionError(
      CRITERIA.readOnly,
      `unexpected request(s): ${other.map((r) => `${r.method} ${r.path}`).join(", ")}`,
    );
  }
}
