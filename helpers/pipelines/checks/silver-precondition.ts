/**
 * Runbook §2 (D-035) and §6.3/§6.4 step 1: Pipelines B and C fail closed unless pipeline_silver.last_processed_end
 * covers their target window, i.e. last_processed_end ≥ the window's end (the next KST midnight, as UTC).
 */
import type { CheckOutcome, PipelineCheck } from "../check.ts";
import { isoUtc } from "../kst.ts";

export const silverPreconditionCheck: PipelineCheck = {
  id: "silver-precondition",
  title: "B/C fail-closed precondition: pipeline_silver.last_processed_end covers the target window",
  runbook: "§2 D-035, §6.3/§6.4 step 1",
  async run(ctx): Promise<CheckOutcome> {
    const { window } = ctx.inputs;
    const requiredEnd = isoUtc(window.endUtcMs) ?? "";
    const { rows } = await ctx.query(
      "pipeline_silver coverage",
      (d) => `SELECT pipeline_name, last_run_id,
  ${d.epochMillis("last_processed_end")} AS last_processed_end_ms,
  ${d.secondsBetween("last_processed_end", d.timestampParam("required_end"))} AS seconds_short,
  CASE WHEN last_processed_end >= ${d.timestampParam("required_end")} THEN 'covered' ELSE 'not covered' END AS coverage
FROM ${d.table("gold.pipeline_state")}
WHERE pipeline_name = 'pipeline_silver'`,
      { required_end: requiredEnd },
    );
    const windowText = `date_kst ${window.dateKstStart}..${window.dateKstEnd} = [${isoUtc(window.startUtcMs)}, ${requiredEnd})`;
    const row = rows[0];
    if (!row) {
      const line = {
        pipeline_name: "pipeline_silver",
        coverage: "not covered",
        detail: "no row in gold.pipeline_state",
      };
      return {
        verdict: "fail",
        summary: `pipeline_silver has no row in gold.pipeline_state; B/C would fail closed for ${windowText}`,
        findings: [line],
        table: [line],
      };
    }
    const lastEnd = row.last_processed_end_ms === null ? null : isoUtc(Number(row.last_processed_end_ms));
    const line = {
      pipeline_name: "pipeline_silver",
      last_run_id: row.last_run_id ?? null,
      last_processed_end: lastEnd,
      required_end: requiredEnd,
      seconds_short: row.seconds_short ?? null,
      coverage: row.coverage ?? "not covered",
    };
    if (line.coverage === "covered") {
      return {
        verdict: "pass",
        summary: `pipeline_silver.last_processed_end ${lastEnd} covers ${windowText}`,
        findings: [],
        table: [line],
      };
    }
    const short = row.seconds_short === null ? "last_processed_end is NULL" : `${row.seconds_short} s short`;
    return {
      verdict: "fail",
      summary: `pipeline_silver.last_processed_end ${lastEnd ?? "NULL"} does not cover ${windowText} (${short}); B/C would fail closed`,
      findings: [line],
      table: [line],
    };
  },
};
