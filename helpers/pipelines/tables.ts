/**
 * The tables the operations checks read, with the columns of the data contract (.specs/data_contract.md §3.5, §4,
 * §6) and the DuckDB type each column gets when a dataset folder is loaded. Spark types stay on the warehouse; a
 * Spark TIMESTAMP is an instant, so its DuckDB counterpart is TIMESTAMPTZ (a DuckDB TIMESTAMP would drop offsets).
 */

export type TableName =
  | "gold.pipeline_state"
  | "gold.exception_ledger"
  | "silver.dq_status"
  | "silver.bad_records"
  | "gold.dim_rule_scd2"
  | "gold.recon_daily_snapshot_flow"
  | "gold.ledger_supply_balance_daily"
  | "gold.fact_payment_anonymized";

export interface TableDefinition {
  name: TableName;
  /** Column name → DuckDB type, in contract order. */
  columns: Readonly<Record<string, string>>;
}

const TS = "TIMESTAMPTZ";
const MONEY = "DECIMAL(38,2)";
const RATE = "DECIMAL(38,6)";

export const TABLES: ReadonlyArray<TableDefinition> = [
  {
    name: "gold.pipeline_state",
    columns: {
      pipeline_name: "VARCHAR",
      last_success_ts: TS,
      last_processed_end: TS,
      last_run_id: "VARCHAR",
      dq_zero_window_counts: "VARCHAR",
      updated_at: TS,
    },
  },
  {
    name: "gold.exception_ledger",
    columns: {
      date_kst: "DATE",
      domain: "VARCHAR",
      exception_type: "VARCHAR",
      severity: "VARCHAR",
      source_table: "VARCHAR",
      window_start_ts: TS,
      window_end_ts: TS,
      metric: "VARCHAR",
      metric_value: RATE,
      message: "VARCHAR",
      run_id: "VARCHAR",
      rule_id: "VARCHAR",
      generated_at: TS,
    },
  },
  {
    name: "silver.dq_status",
    columns: {
      source_table: "VARCHAR",
      window_start_ts: TS,
      window_end_ts: TS,
      date_kst: "DATE",
      freshness_sec: "BIGINT",
      event_count: "BIGINT",
      dup_rate: RATE,
      bad_records_rate: RATE,
      dq_tag: "VARCHAR",
      severity: "VARCHAR",
      run_id: "VARCHAR",
      rule_id: "VARCHAR",
      generated_at: TS,
    },
  },
  {
    name: "silver.bad_records",
    columns: {
      detected_date_kst: "DATE",
      source_table: "VARCHAR",
      reason: "VARCHAR",
      record_json: "VARCHAR",
      run_id: "VARCHAR",
      rule_id: "VARCHAR",
      detected_at: TS,
    },
  },
  {
    name: "gold.dim_rule_scd2",
    columns: {
      rule_id: "VARCHAR",
      domain: "VARCHAR",
      metric: "VARCHAR",
      threshold: "DOUBLE",
      severity_map: "VARCHAR",
      allowed_values: "VARCHAR",
      comment: "VARCHAR",
      effective_start_ts: TS,
      effective_end_ts: TS,
      is_current: "BOOLEAN",
    },
  },
  {
    name: "gold.recon_daily_snapshot_flow",
    columns: {
      date_kst: "DATE",
      user_id: "VARCHAR",
      delta_balance_total: MONEY,
      net_flow_total: MONEY,
      drift_abs: MONEY,
      drift_pct: RATE,
      dq_tag: "VARCHAR",
      run_id: "VARCHAR",
      rule_id: "VARCHAR",
    },
  },
  {
    name: "gold.ledger_supply_balance_daily",
    columns: {
      date_kst: "DATE",
      issued_supply: MONEY,
      wallet_total_balance: MONEY,
      diff_amount: MONEY,
      is_ok: "BOOLEAN",
      run_id: "VARCHAR",
      rule_id: "VARCHAR",
    },
  },
  {
    name: "gold.fact_payment_anonymized",
    columns: {
      date_kst: "DATE",
      user_key: "VARCHAR",
      merchant_name: "VARCHAR",
      amount: MONEY,
      status: "VARCHAR",
      category: "VARCHAR",
      run_id: "VARCHAR",
    },
  },
];

export function splitTableName(name: TableName): { schema: string; table: string } {
  const [schema = "", table = ""] = name.split(".");
  return { schema, table };
}
