import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  HarFormatError,
  harEntry,
  harLog,
  loadHar,
  REPLAY_ORIGIN,
  ReplayMismatchError,
  startReplay,
  UNRECORDED_ERROR_CODE,
} from "./index.ts";

const BASE = "https://workspace.example";
const json = (method: string, path: string, body: unknown, status = 200) =>
  harEntry({
    started: "2026-01-01T00:00:00Z",
    method,
    url: `${BASE}${path}`,
    status,
    mimeType: "application/json",
    text: JSON.stringify(body),
  });

const har = harLog([
  json("GET", "/api/2.2/jobs/runs/get?run_id=1", { n: 1 }),
  json("GET", "/api/2.2/jobs/runs/get?run_id=2", { n: "other run" }),
  json("GET", "/api/2.2/jobs/runs/get?run_id=1", { n: 2 }),
  json("POST", "/api/2.2/jobs/runs/cancel", {}),
]);

async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, init);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("startReplay", () => {
  it("serves entries in recording order per method + path + query, on any host, and exposes observed requests", async () => {
    using replay = startReplay(har, { source: "in-order.har" });
    expect((await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get?run_id=1`)).body).toEqual({ n: 1 });
    expect((await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get?run_id=1`)).body).toEqual({ n: 2 });
    expect((await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get?run_id=2`)).body).toEqual({ n: "other run" });
    await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/cancel`, { method: "POST", body: '{"run_id":1}' });
    replay.assertComplete();
    expect(replay.observed.map((o) => [o.method, o.target, o.entryIndex])).toEqual([
      ["GET", "/api/2.2/jobs/runs/get?run_id=1", 0],
      ["GET", "/api/2.2/jobs/runs/get?run_id=1", 2],
      ["GET", "/api/2.2/jobs/runs/get?run_id=2", 1],
      ["POST", "/api/2.2/jobs/runs/cancel", 3],
    ]);
    expect(replay.observed[3]?.body).toBe('{"run_id":1}');
  });

  it("fails a request the recording lacks, naming it, and assertComplete reports it", {
    tags: ["self-test"],
  }, async () => {
    using replay = startReplay(harLog([json("GET", "/a", {})]), { source: "fixtures/x/short.har" });
    await getJson(`${REPLAY_ORIGIN}/a`);
    const answer = await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get-output?run_id=7`);
    expect(answer.status).toBe(400);
    expect(answer.body.error_code).toBe(UNRECORDED_ERROR_CODE);
    expect(answer.body.message).toBe(
      "smokebook replay: GET /api/2.2/jobs/runs/get-output?run_id=7 is not in recording fixtures/x/short.har (every recorded request was already used)",
    );
    expect(() => replay.assertComplete()).toThrow(ReplayMismatchError);
    expect(() => replay.assertComplete()).toThrow(
      "replay of fixtures/x/short.har does not match the code: 1 request(s) not in the recording: GET /api/2.2/jobs/runs/get-output?run_id=7",
    );
  });

  it("a query string is part of the match", { tags: ["self-test"] }, async () => {
    using replay = startReplay(harLog([json("GET", "/api/2.2/jobs/runs/get?run_id=1", {})]), { source: "q.har" });
    expect((await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get?run_id=99`)).status).toBe(400);
    expect(replay.ledger.unexpected()).toEqual(["GET /api/2.2/jobs/runs/get?run_id=99"]);
  });

  it("fails when a recorded request is left unused, naming it", { tags: ["self-test"] }, async () => {
    using replay = startReplay(har, { source: "unused.har" });
    await getJson(`${REPLAY_ORIGIN}/api/2.2/jobs/runs/get?run_id=1`);
    let error: unknown;
    try {
      replay.assertComplete();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReplayMismatchError);
    expect((error as ReplayMismatchError).code).toBe("REPLAY_MISMATCH");
    expect((error as ReplayMismatchError).unused).toEqual([
      "GET /api/2.2/jobs/runs/get?run_id=2",
      "GET /api/2.2/jobs/runs/get?run_id=1",
      "POST /api/2.2/jobs/runs/cancel",
    ]);
    expect((error as Error).message).toContain("3 recorded request(s) never made");
  });

  it("allows one interception per process at a time", { tags: ["self-test"] }, () => {
    using _first = startReplay(har, { source: "first.har" });
    expect(() => startReplay(har, { source: "second.har" })).toThrow(
      "cannot start replay of second.har: replay of first.har is still intercepting HTTP in this process",
    );
  });
});

describe("loadHar", () => {
  it("loads a committed recording", () => {
    const loaded = loadHar("fixtures/dev019-watchdog/pass.har".replace(/^/, `${process.cwd()}/`));
    expect(loaded.log.version).toBe("1.2");
  });

  it.each([
    ["not JSON", "{", /broken\.har: is not JSON/],
    [
      "wrong version",
      JSON.stringify({ log: { version: "1.1", entries: [] } }),
      /broken\.har: log\.version: expected "1\.2", got "1\.1"/,
    ],
    [
      "entry without url",
      JSON.stringify({ log: { version: "1.2", entries: [{ request: { method: "GET" }, response: {} }] } }),
      /log\.entries\[0\]\.request\.url: missing or not an absolute URL/,
    ],
  ])("rejects a HAR that is %s, naming file and field", { tags: ["self-test"] }, (_what, text, message) => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-har-"));
    const path = join(dir, "broken.har");
    writeFileSync(path, text);
    expect(() => loadHar(path)).toThrow(HarFormatError);
    expect(() => loadHar(path)).toThrow(message);
    expect(readFileSync(path, "utf8")).toBe(text);
  });
});
