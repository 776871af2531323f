// @module-tag databricks
/**
 * Self-tests of the pipelines operations checks on the embedded DuckDB engine: the good dataset is copied to a
 * temp dir (fixtures stay read-only) and broken there. Each breakage must fail exactly its own check, and the
 * failure must name the offending rows; all four together fail exactly those four checks. Boundaries are tested
 * too: a delay equal to its threshold is not an alert (value > threshold), a window end equal to
 * last_processed_end is covered, a bad_records row exactly 180 days old is kept.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fromRoot } from "../../helpers/paths.ts";
import { assertPassed, type CheckInputs, type CheckResult, runCheck } from "../../helpers/pipelines/check.ts";
import { badRecordsRetentionCheck } from "../../helpers/pipelines/checks/bad-records-retention.ts";
import { freshnessCheck, goldOutputsCheck, OPS_CHECKS } from "../../helpers/pipelines/checks/index.ts";
import { targetWindow } from "../../helpers/pipelines/config.ts";
import { copyDataset, type DatasetCopy, type EditableRow, editTable } from "../../helpers/pipelines/dataset-copy.ts";
import { DuckDbEngine } from "../../helpers/pipelines/duckdb-engine.ts";
import {
  PipelineCheckFailedError,
  PipelinesDatasetError,
  ReadOnlyStatementError,
} from "../../helpers/pipelines/errors.ts";
import { openDuckDbSetup } from "../../helpers/pipelines/setup.ts";

const GOOD = fromRoot("fixtures/pipelines/good");
const NOW = Date.parse("2026-02-12T01:00:00Z");
const INPUTS: CheckInputs = { nowMs: NOW, runId: "e2e_20260211", window: targetWindow(NOW) };

const opened: Array<DuckDbEngine | DatasetCopy> = [];
afterEach(async () => {
  for (const thing of opened.splice(0)) {
    if (thing instanceof DuckDbEngine) await thing.close();
    else thing.remove();
  }
});

function brokenCopy(...breakages: Breakage[]): string {
  const copy = copyDataset(GOOD);
  opened.push(copy);
  for (const b of breakages) b.apply(copy.dir);
  return copy.dir;
}

async function engineOn(dir: string): Promise<DuckDbEngine> {
  const engine = await DuckDbEngine.open(dir);
  opened.push(engine);
  return engine;
}

async function runAll(dir: string, inputs = INPUTS): Promise<Map<string, CheckResult>> {
  const engine = await engineOn(dir);
  const results = new Map<string, CheckResult>();
  for (const check of OPS_CHECKS) results.set(check.id, await runCheck(engine, check, inputs));
  return results;
}

const failing = (results: Map<string, CheckResult>) =>
  [...results.values()].filter((r) => r.verdict === "fail").map((r) => r.id);

const where = (column: string, value: string) => (row: EditableRow) => row[column] === value;
const update = (match: (r: EditableRow) => boolean, patch: EditableRow) => (rows: EditableRow[]) =>
  rows.map((r) => (match(r) ? { ...r, ...patch } : r));

interface Breakage {
  name: string;
  check: string;
  apply(dir: string): void;
  /** What the failure message must name. */
  names: ReadonlyArray<string | RegExp>;
}

