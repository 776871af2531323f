/**
 * Variants of a committed recording for self-tests (written to a temp dir, never committed): the same exchanges
 * with an API server failure answered first — what a flaky or forbidding cluster does to a one-shot read — or with
 * a pod's answer through a port-forward replaced.
 */
import type { Entry, Har } from "har-format";
import { statusTextFor } from "../replay/har-builder.ts";
import {
  channelMessages,
  type HarWebSocketMessage,
  PORT_FORWARD_DATA,
  toHarMessage,
  tunnelBytes,
} from "./channel-frames.ts";
import { parseHttpRequest, serializeHttpResponse } from "./http-bytes.ts";

const REASONS: Record<number, { reason: string; message: string }> = {
  403: {
    reason: "Forbidden",
    message: 'forbidden: User "system:serviceaccount:ci:smokebook" cannot get this resource',
  },
  429: { reason: "TooManyRequests", message: "Too many requests, please try again later." },
  500: { reason: "InternalError", message: 'an error on the server ("") has prevented the request from succeeding' },
  503: { reason: "ServiceUnavailable", message: "the server is currently unable to handle the request" },
};

/** A kube-apiserver Status failure answer to `entry`'s request. */
export function failedAnswer(entry: Entry, code: number): Entry {
  const { reason, message } = REASONS[code] ?? { reason: "Unknown", message: `HTTP ${code}` };
  const text = JSON.stringify({
    kind: "Status",
    apiVersion: "v1",
    metadata: {},
    status: "Failure",
    message,
    reason,
    code,
  });
  const failed: Entry = structuredClone(entry);
  failed.time = 9;
  failed.response.status = code;
  failed.response.statusText = statusTextFor(code);
  failed.response.content = { size: Buffer.byteLength(text), mimeType: "application/json", text };
  failed.response.bodySize = Buffer.byteLength(text);
  return failed;
}

/**
 * `har` with failure answers inserted before the first entry whose request path is `path`: `codes` in order, then
 * the recorded answer — or, with `replace`, only the failures (the recorded answer never comes).
 */
export function withFailuresBefore(har: Har, path: string, codes: number[], replace = false): Har {
  const copy: Har = structuredClone(har);
  const entries = copy.log.entries;
  const index = entries.findIndex((e) => new URL(e.request.url).pathname === path);
  const entry = entries[index];
  if (!entry) throw new Error(`the recording has no request for ${path}`);
  entries.splice(index, replace ? 1 : 0, ...codes.map((code) => failedAnswer(entry, code)));
  return copy;
}

/** A replacement HTTP answer inside a port-forward tunnel. */
export interface TunnelAnswer {
  status: number;
  statusText: string;
  body: string;
  contentType?: string;
  /** More response headers (e.g. a Set-Cookie a real LangFuse UI sends). */
  headers?: Array<{ name: string; value: string }>;
}

/** Which tunnelled requests a variant changes: method, path, and (0-based) which of the matching ones (default all). */
export interface TunnelSelect {
  method: string;
  path: RegExp;
  nth?: number[];
  /** Only entries after the first one whose request is this method and path (e.g. the rollout restart's PATCH). */
  after?: { method: string; path: RegExp };
}

/**
 * `har` with the pod's answer to tunnelled requests replaced: each port-forward entry `select` picks answers
 * `answer` instead — what a pod that fails its health path, or a LangFuse that refuses a key, would have sent.
 */
export function withTunnelAnswer(har: Har, select: TunnelSelect, answer: TunnelAnswer): Har {
  const copy: Har = structuredClone(har);
  let nth = 0;
  let replaced = 0;
  const after = select.after;
  const start = after
    ? copy.log.entries.findIndex(
        (e) => e.request.method === after.method && after.path.test(new URL(e.request.url).pathname),
      )
    : -1;
  if (after && start < 0) throw new Error(`the recording has no ${after.method} ${after.path}`);
  for (const entry of copy.log.entries.slice(start + 1)) {
    if (!new URL(entry.request.url).pathname.endsWith("/portforward")) continue;
    const messages = channelMessages(entry);
    const request = parseHttpRequest(tunnelBytes(messages, "send"));
    if (!request) continue;
    if (request.method !== select.method || !select.path.test(request.path)) continue;
    const place = nth++;
    if (select.nth && !select.nth.includes(place)) continue;
    const body = Buffer.from(answer.body, "utf8");
    const response = serializeHttpResponse({
      status: answer.status,
      statusText: answer.statusText,
      headers: [
        { name: "content-type", value: answer.contentType ?? "application/json" },
        { name: "content-length", value: String(body.length) },
        { name: "connection", value: "close" },
        ...(answer.headers ?? []),
      ],
      body,
    });
    const raw = (entry._webSocketMessages ?? []) as HarWebSocketMessage[];
    const time = raw.at(-1)?.time ?? 0;
    let prefixSeen = false;
    const kept = raw.filter((_m, i) => {
      const message = messages[i];
      if (!message || message.type === "send") return true;
      if (message.channel !== PORT_FORWARD_DATA) return true;
      // The port prefix the server sends first stays; the pod's bytes go.
      if (!prefixSeen && message.payload.length === 2) {
        prefixSeen = true;
        return true;
      }
      return false;
    });
    entry._webSocketMessages = [
      ...kept,
      toHarMessage({ type: "receive", time, channel: PORT_FORWARD_DATA, payload: response }),
    ];
    replaced += 1;
  }
  if (replaced === 0) throw new Error("the recording has no tunnelled request the variant matches");
  return copy;
}

/** `har` with the JSON answer of every `method path` request changed by `change` (e.g. a Secret without a key). */
export function withJsonAnswer(har: Har, method: string, path: string, change: (body: unknown) => unknown): Har {
  const copy: Har = structuredClone(har);
  const hits = copy.log.entries.filter((e) => e.request.method === method && new URL(e.request.url).pathname === path);
  if (hits.length === 0) throw new Error(`the recording has no ${method} ${path}`);
  for (const entry of hits) {
    const text = JSON.stringify(change(JSON.parse(entry.response.content.text ?? "null")));
    entry.response.content = { ...entry.response.content, text, size: Buffer.byteLength(text) };
  }
  return copy;
}
