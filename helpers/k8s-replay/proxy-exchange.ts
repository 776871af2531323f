/**
 * One HTTP exchange through the recording proxy: the request goes upstream with the real kubeconfig's credentials
 * (the client's hop-by-hop headers and Authorization dropped, protobuf taken out of Accept), the answer streams back as it arrives (watches
 * included) and the exchange is kept as a HAR entry when it ends — or when the client stops a watch.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import { readRequestBody } from "../net/http-io.ts";
import { harEntry } from "../replay/har-builder.ts";
import { HOP_HEADERS, type ProxySession, pick, sendUpstream, upstreamOptions } from "./proxy-session.ts";

const KEPT_REQUEST_HEADERS = ["accept", "content-type", "user-agent"];
const PROTOBUF = "application/vnd.kubernetes.protobuf";

/**
 * The Accept header without protobuf (kubectl describe asks for it first): the answer then comes as JSON, which a
 * HAR keeps losslessly as text and in which recording-redaction.ts can find and blank Secret values.
 */
export function jsonOnlyAccept(accept: string | undefined): string | undefined {
  if (accept === undefined || !accept.includes(PROTOBUF)) return accept;
  const kept = accept
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "" && !part.startsWith(PROTOBUF));
  return kept.length > 0 ? kept.join(",") : "application/json";
}

export async function forwardExchange(session: ProxySession, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { entries } = session;
  const slot = entries.push(undefined) - 1;
  const started = new Date();
  const t0 = performance.now();
  const body = await readRequestBody(req);
  const target = new URL(req.url ?? "/", session.base);
  const tls = await upstreamOptions(session.upstream);
  const headers: OutgoingHttpHeaders = { ...(tls.headers as OutgoingHttpHeaders) };
  for (const [name, value] of Object.entries(req.headers))
    if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
  if (body.length > 0) headers["content-length"] = String(body.length);
  const accept = jsonOnlyAccept(req.headers.accept);
  if (accept !== undefined) {
    headers.accept = accept;
    req.headers.accept = accept;
  }
  const out = sendUpstream(target, { ...tls, method: req.method, headers });
  out.on("response", (up) => {
    const received: Buffer[] = [];
    const responseHeaders = Object.entries(up.headers).flatMap(([name, value]) =>
      HOP_HEADERS.has(name) || value === undefined
        ? []
        : [{ name, value: Array.isArray(value) ? value.join(", ") : value }],
    );
    res.writeHead(
      up.statusCode ?? 502,
      up.statusMessage,
      Object.fromEntries(responseHeaders.map((h) => [h.name, h.value])),
    );
    const finish = () => {
      if (entries[slot]) return;
      const mimeType = up.headers["content-type"] ?? "application/octet-stream";
      entries[slot] = harEntry({
        started,
        timeMs: Math.round(performance.now() - t0),
        method: req.method ?? "GET",
        url: target.toString(),
        requestHeaders: pick(req.headers, KEPT_REQUEST_HEADERS),
        requestBody:
          body.length > 0
            ? { mimeType: req.headers["content-type"] ?? "application/json", text: body.toString("utf8") }
            : undefined,
        status: up.statusCode ?? 0,
        statusText: up.statusMessage ?? "",
        responseHeaders,
        mimeType,
        text: Buffer.concat(received).toString("utf8"),
      });
    };
    up.on("data", (chunk: Buffer) => {
      received.push(chunk);
      res.write(chunk);
    });
    up.on("end", () => {
      finish();
      res.end();
    });
    // A watch the client stops: keep what was streamed, stop the upstream request.
    res.on("close", () => {
      finish();
      out.destroy();
    });
  });
  out.on("error", (error) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
    res.end(`smokebook record proxy: ${error.message}`);
  });
  out.end(body);
}
