/**
 * What the recording proxy's request and upgrade relays share: the upstream cluster (its server and the TLS options
 * and credentials client-node derives from the real kubeconfig), the HAR entries in request order (a slot is taken
 * when a request arrives and filled when its exchange ends) and the open tunnels to end on close.
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest, type RequestOptions } from "node:https";
import type { Duplex } from "node:stream";
import type { KubeConfig } from "@kubernetes/client-node";
import type { Entry } from "har-format";

export interface ProxySession {
  /** The real API server, e.g. https://aks-…:443. */
  base: string;
  upstream: KubeConfig;
  entries: Array<Entry | undefined>;
  tunnels: Set<Duplex>;
}

/** Headers never forwarded nor recorded: hop-by-hop, and the proxy's own Authorization (its session token). */
export const HOP_HEADERS = new Set([
  "host",
  "connection",
  "authorization",
  "accept-encoding",
  "content-length",
  "transfer-encoding",
  "keep-alive",
]);

/** TLS options and the Authorization header client-node derives from the real kubeconfig. */
export async function upstreamOptions(kc: KubeConfig): Promise<RequestOptions> {
  const opts: RequestOptions & { headers?: Record<string, string> } = {};
  await kc.applyToHTTPSOptions(opts as never);
  return opts;
}

export function sendUpstream(target: URL, options: RequestOptions): ClientRequest {
  return target.protocol === "https:" ? httpsRequest(target, options) : httpRequest(target, options);
}

/** The named headers of a request or response, as HAR headers (names lower-case). */
export function pick(
  headers: IncomingMessage["headers"],
  names: ReadonlyArray<string>,
): Array<{ name: string; value: string }> {
  return names.flatMap((name) => (typeof headers[name] === "string" ? [{ name, value: headers[name] as string }] : []));
}
