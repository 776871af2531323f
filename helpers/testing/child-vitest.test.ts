import { delimiter } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { childVitestEnv, runVitest } from "./child-vitest.ts";

const PROBE = ["run", "--project", "harness", "fixtures/harness-suites/child-vitest/"];
const PROBE_ENV = { SMOKEBOOK_FIXTURE_SUITE: "child-vitest" };

describe("childVitestEnv", () => {
  const base = {
    PATH: "/usr/bin",
    HOME: "/home/op",
    VITEST: "true",
    VITEST_MODE: "RUN",
    VITEST_POOL_ID: "1",
    VITEST_WORKER_ID: "3",
    TEST: "true",
    NODE_ENV: "test",
    TESTCONTAINERS_HOST_OVERRIDE: "kept",
    RUN_DEV019_WATCHDOG_SMOKE: "1",
    DATABRICKS_TOKEN: "dapi-parent",
  };

  it("drops the variables vitest sets in its own workers and keeps the rest", () => {
    expect(childVitestEnv({ base })).toEqual({
      PATH: [fromRoot("node_modules/.bin"), "/usr/bin"].join(delimiter),
      HOME: "/home/op",
      TESTCONTAINERS_HOST_OVERRIDE: "kept",
      RUN_DEV019_WATCHDOG_SMOKE: "1",
      DATABRICKS_TOKEN: "dapi-parent",
      NO_COLOR: "1",
    });
  });

  it("withholds variables by name prefix, and env is set over everything", () => {
    const env = childVitestEnv({
      base,
      withhold: ["RUN_", "DATABRICKS_"],
      env: { DATABRICKS_HOST: "http://x", NO_COLOR: "" },
    });
    expect(env).not.toHaveProperty("RUN_DEV019_WATCHDOG_SMOKE");
    expect(env).not.toHaveProperty("DATABRICKS_TOKEN");
    expect(env).toMatchObject({ DATABRICKS_HOST: "http://x", NO_COLOR: "", HOME: "/home/op" });
  });

  it("starts from process.env by default", () => {
    expect(childVitestEnv().PATH).toBe([fromRoot("node_modules/.bin"), process.env.PATH ?? ""].join(delimiter));
    expect(childVitestEnv()).not.toHaveProperty("VITEST_WORKER_ID");
  });
});

describe("runVitest", { tags: ["slow"], timeout: 120_000 }, () => {
  it("runs a suite in a child with the given env, and returns its output and evidence bundle", async () => {
    const run = await runVitest(PROBE, {
      base: { ...process.env, RUN_CHILD_VITEST_PROBE: "from the parent" },
      withhold: ["RUN_CHILD_VITEST_"],
      env: { ...PROBE_ENV, CHILD_VITEST_PROBE: "given" },
    });
    expect(run.status, run.output).toBe(0);
    expect(run.timedOut).toBe(false);
    expect(run.stdout).toContain("probe line on stdout");
    expect(run.stderr).toContain("probe line on stderr");
    expect(run.output).toBe(`${run.stdout}\n${run.stderr}`);
    expect(run.output).toContain(`smokebook evidence: ${run.dir}`);
    expect(run.evidenceLines()[0]).toMatchObject({ type: "run-start" });
    expect(run.evidenceLines("record")).toEqual([
      expect.objectContaining({ name: "probe-env", value: { probe: "given", withheld: null, no_color: "1" } }),
    ]);
    expect(run.evidenceLines("verdict").map((v) => v.state)).toEqual(["passed"]);
    expect(run.readEvidenceFile("report.md")).toContain("reports what it was given");
    expect(Object.keys(run.evidenceFiles())).toEqual(
      expect.arrayContaining(["evidence.jsonl", "report.md", "junit.xml", "results.json"]),
    );
  });

  it("self-test: a failing suite gives its exit code; a file it did not write is an error naming it", {
    tags: ["self-test"],
  }, async () => {
    const run = await runVitest(PROBE, { env: { ...PROBE_ENV, CHILD_VITEST_PROBE_FAIL: "1" } });
    expect(run.status).toBe(1);
    expect(run.evidenceLines("verdict").map((v) => v.state)).toEqual(["failed"]);
    expect(() => run.readEvidenceFile("absent.txt")).toThrow(
      expect.objectContaining({
        code: "CHILD_EVIDENCE_MISSING",
        message: expect.stringContaining(`wrote no absent.txt in ${run.dir}`),
      }),
    );
  });

  it("self-test: a child that outlives timeoutMs is stopped, and says so", { tags: ["self-test"] }, async () => {
    const run = await runVitest(PROBE, { env: PROBE_ENV, timeoutMs: 50 });
    expect(run.timedOut).toBe(true);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("[smokebook: child vitest stopped after 50 ms]");
    expect(run.evidenceLines()).toEqual([]);
  });
});
