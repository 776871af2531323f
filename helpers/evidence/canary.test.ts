import { describe, expect, it } from "vitest";
import { runVitest } from "../testing/child-vitest.ts";

const CANARY_TOKEN = "dapi0123456789abcdef0123456789abcdef-canary";
const CANARY_STUB = "https://canary-stub.example/endpoint-7f3a";
const CANARY_SCOPE_VALUE = "scope-canary-value-91c2";

describe("canary: a known fake token appears nowhere", { tags: ["self-test"] }, () => {
  it("is redacted from stdout, stderr, evidence.jsonl, report.md, junit.xml and results.json", {
    timeout: 120_000,
  }, async () => {
    const child = await runVitest(["run", "--project", "harness", "fixtures/harness-suites/canary/leaky.test.ts"], {
      env: {
        SMOKEBOOK_FIXTURE_SUITE: "canary",
        DATABRICKS_TOKEN: CANARY_TOKEN,
        SECRET_CANARY_ENDPOINT: CANARY_STUB,
        CANARY_SCOPE_VALUE,
      },
    });
    // The fixture fails on purpose (its assertion error carries the secrets).
    expect(child.status, child.stderr).toBe(1);
    const outputs: Record<string, string> = { stdout: child.stdout, stderr: child.stderr, ...child.evidenceFiles() };
    expect(Object.keys(outputs)).toEqual(
      expect.arrayContaining(["evidence.jsonl", "report.md", "junit.xml", "results.json"]),
    );
    // The fixture really ran and its output really reached these files.
    expect(outputs["evidence.jsonl"]).toContain('"name":"leak"');
    expect(child.stdout).toContain("token in a log line");
    for (const [where, text] of Object.entries(outputs)) {
      for (const secret of [CANARY_TOKEN, CANARY_STUB, CANARY_SCOPE_VALUE, "session=abc", "sid=1"]) {
        expect(text.includes(secret), `${secret} leaked into ${where}`).toBe(false);
      }
    }
    expect(outputs["evidence.jsonl"]).toContain("[REDACTED]");
  });

  // Azure credentials (issue #13): a client secret from the environment, an Entra ID token the credential hands
  // out, and a SAS signature and shared (workspace/DCR) keys that arrive in an ARM response — each registered by
  // helpers/azure (credential.ts, secret-shapes.ts) before anything can print it.
  it("Azure: client secret, bearer token, SAS signature and shared keys appear nowhere", {
    timeout: 120_000,
  }, async () => {
    const canaries = {
      AZURE_CLIENT_SECRET: "cAn8Q~canaryClientSecret0123456789abcdefXy",
      CANARY_AZURE_TOKEN: "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJjYW5hcnkifQ.Y2FuYXJ5LXNpZ25hdHVyZS0wMTIz",
      CANARY_SAS_SIGNATURE: "c4n4ry+SAS/sig0123456789abcdef=",
      CANARY_SHARED_KEY: "Q2FuYXJ5U2hhcmVkS2V5MDEyMzQ1Njc4OWFiY2RlZmdoaWo=",
    };
    const child = await runVitest(
      ["run", "--project", "harness", "fixtures/harness-suites/azure-canary/leaky.test.ts"],
      {
        env: { SMOKEBOOK_FIXTURE_SUITE: "azure-canary", ...canaries },
      },
    );
    expect(child.status, child.stderr).toBe(1);
    const outputs: Record<string, string> = { stdout: child.stdout, stderr: child.stderr, ...child.evidenceFiles() };
    expect(outputs["evidence.jsonl"]).toContain('"name":"leak"');
    expect(child.output).toContain("what ARM answered:");
    for (const [where, text] of Object.entries(outputs)) {
      for (const [name, secret] of Object.entries(canaries)) {
        expect(text.includes(secret), `${name} leaked into ${where}`).toBe(false);
        expect(text.includes(encodeURIComponent(secret)), `${name} (URL-encoded) leaked into ${where}`).toBe(false);
      }
    }
  });
});
