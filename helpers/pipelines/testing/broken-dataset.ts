/**
 * Test plumbing for the pipelines checks' self-tests: the good dataset (fixtures/pipelines/good) copied to a temp dir
 * and broken there (fixtures stay read-only), engines opened on it and closed after each test, and the breakages
 * each of which must fail exactly its own check, naming the offending rows.
 */
import { afterEach, expect } from "vitest";
import { fromRoot } from "../../paths.ts";
import { assertPassed, type CheckInputs, type CheckResult, runCheck } from "../check.ts";
import { OPS_CHECKS } from "../checks/index.ts";
import { targetWindow } from "../config.ts";
import { copyDataset, type DatasetCopy, type EditableRow, editTable } from "../dataset-copy.ts";
import { DuckDbEngine } from "../duckdb-engine.ts";
import { PipelineCheckFailedError } from "../errors.ts";

export const GOOD = fromRoot("fixtures/pipelines/good");
export const NOW = Date.parse("2026-02-12T01:00:00Z");
export const INPUTS: CheckInputs = { nowMs: NOW, runId: "e2e_20260211", window: targetWindow(NOW) };

export interface DatasetBench {
  /** A temp copy of the good dataset with the breakages applied; removed after the test. */
  brokenCopy(...breakages: Breakage[]): string;
  /** An embedded DuckDB on `dir`, closed after the test. */
  engineOn(dir: string): Promise<DuckDbEngine>;
  /** Every operations check on `dir`, by check id. */
  runAll(dir: string, inputs?: CheckInputs): Promise<Map<string, CheckResult>>;
  /** Keeps an engine opened elsewhere (openDuckDbSetup) to close after the test. */
  keep(engine: DuckDbEngine): void;
}

/** Registers afterEach cleanup in the calling file and returns the bench. */
export function datasetBench(): DatasetBench {
  const opened: Array<DuckDbEngine | DatasetCopy> = [];
  afterEach(async () => {
    for (const thing of opened.splice(0)) {
      if (thing instanceof DuckDbEngine) await thing.close();
      else thing.remove();
    }
  });
  const engineOn = async (dir: string) => {
    const engine = await DuckDbEngine.open(dir);
    opened.push(engine);
    return engine;
  };
  return {
    brokenCopy: (...breakages) => {
      const copy = copyDataset(GOOD);
      opened.push(copy);
      for (const b of breakages) b.apply(copy.dir);
      return copy.dir;
    },
    engineOn,
    runAll: async (dir, inputs = INPUTS) => {
      const engine = await engineOn(dir);
      const results = new Map<string, CheckResult>();
      for (const check of OPS_CHECKS) results.set(check.id, await runCheck(engine, check, inputs));
      return results;
    },
    keep: (engine) => {
      opened.push(engine);
    },
  };
}

export const failing = (results: Map<string, CheckResult>) =>
  [...results.values()].filter((r) => r.verdict === "fail").map((r) => r.id);

export const where = (column: string, value: string) => (row: EditableRow) => row[column] === value;
export const update = (match: (r: EditableRow) => boolean, patch: EditableRow) => (rows: EditableRow[]) =>
  rows.map((r) => (match(r) ? { ...r, ...patch } : r));

export interface Breakage {
  name: string;
  check: string;
  apply(dir: string): void;
  /** What the failure message must name. */
  names: ReadonlyArray<string | RegExp>;
}

export const BREAKAGES: ReadonlyArray<Breakage> = [
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

/** The check failed, its summary names every expected row, and assertPassed throws. */
export function expectNamed(result: CheckResult | undefined, names: ReadonlyArray<string | RegExp>): void {
  expect(result?.verdict).toBe("fail");
  for (const name of names) {
    if (typeof name === "string") expect(result?.summary).toContain(name);
    else expect(result?.summary).toMatch(name);
  }
  expect(() => assertPassed(result as CheckResult)).toThrow(PipelineCheckFailedError);
}
