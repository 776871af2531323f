/**
 * The workspace front: a loopback HTTP server every resolver of the secret smoke talks to (the built-in SDK client
 * and python children alike), so the smoke observes each request on the wire — which scope was read, in which
 * order — whatever implementation made it.
 * Every request must carry this session's random bearer token (401 otherwise) and be a GET of SCIM Me or
 * secrets/get (403 otherwise); refused requests reach no upstream but stay in `observed` with their status, so the
 * read-only criterion names them (see front-guard.ts).
 *   forward  (live, record)  passes each request to the real workspace, authenticated with the operator's SDK
 *                            config (callers only hold the session token); record mode also keeps HAR entries,
 *                            with secret values replaced by a placeholder before anything is written.
 *   replay                   answers from a ReplayLedger (helpers/replay); requests the recording lacks get the
 *                            ledger's 400 naming them.
 * A request the upstream cannot answer (reset, timeout) is dropped, so the caller sees a connection failure too.
 */
import { createServer } from "node:http";
import type { WorkspaceClient } from "@databricks/sdk-experimental";
import type { Entry, Header } from "har-format";
import { workspaceUrl } from "../databricks/client.ts";
import { newProxyToken } from "../k8s-replay/proxy-auth.ts";
import { readRequestBody, writeResponse } from "../net/http-io.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import { harEntry, type ReplayLedger } from "../replay/index.ts";
import { frontRefusal } from "./front-guard.ts";

export type FrontUpstream = { kind: "forward"; client: WorkspaceClient } | { kind: "replay"; ledger: ReplayLedger };

export interface FrontRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number | "dropped";
}

export interface WorkspaceFront extends AsyncDisposable {
  readonly url: string;
  /** This session's random bearer token (registered for redaction); callers present it, the front never forwards it. */
  readonly token: string;
  readonly observed: ReadonlyArray<FrontRequest>;
  /** HAR entries of the forwarded exchanges (record mode), secret values replaced. */
  readonly recorded: ReadonlyArray<Entry>;
  close(): Promise<void>;
}

export interface FrontOptions {
  upstream: FrontUpstream;
  record?: boolean;
  timeoutMs?: number;
}

const NOT_FORWARDED = new Set([
  "host",
  "authorization",
  "connection",
  "content-length",
  "accept-encoding",
  "keep-alive",
  "transfer-encoding",
]);
const NOT_RETURNED = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);

/** The body a recording keeps for a response: secrets/get values become a same-shaped placeholder. */
export function recordableBody(path: string, status: number, text: string): string {
  if (path !== "/api/2.0/secrets/get" || status !== 200) return text;
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const bytes = typeof json.value === "string" ? Buffer.from(json.value, "base64").length : 0;
    const placeholder = `smokebook-recorded-placeholder (${bytes} bytes)`;
    return JSON.stringify({ ...json, value: Buffer.from(placeholder, "utf8").toString("base64") });
  } catch {
    return JSON.stringify({ error: "unparseable secrets/get body removed by smokebook" });
  }
}

export async function startWorkspaceFront(options: FrontOptions): Promise<WorkspaceFront> {
  const { upstream } = options;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const upstreamUrl = upstream.kind === "forward" ? await workspaceUrl(upstream.client) : "http://127.0.0.1";
  const observed: FrontRequest[] = [];
  const recorded: Entry[] = [];
  const token = newProxyToken();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", upstreamUrl);
    const method = req.method ?? "GET";
    const seen: FrontRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: "dropped",
    };
    observed.push(seen);
    const refusal = frontRefusal(method, url.pathname, req.headers, token);
    if (refusal) {
      seen.status = refusal.status;
      await writeResponse(res, refusal);
      return;
    }
    const body = await readRequestBody(req);
    try {
      let response: Response;
      if (upstream.kind === "replay") {
        response = upstream.ledger.respond(method, url.toString(), body.length > 0 ? body.toString("utf8") : undefined);
      } else {
        const headers = new Headers();
        for (const [name, value] of Object.entries(req.headers)) {
          if (!NOT_FORWARDED.has(name) && typeof value === "string") headers.set(name, value);
        }
        await upstream.client.config.authenticate(headers);
        const started = new Date();
        const upstreamResponse = await fetch(url, {
          method,
          headers,
          ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        const bytes = Buffer.from(await upstreamResponse.arrayBuffer());
        const responseHeaders: Header[] = [];
        upstreamResponse.headers.forEach((value, name) => {
          if (!NOT_RETURNED.has(name)) responseHeaders.push({ name, value });
        });
        if (options.record) {
          const requestHeaders: Header[] = [...headers.entries()]
            .filter(([name]) => name !== "authorization")
            .map(([name, value]) => ({ name, value }));
          recorded.push(
            harEntry({
              started,
              timeMs: Date.now() - started.getTime(),
              method,
              url: url.toString(),
              requestHeaders,
              requestBody:
                body.length > 0
                  ? { mimeType: req.headers["content-type"] ?? "application/json", text: body.toString("utf8") }
                  : undefined,
              status: upstreamResponse.status,
              statusText: upstreamResponse.statusText,
              responseHeaders,
              mimeType: upstreamResponse.headers.get("content-type") ?? "application/json",
              text: recordableBody(url.pathname, upstreamResponse.status, bytes.toString("utf8")),
            }),
          );
        }
        response = new Response(bytes, {
          status: upstreamResponse.status,
          statusText: upstreamResponse.statusText,
          headers: responseHeaders.map((h) => [h.name, h.value]),
        });
      }
      seen.status = response.status;
      await writeResponse(res, response);
    } catch {
      req.socket.destroy();
    }
  });
  const listener = await listenLoopback(server);
  return {
    url: listener.url,
    token,
    observed,
    recorded,
    close: listener.close,
    [Symbol.asyncDispose]: listener.close,
  };
}
