// @module-tag databricks
/**
 * Pipelines A/Silver/B/C operations checks (runbook 003: §2 schedules, §4 recent-success delay, D-035 fail-closed
 * precondition, §5.2/§5.3 triage queries and gold verification, §7 idempotency, §7.1 retention dry-run, §7.2
 * dim_rule_scd2 governance), on two engines that run the same SQL (helpers/pipelines/dialect.ts):
 *
 *   [duckdb]  always runs: an embedded, read-only DuckDB loaded from PIPELINES_DATASET_DIR (default
 *             fixtures/pipelines/good), evaluated at the dataset's reference time (PIPELINES_NOW overrides).
 *             This is not a replay of HTTP — no Databricks traffic exists to replay — so it is a plain describe
 *             block outside describeSmoke; its verdicts carry mode "direct" and every record names engine=duckdb.
 *   [live]    describeSmoke with gate RUN_PIPELINES_SMOKE: a Databricks SQL warehouse (DATABRICKS_WAREHOUSE_ID,
 *             PIPELINES_CATALOG). It declares no recordings, so without the gate or credentials every live check
 *             is listed and skipped with the gate's note (SMOKEBOOK_STRICT=1 turns that into a failure).
 *             SMOKEBOOK_MODE=record runs it live; SQL traffic is not recorded.
 *
 *   npx vitest run --project databricks suites/databricks/pipelines-ops-checks.test.ts
 *   RUN_PIPELINES_SMOKE=1 DATABRICKS_HOST=… DATABRICKS_TOKEN=… DATABRICKS_WAREHOUSE_ID=… PIPELINES_CATALOG=… \
 *     PIPELINES_ENV=dev PIPELINES_RUN_ID=… npx vitest run --project databricks --tagsFilter live suites/databricks/pipelines-ops-checks.test.ts
 */
import { afterAll, beforeAll, describe, it } from "vitest";
import { registerOpsChecks } from "../../helpers/pipelines/ops-suite.ts";
import { openDatabricksSqlSetup, openDuckDbSetup } from "../../helpers/pipelines/setup.ts";
import { pipelinesOpsChecks } from "../../helpers/pipelines/smokes.ts";
import { describeSmoke } from "../../helpers/smoke.ts";

describe(`${pipelinesOpsChecks.name} [duckdb]`, { tags: ["databricks"] }, () => {
  registerOpsChecks({ it: (name, fn, timeout) => it(name, { timeout }, fn), beforeAll, afterAll }, () =>
    openDuckDbSetup(),
  );
});

describeSmoke(pipelinesOpsChecks, (s) => {
  registerOpsChecks(s, () => openDatabricksSqlSetup());
});
