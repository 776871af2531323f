/**
 * HTTP/1.1 messages as bytes, for what travels inside a port-forward tunnel: the replay server reads the request a
 * client sends through the tunnel, and recordings keep the exchange as the bytes that crossed it.
 */

export interface ParsedHttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface HttpResponseInit {
  status: number;
  statusText: string;
  headers: ReadonlyArray<{ name: string; value: string }>;
  body: Buffer;
}

export interface ParsedHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const HEADER_END = "\r\n\r\n";

function parseHead(head: string): { startLine: string; headers: Record<string, string> } {
  const [startLine = "", ...lines] = head.split("\r\n");
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { startLine, headers };
}

/** The request at the start of `buffer`, or undefined while its head or body is still incomplete. */
export function parseHttpRequest(buffer: Buffer): ParsedHttpRequest | undefined {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const { startLine, headers } = parseHead(buffer.subarray(0, end).toString("latin1"));
  const [method = "", path = "/"] = startLine.split(" ");
  const length = Number(headers["content-length"] ?? "0");
  const bodyStart = end + HEADER_END.length;
  if (buffer.length < bodyStart + length) return undefined;
  return { method: method.toUpperCase(), path, headers, body: buffer.subarray(bodyStart, bodyStart + length) };
}

/** A response as it crosses the wire, with Content-Length and Connection: close (one exchange per tunnel). */
export function serializeHttpResponse(init: HttpResponseInit): Buffer {
  const skip = new Set(["content-length", "transfer-encoding", "connection", "content-encoding"]);
  const lines = [`HTTP/1.1 ${init.status} ${init.statusText}`];
  for (const h of init.headers) if (!skip.has(h.name.toLowerCase())) lines.push(`${h.name}: ${h.value}`);
  lines.push(`Content-Length: ${init.body.length}`, "Connection: close");
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}${HEADER_END}`, "latin1"), init.body]);
}

export function serializeHttpRequest(request: ParsedHttpRequest): Buffer {
  const lines = [`${request.method} ${request.path} HTTP/1.1`];
  for (const [name, value] of Object.entries(request.headers)) {
    if (name !== "content-length") lines.push(`${name}: ${value}`);
  }
  lines.push(`content-length: ${request.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join("\r\n")}${HEADER_END}`, "latin1"), request.body]);
}

/** Parses a complete response (Content-Length framed, as serializeHttpResponse writes it). */
export function parseHttpResponse(buffer: Buffer): ParsedHttpResponse | undefined {
  const end = buffer.indexOf(HEADER_END);
  if (end < 0) return undefined;
  const { startLine, headers } = parseHead(buffer.subarray(0, end).toString("latin1"));
  const status = Number(startLine.split(" ")[1]);
  const bodyStart = end + HEADER_END.length;
  const length =
    headers["content-length"] === undefined ? buffer.length - bodyStart : Number(headers["content-length"]);
  return { status, headers, body: buffer.subarray(bodyStart, bodyStart + length) };
}
