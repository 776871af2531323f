import { describe, expect, it } from "vitest";
import { EnvValueError } from "../errors.ts";
import { ingestionBatch, ingestionVerdict } from "./ingestion.ts";
import { readLangfuseEnv } from "./langfuse-env.ts";
import { responseSummary, sha256Hex } from "./response-summary.ts";

describe("LangFuse environment", () => {
  it("uses the runbook's defaults", () => {
    expect(readLangfuseEnv({})).toEqual({
      namespace: "default",
      secretName: "langfuse-secrets",
      uiArtifactFile: undefined,
      traceArtifactFile: undefined,
      fetchTimeoutMs: 120_000,
    });
    expect(
      readLangfuseEnv({ LANGFUSE_NAMESPACE: "langfuse", LANGFUSE_SMOKE_ARTIFACT_FILE: "/tmp/x.jsonl" }),
    ).toMatchObject({
      namespace: "langfuse",
      uiArtifactFile: "/tmp/x.jsonl",
    });
  });

  it("self-test: a bad LANGFUSE_FETCH_TIMEOUT_SECONDS is named", { tags: ["self-test"] }, () => {
    expect(() => readLangfuseEnv({ LANGFUSE_FETCH_TIMEOUT_SECONDS: "0" })).toThrow(EnvValueError);
    expect(() => readLangfuseEnv({ LANGFUSE_FETCH_TIMEOUT_SECONDS: "0" })).toThrow(
      /LANGFUSE_FETCH_TIMEOUT_SECONDS="0"/,
    );
  });
});

describe("UI response summary", () => {
  const cookie = "__Host-next-auth.csrf-token=9f8e7d6c5b4a39281706f5e4d3c2b1a0%7Cabcdef0123456789; Path=/; HttpOnly";
  const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXZhbHVl";

  it("keeps status, type, size, title and header names", () => {
    const body = Buffer.from("<html><head><title>Langfuse</title></head></html>");
    const summary = responseSummary(200, { "content-type": "text/html; charset=utf-8", "set-cookie": [cookie] }, body);
    expect(summary).toBe(
      `HTTP 200; text/html; ${body.length} bytes; title "Langfuse"; headers: content-type,set-cookie`,
    );
    expect(sha256Hex(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("self-test: cookie values, tokens in a redirect and JWTs never reach the summary", { tags: ["self-test"] }, () => {
    const summary = responseSummary(
      302,
      {
        location: `/auth/sign-in;session=${jwt}?callbackUrl=%2F&token=abc123secret`,
        "set-cookie": [cookie],
        authorization: `Bearer ${jwt}`,
      },
      Buffer.from(`<title>Sign in ${jwt}</title>`),
    );
    expect(summary).toMatch(
      /^HTTP 302; 0?\d+ bytes; location \/auth\/sign-in;session=\[REDACTED\]; title "Sign in \[REDACTED\]"/,
    );
    for (const leaked of ["csrf-token=", "9f8e7d6c5b4a", jwt, "abc123secret", "callbackUrl=%2F"])
      expect(summary).not.toContain(leaked);
  });
});

describe("LangFuse ingestion", () => {
  const eventId = "smokebook-event-1";

  it("builds a trace-create batch with our ids", () => {
    expect(JSON.parse(ingestionBatch("trace-1", eventId, "2026-02-24T17:01:02.000Z"))).toEqual({
      batch: [
        {
          id: eventId,
          timestamp: "2026-02-24T17:01:02.000Z",
          type: "trace-create",
          body: {
            id: "trace-1",
            name: "smokebook-trace-persistence",
            timestamp: "2026-02-24T17:01:02.000Z",
            metadata: { source: "smokebook", smoke: "trace-persistence" },
          },
        },
      ],
    });
  });

  it("passes 200/201/202, and 207 when our event succeeded without errors", () => {
    expect(ingestionVerdict(202, "", eventId).ok).toBe(true);
    expect(
      ingestionVerdict(207, JSON.stringify({ successes: [{ id: eventId, status: 201 }], errors: [] }), eventId),
    ).toEqual({
      ok: true,
      detail: `HTTP 207, event ${eventId} status 201`,
    });
  });

  it("self-test: 207 with errors, 207 without our event, and 401 fail with what LangFuse said", {
    tags: ["self-test"],
  }, () => {
    expect(
      ingestionVerdict(
        207,
        JSON.stringify({ successes: [], errors: [{ id: eventId, status: 400, message: "Invalid request data" }] }),
        eventId,
      ),
    ).toEqual({
      ok: false,
      detail: "HTTP 207 with 1 error(s): 400 Invalid request data",
    });
    expect(
      ingestionVerdict(207, JSON.stringify({ successes: [{ id: "other", status: 201 }], errors: [] }), eventId).detail,
    ).toBe(`HTTP 207 without event ${eventId} among successes`);
    expect(ingestionVerdict(401, '{"message":"Invalid credentials"}', eventId)).toEqual({
      ok: false,
      detail: 'HTTP 401: {"message":"Invalid credentials"}',
    });
  });
});
