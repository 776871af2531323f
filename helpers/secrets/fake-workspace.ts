/**
 * A fake Databricks workspace on 127.0.0.1 for the secret smoke: SCIM Me and secrets/get with the real API's
 * shapes and error bodies, bearer-token auth, and injectable failures per scope (status + body, or a stall that
 * ends in a dropped connection). The secret smoke runs live against it; self-tests use it to drive resolvers.
 */
import { createServer, type ServerResponse } from "node:http";
import { dropAfter, listenLoopback } from "../net/loopback-http.ts";

export type FakeFailure =
  | { status: number; body: Record<string, unknown>; headers?: Record<string, string> }
  | { stallMs: number };

export interface FakeWorkspaceOptions {
  token: string;
  /** scope → key → plain-text value (served base64-encoded, as the API does). */
  scopes: Record<string, Record<string, string>>;
  /** scope → failure answered to every secrets/get on that scope. */
  failures?: Record<string, FakeFailure>;
  user?: { userName: string; id: string; displayName: string };
}

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | "dropped";
}

export interface FakeWorkspace extends AsyncDisposable {
  readonly url: string;
  readonly requests: ReadonlyArray<FakeRequest>;
  close(): Promise<void>;
}

const DEFAULT_USER = { userName: "smoke.operator@example.com", id: "4093021597138210", displayName: "Smoke Operator" };

function scimUser(user: NonNullable<FakeWorkspaceOptions["user"]>) {
  return {
    schemas: [
      "urn:ietf:params:scim:schemas:core:2.0:User",
      "urn:ietf:params:scim:schemas:extension:workspace:2.0:User",
    ],
    id: user.id,
    userName: user.userName,
    displayName: user.displayName,
    active: true,
    emails: [{ type: "work", value: user.userName, primary: true }],
    name: {
      givenName: user.displayName.split(" ")[0] ?? "",
      familyName: user.displayName.split(" ").slice(1).join(" "),
    },
    groups: [{ display: "users", type: "direct", value: "706541203989345", $ref: "Groups/706541203989345" }],
    entitlements: [{ value: "workspace-access" }, { value: "databricks-sql-access" }],
  };
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): number {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
  return status;
}

export async function startFakeWorkspace(options: FakeWorkspaceOptions): Promise<FakeWorkspace> {
  const requests: FakeRequest[] = [];
  const user = options.user ?? DEFAULT_USER;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams.entries());
    const record: FakeRequest = { method: req.method ?? "GET", path: url.pathname, query, status: 0 };
    requests.push(record);
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      record.status = send(res, 403, { error_code: "403", message: "Invalid access token." });
      return;
    }
    if (record.method === "GET" && url.pathname === "/api/2.0/preview/scim/v2/Me") {
      record.status = send(res, 200, scimUser(user));
      return;
    }
    if (record.method === "GET" && url.pathname === "/api/2.0/secrets/get") {
      const { scope, key } = query;
      if (!scope || !key) {
        record.status = send(res, 400, {
          error_code: "INVALID_PARAMETER_VALUE",
          message: "Missing required field: scope, key",
        });
        return;
      }
      const failure = options.failures?.[scope];
      if (failure && "stallMs" in failure) {
        record.status = "dropped";
        dropAfter(req, failure.stallMs);
        return;
      }
      if (failure) {
        record.status = send(res, failure.status, failure.body, failure.headers);
        return;
      }
      const secrets = options.scopes[scope];
      if (!secrets) {
        record.status = send(res, 404, {
          error_code: "RESOURCE_DOES_NOT_EXIST",
          message: `Scope ${scope} does not exist!`,
        });
        return;
      }
      const value = secrets[key];
      if (value === undefined) {
        record.status = send(res, 404, {
          error_code: "RESOURCE_DOES_NOT_EXIST",
          message: `Secret does not exist with scope: ${scope} and key: ${key}`,
        });
        return;
      }
      record.status = send(res, 200, { key, value: Buffer.from(value, "utf8").toString("base64") });
      return;
    }
    record.status = send(res, 404, {
      error_code: "ENDPOINT_NOT_FOUND",
      message: `No API found for '${record.method} ${url.pathname}'`,
    });
  });
  const listener = await listenLoopback(server);
  return { url: listener.url, requests, close: listener.close, [Symbol.asyncDispose]: listener.close };
}
