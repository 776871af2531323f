// @module-tag databricks
/**
 * Pipelines A/Silver/B/C operations checks (runbook 003: §2 schedules, §4 recent-success delay, D-035 fail-closed
 * precondition, §5.2/§5.3 triage queries and gold verification, §7 idempotency, §7.1 retention dry-run, §7.2
 * dim_rule_scd2 governance), on two engines that run the same SQL (helpers/pipelines/dialect.ts):
 *
 *   [duckdb]  always runs: an embedded, read-only DuckDB loaded from PIPELINES_DATASET_DIR (default
 *             fixtures/pipelines/good), evaluated at the dataset's reference time (PIPELINES_NOW overrides).
 *             This is not a replay of HTTP — no Databricks traffic exists to replay — so it is a plain describe
 *             block outside defineSmoke; its verdicts carry mode "direct" and every record names engine=duckdb.
 *   [live]    defineSmoke with gate RUN_PIPELINES_SMOKE: a Databricks SQL warehouse (DATABRICKS_WAREHOUSE_ID,
 *             PIPELINES_CATALOG). It declares no recordings, so without the gate or credentials every live check
 *             is listed and skipped with the gate's note (SMOKEBOOK_STRICT=1 turns that into a failure).
 *             SMOKEBOOK_MODE=record runs it live; SQL traffic is not recorded.
 *
 *   npx vitest run --project databricks suites/databricks/pipelines-ops-checks.test.ts
 *   RUN_PIPELINES_SMOKE=1 DATABRICKS_HOST=… DATABRICKS_TOKEN=… DATABRICKS_WAREHOUSE_ID=… PIPELINES_CATALOG=… \
 *     PIPELINES_ENV=dev PIPELINES_RUN_ID=… npx vitest run --project databricks --tagsFilter live suites/databricks/pipelines-ops-checks.test.ts
 */
import { describe, it } from "vitest";
import { defineSmoke } from "../../helpers/define-smoke/define-smoke.ts";
import { registerOpsChecks } from "../../helpers/pipelines/ops-suite.ts";
import { openDatabricksSqlSetup, openDuckDbSetup } from "../../helpers/pipelines/setup.ts";
import { pipelinesOpsChecks } from "../../helpers/pipelines/smokes.ts";

/** The embedded engine, opened once for the file on first use and closed after its last check. */
// biome-ignore lint/correctness/noEmptyPattern: vitest reads which fixtures a fixture needs from this pattern (none)
const duckdb = it.extend("setup", { scope: "file" }, async ({}, { onCleanup }) => {
  const setup = await openDuckDbSetup();
  onCleanup(() => setup.engine.close());
  return setup;
});

describe(`${pipelinesOpsChecks.name} [duckdb]`, { tags: ["databricks"] }, () => {
  registerOpsChecks((name, check) => duckdb(name, ({ setup, annotate, skip }) => check({ annotate, skip }, setup)));
});

const test = defineSmoke({ ...pipelinesOpsChecks, recordings: {} });
const warehouse = test.shared("the Databricks SQL engine", () => openDatabricksSqlSetup(), {
  finish: (setup) => setup.engine.close(),
});
registerOpsChecks((name, check) =>
  test(name, async ({ shared, annotate, skip }) => check({ annotate, skip }, await shared(warehouse))),
);
