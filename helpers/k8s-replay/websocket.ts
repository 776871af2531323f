/**
 * The server half of RFC 6455, as much as the Kubernetes channel protocols need: the upgrade handshake with
 * subprotocol choice, unmasked server frames, masked client frames (text, binary, close, ping). The replay server
 * speaks it so that @kubernetes/client-node's Exec and PortForward (and kubectl) talk to a recording through their
 * real code paths.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

const HANDSHAKE_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

export const OPCODE_TEXT = 1;
export const OPCODE_BINARY = 2;
const OPCODE_CLOSE = 8;
const OPCODE_PING = 9;
const OPCODE_PONG = 10;

export interface WebSocketMessage {
  opcode: number;
  data: Buffer;
}

export interface ServerWebSocket {
  readonly protocol: string;
  send(data: Buffer, opcode?: number): void;
  onMessage(listener: (message: WebSocketMessage) => void): void;
  onClose(listener: () => void): void;
  close(code?: number): void;
}

/** The subprotocols a client offered, in its order of preference. */
export function offeredProtocols(req: IncomingMessage): string[] {
  const header = req.headers["sec-websocket-protocol"];
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

export function encodeFrame(data: Buffer, opcode: number): Buffer {
  const length = data.length;
  let header: Buffer;
  if (length < 126) {
    header = Buffer.from([0x80 | opcode, length]);
  } else if (length < 65_536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, data]);
}

interface DecodedFrame {
  fin: boolean;
  opcode: number;
  payload: Buffer;
  size: number;
}

/** Decodes one frame from the start of `buffer`, or returns undefined when it is not complete yet. */
export function decodeFrame(buffer: Buffer): DecodedFrame | undefined {
  if (buffer.length < 2) return undefined;
  const first = buffer[0] as number;
  const second = buffer[1] as number;
  const masked = (second & 0x80) !== 0;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  const maskOffset = offset;
  if (masked) offset += 4;
  if (buffer.length < offset + length) return undefined;
  const payload = Buffer.from(buffer.subarray(offset, offset + length));
  if (masked) {
    for (let i = 0; i < payload.length; i++) {
      payload[i] = (payload[i] as number) ^ (buffer[maskOffset + (i % 4)] as number);
    }
  }
  return { fin: (first & 0x80) !== 0, opcode: first & 0x0f, payload, size: offset + length };
}

/**
 * Completes the upgrade on `socket`, choosing the first of `supported` that the client offered (or none when the
 * client offered nothing). Returns undefined, after answering 400, when no offered protocol is supported.
 */
export function acceptWebSocket(
  req: IncomingMessage,
  socket: Duplex,
  supported: ReadonlyArray<string>,
): ServerWebSocket | undefined {
  const key = req.headers["sec-websocket-key"];
  const offered = offeredProtocols(req);
  const protocol = offered.find((p) => supported.includes(p)) ?? "";
  if (typeof key !== "string" || (offered.length > 0 && protocol === "")) {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    return undefined;
  }
  const accept = createHash("sha1").update(`${key}${HANDSHAKE_GUID}`).digest("base64");
  const lines = [
    "HTTP/1.1 101 Switching Protocols",
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Accept: ${accept}`,
  ];
  if (protocol) lines.push(`Sec-WebSocket-Protocol: ${protocol}`);
  socket.write(`${lines.join("\r\n")}\r\n\r\n`);

  const messageListeners: Array<(message: WebSocketMessage) => void> = [];
  const closeListeners: Array<() => void> = [];
  let pending = Buffer.alloc(0);
  let fragments: Buffer[] = [];
  let fragmentOpcode = 0;
  let closed = false;

  const finish = () => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener();
  };

  const ws: ServerWebSocket = {
    protocol,
    send: (data, opcode = OPCODE_BINARY) => {
      if (!closed && socket.writable) socket.write(encodeFrame(data, opcode));
    },
    onMessage: (listener) => messageListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
    close: (code = 1000) => {
      if (closed) return;
      const payload = Buffer.alloc(2);
      payload.writeUInt16BE(code, 0);
      if (socket.writable) socket.end(encodeFrame(payload, OPCODE_CLOSE));
      finish();
    },
  };

  socket.on("data", (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (let frame = decodeFrame(pending); frame; frame = decodeFrame(pending)) {
      pending = pending.subarray(frame.size);
      if (frame.opcode === OPCODE_CLOSE) {
        ws.close();
        return;
      }
      if (frame.opcode === OPCODE_PING) {
        ws.send(frame.payload, OPCODE_PONG);
        continue;
      }
      if (frame.opcode === OPCODE_PONG) continue;
      if (frame.opcode !== 0) fragmentOpcode = frame.opcode;
      fragments.push(frame.payload);
      if (!frame.fin) continue;
      const message = { opcode: fragmentOpcode, data: Buffer.concat(fragments) };
      fragments = [];
      for (const listener of messageListeners) listener(message);
    }
  });
  socket.on("close", finish);
  socket.on("error", finish);
  return ws;
}
