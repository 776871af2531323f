/**
 * The one place where Spark SQL (Databricks SQL warehouse) and DuckDB differ. Every check writes its SQL once as a
 * function of a Dialect; nothing else in helpers/pipelines knows which engine runs it.
 *
 *                      Spark SQL (Databricks)                 DuckDB (embedded)
 *   table             `catalog`.schema.table                 schema.table (schemas made by the loader)
 *   parameter         :name                                  $name
 *   instant type      TIMESTAMP (an instant, session tz)     TIMESTAMPTZ (TIMESTAMP would drop the offset)
 *   epoch millis      unix_millis(ts)                        epoch_ms(ts)
 *   seconds between   timestampdiff(SECOND, a, b)            date_diff('second', a, b)
 *   date − n days     date_sub(d, n)                         CAST(d - INTERVAL n DAY AS DATE)
 *                                                            (DuckDB's date_sub(part, a, b) is a difference!)
 *   sorted list       array_join(array_sort(collect_list(x)), ',')   string_agg(x, ',' ORDER BY x)
 *   count_if          count_if(cond)                         count_if(cond) (same; kept here so both stay in view)
 */
import { EnvValueError } from "../errors.ts";
import type { TableName } from "./tables.ts";

export type DialectName = "spark" | "duckdb";

export interface Dialect {
  readonly name: DialectName;
  /** A table of the dataset, qualified the way this engine names it. */
  table(name: TableName): string;
  /** A string parameter marker. */
  param(name: string): string;
  /** A parameter holding an ISO-8601 instant ("2026-02-12T01:00:00Z"), as an instant. */
  timestampParam(name: string): string;
  /** A parameter holding a YYYY-MM-DD date, as a DATE. */
  dateParam(name: string): string;
  epochMillis(expr: string): string;
  /** Whole seconds from `start` to `end` (positive when end is later). */
  secondsBetween(start: string, end: string): string;
  dateSubDays(dateExpr: string, days: number): string;
  countIf(condition: string): string;
  /** The non-null values of `expr` in a group, sorted and joined with commas. */
  sortedList(expr: string): string;
}

const CATALOG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

function wholeDays(days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, got ${days}`);
  return days;
}

export function sparkDialect(catalog: string): Dialect {
  if (!CATALOG_PATTERN.test(catalog)) {
    throw new EnvValueError("PIPELINES_CATALOG", catalog, "a Unity Catalog name (letters, digits, _ and -)");
  }
  return {
    name: "spark",
    table: (name) => `\`${catalog}\`.${name}`,
    param: (name) => `:${name}`,
    timestampParam: (name) => `CAST(:${name} AS TIMESTAMP)`,
    dateParam: (name) => `CAST(:${name} AS DATE)`,
    epochMillis: (expr) => `unix_millis(${expr})`,
    secondsBetween: (start, end) => `timestampdiff(SECOND, ${start}, ${end})`,
    dateSubDays: (dateExpr, days) => `date_sub(${dateExpr}, ${wholeDays(days)})`,
    countIf: (condition) => `count_if(${condition})`,
    sortedList: (expr) => `array_join(array_sort(collect_list(${expr})), ',')`,
  };
}

export const duckdbDialect: Dialect = {
  name: "duckdb",
  table: (name) => name,
  param: (name) => `$${name}`,
  timestampParam: (name) => `CAST($${name} AS TIMESTAMPTZ)`,
  dateParam: (name) => `CAST($${name} AS DATE)`,
  epochMillis: (expr) => `epoch_ms(${expr})`,
  secondsBetween: (start, end) => `date_diff('second', ${start}, ${end})`,
  dateSubDays: (dateExpr, days) => `CAST(${dateExpr} - INTERVAL ${wholeDays(days)} DAY AS DATE)`,
  countIf: (condition) => `count_if(${condition})`,
  sortedList: (expr) => `string_agg(${expr}, ',' ORDER BY ${expr})`,
};
