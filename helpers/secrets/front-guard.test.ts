import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceClient } from "../databricks/client.ts";
import { redactText } from "../redact.ts";
import { harLog, ReplayLedger } from "../replay/index.ts";
import { thrownError } from "../testing/thrown-error.ts";
import { CRITERIA } from "./criteria.ts";
import { SecretCriterionError } from "./errors.ts";
import { type FakeWorkspace, startFakeWorkspace } from "./fake-workspace.ts";
import { FRONT_UNAUTHENTICATED_MESSAGE } from "./front-guard.ts";
import { checkReadOnly } from "./read-only.ts";
import { startWorkspaceFront, type WorkspaceFront } from "./workspace-front.ts";

const TOKEN = "guard-test-upstream-token-77";
const SECRET = "guard-test-secret-value-0077";
const GET_SECRET = "/api/2.0/secrets/get?scope=prod&key=k";
let fake: FakeWorkspace;

beforeAll(async () => {
  fake = await startFakeWorkspace({ token: TOKEN, scopes: { prod: { k: SECRET } } });
});
afterAll(() => fake.close());

const forwardFront = () =>
  startWorkspaceFront({
    upstream: {
      kind: "forward",
      client: createWorkspaceClient({ DATABRICKS_HOST: fake.url, DATABRICKS_TOKEN: TOKEN }),
    },
    record: true,
  });

async function expectUnauthenticated(front: WorkspaceFront, headers: Record<string, string>) {
  const response = await fetch(`${front.url}${GET_SECRET}`, { headers });
  expect(response.status).toBe(401);
  const text = await response.text();
  expect(text).not.toContain(Buffer.from(SECRET).toString("base64"));
  expect(JSON.parse(text)).toEqual({ error_code: "UNAUTHENTICATED", message: FRONT_UNAUTHENTICATED_MESSAGE });
}

describe("workspace front guard: session token", () => {
  it("self-test: no token, a wrong token or the upstream's own token get 401 and reach nothing", {
    tags: ["self-test"],
  }, async () => {
    await using front = await forwardFront();
    const upstreamBefore = fake.requests.length;
    await expectUnauthenticated(front, {});
    await expectUnauthenticated(front, { authorization: "Bearer wrong-token" });
    await expectUnauthenticated(front, { authorization: `Bearer ${TOKEN}` });
    await expectUnauthenticated(front, { authorization: `Bearer ${front.token}x` });
    await expectUnauthenticated(front, { authorization: front.token });
    const sdk = createWorkspaceClient({ DATABRICKS_HOST: front.url, DATABRICKS_TOKEN: "not-the-session-token" });
    await expect(sdk.secrets.getSecret({ scope: "prod", key: "k" })).rejects.toMatchObject({ status: 401 });
    expect(fake.requests.length).toBe(upstreamBefore);
    expect(front.recorded).toEqual([]);
    expect(front.observed.every((r) => r.status === 401)).toBe(true);
  });

  it("passes the session token's reads on, and each session draws a new token registered for redaction", async () => {
    await using front = await forwardFront();
    await using other = await forwardFront();
    expect(front.token).not.toBe(other.token);
    expect(front.token.length).toBeGreaterThanOrEqual(32);
    expect(redactText(`token ${front.token}`)).not.toContain(front.token);
    const response = await fetch(`${front.url}${GET_SECRET}`, { headers: { authorization: `Bearer ${front.token}` } });
    expect(response.status).toBe(200);
    expect(Buffer.from((await response.json()).value, "base64").toString()).toBe(SECRET);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/api/2.0/secrets/get", status: 200 });
  });

  it("self-test: replay answers nothing without the token either", { tags: ["self-test"] }, async () => {
    const ledger = new ReplayLedger(harLog([]), "empty.har");
    await using front = await startWorkspaceFront({ upstream: { kind: "replay", ledger } });
    await expectUnauthenticated(front, {});
    expect(() => ledger.assertComplete()).not.toThrow();
  });
});

describe("workspace front guard: read-only", () => {
  it("self-test: a write or another API is refused with 403, never forwarded, and fails the read-only criterion", {
    tags: ["self-test"],
  }, async () => {
    await using front = await forwardFront();
    const upstreamBefore = fake.requests.length;
    const auth = { authorization: `Bearer ${front.token}`, "content-type": "application/json" };
    const put = await fetch(`${front.url}/api/2.0/secrets/put`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ scope: "prod", key: "k", string_value: "overwritten" }),
    });
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({
      error_code: "PERMISSION_DENIED",
      message: expect.stringContaining("POST /api/2.0/secrets/put refused"),
    });
    const list = await fetch(`${front.url}/api/2.0/secrets/list?scope=prod`, { headers: auth });
    expect(list.status).toBe(403);
    const deleteGet = await fetch(`${front.url}${GET_SECRET}`, { method: "DELETE", headers: auth });
    expect(deleteGet.status).toBe(403);
    expect(fake.requests.length).toBe(upstreamBefore);
    expect(front.recorded).toEqual([]);
    expect(front.observed.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "POST /api/2.0/secrets/put 403",
      "GET /api/2.0/secrets/list 403",
      "DELETE /api/2.0/secrets/get 403",
    ]);
    const error = thrownError(SecretCriterionError, () => checkReadOnly(front.observed));
    expect(error.message).toBe(
      `${CRITERIA.readOnly}: unexpected request(s): POST /api/2.0/secrets/put, GET /api/2.0/secrets/list, DELETE /api/2.0/secrets/get`,
    );
  });
});
