/**
 * The live engine through the real SDK and transport, answered by MSW from hand-described Statement Execution API
 * exchanges (shapes of @databricks/sdk-experimental 0.17 sql.StatementResponse / ResultData): PENDING → polled to
 * SUCCEEDED with a second result chunk, FAILED with the warehouse's error, a poll timeout that cancels, and a write
 * that never leaves the process.
 */
import type { Entry } from "har-format";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualClock } from "../clock.ts";
import { replayWorkspaceClient } from "../databricks/client.ts";
import { PollTimeoutError } from "../poll.ts";
import { type HarReplay, harEntry, harLog, startReplay } from "../replay/index.ts";
import { DatabricksSqlEngine } from "./databricks-sql-engine.ts";
import { PipelinesSqlError, ReadOnlyStatementError } from "./errors.ts";

const HOST = "https://adb-1234567890123456.7.azuredatabricks.net";
const ID = "01f0e7a1-4c2b-1d3e-9f00-5a6b7c8d9e0f";
const STARTED = "2026-02-12T01:00:00Z";

function exchange(method: "GET" | "POST", path: string, body: unknown, status = 200): Entry {
  return harEntry({
    started: STARTED,
    method,
    url: `${HOST}${path}`,
    status,
    mimeType: "application/json",
    text: JSON.stringify(body),
  });
}

const manifest = {
  format: "JSON_ARRAY",
  schema: {
    column_count: 2,
    columns: [
      { name: "pipeline_name", type_text: "STRING", type_name: "STRING", position: 0 },
      { name: "last_success_ms", type_text: "BIGINT", type_name: "LONG", position: 1 },
    ],
  },
  total_chunk_count: 2,
  chunks: [
    { chunk_index: 0, row_offset: 0, row_count: 2 },
    { chunk_index: 1, row_offset: 2, row_count: 1 },
  ],
  total_row_count: 3,
  truncated: false,
};

let replay: HarReplay | undefined;
afterEach(() => replay?.close());

function engine(entries: Entry[], clock = new VirtualClock(Date.parse(STARTED)), timeoutMs = 60_000) {
  replay = startReplay(harLog(entries), { source: "databricks-sql-engine.test" });
  return new DatabricksSqlEngine({
    statements: replayWorkspaceClient().statementExecution,
    warehouseId: "8f3a2b1c0d9e7f65",
    catalog: "ledger_dev",
    host: HOST,
    clock,
    timeoutMs,
    intervalMs: 5_000,
  });
}

describe("DatabricksSqlEngine", () => {
  it("polls a PENDING statement to SUCCEEDED, reads every chunk and sends :parameters", async () => {
    const e = engine([
      exchange("POST", "/api/2.0/sql/statements", { statement_id: ID, status: { state: "PENDING" } }),
      exchange("GET", `/api/2.0/sql/statements/${ID}`, { statement_id: ID, status: { state: "RUNNING" } }),
      exchange("GET", `/api/2.0/sql/statements/${ID}`, {
        statement_id: ID,
        status: { state: "SUCCEEDED" },
        manifest,
        result: {
          chunk_index: 0,
          row_offset: 0,
          row_count: 2,
          next_chunk_index: 1,
          next_chunk_internal_link: `/api/2.0/sql/statements/${ID}/result/chunks/1`,
          data_array: [
            ["pipeline_a", "1770857520000"],
            ["pipeline_b", null],
          ],
        },
      }),
      exchange("GET", `/api/2.0/sql/statements/${ID}/result/chunks/1`, {
        chunk_index: 1,
        row_offset: 2,
        row_count: 1,
        data_array: [["pipeline_c", "1770824640000"]],
      }),
    ]);
    const sql = `SELECT pipeline_name, unix_millis(last_success_ts) AS last_success_ms FROM ${e.dialect.table("gold.pipeline_state")} WHERE last_success_ts < ${e.dialect.timestampParam("now")}`;
    const result = await e.query(sql, { now: "2026-02-12T01:00:00Z", unused: "x" });
    expect(result.columns).toEqual(["pipeline_name", "last_success_ms"]);
    expect(result.rows).toEqual([
      { pipeline_name: "pipeline_a", last_success_ms: "1770857520000" },
      { pipeline_name: "pipeline_b", last_success_ms: null },
      { pipeline_name: "pipeline_c", last_success_ms: "1770824640000" },
    ]);
    expect(result.statementId).toBe(ID);
    expect(result.polls?.map((p) => p.state)).toEqual(["RUNNING", "SUCCEEDED"]);
    const sent = JSON.parse(replay?.observed[0]?.body ?? "{}") as Record<string, unknown>;
    expect(sent).toMatchObject({
      warehouse_id: "8f3a2b1c0d9e7f65",
      statement: expect.stringContaining("`ledger_dev`.gold.pipeline_state"),
      parameters: [{ name: "now", value: "2026-02-12T01:00:00Z" }],
      disposition: "INLINE",
      format: "JSON_ARRAY",
      on_wait_timeout: "CONTINUE",
    });
    replay?.assertComplete();
  });

  it("fails naming the statement, its state and the warehouse's error", async () => {
    const e = engine([
      exchange("POST", "/api/2.0/sql/statements", {
        statement_id: ID,
        status: {
          state: "FAILED",
          error: {
            error_code: "BAD_REQUEST",
            message:
              "[TABLE_OR_VIEW_NOT_FOUND] The table or view `ledger_dev`.`gold`.`pipeline_state` cannot be found.",
          },
        },
      }),
    ]);
    const attempt = e.query("SELECT 1 AS one");
    await expect(attempt).rejects.toThrow(PipelinesSqlError);
    await expect(attempt).rejects.toThrow(`statement ${ID} ended FAILED BAD_REQUEST: [TABLE_OR_VIEW_NOT_FOUND]`);
  });

  it("cancels a statement still RUNNING at its deadline and says what it last saw", async () => {
    const running = exchange("GET", `/api/2.0/sql/statements/${ID}`, {
      statement_id: ID,
      status: { state: "RUNNING" },
    });
    const e = engine(
      [
        exchange("POST", "/api/2.0/sql/statements", { statement_id: ID, status: { state: "RUNNING" } }),
        running,
        running,
        running,
        exchange("POST", `/api/2.0/sql/statements/${ID}/cancel`, {}),
      ],
      new VirtualClock(Date.parse(STARTED)),
      10_000,
    );
    const attempt = e.query("SELECT 1 AS one");
    await expect(attempt).rejects.toThrow(PollTimeoutError);
    await expect(attempt).rejects.toThrow(/last observed state: RUNNING/);
    replay?.assertComplete();
  });

  it("refuses a write before any request leaves the process", async () => {
    const e = engine([]);
    await expect(
      e.query("DELETE FROM `ledger_dev`.silver.bad_records WHERE detected_date_kst < date_sub(current_date(), 180)"),
    ).rejects.toThrow(ReadOnlyStatementError);
    expect(replay?.observed).toEqual([]);
  });
});
