/**
 * The live and record code paths, end to end, against a fake workspace on 127.0.0.1: a node:http server answers
 * from fixtures/dev019-watchdog/pass.har while `vitest run` executes the DEV-019 suite in a child process with
 * RUN_DEV019_WATCHDOG_SMOKE=1 DATABRICKS_HOST=http://127.0.0.1:PORT DATABRICKS_TOKEN=…. Also: SMOKEBOOK_MODE=live
 * without credentials skips with notes, and SMOKEBOOK_STRICT=1 turns those skips into failures.
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { loadHar, serveLedger } from "../replay/index.ts";
import { runVitest, type VitestRun } from "../testing/child-vitest.ts";
import { DEV019_FIXTURE_WRAPPER, readDev019Config } from "./dev019-config.ts";
import { runDev019 } from "./dev019-smoke.ts";
import { recordingLedger } from "./recording-ledger.ts";
import { assertRunSucceeded } from "./run-criteria.ts";
import { openSession } from "./session.ts";
import { collectingObserver } from "./test-observer.ts";

const TOKEN = "dapi5f0c1e2d3b4a59687766554433221100";
const DEV019_SUITE = ["suites/databricks/dev019-watchdog.test.ts"];
const DEV013_SUITES = ["suites/databricks/dev013-checkpoint.test.ts", "suites/databricks/dev013-pragmatic.test.ts"];

type Verdict = { state: string; mode: string; test: string; skip_note: string | null; error: string | null };
type ChildRun = VitestRun & { verdicts: Verdict[] };

/** The suites in a child vitest with only PATH, LANG and a fresh HOME (no ~/.databrickscfg) besides extraEnv. */
async function runSuite(extraEnv: Record<string, string>, files = DEV019_SUITE): Promise<ChildRun> {
  const run = await runVitest(["run", "--project", "databricks", ...files], {
    base: {
      PATH: process.env.PATH ?? "",
      HOME: mkdtempSync(join(tmpdir(), "smokebook-child-home-")),
      LANG: "C.UTF-8",
    },
    env: extraEnv,
  });
  return Object.assign(run, { verdicts: run.evidenceLines("verdict") as unknown as Verdict[] });
}

function allEvidenceText(run: VitestRun): string {
  return Object.values(run.evidenceFiles()).join("\n");
}

const LIVE_ENV = {
  RUN_DEV019_WATCHDOG_SMOKE: "1",
  DATABRICKS_TOKEN: TOKEN,
  DATABRICKS_POLL_INTERVAL_SECONDS: "0.05",
  DEV019_WRAPPER_LOCAL_PATH: fromRoot(DEV019_FIXTURE_WRAPPER),
};

