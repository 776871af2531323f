/**
 * The classification's recorded cases: each is served by its own loopback server, a connection drop answers at
 * once, a timeout costs only the resolver's short limit, and a row counts only when the resolver asked.
 */
import { describe, expect, it } from "vitest";
import { PermanentRemoteError, TransientRemoteError } from "../remote-errors.ts";
import { checkClassification } from "./classification.ts";
import { builtInResolver, type ResolverUnderTest } from "./resolver-under-test.ts";
import { classify } from "./secret-smoke.ts";
import { criterionFailure, errorCases, python, SCOPE, secretSmokeBench } from "./testing/smoke-bench.ts";

const { smokeWith } = secretSmokeBench();
const builtIn = builtInResolver(5_000);

describe("the classification's recorded cases", () => {
  const byName = (rows: Awaited<ReturnType<typeof classify>>, part: string) => rows.find((r) => r.case.includes(part));

  it("a connection drop is answered at once and a timeout costs only the resolver's short limit", async () => {
    const started = performance.now();
    const rows = await classify(smokeWith(builtInResolver(5_000)));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(byName(rows, "connection dropped")).toMatchObject({ expected: "Transient", actual: "Transient" });
    const timeout = byName(rows, "timeout (no answer within");
    expect(timeout).toMatchObject({ expected: "Transient", actual: "Transient" });
    expect(timeout?.detail).toContain("did not answer within 250 ms");
  }, 30_000);

  it("the python sample's own HTTP time limit classifies the stalled request as Transient", async () => {
    const rows = await classify({ ...smokeWith(python("reference:get_secret")), errorCases: errorCases.slice(-2) });
    expect(rows.slice(-2).map((r) => [r.case, r.actual])).toEqual([
      ["recorded connection dropped (reset before any answer)", "Transient"],
      ["recorded timeout (no answer within the resolver's time limit)", "Transient"],
    ]);
    expect(rows.at(-1)?.detail).toMatch(/TimeoutError|timed out/);
  }, 30_000);

  it("self-test: a resolver that answers without asking the server holding the failure fails classification", {
    tags: ["self-test"],
  }, async () => {
    const guesser: ResolverUnderTest = {
      description: "classifies by the scope name, never asks",
      command: builtIn.command,
      resolve: async (step) =>
        step.DATABRICKS_SECRET_SCOPE === SCOPE
          ? { ok: false, error: new TransientRemoteError("guessed", { operation: "resolve" }) }
          : { ok: false, error: new PermanentRemoteError("guessed", { operation: "resolve" }) },
    };
    const recorded = errorCases.filter((c) => c.name === "429 REQUEST_LIMIT_EXCEEDED");
    const rows = await classify({ ...smokeWith(guesser), errorCases: recorded });
    expect(rows.at(-1)).toMatchObject({ case: "recorded 429 REQUEST_LIMIT_EXCEEDED", actual: undefined });
    const error = await criterionFailure(async () => checkClassification(rows));
    expect(error.message).toContain(
      "recorded 429 REQUEST_LIMIT_EXCEEDED → no classification (expected Transient): resolver made no request to the server holding this failure (it answered Transient: guessed without asking)",
    );
  });

  it("self-test: a resolver with a long limit against a stall is cut by the case's short limit, not the stall", {
    tags: ["self-test"],
  }, async () => {
    const stall = errorCases.filter((c) => c.noAnswer === "stall");
    expect(stall).toHaveLength(1);
    const started = performance.now();
    const rows = await classify({ ...smokeWith(builtInResolver(60_000)), errorCases: stall, timeoutCaseMs: 100 });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(rows.at(-1)?.detail).toContain("did not answer within 100 ms");
  });
});
