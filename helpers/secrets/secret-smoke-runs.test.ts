/**
 * The secret smoke file run as a child vitest process, end to end: live (and record) against the fake workspace
 * with the built-in resolver and with the sample python callable, gate off (skipped live, replayed), and a broken
 * callable that must fail exactly the env-first criterion. Every run is checked for leaks of the secret and token.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { runVitest, type VitestRun } from "../testing/child-vitest.ts";
import { type FakeWorkspace, startFakeWorkspace } from "./fake-workspace.ts";

const SUITE = "suites/databricks/secret-resolution.test.ts";
const TOKEN = "dapi-child-run-fake-token-7781";
const KEY = "azure-openai-endpoint";
const SCOPE = "smokebook-dev";
const SECRET = "https://aoai-child-run.openai.azure.com/?v=7781";
const SECRET_B64 = Buffer.from(SECRET).toString("base64");

/** What the child must not inherit from the operator's shell: gates, credentials, scopes, resolver settings. */
const WITHHELD = ["NODE_OPTIONS", "RUN_", "SMOKEBOOK_", "DATABRICKS_", "SECRET_", "KEY_VAULT_", "GET_SECRET_"];

function runSuite(extra: Record<string, string>): Promise<VitestRun> {
  return runVitest(["run", SUITE, "--reporter=verbose"], { env: extra, withhold: WITHHELD });
}

function expectNoLeak(run: VitestRun, extraFiles: string[] = []) {
  const texts = [run.output, ...Object.values(run.evidenceFiles()), ...extraFiles.map((f) => readFileSync(f, "utf8"))];
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET_B64);
    expect(text).not.toContain(TOKEN);
  }
}

function states(run: VitestRun, mode: string): Record<string, unknown> {
  return Object.fromEntries(
    run
      .evidenceLines("verdict")
      .filter((v) => v.mode === mode)
      .map((v) => [String(v.test).split(" > ").at(-1), v.state]),
  );
}

const record = (run: VitestRun, name: string) =>
  run.evidenceLines("record").find((r) => r.name === name)?.value as Record<string, unknown> | undefined;

let fake: FakeWorkspace;
beforeAll(async () => {
  fake = await startFakeWorkspace({ token: TOKEN, scopes: { [SCOPE]: { [KEY]: SECRET } } });
});
afterAll(() => fake?.close());

const live = () => ({
  RUN_SECRET_SMOKE: "1",
  DATABRICKS_HOST: fake.url,
  DATABRICKS_TOKEN: TOKEN,
  SECRET_SMOKE_KEY: KEY,
});
const pythonPath = fromRoot("fixtures/secret-resolution/python");

