/**
 * One HTTP exchange through a port-forward: node:http to the local end, no keep-alive (each tunnel carries one
 * exchange, like curl through `kubectl port-forward`), redirects not followed (a 302 is an answer).
 */
import { type IncomingHttpHeaders, request } from "node:http";
import type { PortForwardHandle } from "./port-forward.ts";

export interface TunnelRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Real-time limit of this one exchange (default 30 s). */
  timeoutMs?: number;
}

export interface TunnelResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export function httpThrough(
  forward: Pick<PortForwardHandle, "localPort">,
  init: TunnelRequest,
): Promise<TunnelResponse> {
  const body = init.body === undefined ? undefined : Buffer.from(init.body, "utf8");
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port: forward.localPort,
        method: init.method ?? "GET",
        path: init.path,
        agent: false,
        timeout: init.timeoutMs ?? 30_000,
        headers: {
          ...init.headers,
          connection: "close",
          ...(body ? { "content-length": String(body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () =>
      req.destroy(Object.assign(new Error(`${init.method ?? "GET"} ${init.path} timed out`), { code: "ETIMEDOUT" })),
    );
    req.on("error", reject);
    req.end(body);
  });
}
