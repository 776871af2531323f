/**
 * Exec and port-forward through the recording proxy: the WebSocket upgrade goes upstream with the real kubeconfig's
 * credentials, then bytes are relayed both ways unchanged while each direction's frames are read off the wire into
 * the entry's `_webSocketMessages` (Chrome's HAR format). An upgrade the server refuses is recorded and passed on.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import { harEntry } from "../replay/har-builder.ts";
import type { HarWebSocketMessage } from "./channel-frames.ts";
import { type ProxySession, pick, sendUpstream, upstreamOptions } from "./proxy-session.ts";
import { decodeFrame } from "./websocket.ts";

const WS_HEADERS = ["sec-websocket-key", "sec-websocket-version", "sec-websocket-protocol", "sec-websocket-extensions"];

/** Reads complete WebSocket frames from one direction's bytes and keeps their text and binary messages. */
function sniffer(type: "send" | "receive", into: HarWebSocketMessage[]) {
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

export async function relayUpgrade(session: ProxySession, req: IncomingMessage, client: Duplex): Promise<void> {
  const { entries, tunnels } = session;
  tunnels.add(client);
  const slot = entries.push(undefined) - 1;
  const started = new Date();
  const t0 = performance.now();
  const target = new URL(req.url ?? "/", session.base);
  const tls = await upstreamOptions(session.upstream);
  const headers: OutgoingHttpHeaders = {
    ...(tls.headers as OutgoingHttpHeaders),
    connection: "Upgrade",
    upgrade: "websocket",
  };
  for (const { name, value } of pick(req.headers, WS_HEADERS)) headers[name] = value;
  const messages: HarWebSocketMessage[] = [];
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
  const out = sendUpstream(target, { ...tls, method: "GET", headers });
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
}
