/**
 * Runbook §6.3 / §7: Pipeline B merges gold.exception_ledger on (date_kst, domain, exception_type, run_id, metric,
 * message), so a rerun with the same run_id converges and no merge key appears twice. The SQL is the runbook's
 * "exception_ledger 중복 점검 SQL", scoped to leave out domain 'dq': Pipeline A appends its dq exceptions, and the
 * runbook (§6.1, §7) says a repeated A window may legitimately repeat them — they are not B idempotency failures.
 */
import { type CheckOutcome, describeRow, type PipelineCheck } from "../check.ts";

export const MERGE_KEY = ["date_kst", "domain", "exception_type", "run_id", "metric", "message"] as const;

export const ledgerDuplicatesCheck: PipelineCheck = {
  id: "ledger-duplicates",
  title: "Pipeline B exception_ledger has no duplicate merge keys",
  runbook: "§6.3, §7 idempotency guardrails",
  async run(ctx): Promise<CheckOutcome> {
    const key = MERGE_KEY.join(", ");
    const { rows } = await ctx.query(
      "exception_ledger duplicate merge keys",
      (d) => `SELECT
  ${key}, COUNT(*) AS dup_cnt
FROM ${d.table("gold.exception_ledger")}
WHERE domain IS NULL OR domain <> 'dq'
GROUP BY ${key}
HAVING COUNT(*) > 1
ORDER BY ${key}`,
    );
    if (rows.length === 0) {
      return {
        verdict: "pass",
        summary: "no merge key appears more than once outside domain dq",
        findings: [],
        table: [],
      };
    }
    const named = rows.map((r) => `${describeRow(r, MERGE_KEY)} ×${r.dup_cnt}`).join("; ");
    return {
      verdict: "fail",
      summary: `${rows.length} merge key(s) of gold.exception_ledger appear more than once: ${named}`,
      findings: rows,
      table: rows,
    };
  },
};
