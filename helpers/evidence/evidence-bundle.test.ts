import { describe, expect, it } from "vitest";
import { runVitest } from "../testing/child-vitest.ts";

/** Runs fixtures/harness-suites/evidence through the real vitest.config.ts with a reporter the CLI chooses. */
function runFixture(env: Record<string, string>, reporter = "dot") {
  return runVitest(["run", "--project", "harness", `--reporter=${reporter}`, "fixtures/harness-suites/evidence/"], {
    env: { SMOKEBOOK_FIXTURE_SUITE: "evidence", ...env },
  });
}

describe("evidence bundle", { timeout: 120_000 }, () => {
  it("is written under a CLI --reporter=dot, every line parses, skips carry their note, report.md has a row per criterion", async () => {
    const run = await runFixture({ RUN_SMOKEBOOK_SAMPLE_SMOKE: "", SMOKEBOOK_STRICT: "" });
    expect(run.status, run.output).toBe(0);
    expect(run.output).toContain(`smokebook evidence: ${run.dir}`);
    // The --reporter flag replaced the configured junit and json reporters; the bundle keeps both files anyway.
    expect(run.readEvidenceFile("junit.xml")).toContain("<testsuites");
    expect(JSON.parse(run.readEvidenceFile("results.json"))).toMatchObject({ numTotalTests: 3 });
    const lines = run.evidenceLines();
    expect(lines[0]).toMatchObject({ type: "run-start", operator: expect.any(String), host: expect.any(String) });
    expect(lines.at(-1)).toMatchObject({ type: "run-end", totals: { passed: 2, failed: 0, skipped: 1 } });
    // recordStdoutLine: the JSON line stands alone and raw on stdout, once.
    const raw = '{"runtime_input_path":"/abs/input.json","env":"dev","fingerprint":"f00d"}';
    expect(run.stdout.split("\n").filter((line) => line === raw)).toHaveLength(1);
    const verdicts = lines.filter((l) => l.type === "verdict");
    expect(verdicts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          test: "sample gated smoke [live] > reaches the sample service",
          state: "skipped",
          mode: "live",
          skip_note: expect.stringMatching(/^RUN_SMOKEBOOK_SAMPLE_SMOKE is not 1/),
        }),
        expect.objectContaining({
          test: "records ids and polls",
          state: "passed",
          ids: { run_id: 4242, task_run_id: 4243 },
        }),
      ]),
    );
    expect(lines.filter((l) => l.type === "poll").map((l) => l.state)).toEqual(["PENDING", "RUNNING", "TERMINATED"]);
    const report = run.readEvidenceFile("report.md");
    for (const v of verdicts) expect(report).toContain(`| ${String(v.test)} |`);
    expect(report).toContain("run_id=4242, task_run_id=4243");
  });

  it("self-test: SMOKEBOOK_STRICT=1 turns the gate skip into a failure with the note", async () => {
    const run = await runFixture({ SMOKEBOOK_STRICT: "1" });
    expect(run.status).toBe(1);
    const failed = run.evidenceLines().find((l) => l.type === "verdict" && l.state === "failed");
    expect(failed?.error).toMatch(/SMOKEBOOK_STRICT=1 forbids skipping: RUN_SMOKEBOOK_SAMPLE_SMOKE is not 1/);
  });

  it("self-test: a gate set to yes fails the run with an error naming the variable", async () => {
    const run = await runFixture({ RUN_SMOKEBOOK_SAMPLE_SMOKE: "yes" }, "default");
    expect(run.status).toBe(1);
    expect(run.output).toContain('RUN_SMOKEBOOK_SAMPLE_SMOKE="yes" is not allowed: expected 1, 0 or unset');
    expect(run.evidenceLines().find((l) => l.type === "module-error")?.error).toMatch(
      /RUN_SMOKEBOOK_SAMPLE_SMOKE="yes"/,
    );
  });
});

describe("evidence bundle, hook failures", { timeout: 120_000 }, () => {
  it("self-test: a failing beforeAll is kept as a suite-error, shown in report.md, and redacted everywhere", async () => {
    const token = "tok-hook-canary-5151";
    const child = await runVitest(["run", "--project", "harness", "fixtures/harness-suites/hook-failure/"], {
      env: { SMOKEBOOK_FIXTURE_SUITE: "hook-failure", DATABRICKS_TOKEN: token },
    });
    // The hook's error names the token; the redacting runner removes it before any reporter sees the error.
    expect(child.output).toContain("DATABRICKS_HOST is not a URL (token [REDACTED])");
    for (const [file, text] of Object.entries(child.evidenceFiles())) expect(text, file).not.toContain(token);
    expect(child.output).not.toContain(token);
    expect(child.status).toBe(1);
    const lines = child.evidenceLines();
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: "suite-error",
          suite: "suite with a broken setup",
          error: expect.stringContaining("DATABRICKS_HOST is not a URL"),
        }),
      ]),
    );
    expect(lines.at(-1)).toMatchObject({ type: "run-end", totals: { errors: 1 } });
    expect(child.readEvidenceFile("report.md")).toContain("1 errors outside tests");
  });
});
