/**
 * The runbook's DEV-012 operator checklist (ADR-0027), run as written: the smoke file as a child vitest process in
 * default fixture mode, override mode and gate mode, plus one broken input. Each run writes its evidence to a temp dir.
 */
import { copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { runVitest, type VitestRun } from "../testing/child-vitest.ts";

const SMOKE_FILE = "suites/databricks/dev012-fingerprint.test.ts";
const GATE = "RUN_DEV012_FINGERPRINT_SMOKE";

/** What the child must not inherit from the parent: the smoke's own settings and gates. */
const WITHHELD = ["NODE_OPTIONS", "DEV012_", "RUN_", "SMOKEBOOK_"];

function runSmoke(extra: Record<string, string>, args: string[] = []): Promise<VitestRun> {
  return runVitest(["run", SMOKE_FILE, ...args], { env: extra, withhold: WITHHELD, timeoutMs: 90_000 });
}

/** Lines of stdout that are, in full, a JSON object. */
function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("{") && line.endsWith("}"))
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
}

/** The JSON line is on stdout once, alone on its line and raw (no worker prefix, no ANSI), and kept in the evidence. */
function expectOneFingerprintLine(run: VitestRun, expected: { path: string; env: string }) {
  const lines = jsonLines(run.stdout);
  expect(lines, `stdout:\n${run.stdout}`).toHaveLength(1);
  const line = lines[0] as Record<string, unknown>;
  expect(line).toMatchObject({ runtime_input_path: expected.path, env: expected.env });
  expect(line.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(new Date(String(line.utc)).toISOString()).toBe(line.utc);
  const raw = JSON.stringify(line);
  const stdoutLines = run.stdout.split("\n");
  expect(stdoutLines.filter((l) => l === raw)).toHaveLength(1);
  // Nowhere else on stdout: not behind a worker prefix, not coloured, not in a second print.
  expect(stdoutLines.filter((l) => l.includes(String(line.fingerprint)))).toEqual([raw]);
  expect(raw).not.toContain(String.fromCharCode(27));
  const kept = run.evidenceLines("stdout-line").filter((l) => l.name === "dev012-fingerprint");
  expect(kept.map((l) => l.value)).toEqual([line]);
  expect(run.evidenceLines("verdict").map((v) => v.state)).toEqual(Array(7).fill("passed"));
  return line;
}

describe("DEV-012 operator checklist (child vitest runs)", { tags: ["slow"] }, () => {
  it("default fixture mode: runtime_input_path is fixtures/runtime_inputs/dev_incident_input.json", async () => {
    const run = await runSmoke({ [GATE]: "1" });
    expect(run.status, run.stderr).toBe(0);
    expectOneFingerprintLine(run, { path: fromRoot("fixtures/runtime_inputs/dev_incident_input.json"), env: "dev" });
  }, 120_000);

  it("override mode: runtime_input_path equals DEV012_RUNTIME_INPUT_PATH", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "smokebook-dev012-override-")), "captured-incident.json");
    copyFileSync(fromRoot("fixtures/runtime_inputs/staging_incident_input.json"), path);
    const run = await runSmoke({ [GATE]: "1", DEV012_RUNTIME_INPUT_PATH: path, DEV012_SMOKE_ENV: "staging" });
    expect(run.status, run.stderr).toBe(0);
    const line = expectOneFingerprintLine(run, { path, env: "staging" });
    expect(line.input_source).toBe("DEV012_RUNTIME_INPUT_PATH");
  }, 120_000);

  it("gate mode: without RUN_DEV012_FINGERPRINT_SMOKE=1 every check is skipped with a note naming it", async () => {
    const run = await runSmoke({}, ["--reporter=verbose"]);
    expect(run.status, run.stderr).toBe(0);
    expect(jsonLines(run.stdout)).toEqual([]);
    expect(run.stdout).toContain(`[${GATE} is not 1 (set ${GATE}=1 to run DEV-012 incident fingerprint smoke live)`);
    const all = run.evidenceLines("verdict");
    expect(all).toHaveLength(7);
    for (const verdict of all) {
      expect(verdict.state).toBe("skipped");
      expect(String(verdict.skip_note)).toContain(`set ${GATE}=1`);
    }
    expect(run.readEvidenceFile("report.md")).toContain(`skipped: ${GATE} is not 1`);
  }, 120_000);

  it("a broken input fails the run with an error naming the path", {
    tags: ["self-test"],
    timeout: 120_000,
  }, async () => {
    const path = join(mkdtempSync(join(tmpdir(), "smokebook-dev012-missing-")), "absent.json");
    const run = await runSmoke({ [GATE]: "1", DEV012_RUNTIME_INPUT_PATH: path });
    expect(run.status).not.toBe(0);
    expect(jsonLines(run.stdout)).toEqual([]);
    const failed = run.evidenceLines("verdict").filter((v) => v.state === "failed");
    expect(failed).toHaveLength(7);
    expect(String(failed[0]?.error)).toBe(`DEV-012 runtime input ${path}: file does not exist`);
  });
});
