/**
 * Runbook §4 "Recent Success Delay" against the §2 schedule table: A's last success at most 20 min old; Silver, B
 * and C succeeded for their latest daily KST run, or that run is at most 30 min past. Evaluated at inputs.nowMs.
 */
import type { CheckOutcome, PipelineCheck } from "../check.ts";
import type { Row } from "../engine.ts";
import { isoUtc } from "../kst.ts";
import { evaluateFreshness, SCHEDULES } from "../schedule.ts";

function millis(value: string | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export const freshnessCheck: PipelineCheck = {
  id: "freshness",
  title: "A/Silver/B/C last success is within the schedule (A 20 min; Silver/B/C schedule + 30 min)",
  runbook: "§2 schedule table, §4 Recent Success Delay",
  async run(ctx): Promise<CheckOutcome> {
    const names = SCHEDULES.map((s) => `'${s.pipeline}'`).join(", ");
    const { rows } = await ctx.query(
      "pipeline_state last success",
      (d) => `SELECT pipeline_name, last_run_id,
  ${d.epochMillis("last_success_ts")} AS last_success_ms,
  ${d.epochMillis("updated_at")} AS updated_ms
FROM ${d.table("gold.pipeline_state")}
WHERE pipeline_name IN (${names})
ORDER BY pipeline_name`,
    );
    const now = ctx.inputs.nowMs;
    const table: Row[] = [];
    const findings: Row[] = [];
    const reasons: string[] = [];
    for (const schedule of SCHEDULES) {
      const row = rows.find((r) => r.pipeline_name === schedule.pipeline);
      const lastSuccess = millis(row?.last_success_ms);
      const base: Row = {
        pipeline_name: schedule.pipeline,
        schedule_kst: schedule.quartzCron,
        last_success_ts: isoUtc(lastSuccess),
        last_run_id: row?.last_run_id ?? null,
      };
      if (!row || lastSuccess === null) {
        const problem = row ? "last_success_ts is NULL" : "no row in gold.pipeline_state";
        const line = { ...base, verdict: "STALE", detail: problem };
        table.push(line);
        findings.push(line);
        reasons.push(`${schedule.pipeline}: ${problem}`);
        continue;
      }
      const v = evaluateFreshness(schedule, lastSuccess, now);
      const line: Row = {
        ...base,
        due_ts: v.dueMs === undefined ? null : isoUtc(v.dueMs),
        delay_s: String(Math.round(v.delaySeconds * 1000) / 1000),
        threshold_s: String(v.thresholdSeconds),
        rule: v.rule,
        verdict: v.stale ? "STALE" : "FRESH",
      };
      table.push(line);
      if (v.stale) {
        findings.push(line);
        const since = v.dueMs === undefined ? "since last success" : `since the ${isoUtc(v.dueMs)} run was due`;
        reasons.push(
          `${schedule.pipeline} (last_success_ts ${base.last_success_ts}, ${line.delay_s} s ${since} > ${v.thresholdSeconds} s)`,
        );
      }
    }
    const at = isoUtc(now);
    return findings.length > 0
      ? { verdict: "fail", summary: `stale at ${at}: ${reasons.join("; ")}`, findings, table }
      : { verdict: "pass", summary: `A, Silver, B and C are fresh at ${at}`, findings, table };
  },
};
