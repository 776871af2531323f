/** Builds HAR 1.2 entries and logs, for the recorder and for hand-described fixtures. */
import type { Entry, Har, Header } from "har-format";

export interface EntryInit {
  started: Date | string;
  /** Milliseconds the exchange took (default 0). */
  timeMs?: number;
  method: string;
  url: string;
  requestHeaders?: Header[];
  requestBody?: { mimeType: string; text: string } | undefined;
  status: number;
  statusText?: string;
  responseHeaders?: Header[];
  mimeType: string;
  text: string;
  /** "base64" when `text` holds base64 of a binary body. */
  encoding?: "base64";
}

const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  201: "Created",
  204: "No Content",
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function statusTextFor(status: number): string {
  return STATUS_TEXT[status] ?? "";
}

export function harEntry(init: EntryInit): Entry {
  const url = new URL(init.url);
  const time = init.timeMs ?? 0;
  const started = typeof init.started === "string" ? init.started : init.started.toISOString();
  const bodySize = init.encoding === "base64" ? Buffer.from(init.text, "base64").length : Buffer.byteLength(init.text);
  return {
    startedDateTime: started,
    time,
    request: {
      method: init.method.toUpperCase(),
      url: url.toString(),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: init.requestHeaders ?? [],
      queryString: [...url.searchParams.entries()].map(([name, value]) => ({ name, value })),
      ...(init.requestBody ? { postData: { mimeType: init.requestBody.mimeType, text: init.requestBody.text } } : {}),
      headersSize: -1,
      bodySize: init.requestBody ? Buffer.byteLength(init.requestBody.text) : 0,
    },
    response: {
      status: init.status,
      statusText: init.statusText ?? statusTextFor(init.status),
      httpVersion: "HTTP/1.1",
      cookies: [],
      headers: init.responseHeaders ?? [{ name: "content-type", value: init.mimeType }],
      content: {
        size: bodySize,
        mimeType: init.mimeType,
        text: init.text,
        ...(init.encoding ? { encoding: init.encoding } : {}),
      },
      redirectURL: "",
      headersSize: -1,
      bodySize,
    },
    cache: {},
    timings: { send: 0, wait: time, receive: 0 },
  };
}

export function harLog(entries: Entry[], comment?: string): Har {
  return {
    log: {
      version: "1.2",
      creator: { name: "smokebook", version: "0.1.0" },
      entries,
      ...(comment ? { comment } : {}),
    },
  };
}

/** Start time of the first entry, e.g. to start a replay's virtual clock where the recording started. */
export function harStart(har: Har): Date | undefined {
  const first = har.log.entries[0]?.startedDateTime;
  return first ? new Date(first) : undefined;
}
