import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { runCheck } from "./check.ts";
import { OPS_CHECKS } from "./checks/index.ts";
import { targetWindow } from "./config.ts";
import { type Dialect, duckdbDialect, sparkDialect } from "./dialect.ts";
import type { QueryParams, QueryResult, SqlEngine } from "./engine.ts";
import { assertReadOnly } from "./read-only.ts";

/** Renders every check's SQL without an engine: records statements, answers with no rows. */
function renderingEngine(dialect: Dialect): SqlEngine & { statements: Array<{ sql: string; params: QueryParams }> } {
  const statements: Array<{ sql: string; params: QueryParams }> = [];
  return {
    kind: "databricks-sql",
    dialect,
    label: `rendering (${dialect.name})`,
    statements,
    async query(sql: string, params: QueryParams = {}): Promise<QueryResult> {
      assertReadOnly(sql);
      statements.push({ sql, params });
      return { columns: [], rows: [] };
    },
    async close() {},
  };
}

async function renderAll(dialect: Dialect) {
  const engine = renderingEngine(dialect);
  const nowMs = Date.parse("2026-02-12T01:00:00Z");
  for (const check of OPS_CHECKS) await runCheck(engine, check, { nowMs, runId: "r1", window: targetWindow(nowMs) });
  return engine.statements;
}

describe("dialects", () => {
  it("render the differences listed in dialect.ts", () => {
    const spark = sparkDialect("ledger_dev");
    expect(spark.table("gold.pipeline_state")).toBe("`ledger_dev`.gold.pipeline_state");
    expect(duckdbDialect.table("gold.pipeline_state")).toBe("gold.pipeline_state");
    expect(spark.timestampParam("now")).toBe("CAST(:now AS TIMESTAMP)");
    expect(duckdbDialect.timestampParam("now")).toBe("CAST($now AS TIMESTAMPTZ)");
    expect(spark.dateSubDays("current_date()", 180)).toBe("date_sub(current_date(), 180)");
    expect(duckdbDialect.dateSubDays("d", 180)).toBe("CAST(d - INTERVAL 180 DAY AS DATE)");
    expect(spark.secondsBetween("a", "b")).toBe("timestampdiff(SECOND, a, b)");
    expect(duckdbDialect.secondsBetween("a", "b")).toBe("date_diff('second', a, b)");
    expect(spark.sortedList("x")).toBe("array_join(array_sort(collect_list(x)), ',')");
    expect(() => spark.dateSubDays("d", 1.5)).toThrow(RangeError);
  });

  it("refuse a catalog name that could break out of its quotes, naming PIPELINES_CATALOG", () => {
    expect(() => sparkDialect("dev`; DROP TABLE x; --")).toThrow(EnvValueError);
    expect(() => sparkDialect("dev`x")).toThrow(/PIPELINES_CATALOG="dev`x" is not allowed/);
  });

  it("every check's Spark SQL is catalog-qualified and free of DuckDB syntax", async () => {
    const statements = await renderAll(sparkDialect("ledger_dev"));
    expect(statements.length).toBeGreaterThan(OPS_CHECKS.length);
    for (const { sql } of statements) {
      expect(sql).not.toMatch(/\$\w|epoch_ms|TIMESTAMPTZ|string_agg|date_diff\(|INTERVAL \d+ DAY/);
      for (const ref of sql.match(/\b(?:gold|silver)\.\w+/g) ?? []) {
        expect(sql).toContain(`\`ledger_dev\`.${ref}`);
      }
    }
  });

  it("every check's DuckDB SQL is free of Spark syntax and only names parameters it is given", async () => {
    const statements = await renderAll(duckdbDialect);
    for (const { sql, params } of statements) {
      expect(sql).not.toMatch(/(^|[^:]):\w+\b(?!:)|unix_millis|timestampdiff|collect_list|date_sub\(|`/);
      for (const marker of sql.match(/\$(\w+)/g) ?? []) expect(Object.keys(params)).toContain(marker.slice(1));
    }
  });
});
