/**
 * Registers the operations checks once for any engine, so the embedded DuckDB block and the live Databricks SQL
 * smoke list the very same tests: a §9 context record, then one test per check (OPS_CHECKS) that records the
 * queries, results and verdict and fails with the check's summary (naming the rows) when the verdict is FAIL.
 * The engine is opened once per block on first use by whoever declares the checks (a file fixture, a shared value).
 */
import type { TestContext } from "vitest";
import type { Env } from "../gates.ts";
import { skipOrFail } from "../smoke.ts";
import { assertPassed, runCheck } from "./check.ts";
import { OPS_CHECKS } from "./checks/index.ts";
import { recordCheckResult, recordRunContext } from "./evidence.ts";
import type { OpsSetup } from "./setup.ts";

/** An operations check as registered: the check's context (evidence, skip) and the engine it runs on. */
export type OpsCheck = (ctx: Pick<TestContext, "annotate" | "skip">, setup: OpsSetup) => Promise<void>;

/** Registers one check: the embedded DuckDB block and the live smoke each give the check its engine. */
export type DeclareOpsCheck = (name: string, check: OpsCheck) => void;

export const CONTEXT_TEST = "evidence context: UTC, operator, host, catalog, environment, engine, window, run id (§9)";

export function registerOpsChecks(declare: DeclareOpsCheck, env: Env = process.env): void {
  declare(CONTEXT_TEST, async (ctx, setup) => {
    await recordRunContext(ctx, setup.context);
  });
  for (const check of OPS_CHECKS) {
    declare(check.title, async (ctx, { engine, inputs }) => {
      const result = await runCheck(engine, check, inputs);
      await recordCheckResult(ctx, result, engine.kind);
      if (result.verdict === "skip") skipOrFail(ctx, result.summary, { env });
      assertPassed(result);
    });
  }
}
