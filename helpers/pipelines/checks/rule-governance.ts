/**
 * Runbook §7.2 dim_rule_scd2 governance, one check per rule so a broken table fails exactly the rule it breaks:
 * rule_id is unique; each domain + metric has exactly one is_current rule (the runbook's count_if query); a rule
 * that is not current has its effective_end_ts closed.
 */
import { type CheckOutcome, describeRow, type PipelineCheck } from "../check.ts";

export const ruleIdUniqueCheck: PipelineCheck = {
  id: "rule-id-unique",
  title: "dim_rule_scd2: rule_id is unique",
  runbook: "§7.2 버전/유효기간 규칙 1",
  async run(ctx): Promise<CheckOutcome> {
    const { rows } = await ctx.query(
      "duplicate rule_id",
      (d) => `SELECT rule_id, COUNT(*) AS row_cnt
FROM ${d.table("gold.dim_rule_scd2")}
GROUP BY rule_id
HAVING COUNT(*) > 1
ORDER BY rule_id`,
    );
    if (rows.length === 0) return { verdict: "pass", summary: "every rule_id appears once", findings: [], table: [] };
    const named = rows.map((r) => `${r.rule_id ?? "NULL"} ×${r.row_cnt}`).join(", ");
    return { verdict: "fail", summary: `rule_id not unique: ${named}`, findings: rows, table: rows };
  },
};

export const ruleOneCurrentCheck: PipelineCheck = {
  id: "rule-one-current",
  title: "dim_rule_scd2: exactly one is_current rule per domain + metric",
  runbook: "§7.2 버전/유효기간 규칙 2, 적용 절차 4",
  async run(ctx): Promise<CheckOutcome> {
    const { rows } = await ctx.query(
      "current rules per domain + metric",
      (d) => `SELECT domain, metric, ${d.countIf("is_current")} AS current_cnt,
  ${d.sortedList("CASE WHEN is_current THEN rule_id END")} AS current_rule_ids
FROM ${d.table("gold.dim_rule_scd2")}
GROUP BY domain, metric
ORDER BY domain, metric`,
    );
    const findings = rows.filter((r) => Number(r.current_cnt) !== 1);
    if (findings.length === 0) {
      return {
        verdict: "pass",
        summary: `${rows.length} domain + metric pairs, each with one current rule`,
        findings,
        table: rows,
      };
    }
    const named = findings
      .map(
        (r) => `${describeRow(r, ["domain", "metric"])} has ${r.current_cnt} current: ${r.current_rule_ids || "none"}`,
      )
      .join("; ");
    return { verdict: "fail", summary: `not exactly one current rule: ${named}`, findings, table: rows };
  },
};

export const ruleClosedHasEndCheck: PipelineCheck = {
  id: "rule-closed-has-end",
  title: "dim_rule_scd2: rules that are not current have effective_end_ts",
  runbook: "§7.2 버전/유효기간 규칙 3",
  async run(ctx): Promise<CheckOutcome> {
    const { rows } = await ctx.query(
      "non-current rules without effective_end_ts",
      (d) => `SELECT rule_id, domain, metric
FROM ${d.table("gold.dim_rule_scd2")}
WHERE NOT COALESCE(is_current, false) AND effective_end_ts IS NULL
ORDER BY rule_id`,
    );
    if (rows.length === 0) {
      return { verdict: "pass", summary: "every non-current rule has effective_end_ts", findings: [], table: [] };
    }
    const named = rows.map((r) => describeRow(r, ["rule_id", "domain", "metric"])).join(", ");
    return {
      verdict: "fail",
      summary: `non-current rule(s) without effective_end_ts: ${named}`,
      findings: rows,
      table: rows,
    };
  },
};