describe("secret smoke, child vitest runs", { tags: ["slow"], timeout: 150_000, concurrent: true }, () => {
  it("record mode against the fake workspace: 6 criteria pass, the recording replays the same requests and holds no secret", async () => {
    const recordDir = mkdtempSync(join(tmpdir(), "smokebook-secret-record-"));
    const run = await runSuite({
      ...live(),
      DATABRICKS_SECRET_SCOPE: SCOPE,
      SMOKEBOOK_MODE: "record",
      SMOKEBOOK_RECORD_DIR: recordDir,
    });
    expect(run.status, run.output).toBe(0);
    expect(Object.values(states(run, "record"))).toEqual(Array(6).fill("passed"));
    expect(record(run, "secret-step-3")).toMatchObject({
      scope_variable: "DATABRICKS_SECRET_SCOPE",
      value: { length: SECRET.length },
    });
    // ADR-0015 evidence: each step's command — the runner and the NAMES of the variables it was given, no values.
    expect(record(run, "secret-step-2")?.command).toEqual({
      runner: expect.stringMatching(/^resolveSecret\(SECRET_SMOKE_KEY\) from helpers\/secrets\/resolver\.ts/),
      env: [
        "DATABRICKS_HOST",
        "DATABRICKS_SECRET_SCOPE",
        "DATABRICKS_TOKEN",
        "KEY_VAULT_SECRET_SCOPE",
        "SECRET_AZURE_OPENAI_ENDPOINT",
        "SECRET_SMOKE_KEY",
      ],
    });
    expect(record(run, "secret-step-3")?.command).toMatchObject({
      env: ["DATABRICKS_HOST", "DATABRICKS_SECRET_SCOPE", "DATABRICKS_TOKEN", "SECRET_SMOKE_KEY"],
    });
    const har = join(recordDir, "fixtures/secret-resolution/steps.har");
    const written = JSON.parse(readFileSync(har, "utf8")) as {
      log: { comment: string; entries: Array<{ request: { url: string } }> };
    };
    expect(JSON.parse(written.log.comment)).toMatchObject({ recorded_against: fake.url, resolver: "built-in" });
    expect(run.stdout).toContain(`[secret smoke] recording written (redacted): ${har}`);
    const entries = written.log.entries;
    expect(entries.map((e) => new URL(e.request.url).pathname + new URL(e.request.url).search)).toEqual([
      "/api/2.0/preview/scim/v2/Me",
      `/api/2.0/secrets/get?key=${KEY}&scope=${SCOPE}`,
      `/api/2.0/secrets/get?key=${KEY}&scope=${SCOPE}`,
      `/api/2.0/secrets/get?key=${KEY}&scope=__invalid_scope_for_env_first_check__`,
      `/api/2.0/secrets/get?key=smokebook-missing-secret-probe&scope=${SCOPE}`,
    ]);
    expectNoLeak(run, [har]);
  });

  it("live with GET_SECRET_CALLABLE and only KEY_VAULT_SECRET_SCOPE: passes and records the fallback variable", async () => {
    const run = await runSuite({
      ...live(),
      KEY_VAULT_SECRET_SCOPE: SCOPE,
      GET_SECRET_CALLABLE: "smokebook_secret_sample.reference:get_secret",
      PYTHONPATH: pythonPath,
      SMOKEBOOK_SAMPLE_TIMEOUT_SECONDS: "0.5",
    });
    expect(run.status, run.output).toBe(0);
    expect(record(run, "secret-smoke-context")?.runner_script).toContain("importlib.import_module(module_path)");
    expect(record(run, "secret-step-3")?.command).toMatchObject({
      runner: expect.stringMatching(/^python3 -c <runner_script: the runbook one-liner/),
      env: expect.arrayContaining(["GET_SECRET_CALLABLE", "KEY_VAULT_SECRET_SCOPE", "SECRET_SMOKE_KEY"]),
    });
    expect(Object.values(states(run, "live"))).toEqual(Array(6).fill("passed"));
    expect(record(run, "secret-smoke-context")).toMatchObject({
      resolver: "GET_SECRET_CALLABLE=smokebook_secret_sample.reference:get_secret",
    });
    expect(record(run, "secret-step-3")).toMatchObject({ scope_variable: "KEY_VAULT_SECRET_SCOPE", scope: SCOPE });
    expect(record(run, "secret-step-2")).toHaveProperty("stdout");
    expectNoLeak(run);
  });

  it("gate off: live checks skipped with a note naming RUN_SECRET_SMOKE=1, the recording replays", async () => {
    const run = await runSuite({});
    expect(run.status, run.output).toBe(0);
    const skipped = run.evidenceLines("verdict").filter((v) => v.mode === "live");
    expect(skipped).toHaveLength(6);
    for (const v of skipped) expect(String(v.skip_note)).toContain("set RUN_SECRET_SMOKE=1");
    expect(Object.values(states(run, "replay"))).toEqual(Array(6).fill("passed"));
  });

  it("a callable that reads the scope despite the stub fails exactly the env-first criterion", {
    tags: ["self-test"],
  }, async () => {
    const run = await runSuite({
      ...live(),
      DATABRICKS_SECRET_SCOPE: SCOPE,
      GET_SECRET_CALLABLE: "smokebook_secret_sample.broken:get_secret_scope_first",
      PYTHONPATH: pythonPath,
      SMOKEBOOK_SAMPLE_TIMEOUT_SECONDS: "0.5",
    });
    expect(run.status).not.toBe(0);
    const byTest = states(run, "live");
    expect(
      Object.entries(byTest)
        .filter(([, state]) => state === "failed")
        .map(([name]) => name),
    ).toEqual(["step 2: env stub first, no scope read"]);
    const failed = run.evidenceLines("verdict").find((v) => v.state === "failed");
    expect(String(failed?.error)).toContain(
      "SECRET_AZURE_OPENAI_ENDPOINT was set but the resolver read the secret scope 1 time(s)",
    );
    expectNoLeak(run);
  });
});
