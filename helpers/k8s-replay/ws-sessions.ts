/**
 * WebSocket sessions of a replay: exec (the recorded stdout/stderr/status messages, then close) and port-forward
 * (the port prefix at once, as a real API server sends it; then the HTTP request the client sends through the
 * tunnel is read, matched by pod, port, method and path, and answered with the bytes the pod sent at record time).
 */
import type { Entry } from "har-format";
import {
  CHANNEL_PROTOCOL,
  channelFrame,
  channelMessages,
  PORT_FORWARD_DATA,
  PORT_FORWARD_ERROR,
  portPrefix,
} from "./channel-frames.ts";
import { parseHttpRequest, serializeHttpResponse } from "./http-bytes.ts";
import type { ServerWebSocket } from "./websocket.ts";

export const SESSION_PROTOCOLS = [CHANNEL_PROTOCOL];

/** Plays the server side of a recorded exec: every received message in order, then closes. */
export function playExec(ws: ServerWebSocket, entry: Entry): void {
  for (const message of channelMessages(entry)) {
    if (message.type === "receive") ws.send(channelFrame(message.channel, message.payload));
  }
  ws.close();
}

/** Resolves the recorded exchange for a tunnelled request line, or undefined when the recording lacks it. */
export type TunnelLookup = (method: string, path: string) => Entry | undefined;

function unrecordedTunnelResponse(message: string): Buffer {
  return serializeHttpResponse({
    status: 400,
    statusText: "Bad Request",
    headers: [{ name: "content-type", value: "text/plain; charset=utf-8" }],
    body: Buffer.from(message, "utf8"),
  });
}

export function playPortForward(ws: ServerWebSocket, port: number, lookup: TunnelLookup, describe: string): void {
  ws.send(channelFrame(PORT_FORWARD_DATA, portPrefix(port)));
  ws.send(channelFrame(PORT_FORWARD_ERROR, portPrefix(port)));
  let received = Buffer.alloc(0);
  let answered = false;
  ws.onMessage(({ data }) => {
    if (answered || data[0] !== PORT_FORWARD_DATA) return;
    received = Buffer.concat([received, data.subarray(1)]);
    const request = parseHttpRequest(received);
    if (!request) return;
    answered = true;
    const entry = lookup(request.method, request.path);
    if (!entry) {
      const message = `smokebook replay: ${request.method} ${request.path} through ${describe} is not in the recording`;
      ws.send(channelFrame(PORT_FORWARD_ERROR, message));
      ws.send(channelFrame(PORT_FORWARD_DATA, unrecordedTunnelResponse(message)));
      ws.close();
      return;
    }
    let first = true;
    for (const message of channelMessages(entry)) {
      if (message.type !== "receive") continue;
      const isPrefix = first && message.payload.length === 2;
      first = false;
      if (!isPrefix) ws.send(channelFrame(message.channel, message.payload));
    }
    ws.close();
  });
}
