/**
 * What a Databricks recording remembers (log.comment): the poll settings a replay then uses, the volatile body
 * fields it ignores; and what record mode writes after a clean or a failed run.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Har } from "har-format";
import { describe, expect, it } from "vitest";
import { fromRoot } from "../paths.ts";
import { HarFormatError, harLog, loadHar, saveHar } from "../replay/index.ts";
import { failedRecordingPath, saveRecording } from "../replay/recording-result.ts";
import { readDev019Config } from "./dev019-config.ts";
import { dev019Recording, runDev019 } from "./dev019-smoke.ts";
import { DATABRICKS_FIXTURES } from "./fixtures/write-fixtures.ts";
import { readRecordingMeta, recordedPoll, recordingComment, recordingMeta } from "./recording-meta.ts";
import { openSession } from "./session.ts";
import { collectingObserver } from "./test-observer.ts";

const PASS = "fixtures/dev019-watchdog/pass.har";

function withComment(comment: string): Har {
  const har = loadHar(fromRoot(PASS));
  return { ...har, log: { ...har.log, comment } };
}

function tempCopy(har: Har): string {
  const path = join(mkdtempSync(join(tmpdir(), "smokebook-meta-")), "pass.har");
  saveHar(path, har, {});
  return path;
}

describe("recording metadata in log.comment", () => {
  it("round-trips the smoke, poll settings and volatile fields", () => {
    const profile = {
      ...dev019Recording,
      description: "probe",
      poll: { intervalMs: 20_000, timeoutMs: 900_000, source: "defaults" },
    };
    const meta = readRecordingMeta(harLog([], recordingComment(profile)), "probe.har");
    expect(meta).toEqual(recordingMeta(profile));
    expect(meta?.volatile_body_fields.map((f) => f.path)).toEqual(["run_name", "idempotency_token"]);
    expect(recordedPoll(meta, "probe.har")).toEqual({
      intervalMs: 20_000,
      timeoutMs: 900_000,
      source: "recording probe.har",
    });
  });

  it("every committed DEV-013/DEV-019 recording names its smoke; those that poll name their poll settings", () => {
    for (const path of Object.keys(DATABRICKS_FIXTURES)) {
      const meta = readRecordingMeta(loadHar(fromRoot(path)), path);
      expect(meta?.smoke, path).toMatch(/^DEV-01[39] /);
      if (!path.includes("pragmatic")) expect(meta?.poll, path).toBeDefined();
    }
  });

  it("a comment that is not smokebook recording JSON carries no metadata", () => {
    expect(readRecordingMeta(harLog([], "hand-described recording"), "x.har")).toBeUndefined();
  });

  it("self-test: malformed poll settings fail naming the file and field", { tags: ["self-test"] }, () => {
    const comment = JSON.stringify({
      ...JSON.parse(recordingComment({ ...dev019Recording, description: "d" })),
      poll: { interval_seconds: 0 },
    });
    expect(() => readRecordingMeta(harLog([], comment), "bad.har")).toThrow(HarFormatError);
    expect(() => readRecordingMeta(harLog([], comment), "bad.har")).toThrow(
      'bad.har: log.comment.poll: expected positive interval_seconds and timeout_seconds, got {"interval_seconds":0}',
    );
  });
});

describe("replays poll with the recorded settings", () => {
  it("a recording made with a 10 s interval replays with polls 10 s apart (the defaults say 20 s)", async () => {
    const meta = JSON.parse(loadHar(fromRoot(PASS)).log.comment ?? "{}");
    const path = tempCopy(
      withComment(JSON.stringify({ ...meta, poll: { interval_seconds: 10, timeout_seconds: 300 } })),
    );
    const session = openSession("replay", path);
    expect(session.recordedPoll).toEqual({ intervalMs: 10_000, timeoutMs: 300_000, source: `recording ${path}` });
    const config = readDev019Config({ DATABRICKS_POLL_INTERVAL_SECONDS: "99" }, "replay", session.recordedPoll);
    const observer = collectingObserver();
    await runDev019(session, config, { observer });
    await session.finish();
    expect(observer.polls.map((p) => p.elapsedSeconds)).toEqual([0, 10, 20, 30]);
  });

  it("self-test: without recorded volatile fields a replay's new run name is a request the recording lacks", {
    tags: ["self-test"],
  }, async () => {
    const meta = JSON.parse(loadHar(fromRoot(PASS)).log.comment ?? "{}");
    const session = openSession("replay", tempCopy(withComment(JSON.stringify({ ...meta, volatile_body_fields: [] }))));
    const error = await runDev019(session, readDev019Config({}, "replay"), {}).catch((e: unknown) => e);
    session.close();
    expect(String((error as Error).message)).toMatch(
      /POST \/api\/2\.2\/jobs\/runs\/submit \(body differs from recorded entry #1 run_name: sent "dev019_smoke_test_serverless-20260225T101500Z-\w{4}", recorded "dev019_smoke_test_serverless-20260225T101500Z-a7k2"\)/,
    );
  });
});

describe("record mode writes the recording only after a clean run", () => {
  const fakeRecorder = () => ({ save: (path: string) => writeFileSync(path, "{}") });

  it("no failed check: the recording is replaced", () => {
    const target = join(mkdtempSync(join(tmpdir(), "smokebook-rec-")), "pass.har");
    expect(saveRecording(fakeRecorder(), target, [], {})).toEqual({
      path: target,
      replaced: true,
      message: `recording written (redacted): ${target}`,
    });
    expect(existsSync(target)).toBe(true);
  });

  it("self-test: a failed check leaves the recording as it was and writes <name>.failed.har, saying so", {
    tags: ["self-test"],
  }, () => {
    const target = join(mkdtempSync(join(tmpdir(), "smokebook-rec-")), "pass.har");
    writeFileSync(target, "committed");
    const result = saveRecording(fakeRecorder(), target, ["parent run and task run both end TERMINATED + SUCCESS"], {});
    expect(readFileSync(target, "utf8")).toBe("committed");
    expect(result.path).toBe(failedRecordingPath(target));
    expect(result.path.endsWith("pass.failed.har")).toBe(true);
    expect(existsSync(result.path)).toBe(true);
    expect(result).toMatchObject({ replaced: false });
    expect(result.message).toBe(
      `recording NOT written to ${target}: 1 check(s) failed ("parent run and task run both end TERMINATED + SUCCESS"); this run's traffic is saved (redacted) for review as ${result.path}`,
    );
  });
});
