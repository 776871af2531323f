import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceClient } from "../databricks/client.ts";
import { redactText } from "../redact.ts";
import { RemoteError } from "../remote-errors.ts";
import { SecretKeyError } from "./errors.ts";
import { type FakeWorkspace, startFakeWorkspace } from "./fake-workspace.ts";
import { resolveSecret } from "./resolver.ts";
import { chooseScope } from "./scope-env.ts";
import { type SecretsApi, workspaceSecretsApi } from "./secrets-api.ts";
import { envStubName, normalizeSecretKey } from "./stub-key.ts";

describe("env stub key derivation (ADR-0015)", () => {
  it.each([
    ["azure-openai-endpoint", "SECRET_AZURE_OPENAI_ENDPOINT"],
    ["AZURE_OPENAI_ENDPOINT", "SECRET_AZURE_OPENAI_ENDPOINT"],
    ["langfuse.secret-key", "SECRET_LANGFUSE_SECRET_KEY"],
    ["--db//password--", "SECRET_DB_PASSWORD"],
    ["a__b", "SECRET_A_B"],
    ["  spaced key 2 ", "SECRET_SPACED_KEY_2"],
    ["_x_", "SECRET_X"],
    ["kv:postgres-admin@dev", "SECRET_KV_POSTGRES_ADMIN_DEV"],
    ["ümlaut-key", "SECRET_MLAUT_KEY"],
    ["123", "SECRET_123"],
  ])("%j → %s", (key, expected) => {
    expect(envStubName(key)).toBe(expected);
  });

  it("matches the runbook's python snippet on every case", async () => {
    const { execFileSync } = await import("node:child_process");
    const keys = [
      "azure-openai-endpoint",
      "langfuse.secret-key",
      "--db//password--",
      "a__b",
      " spaced key 2 ",
      "ümlaut-key",
    ];
    const script =
      'import json,re,sys\nfor k in json.load(sys.stdin):\n  key=k.upper()\n  key=re.sub(r"[^A-Z0-9]+","_",key)\n  key=re.sub(r"_+","_",key).strip("_")\n  print(f"SECRET_{key}")';
    const out = execFileSync("python3", ["-c", script], { input: JSON.stringify(keys), encoding: "utf8" });
    expect(out.trim().split("\n")).toEqual(keys.map(envStubName));
  });

  it.each(["", "---", "  "])("rejects %j, naming SECRET_SMOKE_KEY", { tags: ["self-test"] }, (key) => {
    expect(normalizeSecretKey(key)).toBe("");
    expect(() => envStubName(key)).toThrow(SecretKeyError);
    expect(() => envStubName(key)).toThrow(/^SECRET_SMOKE_KEY=".*" has no letters or digits/);
  });
});

describe("scope precedence", () => {
  it("DATABRICKS_SECRET_SCOPE first, KEY_VAULT_SECRET_SCOPE as fallback, empty counts as unset", () => {
    expect(chooseScope({ DATABRICKS_SECRET_SCOPE: "a", KEY_VAULT_SECRET_SCOPE: "b" })).toEqual({
      variable: "DATABRICKS_SECRET_SCOPE",
      scope: "a",
    });
    expect(chooseScope({ DATABRICKS_SECRET_SCOPE: "", KEY_VAULT_SECRET_SCOPE: "b" })).toEqual({
      variable: "KEY_VAULT_SECRET_SCOPE",
      scope: "b",
    });
    expect(chooseScope({})).toBeUndefined();
  });
});

