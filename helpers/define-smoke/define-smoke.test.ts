/**
 * defineSmoke in-process: a live HTTP smoke against a loopback server (gate and URL given through `env`), its
 * fixtures (mode, clock, evidence, wait, http), and the wait's timeout naming the condition, budget and last status.
 * The packed-tarball self-test (helpers/package/readme-examples.test.ts) runs gate-off, record and replay end to end.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, expect } from "vitest";
import { systemClock } from "../clock.ts";
import { defineSmoke } from "./define-smoke.ts";

let status = 200;
const server = createServer((_req, res) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ status: status === 200 ? "ok" : "down" }));
});
await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((done) => server.close(() => done())));

const test = defineSmoke({
  name: "defineSmoke self-test",
  gate: "RUN_DEFINE_SMOKE_SELF_TEST",
  credentials: [["SELF_TEST_URL"]],
  http: { url: "SELF_TEST_URL" },
  tags: ["self-test"],
  env: { RUN_DEFINE_SMOKE_SELF_TEST: "1", SELF_TEST_URL: url, SMOKEBOOK_MODE: "live" },
});

test("live: the fixtures are the live ones and GET /health answers 200", async ({
  mode,
  clock,
  http,
  wait,
  evidence,
}) => {
  expect(mode).toBe("live");
  expect(clock).toBe(systemClock);
  expect(http.url("/health")).toBe(`${url}/health`);
  const response = await wait.forHttp(http.url("/health")).status(200);
  await evidence.json("health", await response.json());
});

test("self-test: a 503 makes the wait time out naming the condition, the budget and the last status", async ({
  http,
  wait,
}) => {
  status = 503;
  try {
    await expect(wait.forHttp(http.url("/health"), { intervalMs: 50, timeoutMs: 300 }).status(200)).rejects.toThrow(
      /Timed out after 0\.3s waiting until GET http:\/\/127\.0\.0\.1:\d+\/health answers 200; last observed state: HTTP 503 Service Unavailable/,
    );
  } finally {
    status = 200;
  }
});

test("self-test: a check declared after collection is refused", () => {
  expect(() => test("late", () => undefined)).toThrow(/declared after vitest collected the smoke/);
});
