/**
 * Self-tests of the pipelines operations checks on broken copies of the good dataset: each breakage fails exactly
 * its own check, naming the offending rows; all four together fail exactly those four checks.
 */
import { describe, expect, it } from "vitest";
import { runCheck } from "../check.ts";
import { editTable } from "../dataset-copy.ts";
import {
  BREAKAGES,
  datasetBench,
  expectNamed,
  failing,
  GOOD,
  INPUTS,
  update,
  where,
} from "../testing/broken-dataset.ts";
import { goldOutputsCheck } from "./index.ts";

const { brokenCopy, engineOn, runAll } = datasetBench();

describe("pipelines operations checks: broken datasets", { tags: ["self-test"] }, () => {
  it("the good dataset passes every check (and its two identical Pipeline A dq rows are not B duplicates)", async () => {
    const results = await runAll(GOOD);
    expect(failing(results)).toEqual([]);
    expect(results.get("gold-outputs")?.verdict).toBe("pass");
  });

  it.each(BREAKAGES.map((b) => [b.name, b] as const))(
    "%s fails exactly its check, naming the rows",
    async (_name, breakage) => {
      const results = await runAll(brokenCopy(breakage));
      expect(failing(results)).toEqual([breakage.check]);
      expectNamed(results.get(breakage.check), breakage.names);
    },
  );

  it("all four breakages together fail exactly those four checks", async () => {
    const results = await runAll(brokenCopy(...BREAKAGES));
    expect(failing(results).sort()).toEqual(BREAKAGES.map((b) => b.check).sort());
    for (const b of BREAKAGES) expectNamed(results.get(b.check), b.names);
  });

  it("a duplicated rule_id and an open non-current rule fail their governance checks, naming the rule_ids", async () => {
    const dir = brokenCopy();
    editTable(dir, "gold.dim_rule_scd2", (rows) => [
      ...update(where("rule_id", "rule_silver_bad_rate_v1"), { effective_end_ts: null })(rows),
      { ...rows.find(where("rule_id", "rule_dq_dup_rate_v1")), metric: "dup_rate_tx_id", is_current: true },
    ]);
    const results = await runAll(dir);
    expect(failing(results).sort()).toEqual(["rule-closed-has-end", "rule-id-unique"]);
    expectNamed(results.get("rule-id-unique"), ["rule_dq_dup_rate_v1 ×2"]);
    expectNamed(results.get("rule-closed-has-end"), ["(rule_silver_bad_rate_v1, silver, bad_records_rate)"]);
  });

  it("gold verification names the gold table without rows for the run, and skips without a run id", async () => {
    const dir = brokenCopy();
    editTable(dir, "gold.fact_payment_anonymized", (rows) => rows.filter((r) => r.run_id !== "e2e_20260210"));
    const engine = await engineOn(dir);
    const result = await runCheck(engine, goldOutputsCheck, { ...INPUTS, runId: "e2e_20260210" });
    expectNamed(result, ["run_id e2e_20260210 has no rows in gold.fact_payment_anonymized"]);
    expect(result.summary).not.toContain("recon_daily_snapshot_flow");
    const skipped = await runCheck(engine, goldOutputsCheck, { ...INPUTS, runId: undefined });
    expect(skipped.verdict).toBe("skip");
    expect(skipped.summary).toMatch(/^PIPELINES_RUN_ID is not set/);
  });
});
