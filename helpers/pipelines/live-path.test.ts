/**
 * The live code paths (client from the environment, real sockets, Authorization header) against a fake workspace
 * on 127.0.0.1 that answers from recordings: the Databricks SQL setup running a check, and a live run triage.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineSmoke } from "../define-smoke/define-smoke.ts";
import { fromRoot } from "../paths.ts";
import { harEntry, harLog, type LoopbackServer, loadHar, ReplayLedger, serveLedger } from "../replay/index.ts";
import { runCheck } from "./check.ts";
import { freshnessCheck } from "./checks/index.ts";
import { openDatabricksSqlSetup } from "./setup.ts";
import { registerTriage } from "./triage/triage-suite.ts";

const TOKEN = "dapi-fake-loopback-0000";

function statement(rows: Array<[string, string, string, string]>) {
  const columns = ["pipeline_name", "last_run_id", "last_success_ms", "updated_ms"].map((name, position) => ({
    name,
    position,
    type_name: position < 2 ? "STRING" : "LONG",
    type_text: position < 2 ? "STRING" : "BIGINT",
  }));
  return harEntry({
    started: "2026-02-12T01:00:00Z",
    method: "POST",
    url: "https://adb-1234567890123456.7.azuredatabricks.net/api/2.0/sql/statements",
    status: 200,
    mimeType: "application/json",
    text: JSON.stringify({
      statement_id: "01f0e7a1-0000-1111-2222-333344445555",
      status: { state: "SUCCEEDED" },
      manifest: {
        format: "JSON_ARRAY",
        schema: { column_count: 4, columns },
        total_chunk_count: 1,
        total_row_count: rows.length,
        truncated: false,
      },
      result: { chunk_index: 0, row_offset: 0, row_count: rows.length, data_array: rows },
    }),
  });
}

describe("Databricks SQL setup from the environment", () => {
  it("reads host, warehouse and catalog from env, sends the token, and evaluates at PIPELINES_NOW", async () => {
    const ledger = new ReplayLedger(
      harLog([
        statement([
          ["pipeline_a", "a1", String(Date.parse("2026-02-12T00:52:00Z")), "0"],
          ["pipeline_b", "b1", String(Date.parse("2026-02-11T15:31:00Z")), "0"],
          ["pipeline_c", "c1", String(Date.parse("2026-02-11T15:44:00Z")), "0"],
          ["pipeline_silver", "s1", String(Date.parse("2026-02-11T15:12:00Z")), "0"],
        ]),
      ]),
      "fake warehouse",
    );
    await using server = await serveLedger(ledger);
    const setup = await openDatabricksSqlSetup({
      DATABRICKS_HOST: server.url,
      DATABRICKS_TOKEN: TOKEN,
      DATABRICKS_WAREHOUSE_ID: "8f3a2b1c0d9e7f65",
      PIPELINES_CATALOG: "ledger_prod",
      PIPELINES_ENV: "prod",
      PIPELINES_NOW: "2026-02-12T01:00:00Z",
    });
    expect(setup.context).toMatchObject({
      workspace_host: server.url,
      catalog: "ledger_prod",
      environment: "prod",
      engine_kind: "databricks-sql",
      evaluated_at_source: "PIPELINES_NOW",
      run_id: "(unset: PIPELINES_RUN_ID)",
    });
    const result = await runCheck(setup.engine, freshnessCheck, setup.inputs);
    expect(result.verdict).toBe("pass");
    expect(result.queries[0]?.sql).toContain("`ledger_prod`.gold.pipeline_state");
    expect(server.authorizations).toEqual([`Bearer ${TOKEN}`]);
    ledger.assertComplete();
  });

  it("names the missing warehouse variable", async () => {
    await expect(
      openDatabricksSqlSetup({
        DATABRICKS_HOST: "http://127.0.0.1:9",
        DATABRICKS_TOKEN: TOKEN,
        PIPELINES_CATALOG: "c",
      }),
    ).rejects.toThrow(/DATABRICKS_WAREHOUSE_ID="" is not allowed: expected a SQL warehouse id/);
  });
});

// Run triage, live mode against a fake workspace: a smoke of its own (gate on, live) whose client reads `env`,
// filled with the fake's URL before the checks run.
const env: Record<string, string> = { RUN_TRIAGE_LIVE_SELF_TEST: "1", SMOKEBOOK_MODE: "live" };
let server: LoopbackServer | undefined;
const ledger = new ReplayLedger(
  loadHar(fromRoot("fixtures/pipelines-triage/b-supply-ops-retries-exhausted.har")),
  "fake workspace",
);
beforeAll(async () => {
  server = await serveLedger(ledger);
  Object.assign(env, { DATABRICKS_HOST: server.url, DATABRICKS_TOKEN: TOKEN });
});
afterAll(async () => {
  await server?.close();
  ledger.assertComplete();
});
const triageTest = defineSmoke({
  name: "run triage, live mode against a fake workspace",
  gate: "RUN_TRIAGE_LIVE_SELF_TEST",
  credentials: [],
  env,
});
registerTriage(triageTest, {
  recording: "fixtures/pipelines-triage/unused.har",
  runId: () => 512094877310245,
  env,
  expected: {
    lifeCycleState: "TERMINATED",
    failingTaskKeys: ["pipeline_b_supply_ops"],
    pipelineBSplit: "supply_ops",
    retriesExhausted: true,
    summaryIncludes: ["retries exhausted (attempt 2 of max_retries 2, jobs/get)"],
  },
});