// Each check serves its own fake workspace and gives its child its own HOME and record folder: they run concurrently.
describe("Databricks live and record modes against a fake workspace on loopback", {
  tags: ["slow"],
  timeout: 120_000,
  concurrent: true,
}, () => {
  it("RUN_DEV019_WATCHDOG_SMOKE=1 DATABRICKS_HOST=http://127.0.0.1:PORT runs the live checks; the token is sent but never printed", async () => {
    const ledger = recordingLedger(["fixtures/dev019-watchdog/pass.har"], "fake workspace (pass.har)");
    await using fake = await serveLedger(ledger);
    const run = await runSuite({ ...LIVE_ENV, SMOKEBOOK_MODE: "live", DATABRICKS_HOST: fake.url });
    expect(run.status, run.output).toBe(0);
    expect(run.verdicts.map((v) => [v.mode, v.state])).toEqual(Array.from({ length: 4 }, () => ["live", "passed"]));
    ledger.assertComplete();
    expect(fake.authorizations.length).toBe(ledger.entries.length);
    expect(fake.authorizations.every((a) => a === `Bearer ${TOKEN}`)).toBe(true);
    expect(run.output).not.toContain(TOKEN);
    expect(allEvidenceText(run)).not.toContain(TOKEN);
  });

  it("SMOKEBOOK_MODE=record writes a redacted HAR (SMOKEBOOK_RECORD_DIR) that replays the same smoke", async () => {
    const ledger = recordingLedger(["fixtures/dev019-watchdog/pass.har"], "fake workspace (pass.har)");
    await using fake = await serveLedger(ledger);
    const recordDir = mkdtempSync(join(tmpdir(), "smokebook-record-"));
    const run = await runSuite({
      ...LIVE_ENV,
      SMOKEBOOK_MODE: "record",
      SMOKEBOOK_RECORD_DIR: recordDir,
      DATABRICKS_HOST: fake.url,
    });
    expect(run.status, run.output).toBe(0);
    expect(run.verdicts.map((v) => [v.mode, v.state])).toEqual(Array.from({ length: 4 }, () => ["record", "passed"]));
    const written = join(recordDir, "fixtures/dev019-watchdog/pass.har");
    const text = readFileSync(written, "utf8");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toMatch(/"name": "authorization"/i);
    expect(loadHar(written).log.entries).toHaveLength(ledger.entries.length);
    expect(run.stdout).toContain(`[DEV-019] recording written (redacted): ${written}`);
    expect(existsSync(join(recordDir, "fixtures/dev019-watchdog/pass.failed.har"))).toBe(false);

    // The recording keeps the poll settings it was made with (0.05 s, 900 s); the replay polls the same way.
    const session = openSession("replay", written);
    expect(session.recordedPoll).toMatchObject({ intervalMs: 50, timeoutMs: 900_000 });
    const observer = collectingObserver();
    const result = await runDev019(session, readDev019Config({}, "replay", session.recordedPoll), { observer });
    await session.finish();
    assertRunSucceeded(result.run, "re-recorded DEV-019 run");
    expect(observer.polls.map((p) => p.elapsedSeconds)).toEqual([0, 0.1, 0.1, 0.2]);
  });

  it("self-test: SMOKEBOOK_MODE=record after a failed check leaves the recording alone and writes pass.failed.har", {
    tags: ["self-test"],
  }, async () => {
    const ledger = recordingLedger(["fixtures/dev019-watchdog/task-internal-error.har"], "fake workspace (failing)");
    await using fake = await serveLedger(ledger);
    const recordDir = mkdtempSync(join(tmpdir(), "smokebook-record-failed-"));
    const run = await runSuite({
      ...LIVE_ENV,
      SMOKEBOOK_MODE: "record",
      SMOKEBOOK_RECORD_DIR: recordDir,
      DATABRICKS_HOST: fake.url,
    });
    expect(run.status).toBe(1);
    const target = join(recordDir, "fixtures/dev019-watchdog/pass.har");
    const failedPath = join(recordDir, "fixtures/dev019-watchdog/pass.failed.har");
    expect(existsSync(target)).toBe(false);
    expect(loadHar(failedPath).log.entries).toHaveLength(ledger.entries.length);
    expect(readFileSync(failedPath, "utf8")).not.toContain(TOKEN);
    expect(run.stdout).toContain(
      `[DEV-019] recording NOT written to ${target}: 2 check(s) failed ("parent run and task run both end TERMINATED + SUCCESS", "get-run-output has no error field (output JSON kept as evidence)"); this run's traffic is saved (redacted) for review as ${failedPath}`,
    );
  });

  it("RUN_DEV013_CHECKPOINT_SMOKE=1 runs the checkpoint and pragmatic smokes live against the fake", async () => {
    const ledger = recordingLedger(
      ["fixtures/dev013-checkpoint/pass.har", "fixtures/dev013-pragmatic/pass.har"],
      "fake workspace (DEV-013)",
    );
    await using fake = await serveLedger(ledger);
    const run = await runSuite(
      {
        RUN_DEV013_CHECKPOINT_SMOKE: "1",
        DATABRICKS_HOST: fake.url,
        DATABRICKS_TOKEN: TOKEN,
        DATABRICKS_POLL_INTERVAL_SECONDS: "0.05",
      },
      DEV013_SUITES,
    );
    expect(run.status, run.output).toBe(0);
    expect(run.verdicts.map((v) => [v.mode, v.state])).toEqual(Array.from({ length: 7 }, () => ["live", "passed"]));
    ledger.assertComplete();
    expect(run.readEvidenceFile("report.md")).toContain("| Red | `/dbfs/mnt/agent-state/checkpoints/agent.db` |");
    // Seed 001: the payload (kept before submitting), run id, runtime identifier and the exact error.
    const lines = run.evidenceLines();
    const payloadAt = lines.findIndex((l) => l.type === "record" && l.name === "DEV-013 Red: runs/submit payload");
    const runIdAt = lines.findIndex((l) => l.type === "id" && l.run_id === 508217344905126);
    expect(payloadAt).toBeGreaterThanOrEqual(0);
    expect(payloadAt).toBeLessThan(runIdAt);
    const summary = lines.find((l) => l.type === "record" && l.name === "DEV-013 Red: run id, runtime and error");
    expect(summary?.value).toMatchObject({
      run_id: 508217344905126,
      task_run_ids: [873160558342907],
      runtime: [
        expect.objectContaining({ described: "serverless environment smoke_serverless (environment_version 2)" }),
      ],
      errors: [expect.objectContaining({ error: expect.stringContaining("OSError: [Errno 5] Input/output error") })],
    });
    expect(allEvidenceText(run)).not.toContain(TOKEN);
  });

  it("SMOKEBOOK_MODE=live without credentials skips every check with the note", async () => {
    const run = await runSuite({ SMOKEBOOK_MODE: "live", RUN_DEV019_WATCHDOG_SMOKE: "1" });
    expect(run.status, run.output).toBe(0);
    expect(run.verdicts).toHaveLength(4);
    for (const v of run.verdicts) {
      expect(v).toMatchObject({ state: "skipped", mode: "live" });
      expect(v.skip_note).toMatch(
        /^SMOKEBOOK_MODE=live: DATABRICKS_HOST and DATABRICKS_TOKEN are not set \(live mode needs DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE\); (no Databricks config file at|.*\[DEFAULT\])/,
      );
    }
  });

  it("SMOKEBOOK_STRICT=1 turns those skips into failures", { tags: ["self-test"] }, async () => {
    const run = await runSuite({ SMOKEBOOK_MODE: "live", SMOKEBOOK_STRICT: "1" });
    expect(run.status).toBe(1);
    expect(run.verdicts.map((v) => v.state)).toEqual(["failed", "failed", "failed", "failed"]);
    expect(run.verdicts[0]?.error).toMatch(
      /SMOKEBOOK_STRICT=1 forbids skipping: SMOKEBOOK_MODE=live: RUN_DEV019_WATCHDOG_SMOKE is not 1/,
    );
  });
});
