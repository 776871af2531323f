/**
 * Who may use the recording proxy: it forwards requests with the operator's real cluster credentials, so listening
 * on 127.0.0.1 is not enough (any local process could reach it). Each proxy session has a random bearer token that
 * only the kubeconfig it writes carries; a request or upgrade without it is refused with a 401 Status before
 * anything is forwarded. The token is registered as a secret (redacted wherever it could appear) and never recorded:
 * the proxy drops Authorization before forwarding and keeps no Authorization in the HAR.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { registerSecret } from "../redact.ts";

export const PROXY_UNAUTHORIZED_MESSAGE =
  "smokebook record proxy: missing or wrong bearer token (use the kubeconfig this proxy session wrote)";

/** A fresh 256-bit token for one proxy session, registered for redaction. */
export function newProxyToken(): string {
  const token = randomBytes(32).toString("base64url");
  registerSecret(token);
  return token;
}

/** True when `headers` carry `Authorization: Bearer <token>` (compared in constant time). */
export function hasProxyToken(headers: IncomingHttpHeaders, token: string): boolean {
  const match = /^Bearer (\S+)$/i.exec(headers.authorization ?? "");
  if (!match) return false;
  const given = Buffer.from(match[1] as string);
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function unauthorizedStatus(): string {
  return JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message: PROXY_UNAUTHORIZED_MESSAGE,
    reason: "Unauthorized",
    code: 401,
  });
}

export function refuseRequest(res: ServerResponse): void {
  res.writeHead(401, { "content-type": "application/json", "www-authenticate": 'Bearer realm="smokebook-record"' });
  res.end(unauthorizedStatus());
}

export function refuseUpgrade(socket: Duplex): void {
  const body = unauthorizedStatus();
  socket.end(
    `HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
