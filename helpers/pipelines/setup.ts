/**
 * Builds what a run of the operations checks needs — engine, evaluation instant, window, run id and the §9 context —
 * for each engine:
 *   DuckDB (default)  the dataset folder; "now" = PIPELINES_NOW, else the dataset's manifest reference_now_utc;
 *                     run id = PIPELINES_RUN_ID, else the manifest's
 *   Databricks SQL    the warehouse DATABRICKS_WAREHOUSE_ID, catalog PIPELINES_CATALOG; "now" = PIPELINES_NOW, else
 *                     the clock; run id = PIPELINES_RUN_ID (unset skips gold verification)
 */
import { type Clock, systemClock } from "../clock.ts";
import { createWorkspaceClient, workspaceUrl } from "../databricks/client.ts";
import { EnvValueError } from "../errors.ts";
import { resolveOperator } from "../evidence/header.ts";
import type { Env } from "../gates.ts";
import type { CheckInputs } from "./check.ts";
import { readPipelinesConfig, targetWindow } from "./config.ts";
import { DatabricksSqlEngine } from "./databricks-sql-engine.ts";
import { displayPath, readManifest } from "./dataset.ts";
import { DuckDbEngine } from "./duckdb-engine.ts";
import type { SqlEngine } from "./engine.ts";
import type { RunContextEvidence } from "./evidence.ts";
import { isoUtc } from "./kst.ts";

export interface OpsSetup {
  engine: SqlEngine;
  inputs: CheckInputs;
  context: RunContextEvidence;
}

function contextOf(
  engine: SqlEngine,
  inputs: CheckInputs,
  fields: Pick<RunContextEvidence, "workspace_host" | "catalog" | "environment" | "evaluated_at_source">,
  env: Env,
): RunContextEvidence {
  const { window } = inputs;
  return {
    utc: new Date().toISOString(),
    ...resolveOperator(env),
    ...fields,
    engine: engine.label,
    engine_kind: engine.kind,
    evaluated_at_utc: isoUtc(inputs.nowMs) ?? "",
    run_mode: window.runMode === "backfill" ? "backfill" : "default (previous KST day, D-035)",
    date_kst_start: window.dateKstStart,
    date_kst_end: window.dateKstEnd,
    window_start_utc: isoUtc(window.startUtcMs) ?? "",
    window_end_utc: isoUtc(window.endUtcMs) ?? "",
    run_id: inputs.runId ?? "(unset: PIPELINES_RUN_ID)",
  };
}

/** The embedded DuckDB engine on PIPELINES_DATASET_DIR (default fixtures/pipelines/good). */
export async function openDuckDbSetup(env: Env = process.env, datasetDir?: string): Promise<OpsSetup> {
  const config = readPipelinesConfig(env);
  const dir = datasetDir ?? config.datasetDir;
  const manifest = readManifest(dir);
  const nowMs = config.nowOverrideMs ?? Date.parse(manifest.reference_now_utc);
  const inputs: CheckInputs = {
    nowMs,
    runId: config.runId ?? manifest.run_id,
    window: targetWindow(
      nowMs,
      config.dateKstStart ?? manifest.date_kst_start ?? manifest.date_kst_end,
      config.dateKstEnd ?? manifest.date_kst_end ?? manifest.date_kst_start,
    ),
  };
  const engine = await DuckDbEngine.open(dir);
  const context = contextOf(
    engine,
    inputs,
    {
      workspace_host: "(none: embedded DuckDB)",
      catalog: `(none: DuckDB schemas gold/silver from ${displayPath(dir)})`,
      environment: "fixture dataset",
      evaluated_at_source: config.nowOverrideMs === undefined ? "dataset manifest" : "PIPELINES_NOW",
    },
    env,
  );
  return { engine, inputs, context };
}

/** The live engine: a Databricks SQL warehouse through the SDK (statement execution API). */
export async function openDatabricksSqlSetup(env: Env = process.env, clock: Clock = systemClock): Promise<OpsSetup> {
  const config = readPipelinesConfig(env);
  if (!config.catalog) throw new EnvValueError("PIPELINES_CATALOG", "", "the target Unity Catalog name");
  if (!config.warehouseId) throw new EnvValueError("DATABRICKS_WAREHOUSE_ID", "", "a SQL warehouse id");
  const client = createWorkspaceClient(env);
  const host = await workspaceUrl(client);
  const engine = new DatabricksSqlEngine({
    statements: client.statementExecution,
    warehouseId: config.warehouseId,
    catalog: config.catalog,
    host,
    clock,
  });
  const nowMs = config.nowOverrideMs ?? clock.now();
  const inputs: CheckInputs = {
    nowMs,
    runId: config.runId,
    window: targetWindow(nowMs, config.dateKstStart, config.dateKstEnd),
  };
  const context = contextOf(
    engine,
    inputs,
    {
      workspace_host: host,
      catalog: config.catalog,
      environment: config.environment,
      evaluated_at_source: config.nowOverrideMs === undefined ? "clock" : "PIPELINES_NOW",
    },
    env,
  );
  return { engine, inputs, context };
}
