/**
 * Variants of a committed recording for self-tests (written to a temp dir, never committed): the same exchanges
 * with an API server failure answered first — what a flaky or forbidding cluster does to a one-shot read.
 */
import type { Entry, Har } from "har-format";
import { statusTextFor } from "../replay/har-builder.ts";

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
