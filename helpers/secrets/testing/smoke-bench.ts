/**
 * Test plumbing for the secret smoke's self-tests: a fake workspace on 127.0.0.1 (helpers/secrets/fake-workspace.ts)
 * holding one secret, the workspace front forwarding to it, the recorded error cases, and the resolvers under
 * test (built-in, and the sample python callables of fixtures/secret-resolution/python).
 */
import { afterAll, beforeAll, expect } from "vitest";
import { createWorkspaceClient } from "../../databricks/client.ts";
import { fromRoot } from "../../paths.ts";
import { checkClassification } from "../classification.ts";
import { loadErrorCases } from "../error-cases.ts";
import { SecretCriterionError } from "../errors.ts";
import { type FakeWorkspace, startFakeWorkspace } from "../fake-workspace.ts";
import { pythonResolver, type ResolverUnderTest } from "../resolver-under-test.ts";
import { classify, type SecretSmoke } from "../secret-smoke.ts";
import { startWorkspaceFront, type WorkspaceFront } from "../workspace-front.ts";

export const TOKEN = "fake-workspace-token-0001";
export const KEY = "azure-openai-endpoint";
export const SCOPE = "smokebook-dev";
export const SECRET = "https://aoai-smokebook-dev.openai.azure.com/";
export const errorCases = loadErrorCases(fromRoot("fixtures/secret-resolution/error-responses.har"));
const baseEnv = {
  ...process.env,
  // Only the sample package: the operator's own PYTHONPATH plays no part in these self-tests.
  PYTHONPATH: fromRoot("fixtures/secret-resolution/python"),
  // The sample callables' own HTTP time limit: the timeout case holds the request longer than this.
  SMOKEBOOK_SAMPLE_TIMEOUT_SECONDS: "0.5",
};

/** A sample callable of fixtures/secret-resolution/python, e.g. python("reference:get_secret"). */
export const python = (fn: string) => pythonResolver(`smokebook_secret_sample.${fn}`, { baseEnv, timeoutMs: 20_000 });

export interface SmokeBench {
  smokeWith(resolver: ResolverUnderTest, scopes?: SecretSmoke["settings"]["scopes"]): SecretSmoke;
}

/** Starts the fake workspace and the front for the calling file (beforeAll) and stops them (afterAll). */
export function secretSmokeBench(): SmokeBench {
  let fake: FakeWorkspace | undefined;
  let front: WorkspaceFront | undefined;
  beforeAll(async () => {
    fake = await startFakeWorkspace({ token: TOKEN, scopes: { [SCOPE]: { [KEY]: SECRET } } });
    const client = createWorkspaceClient({ DATABRICKS_HOST: fake.url, DATABRICKS_TOKEN: TOKEN });
    front = await startWorkspaceFront({ upstream: { kind: "forward", client } });
  });
  afterAll(async () => {
    await front?.close();
    await fake?.close();
  });
  return {
    smokeWith: (resolver, scopes = { DATABRICKS_SECRET_SCOPE: SCOPE }) => {
      if (!front) throw new Error("secretSmokeBench: the front is not started (use smokeWith inside a test)");
      return {
        settings: { key: KEY, scopes, callable: undefined, python: "python3", timeoutMs: 5_000 },
        resolver,
        front,
        errorCases,
      };
    },
  };
}

export async function criterionFailure(run: () => Promise<unknown>): Promise<SecretCriterionError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SecretCriterionError);
  return error as SecretCriterionError;
}

export async function classificationFailure(smoke: SecretSmoke): Promise<SecretCriterionError> {
  const rows = await classify(smoke);
  return criterionFailure(async () => checkClassification(rows));
}
