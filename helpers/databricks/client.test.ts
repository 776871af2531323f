import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { classifyRemoteFailure } from "../remote-errors.ts";
import { harEntry, harLog, startReplay } from "../replay/index.ts";
import { checkHost, createWorkspaceClient, REPLAY_HOST, replayWorkspaceClient, workspaceUrl } from "./client.ts";
import { GATEWAY_503_HTML } from "./fixtures/api-shapes.ts";
import { DatabricksHttpError, parseErrorBody } from "./single-attempt-transport.ts";

const get = (status: number, text: string, mimeType = "application/json", headers: Record<string, string> = {}) =>
  harEntry({
    started: "2026-01-01T00:00:00Z",
    method: "GET",
    url: "https://w.example/api/2.2/jobs/runs/get?run_id=1",
    status,
    mimeType,
    text,
    responseHeaders: [
      { name: "content-type", value: mimeType },
      ...Object.entries(headers).map(([name, value]) => ({ name, value })),
    ],
  });

describe("checkHost", () => {
  it.each([
    "https://adb-1.2.azuredatabricks.net",
    "adb-1.2.azuredatabricks.net",
    "http://127.0.0.1:8123",
    "http://localhost:80",
    "http://[::1]:9000",
  ])("accepts %s", (host) => {
    expect(() => checkHost({ DATABRICKS_HOST: host })).not.toThrow();
  });

  it("refuses plain http to a remote host, naming DATABRICKS_HOST", { tags: ["self-test"] }, () => {
    expect(() => checkHost({ DATABRICKS_HOST: "http://adb-1.azuredatabricks.net" })).toThrow(EnvValueError);
    expect(() => checkHost({ DATABRICKS_HOST: "http://adb-1.azuredatabricks.net" })).toThrow(
      /^DATABRICKS_HOST="http:\/\/adb-1\.azuredatabricks\.net" is not allowed: expected an https:\/\/ workspace URL/,
    );
  });

  it("a loopback host reaches the client's config", async () => {
    const client = createWorkspaceClient({ DATABRICKS_HOST: "http://127.0.0.1:8123", DATABRICKS_TOKEN: "t0ken-value" });
    expect(await workspaceUrl(client)).toBe("http://127.0.0.1:8123");
    expect(await workspaceUrl(replayWorkspaceClient())).toBe(REPLAY_HOST);
  });
});

describe("single-attempt transport", () => {
  it("makes one request on 429 (no SDK sleep) and keeps status, error_code and Retry-After", {
    tags: ["self-test"],
  }, async () => {
    using replay = startReplay(
      harLog([
        get(429, '{"error_code":"REQUEST_LIMIT_EXCEEDED","message":"rate limit"}', "application/json", {
          "retry-after": "7",
        }),
      ]),
    );
    const started = performance.now();
    const error = await replayWorkspaceClient()
      .jobs.getRun({ run_id: 1 })
      .catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(replay.observed).toHaveLength(1);
    expect(error).toBeInstanceOf(DatabricksHttpError);
    const classified = classifyRemoteFailure(error, "runs/get", 0);
    expect(classified).toMatchObject({
      kind: "Transient",
      status: 429,
      apiErrorCode: "REQUEST_LIMIT_EXCEEDED",
      retryAfterMs: 7000,
    });
  });

  it("summarises a 503 HTML page instead of dumping it, and classifies it Transient", {
    tags: ["self-test"],
  }, async () => {
    using _replay = startReplay(harLog([get(503, GATEWAY_503_HTML, "text/html")]));
    const error = (await replayWorkspaceClient()
      .jobs.getRun({ run_id: 1 })
      .catch((e: unknown) => e)) as Error;
    expect(error.message).toBe(
      "HTTP 503 from GET /api/2.2/jobs/runs/get: HTML error page: 503 Service Temporarily Unavailable",
    );
    expect(classifyRemoteFailure(error, "runs/get").kind).toBe("Transient");
  });

  it("a 404 RESOURCE_DOES_NOT_EXIST is Permanent", { tags: ["self-test"] }, async () => {
    using _replay = startReplay(
      harLog([get(404, '{"error_code":"RESOURCE_DOES_NOT_EXIST","message":"Run 1 does not exist."}')]),
    );
    const error = await replayWorkspaceClient()
      .jobs.getRun({ run_id: 1 })
      .catch((e: unknown) => e);
    expect(classifyRemoteFailure(error, "runs/get")).toMatchObject({
      kind: "Permanent",
      status: 404,
      code: "REMOTE_PERMANENT",
    });
  });

  it("parseErrorBody reads Databricks and SCIM errors", () => {
    expect(parseErrorBody('{"error_code":"PERMISSION_DENIED","message":"nope"}')).toEqual({
      errorCode: "PERMISSION_DENIED",
      message: "nope",
    });
    expect(parseErrorBody('{"detail":"scim says no","status":"403"}')).toEqual({ message: "scim says no" });
    expect(parseErrorBody("")).toEqual({});
  });
});

describe("transport origin check", () => {
  it("refuses plain http to a remote host even when a profile chose it", { tags: ["self-test"] }, async () => {
    const cfg = join(mkdtempSync(join(tmpdir(), "smokebook-cfg-")), "databrickscfg");
    writeFileSync(cfg, "[dev]\nhost = http://adb-1.azuredatabricks.net\ntoken = t0ken-value\n");
    const client = createWorkspaceClient({ DATABRICKS_CONFIG_PROFILE: "dev", DATABRICKS_CONFIG_FILE: cfg });
    await expect(client.currentUser.me()).rejects.toThrow(
      "refusing to send Databricks credentials over plain http to http://adb-1.azuredatabricks.net; use https",
    );
  });
});
