/**
 * What an operations check is and how it runs. A check renders its SQL with the engine's dialect through
 * CheckContext.query (so every statement it ran is kept for the evidence) and returns a verdict whose summary names
 * the rows that made it fail.
 */
import type { PollLine } from "../poll.ts";
import type { TargetWindow } from "./config.ts";
import type { Dialect } from "./dialect.ts";
import type { QueryParams, QueryResult, Row, SqlEngine } from "./engine.ts";
import { PipelineCheckFailedError } from "./errors.ts";

export type Verdict = "pass" | "fail" | "skip";

export interface CheckInputs {
  /** The instant the checks evaluate at (UTC ms). */
  nowMs: number;
  /** Gold verification run id; undefined skips that check. */
  runId: string | undefined;
  /** B/C target window (fail-closed precondition). */
  window: TargetWindow;
}

export interface ExecutedQuery {
  name: string;
  sql: string;
  params: QueryParams;
  columns: string[];
  rows: Row[];
  statementId?: string | undefined;
  truncated?: boolean | undefined;
  polls?: PollLine[] | undefined;
}

export interface CheckOutcome {
  verdict: Verdict;
  /** One line; on FAIL it names the offending rows, on SKIP it says why. */
  summary: string;
  /** The offending rows (empty on PASS). */
  findings: Row[];
  /** The evaluated rows as the evidence shows them (query rows plus computed columns). */
  table: Row[];
}

export interface CheckResult extends CheckOutcome {
  id: string;
  title: string;
  runbook: string;
  queries: ExecutedQuery[];
}

export interface CheckContext {
  readonly inputs: CheckInputs;
  readonly dialect: Dialect;
  query(name: string, sql: (d: Dialect) => string, params?: QueryParams): Promise<QueryResult>;
}

export interface PipelineCheck {
  /** Stable id used in evidence names and self-tests: "ledger-duplicates". */
  id: string;
  /** Test title: "Pipeline B exception_ledger has no duplicate merge keys". */
  title: string;
  /** Where the runbook asks for it: "§7 idempotency guardrails". */
  runbook: string;
  run(ctx: CheckContext): Promise<CheckOutcome>;
}

export async function runCheck(engine: SqlEngine, check: PipelineCheck, inputs: CheckInputs): Promise<CheckResult> {
  const queries: ExecutedQuery[] = [];
  const ctx: CheckContext = {
    inputs,
    dialect: engine.dialect,
    async query(name, render, params = {}) {
      const sql = render(engine.dialect);
      const result = await engine.query(sql, params);
      queries.push({ name, sql, params, ...result });
      return result;
    },
  };
  const outcome = await check.run(ctx);
  return { id: check.id, title: check.title, runbook: check.runbook, ...outcome, queries };
}

/** Throws PipelineCheckFailedError (naming the rows) when the verdict is FAIL. */
export function assertPassed(result: CheckResult): void {
  if (result.verdict === "fail") throw new PipelineCheckFailedError(result.id, result.summary, result.findings);
}

/** "(a, b, c)" for naming a row in a summary. */
export function describeRow(row: Row, columns: ReadonlyArray<string>): string {
  return `(${columns.map((c) => row[c] ?? "NULL").join(", ")})`;
}