describe("resolveSecret", () => {
  const reads: string[] = [];
  const api: SecretsApi = {
    getSecret: async (scope, key) => {
      reads.push(`${scope}/${key}`);
      return { key, value: Buffer.from(`value-of-${scope}`).toString("base64") };
    },
    currentUser: async () => ({ userName: "u" }),
  };

  it("returns the env stub without any scope read", async () => {
    reads.length = 0;
    const env = { SECRET_AZURE_OPENAI_ENDPOINT: "https://env-stub.example", DATABRICKS_SECRET_SCOPE: "x" };
    expect(await resolveSecret("azure-openai-endpoint", { env, api })).toEqual({
      source: "env-stub",
      value: "https://env-stub.example",
      stubName: "SECRET_AZURE_OPENAI_ENDPOINT",
    });
    expect(reads).toEqual([]);
  });

  it("reads DATABRICKS_SECRET_SCOPE's scope, base64-decoded, and registers the value for redaction", async () => {
    reads.length = 0;
    const env = { DATABRICKS_SECRET_SCOPE: "primary-scope", KEY_VAULT_SECRET_SCOPE: "kv-scope" };
    const resolved = await resolveSecret("azure-openai-endpoint", { env, api });
    expect(resolved).toMatchObject({
      source: "scope",
      value: "value-of-primary-scope",
      scopeVariable: "DATABRICKS_SECRET_SCOPE",
    });
    expect(reads).toEqual(["primary-scope/azure-openai-endpoint"]);
    expect(redactText("got value-of-primary-scope")).toBe("got [REDACTED]");
  });

  it("falls back to KEY_VAULT_SECRET_SCOPE when DATABRICKS_SECRET_SCOPE is unset", async () => {
    reads.length = 0;
    const resolved = await resolveSecret("k", { env: { KEY_VAULT_SECRET_SCOPE: "kv-scope" }, api });
    expect(resolved).toMatchObject({ scopeVariable: "KEY_VAULT_SECRET_SCOPE", scope: "kv-scope" });
    expect(reads).toEqual(["kv-scope/k"]);
  });

  it("without stub and scope variables fails Permanent, naming all three variables", {
    tags: ["self-test"],
  }, async () => {
    const error = await resolveSecret("azure-openai-endpoint", { env: {}, api }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ kind: "Permanent", apiErrorCode: "SCOPE_NOT_CONFIGURED" });
    expect((error as Error).message).toMatch(
      /SECRET_AZURE_OPENAI_ENDPOINT is not set and neither DATABRICKS_SECRET_SCOPE nor KEY_VAULT_SECRET_SCOPE/,
    );
  });

  it.each([
    [{ key: "k", value: "not base64!" }, /returned a value that is not base64/],
    [{ key: "k" }, /returned no value/],
  ])("a response without a base64 value fails Permanent (%j)", { tags: ["self-test"] }, async (response, message) => {
    const bad: SecretsApi = { ...api, getSecret: async () => response };
    const error = await resolveSecret("k", { env: { DATABRICKS_SECRET_SCOPE: "s" }, api: bad }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ kind: "Permanent", apiErrorCode: "SECRET_VALUE_INVALID" });
    expect((error as Error).message).toMatch(message);
  });
});

describe("resolveSecret against the fake workspace (real HTTP, SDK client)", () => {
  let fake: FakeWorkspace;
  beforeAll(async () => {
    fake = await startFakeWorkspace({
      token: "fake-token-1234",
      scopes: { "smokebook-dev": { "azure-openai-endpoint": "https://aoai-dev.example.openai.azure.com/" } },
      failures: {
        "denied-scope": {
          status: 403,
          body: {
            error_code: "PERMISSION_DENIED",
            message: "User does not have READ permission on scope: denied-scope",
          },
        },
        "busy-scope": {
          status: 429,
          body: { error_code: "REQUEST_LIMIT_EXCEEDED", message: "Too many requests." },
          headers: { "retry-after": "7" },
        },
        "broken-scope": { status: 500, body: { error_code: "INTERNAL_ERROR", message: "Internal error" } },
        "slow-scope": { stallMs: 2_000 },
      },
    });
  });
  afterAll(() => fake.close());

  const resolveIn = (scope: string, timeoutMs = 5_000) => {
    const client = createWorkspaceClient({ DATABRICKS_HOST: fake.url, DATABRICKS_TOKEN: "fake-token-1234" });
    return resolveSecret("azure-openai-endpoint", {
      env: { DATABRICKS_SECRET_SCOPE: scope },
      api: workspaceSecretsApi(client, timeoutMs),
    });
  };

  it("reads and decodes a secret", async () => {
    expect((await resolveIn("smokebook-dev")).value).toBe("https://aoai-dev.example.openai.azure.com/");
    expect(fake.requests.at(-1)).toMatchObject({
      path: "/api/2.0/secrets/get",
      query: { scope: "smokebook-dev", key: "azure-openai-endpoint" },
      status: 200,
    });
  });

  it.each([
    ["missing-scope", "Permanent", 404, "RESOURCE_DOES_NOT_EXIST"],
    ["denied-scope", "Permanent", 403, "PERMISSION_DENIED"],
    ["busy-scope", "Transient", 429, "REQUEST_LIMIT_EXCEEDED"],
    ["broken-scope", "Transient", 500, "INTERNAL_ERROR"],
  ])("%s → %s (HTTP %i %s)", async (scope, kind, status, apiErrorCode) => {
    const error = await resolveIn(scope).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind, status, apiErrorCode });
    expect((error as Error).message).toContain(`from scope ${scope} (DATABRICKS_SECRET_SCOPE)`);
  });

  it("a request that does not answer in time → Transient", async () => {
    const error = await resolveIn("slow-scope", 300).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "Transient", apiErrorCode: "ETIMEDOUT" });
  });
});
