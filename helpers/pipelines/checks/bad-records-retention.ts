/**
 * Runbook §7.1 bad_records retention, dry-run: count the rows the fallback cleanup would delete
 * (detected_date_kst < date_sub(current_date(), 180)) and prove nothing was deleted — the table's row count is the
 * same before and after, and every statement went through the read-only guard (the DELETE itself is only shown).
 * "today" is the UTC date of the evaluation instant: the fallback DELETE's current_date() in a UTC session.
 */
import type { CheckOutcome, PipelineCheck } from "../check.ts";
import type { Dialect } from "../dialect.ts";
import { utcDate } from "../kst.ts";

export const RETENTION_DAYS = 180;

const cutoff = (d: Dialect) => d.dateSubDays(d.dateParam("today"), RETENTION_DAYS);

/** The runbook's fallback cleanup, rendered for the evidence. It is never executed by smokebook. */
export function fallbackDeleteSql(d: Dialect): string {
  return `DELETE FROM ${d.table("silver.bad_records")}\nWHERE detected_date_kst < ${d.dateSubDays("current_date()", RETENTION_DAYS)};`;
}

export const badRecordsRetentionCheck: PipelineCheck = {
  id: "bad-records-retention",
  title: `bad_records retention dry-run: rows older than ${RETENTION_DAYS} days counted, nothing deleted`,
  runbook: "§7.1",
  async run(ctx): Promise<CheckOutcome> {
    const params = { today: utcDate(ctx.inputs.nowMs) };
    const total = (label: string) =>
      ctx.query(label, (d) => `SELECT COUNT(*) AS total_rows FROM ${d.table("silver.bad_records")}`);
    const before = Number((await total("bad_records rows before")).rows[0]?.total_rows ?? Number.NaN);
    const cut = await ctx.query("cutoff date", (d) => `SELECT ${cutoff(d)} AS cutoff_date`, params);
    const dryRun = await ctx.query(
      "dry-run: rows the cleanup would delete",
      (d) => `SELECT COUNT(*) AS rows_to_delete, MIN(detected_date_kst) AS oldest_detected_date_kst
FROM ${d.table("silver.bad_records")}
WHERE detected_date_kst < ${cutoff(d)}`,
      params,
    );
    await ctx.query(
      "dry-run by source_table and reason",
      (
        d,
      ) => `SELECT source_table, reason, COUNT(*) AS rows_to_delete, MIN(detected_date_kst) AS oldest_detected_date_kst
FROM ${d.table("silver.bad_records")}
WHERE detected_date_kst < ${cutoff(d)}
GROUP BY source_table, reason
ORDER BY source_table, reason`,
      params,
    );
    const after = Number((await total("bad_records rows after")).rows[0]?.total_rows ?? Number.NaN);
    const toDelete = dryRun.rows[0]?.rows_to_delete ?? "0";
    const line = {
      today_utc: params.today,
      cutoff_date: cut.rows[0]?.cutoff_date ?? null,
      rows_to_delete: toDelete,
      oldest_detected_date_kst: dryRun.rows[0]?.oldest_detected_date_kst ?? null,
      total_rows_before: String(before),
      total_rows_after: String(after),
      deleted: String(before - after),
      fallback_delete_not_executed: fallbackDeleteSql(ctx.dialect).replace(/\s+/g, " "),
    };
    if (Number.isNaN(before) || before !== after) {
      return {
        verdict: "fail",
        summary: `silver.bad_records changed during the dry-run: ${before} rows before, ${after} after`,
        findings: [line],
        table: [line],
      };
    }
    return {
      verdict: "pass",
      summary: `${toDelete} row(s) older than ${RETENTION_DAYS} days (detected_date_kst < ${line.cutoff_date ?? "cutoff"}) would be deleted; nothing deleted (${before} rows before and after)`,
      findings: [],
      table: [line],
    };
  },
};
