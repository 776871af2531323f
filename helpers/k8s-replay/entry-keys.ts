/** The match key of each recorded entry (see request-key.ts), port-forward entries keyed by their tunnelled request. */
import type { Entry } from "har-format";
import { channelMessages, tunnelBytes } from "./channel-frames.ts";
import { parseHttpRequest } from "./http-bytes.ts";
import { requestKey, tunnelKey } from "./request-key.ts";

function header(entry: Entry, name: string): string | undefined {
  return entry.request.headers.find((h) => h.name.toLowerCase() === name)?.value;
}

export function entryKey(entry: Entry): string {
  const url = new URL(entry.request.url);
  const { kind, key } = requestKey(entry.request.method, `${url.pathname}${url.search}`, header(entry, "accept"));
  if (kind !== "portforward") return key;
  const request = parseHttpRequest(tunnelBytes(channelMessages(entry), "send"));
  return tunnelKey(key, request?.method ?? "?", request?.path ?? "?");
}
