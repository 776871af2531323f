/** Turns a recorded HAR entry back into a fetch Response, and answers requests a recording lacks. */
import type { Entry } from "har-format";

/** Hop-by-hop and framing headers that describe the original wire transfer, not the replayed body. */
const WIRE_HEADERS = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);
const NO_BODY = new Set([101, 204, 205, 304]);

export function responseFor(entry: Entry): Response {
  const { status, statusText, headers, content } = entry.response;
  const replayed = new Headers();
  for (const h of headers) if (!WIRE_HEADERS.has(h.name.toLowerCase())) replayed.append(h.name, h.value);
  if (content.mimeType && !replayed.has("content-type")) replayed.set("content-type", content.mimeType);
  const text = content.text ?? "";
  const body = NO_BODY.has(status) ? null : content.encoding === "base64" ? Buffer.from(text, "base64") : text;
  return new Response(body, { status, statusText: statusText || "", headers: replayed });
}

/** Error code carried by the answer to a request the recording lacks. */
export const UNRECORDED_ERROR_CODE = "SMOKEBOOK_REPLAY_UNRECORDED_REQUEST";

/**
 * The answer to a request the recording lacks: a 400 (Permanent, so callers fail at once instead of retrying)
 * whose Databricks-style body names the request, the recording and what it expected next.
 */
export function unrecordedResponse(method: string, target: string, source: string, expected: string[]): Response {
  const next = expected.length > 0 ? `next unused: ${expected.join(", ")}` : "every recorded request was already used";
  const message = `smokebook replay: ${method} ${target} is not in recording ${source} (${next})`;
  return Response.json({ error_code: UNRECORDED_ERROR_CODE, message }, { status: 400, statusText: "Bad Request" });
}
