import { describe, expect, it } from "vitest";
import { ReadOnlyStatementError } from "./errors.ts";
import { assertReadOnly } from "./read-only.ts";

describe("assertReadOnly", () => {
  it.each([
    "SELECT 1",
    "  with t AS (SELECT 1 AS x) SELECT x FROM t;",
    "(SELECT 1) UNION ALL (SELECT 2)",
    "SELECT 'DELETE FROM x; DROP TABLE y' AS note -- UPDATE in a comment\nFROM t",
    "SELECT replace(message, 'a', 'b') FROM gold.exception_ledger",
  ])("lets through %j", (sql) => {
    expect(() => assertReadOnly(sql)).not.toThrow();
  });

  it.each([
    ["DELETE FROM silver.bad_records WHERE detected_date_kst < date_sub(current_date(), 180)", "starts with DELETE"],
    ["SELECT 1; DELETE FROM t", "more than one statement"],
    ["WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d", "contains DELETE"],
    ["MERGE INTO gold.exception_ledger t USING s ON true WHEN MATCHED THEN DELETE", "starts with MERGE"],
    ["SELECT * INTO copy FROM t; DROP TABLE t", "more than one statement"],
    ["/* SELECT */ TRUNCATE TABLE t", "starts with TRUNCATE"],
    ["   ", "empty statement"],
  ])("refuses %j (%s)", (sql, reason) => {
    expect(() => assertReadOnly(sql)).toThrow(ReadOnlyStatementError);
    expect(() => assertReadOnly(sql)).toThrow(reason);
  });
});
