/**
 * The runbook's minimum evidence (§9) for the operations checks: who ran them when, against which workspace,
 * catalog, environment and engine, for which window or run id — then, per check, every query with its result and
 * the verdict. Everything goes through helpers/evidence/record.ts (redacted, into evidence.jsonl and report.md).
 */
import type { TestContext } from "vitest";
import { markdownTable } from "../evidence/markdown-table.ts";
import { recordIds, recordJson, recordPoll, recordSection } from "../evidence/record.ts";
import type { CheckResult } from "./check.ts";

type Annotator = Pick<TestContext, "annotate">;

/** §9 items 1–3 (UTC, operator; host, catalog, environment; run mode, window, run id) plus the engine. */
export interface RunContextEvidence {
  utc: string;
  operator: string;
  operator_source: string;
  workspace_host: string;
  catalog: string;
  environment: string;
  engine: string;
  engine_kind: string;
  /** The instant the checks evaluate at, and where it came from. */
  evaluated_at_utc: string;
  evaluated_at_source: "PIPELINES_NOW" | "dataset manifest" | "clock";
  run_mode: string;
  date_kst_start: string;
  date_kst_end: string;
  window_start_utc: string;
  window_end_utc: string;
  run_id: string;
}

export { markdownTable };

export async function recordRunContext(ctx: Annotator, context: RunContextEvidence): Promise<void> {
  await recordIds(ctx, { engine: context.engine_kind, catalog: context.catalog, run_id: context.run_id });
  await recordJson(ctx, "pipelines-run-context", context);
  const rows = Object.entries(context).map(([field, value]) => ({ field, value: String(value) }));
  await recordSection(ctx, `Pipelines ops checks — context (${context.engine_kind})`, markdownTable(rows));
}

export async function recordCheckResult(ctx: Annotator, result: CheckResult, engine: string): Promise<void> {
  await recordIds(ctx, { check: result.id, verdict: result.verdict.toUpperCase(), engine });
  await recordJson(ctx, `pipelines-check:${result.id}`, {
    check: result.id,
    runbook: result.runbook,
    engine,
    verdict: result.verdict,
    summary: result.summary,
    findings: result.findings,
    queries: result.queries.map((q) => ({
      name: q.name,
      sql: q.sql,
      params: q.params,
      statement_id: q.statementId,
      truncated: q.truncated,
      rows: q.rows,
    })),
  });
  for (const q of result.queries) for (const line of q.polls ?? []) await recordPoll(ctx, line);
  const parts = [
    `**${result.verdict.toUpperCase()}** — ${result.summary}`,
    "",
    `Runbook ${result.runbook}; engine ${engine}.`,
  ];
  if (result.table.length > 0) parts.push("", markdownTable(result.table));
  for (const q of result.queries) {
    const params = Object.keys(q.params).length > 0 ? ` — params ${JSON.stringify(q.params)}` : "";
    const id = q.statementId ? ` — statement ${q.statementId}` : "";
    parts.push("", `_${q.name}_${params}${id}`, "", "```sql", q.sql, "```", "", markdownTable(q.rows, q.columns));
  }
  await recordSection(ctx, `${result.title} [${engine}]`, parts.join("\n"));
}
