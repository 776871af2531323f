/**
 * The secret smoke's steps against a fake workspace on 127.0.0.1, with the built-in resolver, the sample python
 * callable, and deliberately broken resolvers (TypeScript and python) that must each fail the right criterion.
 */
import { describe, expect, it } from "vitest";
import { createWorkspaceClient } from "../databricks/client.ts";
import { redactText } from "../redact.ts";
import { TransientRemoteError } from "../remote-errors.ts";
import { checkClassification } from "./classification.ts";
import { CRITERIA } from "./criteria.ts";
import { builtInResolver, type ResolverUnderTest } from "./resolver-under-test.ts";
import { classify, envFirst, precedence, scopeFallback } from "./secret-smoke.ts";
import {
  classificationFailure,
  criterionFailure,
  errorCases,
  KEY,
  python,
  SCOPE,
  SECRET,
  secretSmokeBench,
} from "./testing/smoke-bench.ts";

const { smokeWith } = secretSmokeBench();

describe.each([
  ["built-in", () => builtInResolver(5_000)],
  ["python reference callable", () => python("reference:get_secret")],
])("the %s resolver passes every criterion", (_name, make) => {
  it("step 2, step 3, precedence and classification", async () => {
    const smoke = smokeWith(make());
    const step2 = await envFirst(smoke);
    expect(step2.evidence).toMatchObject({ stub_variable: "SECRET_AZURE_OPENAI_ENDPOINT", scope_reads: 0 });
    const step3 = await scopeFallback(smoke);
    expect(step3.evidence).toMatchObject({
      scope_variable: "DATABRICKS_SECRET_SCOPE",
      scope: SCOPE,
      value: { length: SECRET.length },
    });
    expect(redactText(`value ${SECRET}`)).toBe("value [REDACTED]");
    await precedence(smoke);
    const rows = await classify(smoke);
    expect(rows).toHaveLength(3 + errorCases.length);
    checkClassification(rows);
  }, 60_000);

  it("step 3 records KEY_VAULT_SECRET_SCOPE when only the fallback is set", async () => {
    const step3 = await scopeFallback(smokeWith(make(), { KEY_VAULT_SECRET_SCOPE: SCOPE }));
    expect(step3.evidence.scope_variable).toBe("KEY_VAULT_SECRET_SCOPE");
  }, 30_000);
});

describe("an undeclared python exception is classified from its status and type", () => {
  it("urllib's HTTPError / RemoteDisconnected / IndexError escape get_secret_plain and still classify", async () => {
    checkClassification(await classify(smokeWith(python("broken:get_secret_plain"))));
  }, 60_000);
});

/** TypeScript resolvers that each break one rule, built on the reference. */
const builtIn = builtInResolver(5_000);
const broken: Record<string, ResolverUnderTest> = {
  scopeFirst: {
    description: "reads the scope before looking at the stub",
    command: builtIn.command,
    resolve: async (step, connection) => {
      const scope = step.DATABRICKS_SECRET_SCOPE;
      if (scope) {
        const client = createWorkspaceClient({ DATABRICKS_HOST: connection.host, DATABRICKS_TOKEN: connection.token });
        await client.secrets.getSecret({ scope, key: step.SECRET_SMOKE_KEY ?? "" }).catch(() => undefined);
      }
      return builtIn.resolve(step, connection);
    },
  },
  fallbackFirst: {
    description: "tries KEY_VAULT_SECRET_SCOPE first",
    command: builtIn.command,
    resolve: async (step, connection) => {
      const { KEY_VAULT_SECRET_SCOPE: fallback, ...rest } = step;
      if (fallback) {
        const first = await builtIn.resolve({ ...rest, DATABRICKS_SECRET_SCOPE: fallback }, connection);
        if (first.ok) return first;
      }
      return builtIn.resolve(step, connection);
    },
  },
  misclassify403: {
    description: "treats 403 as Transient",
    command: builtIn.command,
    resolve: async (step, connection) => {
      const outcome = await builtIn.resolve(step, connection);
      if (outcome.ok || outcome.error.status !== 403) return outcome;
      return {
        ok: false,
        error: new TransientRemoteError(outcome.error.message, { operation: "resolve", status: 403 }),
      };
    },
  },
};

