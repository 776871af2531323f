/**
 * One interface for the engines the operations checks run on: the embedded DuckDB loaded from a dataset folder
 * (the default, no credentials) and a Databricks SQL warehouse (live). A check renders its SQL with the engine's
 * dialect and gets plain rows back: every value a string or null, whatever the engine.
 */
import type { PollLine } from "../poll.ts";
import type { Dialect } from "./dialect.ts";

export type EngineKind = "duckdb" | "databricks-sql";

export type Row = Record<string, string | null>;

/** Named string parameters; the SQL casts them (dialect.timestampParam / dateParam). */
export type QueryParams = Readonly<Record<string, string>>;

export interface QueryResult {
  columns: string[];
  rows: Row[];
  /** Databricks: the warehouse statement id, for the evidence trail. */
  statementId?: string;
  /** True when a row limit cut the result. */
  truncated?: boolean;
  /** Databricks: the getStatement polls, for the evidence's polling trail. */
  polls?: PollLine[];
}

export interface SqlEngine {
  readonly kind: EngineKind;
  readonly dialect: Dialect;
  /** What the evidence calls this engine: "duckdb (embedded) fixtures/pipelines/good", "databricks-sql warehouse …". */
  readonly label: string;
  /** Runs one read-only statement; anything else is refused with ReadOnlyStatementError. */
  query(sql: string, params?: QueryParams): Promise<QueryResult>;
  close(): Promise<void>;
}

export function asCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}
