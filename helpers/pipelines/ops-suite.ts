/**
 * Registers the operations checks once for any engine, so the embedded DuckDB block and the live Databricks SQL
 * smoke list the very same tests: a §9 context record, then one test per check (OPS_CHECKS) that records the
 * queries, results and verdict and fails with the check's summary (naming the rows) when the verdict is FAIL.
 */
import type { TestContext } from "vitest";
import { PrerequisiteError } from "../databricks/errors.ts";
import type { Env } from "../gates.ts";
import { skipOrFail } from "../smoke.ts";
import { assertPassed, runCheck } from "./check.ts";
import { OPS_CHECKS } from "./checks/index.ts";
import { recordCheckResult, recordRunContext } from "./evidence.ts";
import type { OpsSetup } from "./setup.ts";

/** The part of describeSmoke's scope (or of plain vitest) the registration needs. */
export interface TestScope {
  it(name: string, fn: (ctx: TestContext) => Promise<void> | void, timeoutMs?: number): void;
  beforeAll(fn: () => Promise<void> | void, timeoutMs?: number): void;
  afterAll(fn: () => Promise<void> | void, timeoutMs?: number): void;
}

export const CONTEXT_TEST = "evidence context: UTC, operator, host, catalog, environment, engine, window, run id (§9)";

export function registerOpsChecks(scope: TestScope, open: () => Promise<OpsSetup>, env: Env = process.env): void {
  let setup: OpsSetup | undefined;
  let openError: unknown;
  scope.beforeAll(async () => {
    try {
      setup = await open();
    } catch (error) {
      openError = error;
    }
  }, 120_000);
  scope.afterAll(async () => {
    await setup?.engine.close();
  });
  const ready = (): OpsSetup => {
    if (setup) return setup;
    throw openError ?? new PrerequisiteError("the engine was not opened");
  };
  scope.it(CONTEXT_TEST, async (ctx) => {
    await recordRunContext(ctx, ready().context);
  });
  for (const check of OPS_CHECKS) {
    scope.it(check.title, async (ctx) => {
      const { engine, inputs } = ready();
      const result = await runCheck(engine, check, inputs);
      await recordCheckResult(ctx, result, engine.kind);
      if (result.verdict === "skip") skipOrFail(ctx, result.summary, { env });
      assertPassed(result);
    });
  }
}