describe("failure variants fail the right criterion", { tags: ["self-test"] }, () => {
  it.each([
    ["TypeScript", broken.scopeFirst as ResolverUnderTest],
    ["python", python("broken:get_secret_scope_first")],
  ])(
    "%s: stub present but scope read attempted → step 2 fails although the stub value came back",
    async (_lang, resolver) => {
      const error = await criterionFailure(() => envFirst(smokeWith(resolver)));
      expect(error.criterion).toBe(CRITERIA.envFirst);
      expect(error.message).toBe(
        `${CRITERIA.envFirst}: SECRET_AZURE_OPENAI_ENDPOINT was set but the resolver read the secret scope 1 time(s) (GET secrets/get scope=__invalid_scope_for_env_first_check__ key=${KEY} → 404); a scope read fails this step even when the stub value comes back`,
      );
    },
    30_000,
  );

  it.each([
    ["TypeScript", broken.fallbackFirst as ResolverUnderTest],
    ["python", python("broken:get_secret_fallback_first")],
  ])(
    "%s: fallback scope read first → precedence fails",
    async (_lang, resolver) => {
      const error = await criterionFailure(() => precedence(smokeWith(resolver)));
      expect(error.criterion).toBe(CRITERIA.precedence);
      expect(error.message).toMatch(
        /DATABRICKS_SECRET_SCOPE was set to "smokebook-dev" but the fallback KEY_VAULT_SECRET_SCOPE scope "__smokebook_fallback_scope_must_not_be_read_first__" was read first \(GET secrets\/get scope=__smokebook_fallback_scope_must_not_be_read_first__ key=azure-openai-endpoint → 404; GET secrets\/get scope=smokebook-dev key=azure-openai-endpoint → 200\)/,
      );
    },
    30_000,
  );

  it.each([
    ["TypeScript", broken.misclassify403 as ResolverUnderTest],
    ["python", python("broken:get_secret_403_transient")],
  ])(
    "%s: 403 misclassified → classification fails naming both 403 cases",
    async (_lang, resolver) => {
      const error = await classificationFailure(smokeWith(resolver));
      expect(error.criterion).toBe(CRITERIA.classification);
      expect(error.message).toContain(`2 of ${3 + errorCases.length} failure(s) misclassified`);
      expect(error.message).toContain(
        "recorded 403 PERMISSION_DENIED (no READ on scope) → Transient (expected Permanent)",
      );
      expect(error.message).toContain("recorded 403 invalid access token → Transient (expected Permanent)");
    },
    60_000,
  );

  it("step 3 fails naming the variables when neither scope variable is set", async () => {
    const error = await criterionFailure(() => scopeFallback(smokeWith(builtIn, {})));
    expect(error.message).toBe(
      `${CRITERIA.scopeFallback}: step 3 needs DATABRICKS_SECRET_SCOPE or KEY_VAULT_SECRET_SCOPE (neither is set)`,
    );
  });

  it("a callable that cannot be imported gives classification rows without a kind, naming the callable", async () => {
    const rows = await classify({
      ...smokeWith(python("missing_module:get_secret")),
      errorCases: errorCases.slice(0, 1),
    });
    expect(rows.slice(0, 3).every((r) => r.actual === "Permanent")).toBe(true);
    expect(rows[0]?.detail).toMatch(/ModuleNotFoundError: No module named 'smokebook_secret_sample.missing_module'/);
    // It never asked the server holding the recorded failure, so that row has no classification.
    expect(rows[3]).toMatchObject({ actual: undefined });
    expect(rows[3]?.detail).toMatch(/^resolver made no request to the server holding this failure/);
  }, 30_000);
});
