/**
 * Record mode for K8s smokes: a proxy on 127.0.0.1 in front of the real API server. @kubernetes/client-node's own
 * undici cannot be intercepted in-process (so the MSW recorder of helpers/replay does not see it); instead the
 * smoke talks to this proxy through a generated kubeconfig, and the proxy forwards every request with the real
 * kubeconfig's credentials (node:https with the options client-node itself derives), streams the answer back
 * (watches included) and keeps each exchange as a HAR entry. Exec and port-forward upgrades are relayed byte for
 * byte; their WebSocket messages are read off the wire into `_webSocketMessages`.
 * `har()` returns the recording made fit to commit by recording-redaction.ts.
 */
import { createServer, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import type { Entry, Har } from "har-format";
import { readRequestBody } from "../net/http-io.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import { harEntry, harLog } from "../replay/har-builder.ts";
import type { K8sRecordingMeta } from "./recording.ts";
import { redactK8sRecording } from "./recording-redaction.ts";
import { decodeFrame } from "./websocket.ts";

export interface RecordingProxy extends AsyncDisposable {
  readonly url: string;
  readonly entries: ReadonlyArray<Entry>;
  /** The recording, Secrets blanked and tunnelled credentials redacted. */
  har(meta: K8sRecordingMeta, comment: string): Har;
  close(): Promise<void>;
}

const KEPT_REQUEST_HEADERS = ["accept", "content-type", "user-agent"];
const HOP_HEADERS = new Set([
  "host",
  "connection",
  "authorization",
  "accept-encoding",
  "content-length",
  "transfer-encoding",
  "keep-alive",
]);
const WS_HEADERS = ["sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions"];

async function upstreamOptions(kc: KubeConfig): Promise<RequestOptions> {
  const opts: RequestOptions & { headers?: Record<string, string> } = {};
  await kc.applyToHTTPSOptions(opts as never);
  return opts;
}

function pick(
  headers: IncomingMessage["headers"],
  names: ReadonlyArray<string>,
): Array<{ name: string; value: string }> {
  return names.flatMap((name) => (typeof headers[name] === "string" ? [{ name, value: headers[name] as string }] : []));
}

function sniffer(
  type: "send" | "receive",
  into: Array<{ type: "send" | "receive"; time: number; opcode: number; data: string }>,
) {
  let pending = Buffer.alloc(0);
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let frame = decodeFrame(pending); frame; frame = decodeFrame(pending)) {
      pending = pending.subarray(frame.size);
      if (frame.opcode === 1 || frame.opcode === 2) {
        into.push({
          type,
          time: Date.now() / 1000,
          opcode: frame.opcode,
          data: frame.opcode === 2 ? frame.payload.toString("base64") : frame.payload.toString("utf8"),
        });
      }
    }
  };
}

export async function startRecordingProxy(upstream: KubeConfig): Promise<RecordingProxy> {
  const base = upstream.getCurrentCluster()?.server;
  if (!base) throw new Error("the kubeconfig to record from has no current cluster");
  const entries: Array<Entry | undefined> = [];
  const send = (target: URL, options: RequestOptions) =>
    target.protocol === "https:" ? httpsRequest(target, options) : httpRequest(target, options);

  const server = createServer(async (req, res) => {
    const slot = entries.push(undefined) - 1;
    const started = new Date();
    const t0 = performance.now();
    const body = await readRequestBody(req);
    const target = new URL(req.url ?? "/", base);
    const tls = await upstreamOptions(upstream);
    const headers: OutgoingHttpHeaders = { ...(tls.headers as OutgoingHttpHeaders) };
    for (const [name, value] of Object.entries(req.headers))
      if (!HOP_HEADERS.has(name) && value !== undefined) headers[name] = value;
    if (body.length > 0) headers["content-length"] = String(body.length);
    const out = send(target, { ...tls, method: req.method, headers });
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
  });

  const tunnels = new Set<Duplex>();
  server.on("upgrade", async (req: IncomingMessage, client: Duplex) => {
    tunnels.add(client);
    const slot = entries.push(undefined) - 1;
    const started = new Date();
    const t0 = performance.now();
    const target = new URL(req.url ?? "/", base);
    const tls = await upstreamOptions(upstream);
    const headers: OutgoingHttpHeaders = {
      ...(tls.headers as OutgoingHttpHeaders),
      connection: "Upgrade",
      upgrade: "websocket",
    };
    for (const { name, value } of pick(req.headers, WS_HEADERS)) headers[name] = value;
    const messages: Array<{ type: "send" | "receive"; time: number; opcode: number; data: string }> = [];
    const record = (
      status: number,
      statusText: string,
      responseHeaders: Array<{ name: string; value: string }>,
      text = "",
    ) => {
      const entry = harEntry({
        started,
        timeMs: Math.round(performance.now() - t0),
        method: "GET",
        url: target.toString(),
        requestHeaders: pick(req.headers, ["sec-websocket-protocol", "user-agent"]),
        status,
        statusText,
        responseHeaders,
        mimeType: "x-unknown",
        text,
      });
      if (status === 101) entry._webSocketMessages = messages;
      entries[slot] = entry;
    };
    const out = send(target, { ...tls, method: "GET", headers });
    out.on("upgrade", (up: IncomingMessage, upstreamSocket: Duplex, head: Buffer) => {
      tunnels.add(upstreamSocket);
      const lines = ["HTTP/1.1 101 Switching Protocols"];
      for (let i = 0; i < up.rawHeaders.length; i += 2) lines.push(`${up.rawHeaders[i]}: ${up.rawHeaders[i + 1]}`);
      client.write(`${lines.join("\r\n")}\r\n\r\n`);
      const fromClient = sniffer("send", messages);
      const fromUpstream = sniffer("receive", messages);
      if (head.length > 0) {
        client.write(head);
        fromUpstream(head);
      }
      client.on("data", (d: Buffer) => {
        upstreamSocket.write(d);
        fromClient(d);
      });
      upstreamSocket.on("data", (d: Buffer) => {
        client.write(d);
        fromUpstream(d);
      });
      const end = () => {
        if (!entries[slot]) record(101, "Switching Protocols", pick(up.headers, ["sec-websocket-protocol"]));
        client.destroy();
        upstreamSocket.destroy();
      };
      client.on("close", end);
      upstreamSocket.on("close", end);
      client.on("error", end);
      upstreamSocket.on("error", end);
    });
    out.on("response", (up: IncomingMessage) => {
      const body: Buffer[] = [];
      up.on("data", (c: Buffer) => body.push(c));
      up.on("end", () => {
        const text = Buffer.concat(body).toString("utf8");
        record(up.statusCode ?? 0, up.statusMessage ?? "", pick(up.headers, ["content-type"]), text);
        client.end(
          `HTTP/1.1 ${up.statusCode} ${up.statusMessage}\r\nContent-Type: ${up.headers["content-type"] ?? "text/plain"}\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
        );
      });
    });
    out.on("error", () => client.destroy());
    out.end();
  });

  const listener = await listenLoopback(server, {
    onClose: () => {
      for (const socket of tunnels) socket.destroy();
    },
  });
  const recorded = () => entries.filter((e): e is Entry => e !== undefined);
  return {
    url: listener.url,
    get entries() {
      return recorded();
    },
    har: (meta, comment) => {
      const har = harLog(recorded(), comment);
      (har.log as unknown as Record<string, unknown>)._smokebook = meta;
      return redactK8sRecording(har);
    },
    close: listener.close,
    [Symbol.asyncDispose]: listener.close,
  };
}
