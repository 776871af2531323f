/** Dataset folders are checked before loading: missing table files, unknown columns, a missing manifest. */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "./check.ts";
import { freshnessCheck } from "./checks/index.ts";
import { DuckDbEngine } from "./duckdb-engine.ts";
import { PipelinesDatasetError } from "./errors.ts";
import { openDuckDbSetup } from "./setup.ts";
import { BREAKAGES, type Breakage, datasetBench } from "./testing/broken-dataset.ts";

const bench = datasetBench();
const { brokenCopy } = bench;

describe("dataset folders are checked before loading", { tags: ["self-test"] }, () => {
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
    bench.keep(setup.engine as DuckDbEngine);
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
