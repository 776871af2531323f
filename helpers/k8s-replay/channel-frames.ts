/**
 * The Kubernetes channel protocol (v4.channel.k8s.io) as it travels in WebSocket messages and as it is kept in a
 * HAR: each binary message starts with a channel byte (exec: 0 stdin, 1 stdout, 2 stderr, 3 status; port-forward:
 * 0 data, 1 error), the rest is payload. A port-forward server first sends, on each channel, the port number as two
 * little-endian bytes. Recordings keep the messages in the HAR `_webSocketMessages` extension (Chrome's format):
 * `{ type: "send" | "receive", time, opcode: 2, data: <base64 of the whole message> }`.
 */
import type { Entry } from "har-format";
import { OPCODE_BINARY } from "./websocket.ts";

export const CHANNEL_PROTOCOL = "v4.channel.k8s.io";

export const EXEC_STDOUT = 1;
export const EXEC_STDERR = 2;
export const EXEC_STATUS = 3;
export const PORT_FORWARD_DATA = 0;
export const PORT_FORWARD_ERROR = 1;

export interface ChannelMessage {
  type: "send" | "receive";
  /** Seconds since the epoch (Chrome's HAR convention for WebSocket messages). */
  time: number;
  channel: number;
  payload: Buffer;
}

export interface HarWebSocketMessage {
  type: "send" | "receive";
  time: number;
  opcode: number;
  data: string;
}

export function channelFrame(channel: number, payload: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from([channel]), typeof payload === "string" ? Buffer.from(payload, "utf8") : payload]);
}

export function portPrefix(port: number): Buffer {
  const out = Buffer.alloc(2);
  out.writeUInt16LE(port, 0);
  return out;
}

export function toHarMessage(message: ChannelMessage): HarWebSocketMessage {
  return {
    type: message.type,
    time: message.time,
    opcode: OPCODE_BINARY,
    data: channelFrame(message.channel, message.payload).toString("base64"),
  };
}

/** The channel messages of a recorded WebSocket exchange, decoded. */
export function channelMessages(entry: Entry): ChannelMessage[] {
  const raw = (entry._webSocketMessages ?? []) as HarWebSocketMessage[];
  return raw.map((m) => {
    const bytes = m.opcode === OPCODE_BINARY ? Buffer.from(m.data, "base64") : Buffer.from(m.data, "utf8");
    return { type: m.type, time: m.time, channel: bytes[0] ?? 0, payload: bytes.subarray(1) };
  });
}

/** Everything sent to (or received from) a port-forward data channel, joined, without the port prefix. */
export function tunnelBytes(messages: ReadonlyArray<ChannelMessage>, type: "send" | "receive"): Buffer {
  const parts: Buffer[] = [];
  let first = true;
  for (const m of messages) {
    if (m.type !== type || m.channel !== PORT_FORWARD_DATA) continue;
    if (type === "receive" && first && m.payload.length === 2) {
      first = false;
      continue;
    }
    first = false;
    parts.push(m.payload);
  }
  return Buffer.concat(parts);
}