const BREAKAGES: ReadonlyArray<Breakage> = [
  {
    name: "a duplicated Pipeline B exception_ledger row",
    check: "ledger-duplicates",
    apply: (dir) =>
      editTable(dir, "gold.exception_ledger", (rows) => {
        const row = rows.find((r) => r.run_id === "e2e_20260211" && String(r.message).includes("u-1042"));
        return row ? [...rows, { ...row, generated_at: "2026-02-11T15:41:02Z" }] : rows;
      }),
    names: [
      '(2026-02-11, ledger, RECON_DRIFT_HIGH, e2e_20260211, drift_abs, {"user_id": "u-1042", "drift_abs": "1500.00"}) ×2',
    ],
  },
  {
    name: "two current rules for ledger + drift_abs",
    check: "rule-one-current",
    apply: (dir) =>
      editTable(dir, "gold.dim_rule_scd2", update(where("rule_id", "rule_recon_drift_abs_v1"), { is_current: true })),
    names: ["(ledger, drift_abs) has 2 current: rule_recon_drift_abs_v1,rule_recon_drift_abs_v2"],
  },
  {
    name: "a stale pipeline_a in pipeline_state (20 min 1 s)",
    check: "freshness",
    apply: (dir) =>
      editTable(
        dir,
        "gold.pipeline_state",
        update(where("pipeline_name", "pipeline_a"), { last_success_ts: "2026-02-12T00:39:59Z" }),
      ),
    names: ["pipeline_a (last_success_ts 2026-02-12T00:39:59Z, 1201 s since last success > 1200 s)"],
  },
  {
    name: "an uncovered B/C target window (silver a day behind)",
    check: "silver-precondition",
    apply: (dir) =>
      editTable(
        dir,
        "gold.pipeline_state",
        update(where("pipeline_name", "pipeline_silver"), { last_processed_end: "2026-02-10T15:00:00Z" }),
      ),
    names: [
      "pipeline_silver.last_processed_end 2026-02-10T15:00:00Z does not cover date_kst 2026-02-11..2026-02-11",
      "(86400 s short)",
    ],
  },
];

function expectNamed(result: CheckResult | undefined, names: ReadonlyArray<string | RegExp>): void {
  expect(result?.verdict).toBe("fail");
  for (const name of names) {
    if (typeof name === "string") expect(result?.summary).toContain(name);
    else expect(result?.summary).toMatch(name);
  }
  expect(() => assertPassed(result as CheckResult)).toThrow(PipelineCheckFailedError);
}

