/**
 * Every environment variable the pipelines operations checks read, in one place.
 *
 *   PIPELINES_CATALOG              target Unity Catalog (live; `${catalog}.schema.table`)
 *   PIPELINES_ENV                  dev | prod, for the evidence (runbook §9 item 2)
 *   PIPELINES_NOW                  ISO-8601 UTC instant the checks evaluate at (default: live = clock, DuckDB =
 *                                  the dataset's manifest reference_now_utc)
 *   PIPELINES_RUN_ID               run id whose gold outputs are verified (default: DuckDB = manifest run_id)
 *   PIPELINES_DATE_KST_START/END   backfill window the B/C precondition checks (default: previous KST day, D-035)
 *   PIPELINES_DATASET_DIR          dataset folder for the DuckDB engine (default fixtures/pipelines/good)
 *   PIPELINES_TRIAGE_RUN_ID        Databricks job run id to triage (live)
 *   DATABRICKS_WAREHOUSE_ID        SQL warehouse for the live engine
 *   DATABRICKS_HOST                workspace host (evidence; the client reads it itself)
 */
import { envText } from "../env-text.ts";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { resolveDatasetDir } from "./dataset.ts";
import { addDays, kstDate, kstMidnightUtc } from "./kst.ts";

export type PipelinesEnvironment = "dev" | "prod" | "(unset)";

export interface PipelinesConfig {
  catalog: string | undefined;
  environment: PipelinesEnvironment;
  nowOverrideMs: number | undefined;
  runId: string | undefined;
  dateKstStart: string | undefined;
  dateKstEnd: string | undefined;
  datasetDir: string;
  triageRunId: number | undefined;
  warehouseId: string | undefined;
  host: string | undefined;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseInstant(name: string, raw: string): number {
  const ms = INSTANT.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms)) throw new EnvValueError(name, raw, "an ISO-8601 UTC instant such as 2026-02-12T01:00:00Z");
  return ms;
}

function parseDate(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!DATE.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`)) || kstDate(kstMidnightUtc(raw)) !== raw) {
    throw new EnvValueError(name, raw, "a KST date YYYY-MM-DD");
  }
  return raw;
}

export function readPipelinesConfig(env: Env = process.env): PipelinesConfig {
  const environment = envText(env, "PIPELINES_ENV");
  if (environment !== undefined && environment !== "dev" && environment !== "prod") {
    throw new EnvValueError("PIPELINES_ENV", environment, "dev or prod");
  }
  const now = envText(env, "PIPELINES_NOW");
  const triage = envText(env, "PIPELINES_TRIAGE_RUN_ID");
  if (triage !== undefined && !/^[1-9]\d{0,18}$/.test(triage)) {
    throw new EnvValueError("PIPELINES_TRIAGE_RUN_ID", triage, "a Databricks run id (a positive integer)");
  }
  const dateKstStart = parseDate("PIPELINES_DATE_KST_START", envText(env, "PIPELINES_DATE_KST_START"));
  const dateKstEnd = parseDate("PIPELINES_DATE_KST_END", envText(env, "PIPELINES_DATE_KST_END"));
  if (dateKstStart && dateKstEnd && dateKstStart > dateKstEnd) {
    throw new EnvValueError(
      "PIPELINES_DATE_KST_START",
      dateKstStart,
      `a date not after PIPELINES_DATE_KST_END=${dateKstEnd}`,
    );
  }
  return {
    catalog: envText(env, "PIPELINES_CATALOG"),
    environment: environment ?? "(unset)",
    nowOverrideMs: now === undefined ? undefined : parseInstant("PIPELINES_NOW", now),
    runId: envText(env, "PIPELINES_RUN_ID"),
    dateKstStart: dateKstStart ?? dateKstEnd,
    dateKstEnd: dateKstEnd ?? dateKstStart,
    datasetDir: resolveDatasetDir(env),
    triageRunId: triage === undefined ? undefined : Number(triage),
    warehouseId: envText(env, "DATABRICKS_WAREHOUSE_ID"),
    host: envText(env, "DATABRICKS_HOST"),
  };
}

export interface TargetWindow {
  /** How the window was chosen, as the runbook's run_mode: explicit backfill or the D-035 default. */
  runMode: "backfill" | "default";
  dateKstStart: string;
  dateKstEnd: string;
  /** [startUtcMs, endUtcMs): the KST days as a UTC window. B/C need pipeline_silver.last_processed_end ≥ end. */
  startUtcMs: number;
  endUtcMs: number;
}

/** The B/C target window: the given KST days, or (D-035) the previous KST day relative to `nowMs`. */
export function targetWindow(nowMs: number, dateKstStart?: string, dateKstEnd?: string): TargetWindow {
  const explicit = dateKstStart !== undefined && dateKstEnd !== undefined;
  const yesterday = addDays(kstDate(nowMs), -1);
  const start = explicit ? dateKstStart : yesterday;
  const end = explicit ? dateKstEnd : yesterday;
  return {
    runMode: explicit ? "backfill" : "default",
    dateKstStart: start,
    dateKstEnd: end,
    startUtcMs: kstMidnightUtc(start),
    endUtcMs: kstMidnightUtc(addDays(end, 1)),
  };
}
