import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LoopbackListener, listenLoopback } from "../net/loopback-http.ts";
import { registerSecret } from "../redact.ts";
import {
  harEntry,
  harLog,
  loadHar,
  ReplayLedger,
  redactHar,
  serveLedger,
  startRecorder,
  startReplay,
} from "./index.ts";

const TOKEN = "dapi0123456789abcdef0123456789abcdef";
const SCOPE_SECRET = "s3cr3t-value-from-scope";

let origin = "";
let listener: LoopbackListener | undefined;
const server = createServer((req, res) => {
  res.setHeader("content-type", "application/json");
  res.setHeader("set-cookie", "session=abc123; HttpOnly");
  const echoed = { path: req.url, saw_auth: req.headers.authorization === `Bearer ${TOKEN}`, value: SCOPE_SECRET };
  res.end(JSON.stringify(echoed));
});

beforeAll(async () => {
  registerSecret(SCOPE_SECRET);
  listener = await listenLoopback(server);
  origin = listener.url;
});
afterAll(() => listener?.close());

describe("startRecorder", () => {
  it("captures live traffic in call order and saves it as a redacted HAR that replays the same answers", async () => {
    const recorder = startRecorder({ comment: "recorder self-test" });
    let first: unknown;
    try {
      const headers = { authorization: `Bearer ${TOKEN}`, cookie: "session=abc123" };
      first = await (await fetch(`${origin}/api/2.0/secrets/get?scope=s&key=k`, { headers })).json();
      await fetch(`${origin}/api/2.2/jobs/runs/submit`, {
        method: "POST",
        headers,
        body: JSON.stringify({ token: TOKEN }),
      });
    } finally {
      recorder.stop();
    }
    expect(first).toMatchObject({ saw_auth: true });
    expect(recorder.entries.map((e) => `${e.request.method} ${new URL(e.request.url).pathname}`)).toEqual([
      "GET /api/2.0/secrets/get",
      "POST /api/2.2/jobs/runs/submit",
    ]);

    const path = join(mkdtempSync(join(tmpdir(), "smokebook-rec-")), "nested", "rec.har");
    recorder.save(path, { DATABRICKS_TOKEN: TOKEN });
    const text = readFileSync(path, "utf8");
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(SCOPE_SECRET);
    expect(text).not.toMatch(/"name": "(authorization|cookie|set-cookie)"/i);
    expect(text).not.toContain("abc123");
    expect(text).toContain("[REDACTED]");

    using replay = startReplay(path, { source: "rec.har" });
    const replayed = await (await fetch(`${origin}/api/2.0/secrets/get?scope=s&key=k`)).json();
    expect(replayed).toEqual({ ...(first as object), value: "[REDACTED]" });
    // The recorded body holds "[REDACTED]" where the token was: it matches whatever value is sent in its place.
    await fetch(`${origin}/api/2.2/jobs/runs/submit`, { method: "POST", body: JSON.stringify({ token: "other" }) });
    replay.assertComplete();
  });
});

describe("redactHar", () => {
  it("drops credential headers and cookies, redacts token shapes anywhere", { tags: ["self-test"] }, () => {
    const entry = harEntry({
      started: "2026-01-01T00:00:00Z",
      method: "GET",
      url: `https://w.example/api?token=${TOKEN}`,
      requestHeaders: [
        { name: "Authorization", value: `Bearer ${TOKEN}` },
        { name: "X-Trace", value: `Bearer ${TOKEN}` },
      ],
      status: 200,
      mimeType: "application/json",
      text: JSON.stringify({ note: `token ${TOKEN}` }),
    });
    const redacted = JSON.stringify(redactHar(harLog([entry]), {}));
    expect(redacted).not.toContain(TOKEN);
    expect(redacted).not.toContain("Authorization");
    expect(redacted).toContain("X-Trace");
  });
});

describe("serveLedger", () => {
  it("serves a recording over a real loopback socket and keeps the Authorization it received", async () => {
    const har = harLog([
      harEntry({
        started: "2026-01-01T00:00:00Z",
        method: "GET",
        url: "https://w.example/x?a=1",
        status: 200,
        mimeType: "application/json",
        text: '{"ok":true}',
      }),
    ]);
    const ledger = new ReplayLedger(har, "socket.har");
    await using fake = await serveLedger(ledger);
    const answer = await fetch(`${fake.url}/x?a=1`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await answer.json()).toEqual({ ok: true });
    const missing = await fetch(`${fake.url}/y`);
    expect(missing.status).toBe(400);
    expect(fake.authorizations[0]).toBe(`Bearer ${TOKEN}`);
    expect(() => ledger.assertComplete()).toThrow("1 request(s) not in the recording: GET /y");
  });

  it("loads the committed recordings without error", () => {
    for (const path of [
      "fixtures/dev019-watchdog/pass.har",
      "fixtures/dev013-checkpoint/pass.har",
      "fixtures/dev013-pragmatic/pass.har",
    ]) {
      expect(loadHar(join(process.cwd(), path)).log.entries.length).toBeGreaterThan(0);
    }
  });
});