describe("pipelines operations checks: broken datasets", { tags: ["self-test", "databricks"] }, () => {
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

describe("pipelines operations checks: thresholds compare value > threshold", {
  tags: ["self-test", "databricks"],
}, () => {
  it("pipeline_a exactly 20 min after its last success is fresh; one second later it is stale", async () => {
    const engine = await engineOn(GOOD);
    const lastA = Date.parse("2026-02-12T00:52:00Z");
    const at = async (nowMs: number) => runCheck(engine, freshnessCheck, { ...INPUTS, nowMs });
    const boundary = await at(lastA + 20 * 60_000);
    expect(boundary.table.find((r) => r.pipeline_name === "pipeline_a")).toMatchObject({
      delay_s: "1200",
      verdict: "FRESH",
    });
    expect(boundary.verdict).toBe("pass");
    const after = await at(lastA + 20 * 60_000 + 1000);
    expectNamed(after, ["pipeline_a (last_success_ts 2026-02-12T00:52:00Z, 1201 s since last success > 1200 s)"]);
  });

  it("Silver/B/C exactly 30 min after the missed schedule are fresh; one second later they are stale", async () => {
    const engine = await engineOn(GOOD);
    // Next due runs after the dataset's last successes: Silver 2026-02-12T15:00Z, B 15:20Z, C 15:35Z (00:00/00:20/00:35 KST).
    const silverBoundary = await runCheck(engine, freshnessCheck, {
      ...INPUTS,
      nowMs: Date.parse("2026-02-12T15:30:00Z"),
    });
    expect(silverBoundary.table.find((r) => r.pipeline_name === "pipeline_silver")).toMatchObject({
      delay_s: "1800",
      verdict: "FRESH",
    });
    const silverLate = await runCheck(engine, freshnessCheck, { ...INPUTS, nowMs: Date.parse("2026-02-12T15:30:01Z") });
    expect(silverLate.summary).toContain(
      "pipeline_silver (last_success_ts 2026-02-11T15:12:00Z, 1801 s since the 2026-02-12T15:00:00Z run was due > 1800 s)",
    );
    expect(silverLate.summary).not.toContain("pipeline_b (");
    const cLate = await runCheck(engine, freshnessCheck, { ...INPUTS, nowMs: Date.parse("2026-02-12T16:05:01Z") });
    expect(cLate.table.find((r) => r.pipeline_name === "pipeline_c")).toMatchObject({
      delay_s: "1801",
      verdict: "STALE",
    });
  });
});

describe("bad_records retention dry-run deletes nothing", { tags: ["self-test", "databricks"] }, () => {
  const digest = (dir: string) =>
    readdirSync(dir)
      .sort()
      .map(
        (f) =>
          `${f}:${createHash("sha256")
            .update(readFileSync(join(dir, f)))
            .digest("hex")}`,
      )
      .join("\n");

  it("counts rows older than 180 days (not the one exactly 180 days old) and leaves table and files untouched", async () => {
    const before = digest(GOOD);
    const engine = await engineOn(GOOD);
    const result = await runCheck(engine, badRecordsRetentionCheck, INPUTS);
    expect(result.verdict).toBe("pass");
    expect(result.table[0]).toMatchObject({
      cutoff_date: "2025-08-16",
      rows_to_delete: "3",
      total_rows_before: "7",
      total_rows_after: "7",
      deleted: "0",
    });
    expect(result.queries.every((q) => /^SELECT/.test(q.sql))).toBe(true);
    expect(digest(GOOD)).toBe(before);
  });

  it("the runbook's fallback DELETE is refused by the guard, and the database underneath is read-only anyway", async () => {
    const engine = await engineOn(GOOD);
    const del = `DELETE FROM silver.bad_records WHERE detected_date_kst < ${engine.dialect.dateSubDays("current_date", 180)}`;
    await expect(engine.query(del)).rejects.toThrow(ReadOnlyStatementError);
    await expect(engine.unguardedForSelfTest(del)).rejects.toThrow(/read-only/);
    const count = await engine.query("SELECT COUNT(*) AS n FROM silver.bad_records");
    expect(count.rows[0]?.n).toBe("7");
  });
});

describe("dataset folders are checked before loading", { tags: ["self-test", "databricks"] }, () => {
  it("names a missing table file, an unknown column and a missing manifest", async () => {
    const missing = brokenCopy();
    rmSync(join(missing, "gold.dim_rule_scd2.json"));
    await expect(DuckDbEngine.open(missing)).rejects.toThrow(
      /no file for table gold\.dim_rule_scd2 \(expected gold\.dim_rule_scd2\.csv or gold\.dim_rule_scd2\.json\)/,
    );

    const extra = brokenCopy();
    const file = join(extra, "gold.pipeline_state.csv");
    writeFileSync(file, readFileSync(file, "utf8").replace("pipeline_name,", "pipeline,"));
    await expect(DuckDbEngine.open(extra)).rejects.toThrow(PipelinesDatasetError);
    await expect(DuckDbEngine.open(extra)).rejects.toThrow(
      /missing column\(s\) pipeline_name; unknown column\(s\) pipeline for gold\.pipeline_state/,
    );

    const noManifest = brokenCopy();
    rmSync(join(noManifest, "manifest.json"));
    await expect(openDuckDbSetup({ PIPELINES_DATASET_DIR: noManifest })).rejects.toThrow(/manifest\.json is missing/);
  });

  it("PIPELINES_DATASET_DIR and PIPELINES_NOW choose the dataset and the instant", async () => {
    const dir = brokenCopy(BREAKAGES[2] as Breakage);
    const setup = await openDuckDbSetup({ PIPELINES_DATASET_DIR: dir, PIPELINES_NOW: "2026-02-12T00:59:59Z" });
    opened.push(setup.engine as DuckDbEngine);
    expect(setup.context).toMatchObject({
      evaluated_at_utc: "2026-02-12T00:59:59Z",
      evaluated_at_source: "PIPELINES_NOW",
      engine_kind: "duckdb",
    });
    const result = await runCheck(setup.engine, freshnessCheck, setup.inputs);
    expect(result.table.find((r) => r.pipeline_name === "pipeline_a")).toMatchObject({
      delay_s: "1200",
      verdict: "FRESH",
    });
  });
});
