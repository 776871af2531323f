/**
 * The live and record code paths, end to end, against a fake workspace on 127.0.0.1: a node:http server answers
 * from fixtures/dev019-watchdog/pass.har while `vitest run` executes the DEV-019 suite in a child process with
 * RUN_DEV019_WATCHDOG_SMOKE=1 DATABRICKS_HOST=http://127.0.0.1:PORT DATABRICKS_TOKEN=…. Also: SMOKEBOOK_MODE=live
 * without credentials skips with notes, and SMOKEBOOK_STRICT=1 turns those skips into failures.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { loadHar, ReplayLedger, serveLedger } from "../replay/index.ts";
import { runVitest, type VitestRun } from "../testing/child-vitest.ts";
import { DEV019_FIXTURE_WRAPPER, readDev019Config } from "./dev019-config.ts";
import { runDev019 } from "./dev019-smoke.ts";
import { assertRunSucceeded } from "./run-criteria.ts";
import { openSession } from "./session.ts";

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

describe("Databricks live and record modes against a fake workspace on loopback", {
  tags: ["slow"],
  timeout: 120_000,
}, () => {
  it("RUN_DEV019_WATCHDOG_SMOKE=1 DATABRICKS_HOST=http://127.0.0.1:PORT runs the live checks; the token is sent but never printed", async () => {
    const ledger = new ReplayLedger(
      loadHar(fromRoot("fixtures/dev019-watchdog/pass.har")),
      "fake workspace (pass.har)",
    );
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
    const ledger = new ReplayLedger(
      loadHar(fromRoot("fixtures/dev019-watchdog/pass.har")),
      "fake workspace (pass.har)",
    );
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

    const session = openSession("replay", written);
    const result = await runDev019(session, readDev019Config({}, "replay"), {});
    await session.finish();
    assertRunSucceeded(result.run, "re-recorded DEV-019 run");
  });

  it("RUN_DEV013_CHECKPOINT_SMOKE=1 runs the checkpoint and pragmatic smokes live against the fake", async () => {
    const entries = ["fixtures/dev013-checkpoint/pass.har", "fixtures/dev013-pragmatic/pass.har"].flatMap(
      (path) => loadHar(fromRoot(path)).log.entries,
    );
    const ledger = new ReplayLedger(
      { log: { version: "1.2", creator: { name: "t", version: "0" }, entries } },
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
    expect(allEvidenceText(run)).not.toContain(TOKEN);
  });

  it("SMOKEBOOK_MODE=live without credentials skips every check with the note", async () => {
    const run = await runSuite({ SMOKEBOOK_MODE: "live", RUN_DEV019_WATCHDOG_SMOKE: "1" });
    expect(run.status, run.output).toBe(0);
    expect(run.verdicts).toHaveLength(4);
    for (const v of run.verdicts) {
      expect(v).toMatchObject({ state: "skipped", mode: "live" });
      expect(v.skip_note).toBe(
        "SMOKEBOOK_MODE=live: DATABRICKS_HOST and DATABRICKS_TOKEN are not set (live mode needs DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_CONFIG_PROFILE)",
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
