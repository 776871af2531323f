/**
 * The README's "Write your own smoke" examples, copied into a fresh project that installs the packed tarball
 * (helpers/package/packed-project.ts) and run there as a user runs them: gate off → skipped with its note; live
 * against a loopback server → pass, and a 503 fails naming the status; record, then replay with the server gone →
 * pass; each run writes its evidence bundle in that project.
 * Packing and installing take a minute: SMOKEBOOK_PACKAGE_TEST=1 runs it (`npm run test:package`; .ci/run does).
 */
import { existsSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSwitch } from "../gates.ts";
import { type PackedProject, packedProject } from "./packed-project.ts";
import { readmeExample } from "./readme-examples.ts";

const enabled = readSwitch(process.env, "SMOKEBOOK_PACKAGE_TEST");
const RECORDING = "fixtures/example-health/health.har";
const SKIP_NOTE = "SMOKEBOOK_PACKAGE_TEST is not 1 (npm run test:package packs and installs smokebook)";

describe("README examples from the packed tarball", { tags: ["package", "slow"] }, () => {
  let project: PackedProject;
  let server: Server;
  let status = 200;
  let url = "";

  beforeAll(async () => {
    if (!enabled) return;
    project = await packedProject();
    project.write("vitest.config.ts", readmeExample("own-config"));
    project.write("suites/example/health.test.ts", readmeExample("own-smoke"));
    server = createServer((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: status === 200 ? "ok" : "unavailable" }));
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 900_000);

  afterAll(() => (server ? new Promise<void>((done) => server.close(() => done())) : undefined));

  const evidenceOf = (dir: string) => ({
    report: readFileSync(join(project.dir, dir, "report.md"), "utf8"),
    jsonl: readFileSync(join(project.dir, dir, "evidence.jsonl"), "utf8"),
  });

  it("the example smoke is under 25 lines and imports from at most two entry points", () => {
    const smoke = readmeExample("own-smoke");
    expect(smoke.trim().split("\n").length).toBeLessThan(25);
    expect(new Set([...smoke.matchAll(/from "([^"]+)"/g)].map((m) => m[1])).size).toBeLessThanOrEqual(2);
  });

  it("gate off, no recording: skipped with the note naming the gate; evidence written", async ({ skip }) => {
    if (!enabled) skip(SKIP_NOTE);
    const result = await project.vitest({ SMOKEBOOK_EVIDENCE_DIR: "evidence/gate-off" });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain("RUN_EXAMPLE_HEALTH_SMOKE is not 1");
    const { report, jsonl } = evidenceOf("evidence/gate-off");
    expect(report).toContain("Example health smoke");
    expect(jsonl).toContain('"state":"skipped"');
  });

  it("gate off under SMOKEBOOK_STRICT=1: the skip fails", async ({ skip }) => {
    if (!enabled) skip(SKIP_NOTE);
    const result = await project.vitest({ SMOKEBOOK_STRICT: "1", SMOKEBOOK_EVIDENCE_DIR: "evidence/strict" });
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toContain("RUN_EXAMPLE_HEALTH_SMOKE is not 1");
  });

  it("live against a loopback server: passes, with the URL and status in the evidence", async ({ skip }) => {
    if (!enabled) skip(SKIP_NOTE);
    status = 200;
    const env = { RUN_EXAMPLE_HEALTH_SMOKE: "1", EXAMPLE_HEALTH_URL: url, SMOKEBOOK_EVIDENCE_DIR: "evidence/live" };
    const result = await project.vitest(env);
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/1 passed/);
    expect(evidenceOf("evidence/live").jsonl).toContain(`${url}/health`);
  });

  it("self-test: live against a 503: fails naming the status", async ({ skip }) => {
    if (!enabled) skip(SKIP_NOTE);
    status = 503;
    const env = { RUN_EXAMPLE_HEALTH_SMOKE: "1", EXAMPLE_HEALTH_URL: url, SMOKEBOOK_EVIDENCE_DIR: "evidence/503" };
    const result = await project.vitest(env);
    status = 200;
    expect(result.exitCode).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/status: expected 503 to be 200/);
  });

  it("record, then replay with the server gone: passes from the recording alone", async ({ skip }) => {
    if (!enabled) skip(SKIP_NOTE);
    const record = await project.vitest({
      RUN_EXAMPLE_HEALTH_SMOKE: "1",
      EXAMPLE_HEALTH_URL: url,
      SMOKEBOOK_MODE: "record",
      SMOKEBOOK_EVIDENCE_DIR: "evidence/record",
    });
    expect(record.exitCode, record.stdout + record.stderr).toBe(0);
    expect(existsSync(join(project.dir, RECORDING))).toBe(true);
    await new Promise<void>((done) => server.close(() => done()));
    const replay = await project.vitest({ SMOKEBOOK_EVIDENCE_DIR: "evidence/replay" });
    expect(replay.exitCode, replay.stdout + replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(/1 passed/);
    expect(evidenceOf("evidence/replay").jsonl).toContain(
      '"test":"Example health smoke [replay] > GET /health answers 200","mode":"replay","state":"passed"',
    );
  });
});
