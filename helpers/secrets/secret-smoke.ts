/**
 * The secret smoke's steps, shared by the suite (suites/databricks/secret-resolution.test.ts) and the self-tests
 * that feed it broken resolvers: each step runs the resolver under test against the workspace front with exactly
 * the variables the runbook sets, slices the requests the front saw during that step, and applies its criterion.
 * The classification replays each recorded failure from its own loopback server; a row counts only when the
 * resolver asked that server (requests > 0). The timeout case holds the request past a short resolver limit
 * (timeoutCaseMs, built-in resolver; a callable's own HTTP timeout applies to python), so it costs little time.
 */
import { registerSecret } from "../redact.ts";
import type { ClassificationRow } from "./classification.ts";
import { type ErrorCase, serveErrorCase } from "./error-cases.ts";
import { SecretCriterionError } from "./errors.ts";
import type { Outcome, ResolverUnderTest, StepCommand, StepEnv } from "./resolver-under-test.ts";
import { chooseScope } from "./scope-env.ts";
import { type ScopeRead, scopeReads } from "./scope-reads.ts";
import type { SecretSmokeSettings } from "./settings.ts";
import {
  checkEnvFirst,
  checkPrecedence,
  checkScopeFallback,
  type EnvFirstEvidence,
  type FallbackEvidence,
} from "./step-criteria.ts";
import {
  DECOY_SCOPE,
  envFirstStep,
  missingScopeStep,
  missingSecretStep,
  noScopeStep,
  precedenceStep,
  STUB_VALUE,
  scopeFallbackStep,
} from "./steps.ts";
import { envStubName } from "./stub-key.ts";
import type { FrontRequest, WorkspaceFront } from "./workspace-front.ts";

export interface SecretSmoke {
  settings: SecretSmokeSettings;
  resolver: ResolverUnderTest;
  front: WorkspaceFront;
  errorCases: ReadonlyArray<ErrorCase>;
  /** The built-in resolver's time limit in the timeout case (default 250 ms); the request is held longer. */
  timeoutCaseMs?: number;
}

export const TIMEOUT_CASE_MS = 250;

export interface StepRun {
  step: StepEnv;
  /** How the step ran (runner and variable names), for evidence. */
  command: StepCommand;
  outcome: Outcome;
  observed: FrontRequest[];
  reads: ScopeRead[];
}

export async function runStep(smoke: SecretSmoke, step: StepEnv): Promise<StepRun> {
  const before = smoke.front.observed.length;
  const outcome = await smoke.resolver.resolve(step, { host: smoke.front.url, token: smoke.front.token });
  const observed = smoke.front.observed.slice(before);
  return { step, command: smoke.resolver.command(step), outcome, observed, reads: scopeReads(observed) };
}

export async function envFirst(smoke: SecretSmoke): Promise<{ run: StepRun; evidence: EnvFirstEvidence }> {
  registerSecret(STUB_VALUE);
  const run = await runStep(smoke, envFirstStep(smoke.settings.key));
  return { run, evidence: checkEnvFirst(run.outcome, run.reads, envStubName(smoke.settings.key), STUB_VALUE) };
}

export async function scopeFallback(smoke: SecretSmoke): Promise<{ run: StepRun; evidence: FallbackEvidence }> {
  const run = await runStep(smoke, scopeFallbackStep(smoke.settings.key, smoke.settings.scopes));
  return { run, evidence: checkScopeFallback(run.outcome, run.reads, smoke.settings.scopes) };
}

export async function precedence(smoke: SecretSmoke): Promise<{ run: StepRun; reads: string }> {
  const primary = chooseScope(smoke.settings.scopes);
  if (!primary) {
    throw new SecretCriterionError(
      "precedence: DATABRICKS_SECRET_SCOPE is read before KEY_VAULT_SECRET_SCOPE",
      "needs a real scope in DATABRICKS_SECRET_SCOPE or KEY_VAULT_SECRET_SCOPE (neither is set)",
    );
  }
  const run = await runStep(smoke, precedenceStep(smoke.settings.key, primary.scope));
  return { run, reads: checkPrecedence(run.outcome, run.reads, primary.scope, DECOY_SCOPE) };
}

function rowFor(name: string, expected: ClassificationRow["expected"], outcome: Outcome): ClassificationRow {
  if (outcome.ok)
    return { case: name, expected, actual: undefined, detail: `returned a value (length ${outcome.value.length})` };
  return { case: name, expected, actual: outcome.error.kind, detail: outcome.error.message };
}

async function attempt(
  name: string,
  expected: ClassificationRow["expected"],
  run: () => Promise<Outcome>,
): Promise<ClassificationRow> {
  try {
    return rowFor(name, expected, await run());
  } catch (error) {
    return { case: name, expected, actual: undefined, detail: (error as Error).message };
  }
}

/** Every failure the classification criterion covers, each with what the resolver made of it. */
export async function classify(smoke: SecretSmoke): Promise<ClassificationRow[]> {
  const { key, scopes } = smoke.settings;
  const viaFront = (step: StepEnv) => async () => (await runStep(smoke, step)).outcome;
  const rows: ClassificationRow[] = [
    await attempt("missing scope: no scope variable set", "Permanent", viaFront(noScopeStep(key))),
    await attempt("missing scope: scope does not exist in the workspace", "Permanent", viaFront(missingScopeStep(key))),
  ];
  const scope = chooseScope(scopes);
  rows.push(
    scope
      ? await attempt(
          "missing secret: key does not exist in the scope",
          "Permanent",
          viaFront(missingSecretStep(scope.scope)),
        )
      : {
          case: "missing secret: key does not exist in the scope",
          expected: "Permanent",
          actual: undefined,
          detail: "needs DATABRICKS_SECRET_SCOPE or KEY_VAULT_SECRET_SCOPE",
        },
  );
  for (const errorCase of smoke.errorCases) rows.push(await recordedCase(smoke, errorCase));
  return rows;
}

/** One recorded failure, served by its own loopback server; a resolver that never asks it gets no classification. */
async function recordedCase(smoke: SecretSmoke, errorCase: ErrorCase): Promise<ClassificationRow> {
  const name = `recorded ${errorCase.name}`;
  const url = new URL(errorCase.entry.request.url);
  const step = {
    SECRET_SMOKE_KEY: url.searchParams.get("key") ?? smoke.settings.key,
    DATABRICKS_SECRET_SCOPE: url.searchParams.get("scope") ?? "",
  };
  const limit = errorCase.noAnswer === "stall" ? { timeoutMs: smoke.timeoutCaseMs ?? TIMEOUT_CASE_MS } : {};
  await using server = await serveErrorCase(errorCase);
  const row = await attempt(name, errorCase.expected, () =>
    smoke.resolver.resolve(step, { host: server.url, token: smoke.front.token }, limit),
  );
  if (server.requests > 0) return row;
  return {
    case: name,
    expected: errorCase.expected,
    actual: undefined,
    detail: `resolver made no request to the server holding this failure (it answered ${row.actual ? `${row.actual}: ${row.detail}` : row.detail} without asking)`,
  };
}
