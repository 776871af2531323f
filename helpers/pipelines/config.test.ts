import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { fromRoot } from "../paths.ts";
import { readPipelinesConfig } from "./config.ts";

describe("readPipelinesConfig", () => {
  it("defaults: no catalog, environment unset, dataset fixtures/pipelines/good", () => {
    expect(readPipelinesConfig({})).toMatchObject({
      catalog: undefined,
      environment: "(unset)",
      nowOverrideMs: undefined,
      runId: undefined,
      datasetDir: fromRoot("fixtures/pipelines/good"),
    });
  });

  it("reads every variable", () => {
    const config = readPipelinesConfig({
      PIPELINES_CATALOG: "ledger_prod",
      PIPELINES_ENV: "prod",
      PIPELINES_NOW: "2026-02-12T01:00:00Z",
      PIPELINES_RUN_ID: "rerun_b_20260211",
      PIPELINES_DATE_KST_END: "2026-02-01",
      PIPELINES_DATASET_DIR: "/tmp/other-dataset",
      PIPELINES_TRIAGE_RUN_ID: "512094877310245",
      DATABRICKS_WAREHOUSE_ID: "8f3a2b1c0d9e7f65",
    });
    expect(config).toMatchObject({
      catalog: "ledger_prod",
      environment: "prod",
      nowOverrideMs: Date.parse("2026-02-12T01:00:00Z"),
      dateKstStart: "2026-02-01",
      dateKstEnd: "2026-02-01",
      datasetDir: "/tmp/other-dataset",
      triageRunId: 512094877310245,
      warehouseId: "8f3a2b1c0d9e7f65",
    });
  });

  it.each([
    ["PIPELINES_ENV", "staging", /PIPELINES_ENV="staging" is not allowed: expected dev or prod/],
    [
      "PIPELINES_NOW",
      "2026-02-12 01:00",
      /PIPELINES_NOW="2026-02-12 01:00" is not allowed: expected an ISO-8601 UTC instant/,
    ],
    ["PIPELINES_NOW", "2026-02-12T01:00:00+09:00", /PIPELINES_NOW=/],
    ["PIPELINES_TRIAGE_RUN_ID", "run-42", /PIPELINES_TRIAGE_RUN_ID="run-42"/],
    ["PIPELINES_DATE_KST_START", "2026-02-30", /PIPELINES_DATE_KST_START="2026-02-30"/],
  ])("%s=%j is an error naming the variable", (name, value, message) => {
    expect(() => readPipelinesConfig({ [name]: value })).toThrow(EnvValueError);
    expect(() => readPipelinesConfig({ [name]: value })).toThrow(message);
  });

  it("a start after the end is an error", () => {
    expect(() =>
      readPipelinesConfig({ PIPELINES_DATE_KST_START: "2026-02-03", PIPELINES_DATE_KST_END: "2026-02-01" }),
    ).toThrow(
      /PIPELINES_DATE_KST_START="2026-02-03" is not allowed: expected a date not after PIPELINES_DATE_KST_END=2026-02-01/,
    );
  });
});
