/**
 * Runbook §5.3 Step 3: the gold outputs of a run exist — row counts for the run_id of
 * gold.recon_daily_snapshot_flow, gold.ledger_supply_balance_daily and gold.fact_payment_anonymized are > 0.
 */
import type { CheckOutcome, PipelineCheck } from "../check.ts";
import type { Row } from "../engine.ts";
import type { TableName } from "../tables.ts";
import { exceedsThreshold } from "../threshold.ts";

export const GOLD_OUTPUTS: ReadonlyArray<TableName> = [
  "gold.recon_daily_snapshot_flow",
  "gold.ledger_supply_balance_daily",
  "gold.fact_payment_anonymized",
];

export const goldOutputsCheck: PipelineCheck = {
  id: "gold-outputs",
  title: "Gold outputs of the run: recon, supply balance and payment fact row counts > 0",
  runbook: "§5.3 Step 3",
  async run(ctx): Promise<CheckOutcome> {
    const runId = ctx.inputs.runId;
    if (runId === undefined) {
      return {
        verdict: "skip",
        summary: "PIPELINES_RUN_ID is not set (set it to the run_id whose gold outputs to verify)",
        findings: [],
        table: [],
      };
    }
    const { rows } = await ctx.query(
      "gold row counts for run_id",
      (d) =>
        GOLD_OUTPUTS.map(
          (t) =>
            `SELECT '${t}' AS table_name, COUNT(*) AS row_cnt FROM ${d.table(t)} WHERE run_id = ${d.param("run_id")}`,
        ).join("\nUNION ALL\n"),
      { run_id: runId },
    );
    const table: Row[] = GOLD_OUTPUTS.map((t) => {
      const count = Number(rows.find((r) => r.table_name === t)?.row_cnt ?? 0);
      return {
        table_name: t,
        run_id: runId,
        row_cnt: String(count),
        verdict: exceedsThreshold(count, 0) ? "OK" : "EMPTY",
      };
    });
    const findings = table.filter((r) => r.verdict === "EMPTY");
    if (findings.length === 0) {
      return {
        verdict: "pass",
        summary: `run_id ${runId}: ${table.map((r) => `${r.table_name} ${r.row_cnt}`).join(", ")}`,
        findings,
        table,
      };
    }
    return {
      verdict: "fail",
      summary: `run_id ${runId} has no rows in ${findings.map((r) => r.table_name).join(", ")}`,
      findings,
      table,
    };
  },
};
