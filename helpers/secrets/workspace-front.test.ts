import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceClient } from "../databricks/client.ts";
import { fromRoot } from "../paths.ts";
import { HarFormatError, harLog, ReplayLedger } from "../replay/index.ts";
import { type ErrorCase, loadErrorCases, serveErrorCase } from "./error-cases.ts";
import { type FakeWorkspace, startFakeWorkspace } from "./fake-workspace.ts";
import { startWorkspaceFront } from "./workspace-front.ts";

const TOKEN = "front-test-token-42";
const SECRET = "front-secret-value-0042";
let fake: FakeWorkspace;

beforeAll(async () => {
  fake = await startFakeWorkspace({ token: TOKEN, scopes: { dev: { k: SECRET } } });
});
afterAll(() => fake.close());

const client = () => createWorkspaceClient({ DATABRICKS_HOST: fake.url, DATABRICKS_TOKEN: TOKEN });

describe("workspace front, forward mode", () => {
  it("authenticates upstream itself, observes every request and records without the secret", async () => {
    await using front = await startWorkspaceFront({ upstream: { kind: "forward", client: client() }, record: true });
    const caller = createWorkspaceClient({ DATABRICKS_HOST: front.url, DATABRICKS_TOKEN: front.token });
    expect((await caller.currentUser.me()).userName).toBe("smoke.operator@example.com");
    const got = await caller.secrets.getSecret({ scope: "dev", key: "k" });
    expect(Buffer.from(got.value ?? "", "base64").toString()).toBe(SECRET);
    await expect(caller.secrets.getSecret({ scope: "nope", key: "k" })).rejects.toMatchObject({ status: 404 });
    expect(front.observed.map((r) => `${r.method} ${r.path} ${JSON.stringify(r.query)} ${r.status}`)).toEqual([
      "GET /api/2.0/preview/scim/v2/Me {} 200",
      'GET /api/2.0/secrets/get {"key":"k","scope":"dev"} 200',
      'GET /api/2.0/secrets/get {"key":"k","scope":"nope"} 404',
    ]);
    expect(fake.requests.slice(-3).every((r) => r.status !== 403)).toBe(true);
    const recorded = JSON.stringify(front.recorded);
    expect(recorded).not.toContain(SECRET);
    expect(recorded).not.toContain(Buffer.from(SECRET).toString("base64"));
    expect(recorded).not.toContain(TOKEN);
    expect(recorded).not.toContain(front.token);
    const value = JSON.parse(front.recorded[1]?.response.content.text ?? "{}").value;
    expect(Buffer.from(value, "base64").toString()).toBe(`smokebook-recorded-placeholder (${SECRET.length} bytes)`);
  });
});

describe("workspace front, replay mode", () => {
  it("answers from the ledger and reports requests the recording lacks", async () => {
    await using recorder = await startWorkspaceFront({ upstream: { kind: "forward", client: client() }, record: true });
    const caller = createWorkspaceClient({ DATABRICKS_HOST: recorder.url, DATABRICKS_TOKEN: recorder.token });
    await caller.secrets.getSecret({ scope: "dev", key: "k" });
    const ledger = new ReplayLedger(harLog([...recorder.recorded]), "test.har");
    await using front = await startWorkspaceFront({ upstream: { kind: "replay", ledger } });
    const replayed = createWorkspaceClient({ DATABRICKS_HOST: front.url, DATABRICKS_TOKEN: front.token });
    const got = await replayed.secrets.getSecret({ key: "k", scope: "dev" });
    expect(Buffer.from(got.value ?? "", "base64").toString()).toMatch(/^smokebook-recorded-placeholder/);
    await expect(replayed.secrets.getSecret({ scope: "other", key: "k" })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("GET /api/2.0/secrets/get?key=k&scope=other is not in recording test.har"),
    });
    expect(() => ledger.assertComplete()).toThrow(/1 request\(s\) not in the recording/);
  });
});

describe("recorded error cases", () => {
  it("loads every case with its expected kind", () => {
    const cases = loadErrorCases(fromRoot("fixtures/secret-resolution/error-responses.har"));
    expect(cases.map((c) => [c.entry.response.status, c.expected, c.noAnswer])).toEqual([
      [404, "Permanent", undefined],
      [404, "Permanent", undefined],
      [403, "Permanent", undefined],
      [403, "Permanent", undefined],
      [400, "Permanent", undefined],
      [429, "Transient", undefined],
      [500, "Transient", undefined],
      [502, "Transient", undefined],
      [503, "Transient", undefined],
      [0, "Transient", "drop"],
      [0, "Transient", "stall"],
    ]);
    expect(cases.slice(-2).map((c) => c.name)).toEqual([
      "connection dropped (reset before any answer)",
      "timeout (no answer within the resolver's time limit)",
    ]);
  });

  it("self-test: a case without an answer must say whether the connection drops or stalls", {
    tags: ["self-test"],
  }, () => {
    const har = JSON.parse(readFileSync(fromRoot("fixtures/secret-resolution/error-responses.har"), "utf8"));
    delete har.log.entries.at(-1)._smokebook_case.no_answer;
    const path = join(mkdtempSync(join(tmpdir(), "smokebook-cases-")), "cases.har");
    writeFileSync(path, JSON.stringify(har));
    expect(() => loadErrorCases(path, "cases.har")).toThrow(
      'cases.har: log.entries[10]._smokebook_case.no_answer: a case without an answer (status 0) needs "drop" or "stall", got undefined',
    );
  });

  it("a dropped case resets the connection at once; a stalled one holds it until the server closes", async () => {
    const cases = loadErrorCases(fromRoot("fixtures/secret-resolution/error-responses.har"));
    const [dropped, stalled] = cases.slice(-2) as [ErrorCase, ErrorCase];
    {
      await using server = await serveErrorCase(dropped);
      await expect(fetch(`${server.url}/api/2.0/secrets/get?scope=a&key=b`)).rejects.toThrow();
      expect(server.requests).toBe(1);
    }
    const server = await serveErrorCase(stalled);
    const pending = fetch(`${server.url}/api/2.0/secrets/get?scope=a&key=b`, { signal: AbortSignal.timeout(150) });
    await expect(pending).rejects.toMatchObject({ name: "TimeoutError" });
    expect(server.requests).toBe(1);
    const started = performance.now();
    await server.close();
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("serves a case to every request, repeatedly", async () => {
    const [missing] = loadErrorCases(fromRoot("fixtures/secret-resolution/error-responses.har"));
    await using server = await serveErrorCase(missing as NonNullable<typeof missing>);
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${server.url}/api/2.0/secrets/get?scope=a&key=b`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error_code: "RESOURCE_DOES_NOT_EXIST" });
    }
    expect(server.requests).toBe(2);
  });

  it("a case without an expected kind fails naming the file and field", { tags: ["self-test"] }, () => {
    const dir = mkdtempSync(join(tmpdir(), "smokebook-cases-"));
    const path = join(dir, "cases.har");
    const entry = {
      ...loadErrorCases(fromRoot("fixtures/secret-resolution/error-responses.har"))[0]?.entry,
      _smokebook_case: { name: "x", expected: "Maybe" },
    };
    writeFileSync(path, JSON.stringify({ log: { version: "1.2", entries: [entry] } }));
    expect(() => loadErrorCases(path)).toThrow(HarFormatError);
    expect(() => loadErrorCases(path)).toThrow(
      `${path}: log.entries[0]._smokebook_case.expected: expected "Permanent" or "Transient", got "Maybe"`,
    );
  });
});
