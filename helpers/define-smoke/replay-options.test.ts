/**
 * defineSmoke's replay options: `replay: false` registers no replay block (live stays as the gate decides), and a
 * block verifies its recordings only when every registered check ran — the sessions' finish is told `complete`, so
 * `-t <one check>` (or a bail) does not fail on recorded requests it never needed; the HTTP traffic and the kube
 * connection then skip their verification.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { harEntry, harLog } from "../replay/index.ts";
import { defineSmoke } from "./define-smoke.ts";
import { SmokeScope } from "./smoke-scope.ts";
import type { OpenedSession } from "./system-session.ts";
import { openTraffic } from "./traffic.ts";

const dir = mkdtempSync(join(tmpdir(), "smokebook-replay-options-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const recording = join(dir, "two-requests.har");
const entry = (path: string) =>
  harEntry({
    started: "2026-01-01T00:00:00Z",
    method: "GET",
    url: `http://127.0.0.1:8080/${path}`,
    status: 200,
    mimeType: "application/json",
    text: "{}",
  });
writeFileSync(recording, JSON.stringify(harLog([entry("a"), entry("b")])));

const smoke = (replay?: boolean) => {
  const test = defineSmoke({
    name: `replay-option self-test ${String(replay)}`,
    gate: "RUN_REPLAY_OPTION_SELF_TEST",
    credentials: [],
    http: { url: "REPLAY_OPTION_URL" },
    recordings: { http: recording },
    tags: ["self-test"],
    env: {},
    ...(replay === undefined ? {} : { replay }),
  });
  test("a check that opens nothing", () => undefined);
  return test;
};

// Without the gate, in auto mode: a live block listing the checks skipped, then the replay block — unless replay: false.
const [byDefault, replayTrue, replayFalse] = [smoke(), smoke(true), smoke(false)];

describe("replay: false", () => {
  it("lists only the live block (its checks skipped with the gate's note); by default the replay block follows", () => {
    expect(byDefault.modes).toEqual(["live", "replay"]);
    expect(replayTrue.modes).toEqual(["live", "replay"]);
    expect(replayFalse.modes).toEqual(["live"]);
  });
});

describe("a block verifies its recordings only when every check ran", () => {
  const finished: Array<{ failed: ReadonlyArray<string>; complete: boolean | undefined }> = [];
  const scope = (registered: number, ran: number) => {
    const opened: OpenedSession<string> = {
      value: "session",
      clock: { now: () => 0 } as never,
      finish: async (failed, complete) => {
        finished.push({ failed, complete });
        return undefined;
      },
      release: async () => undefined,
    };
    const s = new SmokeScope(
      "complete self-test",
      "replay",
      undefined,
      {},
      {
        openers: { http: async () => opened as OpenedSession<unknown> },
        recordings: {},
      },
    );
    s.registered = registered;
    s.ran = ran;
    return s;
  };

  it("the scope tells its sessions whether every registered check ran", async () => {
    const partial = scope(3, 1);
    await partial.session("http");
    await partial.finish();
    const whole = scope(3, 3);
    await whole.session("http");
    whole.failed.push("a check");
    await whole.finish();
    expect(finished).toEqual([
      { failed: [], complete: false },
      { failed: ["a check"], complete: true },
    ]);
  });

  it("HTTP replay traffic: an unused recorded request fails finish only when complete", async () => {
    const once = openTraffic("replay", recording);
    await fetch("http://127.0.0.1:8080/a");
    await expect(once.finish([], false)).resolves.toBeUndefined();
    const again = openTraffic("replay", recording);
    await fetch("http://127.0.0.1:8080/a");
    await expect(again.finish([], true)).rejects.toThrow(/GET \/b/);
  });
});

// End to end: a check marked skip never starts, so the block is incomplete and the unused request to /b is no failure.
const partial = defineSmoke({
  name: "incomplete block self-test",
  gate: "RUN_INCOMPLETE_BLOCK_SELF_TEST",
  credentials: [],
  http: { url: "INCOMPLETE_BLOCK_URL" },
  recordings: { http: recording },
  tags: ["self-test"],
  env: { SMOKEBOOK_MODE: "replay" },
});
partial("replay: requests /a only", async ({ http }) => {
  expect((await http.get("/a")).status).toBe(200);
});
partial("replay: would request /b (not run here)", { skip: true }, async ({ http }) => {
  await http.get("/b");
});
