import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot, repoRoot } from "../paths.ts";

/** Runs fixtures/harness-suites/evidence through the real vitest.config.ts with a reporter the CLI chooses. */
function runFixture(env: Record<string, string>, reporter = "dot") {
  const dir = mkdtempSync(join(tmpdir(), "smokebook-evidence-"));
  const child = spawnSync(
    process.execPath,
    [
      fromRoot("node_modules/vitest/vitest.mjs"),
      "run",
      "--project",
      "harness",
      `--reporter=${reporter}`,
      "fixtures/harness-suites/evidence/",
    ],
    {
      cwd: repoRoot,
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, SMOKEBOOK_FIXTURE_SUITE: "evidence", SMOKEBOOK_EVIDENCE_DIR: dir, NO_COLOR: "1", ...env },
    },
  );
  const read = (file: string) => readFileSync(join(dir, file), "utf8");
  const lines = () =>
    read("evidence.jsonl")
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { child, dir, read, lines, output: `${child.stdout}\n${child.stderr}` };
}

describe("evidence bundle", () => {
  it("is written under a CLI --reporter=dot, every line parses, skips carry their note, report.md has a row per criterion", () => {
    const run = runFixture({ RUN_SMOKEBOOK_SAMPLE_SMOKE: "", SMOKEBOOK_STRICT: "" });
    expect(run.child.status, run.output).toBe(0);
    expect(run.output).toContain(`smokebook evidence: ${run.dir}`);
    const lines = run.lines();
    expect(lines[0]).toMatchObject({ type: "run-start", operator: expect.any(String), host: expect.any(String) });
    expect(lines.at(-1)).toMatchObject({ type: "run-end", totals: { passed: 1, failed: 0, skipped: 1 } });
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
    const report = run.read("report.md");
    for (const v of verdicts) expect(report).toContain(`| ${String(v.test)} |`);
    expect(report).toContain("run_id=4242, task_run_id=4243");
  });

  it("self-test: SMOKEBOOK_STRICT=1 turns the gate skip into a failure with the note", () => {
    const run = runFixture({ SMOKEBOOK_STRICT: "1" });
    expect(run.child.status).toBe(1);
    const failed = run.lines().find((l) => l.type === "verdict" && l.state === "failed");
    expect(failed?.error).toMatch(/SMOKEBOOK_STRICT=1 forbids skipping: RUN_SMOKEBOOK_SAMPLE_SMOKE is not 1/);
  });

  it("self-test: a gate set to yes fails the run with an error naming the variable", () => {
    const run = runFixture({ RUN_SMOKEBOOK_SAMPLE_SMOKE: "yes" }, "default");
    expect(run.child.status).toBe(1);
    expect(run.output).toContain('RUN_SMOKEBOOK_SAMPLE_SMOKE="yes" is not allowed: expected 1, 0 or unset');
    expect(run.lines().find((l) => l.type === "module-error")?.error).toMatch(/RUN_SMOKEBOOK_SAMPLE_SMOKE="yes"/);
  });
});

describe("evidence bundle, hook failures", () => {
  it("self-test: a failing beforeAll is kept as a suite-error and shown in report.md", () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-hook-"));
    const child = spawnSync(
      process.execPath,
      [
        fromRoot("node_modules/vitest/vitest.mjs"),
        "run",
        "--project",
        "harness",
        "fixtures/harness-suites/hook-failure/",
      ],
      {
        cwd: repoRoot,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, SMOKEBOOK_FIXTURE_SUITE: "hook-failure", SMOKEBOOK_EVIDENCE_DIR: dir, NO_COLOR: "1" },
      },
    );
    expect(child.status).toBe(1);
    const lines = readFileSync(join(dir, "evidence.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
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
    expect(readFileSync(join(dir, "report.md"), "utf8")).toContain("1 errors outside tests");
  });
});
