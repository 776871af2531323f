/**
 * The live engine: Databricks SQL Statement Execution API (POST /api/2.0/sql/statements) through the SDK.
 * A statement is submitted with a short wait (INLINE, JSON_ARRAY); if it is still PENDING/RUNNING the shared
 * deadline poller (helpers/poll.ts) follows it with getStatement until SUCCEEDED, FAILED, CANCELED or CLOSED, and
 * a statement still running at the deadline is cancelled. Every call goes through callDatabricks (Transient
 * failures retried on the clock, Permanent ones thrown at once). Parameters travel as named `:markers`.
 */
import type { sql as dbsql } from "@databricks/sdk-experimental";
import { type Clock, systemClock } from "../clock.ts";
import { callDatabricks } from "../databricks/api-call.ts";
import { type PollLine, pollUntil } from "../poll.ts";
import { type Dialect, sparkDialect } from "./dialect.ts";
import { asCell, type QueryParams, type QueryResult, type Row, type SqlEngine } from "./engine.ts";
import { PipelinesSqlError } from "./errors.ts";
import { assertReadOnly } from "./read-only.ts";

export type StatementService = Pick<
  dbsql.StatementExecutionService,
  "executeStatement" | "getStatement" | "getStatementResultChunkN" | "cancelExecution"
>;

export interface DatabricksSqlEngineOptions {
  statements: StatementService;
  warehouseId: string;
  catalog: string;
  /** Workspace host, for the label and the evidence. */
  host: string;
  clock?: Clock;
  /** Budget per statement, submit to last chunk (default 300 s). */
  timeoutMs?: number;
  /** Poll interval for getStatement (default 2 s). */
  intervalMs?: number;
  /** Rows kept per statement (default 10 000; manifest.truncated says when more existed). */
  rowLimit?: number;
  onPoll?: (line: PollLine) => void;
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED", "CANCELED", "CLOSED"]);

function stateOf(response: dbsql.StatementResponse): string {
  return response.status?.state ?? "(no status.state)";
}

function usedParams(statement: string, params: QueryParams): dbsql.StatementParameterListItem[] {
  return Object.entries(params)
    .filter(([name]) => new RegExp(`:${name}\\b`).test(statement))
    .map(([name, value]) => ({ name, value }));
}

function columnNames(response: dbsql.StatementResponse): string[] {
  const columns = [...(response.manifest?.schema?.columns ?? [])];
  columns.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  return columns.map((c, i) => c.name ?? `col${i}`);
}

export class DatabricksSqlEngine implements SqlEngine {
  readonly kind = "databricks-sql" as const;
  readonly dialect: Dialect;
  readonly label: string;
  readonly #o: Required<Omit<DatabricksSqlEngineOptions, "onPoll">> & Pick<DatabricksSqlEngineOptions, "onPoll">;

  constructor(options: DatabricksSqlEngineOptions) {
    this.dialect = sparkDialect(options.catalog);
    this.label = `databricks-sql warehouse ${options.warehouseId} on ${options.host}, catalog ${options.catalog}`;
    this.#o = {
      clock: systemClock,
      timeoutMs: 300_000,
      intervalMs: 2_000,
      rowLimit: 10_000,
      ...options,
    };
  }

  async query(statement: string, params: QueryParams = {}): Promise<QueryResult> {
    assertReadOnly(statement);
    const { statements, clock } = this.#o;
    const deadline = clock.now() + this.#o.timeoutMs;
    const call = { clock, deadline };
    let response = await callDatabricks(
      "sql/statements execute",
      () =>
        statements.executeStatement({
          warehouse_id: this.#o.warehouseId,
          statement,
          parameters: usedParams(statement, params),
          disposition: "INLINE",
          format: "JSON_ARRAY",
          wait_timeout: "10s",
          on_wait_timeout: "CONTINUE",
          row_limit: this.#o.rowLimit,
        }),
      call,
    );
    const id = response.statement_id;
    if (!id) throw new PipelinesSqlError(this.kind, "executeStatement returned no statement_id");
    const polls: PollLine[] = [];
    if (!TERMINAL.has(stateOf(response))) {
      try {
        const result = await pollUntil({
          condition: `SQL statement ${id} reaches SUCCEEDED, FAILED, CANCELED or CLOSED`,
          probe: () => statements.getStatement({ statement_id: id }),
          done: (r) => TERMINAL.has(stateOf(r)),
          describe: stateOf,
          intervalMs: this.#o.intervalMs,
          timeoutMs: Math.max(0, deadline - clock.now()),
          clock,
          onPoll: (line) => {
            polls.push(line);
            this.#o.onPoll?.(line);
          },
        });
        response = result.value;
      } catch (error) {
        await statements.cancelExecution({ statement_id: id }).catch(() => undefined);
        throw error;
      }
    }
    const state = stateOf(response);
    if (state !== "SUCCEEDED") {
      const error = response.status?.error;
      throw new PipelinesSqlError(
        this.kind,
        `statement ${id} ended ${state}${error?.error_code ? ` ${error.error_code}` : ""}: ${error?.message ?? "(no message)"}`,
        { statementId: id, state, ...(error?.error_code ? { errorCode: error.error_code } : {}) },
      );
    }
    const columns = columnNames(response);
    const data: string[][] = [...(response.result?.data_array ?? [])];
    let next = response.result?.next_chunk_index;
    while (next !== undefined) {
      const chunkIndex = next;
      const chunk = await callDatabricks(
        `sql/statements ${id} result chunk ${chunkIndex}`,
        () => statements.getStatementResultChunkN({ statement_id: id, chunk_index: chunkIndex }),
        call,
      );
      data.push(...(chunk.data_array ?? []));
      next = chunk.next_chunk_index;
    }
    const rows: Row[] = data.map((values) => Object.fromEntries(columns.map((c, i) => [c, asCell(values[i])])));
    return { columns, rows, statementId: id, truncated: response.manifest?.truncated === true, polls };
  }

  async close(): Promise<void> {
    // Statements are finished or cancelled by query(); the SDK client holds no session to close.
  }
}
