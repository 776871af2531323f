/**
 * The Databricks auth alternatives end to end against a fake workspace on 127.0.0.1: a personal access token, OAuth
 * M2M (OIDC discovery, client-credentials token exchange, then Bearer <access token>), and the [DEFAULT] profile of
 * a config file under HOME; credentials resolved at run time are registered for redaction.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveBlocker, type SmokeDefinition } from "../gates.ts";
import { type LoopbackListener, listenLoopback } from "../net/loopback-http.ts";
import { REDACTED, redactText } from "../redact.ts";
import { createWorkspaceClient } from "./client.ts";
import { databricksConfigPath, databricksLive, defaultProfileRequirement, parseIniSections } from "./credentials.ts";

const CLIENT_ID = "5f1d2c3b-sp-smokebook";
const CLIENT_SECRET = "dose0123456789abcdef-m2m-secret";
const ACCESS_TOKEN = "eyJraWQiOiJzbW9rZWJvb2stbTJtIn0.m2m-access-token.sig";
const PROFILE_TOKEN = "dapi-profile-token-from-databrickscfg-77";

interface Seen {
  path: string;
  authorization: string | undefined;
  body: string;
}

const seen: Seen[] = [];
let fake: LoopbackListener;

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    seen.push({ path, authorization: req.headers.authorization, body: await bodyOf(req) });
    res.setHeader("content-type", "application/json");
    if (path === "/oidc/.well-known/oauth-authorization-server") {
      res.end(
        JSON.stringify({
          authorization_endpoint: `${fake.url}/oidc/v1/authorize`,
          token_endpoint: `${fake.url}/oidc/v1/token`,
        }),
      );
    } else if (path === "/oidc/v1/token") {
      res.end(
        JSON.stringify({ access_token: ACCESS_TOKEN, token_type: "Bearer", expires_in: 3600, scope: "all-apis" }),
      );
    } else if (path === "/api/2.0/preview/scim/v2/Me") {
      res.end(JSON.stringify({ id: "1", userName: "sp@example.com" }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error_code: "ENDPOINT_NOT_FOUND", message: path }));
    }
  });
  fake = await listenLoopback(server);
});
afterAll(() => fake?.close());

function homeWith(config: string | undefined): string {
  const home = mkdtempSync(join(tmpdir(), "smokebook-dbx-home-"));
  if (config !== undefined) writeFileSync(join(home, ".databrickscfg"), config);
  return home;
}

const smoke: SmokeDefinition = { name: "probe smoke", gate: "RUN_PROBE", recordings: [], ...databricksLive() };

describe("Databricks credentials: the live alternatives", () => {
  it("lists a token, an OAuth M2M client and a profile; without any the note names all three", () => {
    expect(smoke.credentials).toEqual([
      ["DATABRICKS_HOST", "DATABRICKS_TOKEN"],
      ["DATABRICKS_HOST", "DATABRICKS_CLIENT_ID", "DATABRICKS_CLIENT_SECRET"],
      ["DATABRICKS_CONFIG_PROFILE"],
    ]);
    expect(
      liveBlocker(smoke, {
        RUN_PROBE: "1",
        DATABRICKS_HOST: "https://w.example",
        DATABRICKS_CLIENT_ID: CLIENT_ID,
        DATABRICKS_CLIENT_SECRET: CLIENT_SECRET,
      }),
    ).toBeUndefined();
    const home = homeWith(undefined);
    expect(liveBlocker(smoke, { RUN_PROBE: "1", HOME: home })).toBe(
      `DATABRICKS_HOST and DATABRICKS_TOKEN are not set (live mode needs DATABRICKS_HOST and DATABRICKS_TOKEN, or DATABRICKS_HOST, DATABRICKS_CLIENT_ID and DATABRICKS_CLIENT_SECRET, or DATABRICKS_CONFIG_PROFILE); no Databricks config file at ${join(home, ".databrickscfg")} (for its [DEFAULT] profile)`,
    );
  });

  it("a [DEFAULT] profile with a host in $HOME/.databrickscfg is enough (liveRequirement)", () => {
    const home = homeWith(`[DEFAULT]\nhost = ${fake.url}\ntoken = ${PROFILE_TOKEN}\n`);
    expect(databricksConfigPath({ HOME: home })).toBe(join(home, ".databrickscfg"));
    expect(liveBlocker(smoke, { RUN_PROBE: "1", HOME: home })).toBeUndefined();
    expect(defaultProfileRequirement({ HOME: home }, ["SECRET_SMOKE_KEY"])).toBe(
      `SECRET_SMOKE_KEY not set (needed with the [DEFAULT] profile of ${join(home, ".databrickscfg")})`,
    );
  });

  it.each([
    ["no config file", undefined, (p: string) => `no Databricks config file at ${p} (for its [DEFAULT] profile)`],
    [
      "no DEFAULT section",
      "[dev]\nhost = https://w.example\n",
      (p: string) => `${p} has no [DEFAULT] profile with a host`,
    ],
    ["a DEFAULT without host", "[DEFAULT]\ntoken = x\n", (p: string) => `${p} has no [DEFAULT] profile with a host`],
  ])("self-test: %s is not enough, and says what is missing", { tags: ["self-test"] }, (_what, config, message) => {
    const home = homeWith(config);
    expect(defaultProfileRequirement({ HOME: home })).toBe(message(join(home, ".databrickscfg")));
    expect(liveBlocker(smoke, { RUN_PROBE: "1", HOME: home })).toMatch(/^DATABRICKS_HOST and DATABRICKS_TOKEN/);
  });

  it("self-test: a DATABRICKS_HOST without a credential shadows the DEFAULT profile", { tags: ["self-test"] }, () => {
    const home = homeWith(`[DEFAULT]\nhost = ${fake.url}\ntoken = ${PROFILE_TOKEN}\n`);
    expect(defaultProfileRequirement({ HOME: home, DATABRICKS_HOST: "https://other.example" })).toBe(
      `DATABRICKS_HOST is set without a credential, so the SDK does not read the [DEFAULT] profile of ${join(home, ".databrickscfg")}`,
    );
  });

  it("parses INI sections, ignoring comments", () => {
    expect(parseIniSections("; c\n[DEFAULT]\nhost = https://a\n# c\n[dev]\ntoken=t = x\n")).toEqual({
      DEFAULT: { host: "https://a" },
      dev: { token: "t = x" },
    });
  });
});

describe("Databricks credentials: the SDK authenticates with each alternative", () => {
  it("OAuth M2M: discovers the token endpoint, exchanges the client credentials, sends Bearer <access token>", async () => {
    seen.length = 0;
    const client = createWorkspaceClient({
      DATABRICKS_HOST: fake.url,
      DATABRICKS_CLIENT_ID: CLIENT_ID,
      DATABRICKS_CLIENT_SECRET: CLIENT_SECRET,
      HOME: homeWith(undefined),
    });
    const me = await client.currentUser.me();
    expect(me.userName).toBe("sp@example.com");
    expect(seen.map((s) => s.path)).toEqual([
      "/oidc/.well-known/oauth-authorization-server",
      "/oidc/v1/token",
      "/api/2.0/preview/scim/v2/Me",
    ]);
    const exchange = seen[1] as Seen;
    expect(exchange.authorization).toBe(`Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString("base64")}`);
    expect(exchange.body).toContain("grant_type=client_credentials");
    expect(seen[2]?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(redactText(`token ${ACCESS_TOKEN}`, {})).toBe(`token ${REDACTED}`);
  });

  it("the DEFAULT profile of $HOME/.databrickscfg: its token is sent and registered for redaction", async () => {
    seen.length = 0;
    const home = homeWith(`[DEFAULT]\nhost = ${fake.url}\ntoken = ${PROFILE_TOKEN}\n`);
    expect(redactText(PROFILE_TOKEN, {})).toBe(PROFILE_TOKEN);
    const me = await createWorkspaceClient({ HOME: home }).currentUser.me();
    expect(me.userName).toBe("sp@example.com");
    expect(seen.map((s) => [s.path, s.authorization])).toEqual([
      ["/api/2.0/preview/scim/v2/Me", `Bearer ${PROFILE_TOKEN}`],
    ]);
    expect(redactText(`profile token ${PROFILE_TOKEN}`, {})).toBe(`profile token ${REDACTED}`);
  });
});
