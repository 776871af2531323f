/**
 * Record mode: MSW intercepts every HTTP request of this process, performs it for real (bypassing itself),
 * keeps request and response as a HAR entry in call order and hands the response back unchanged.
 * `save()` writes the HAR redacted (helpers/replay/har-file.ts): no Authorization headers, cookies or tokens.
 */
import type { Entry, Har, Header } from "har-format";
import { bypass, http } from "msw";
import { setupServer } from "msw/node";
import type { Env } from "../gates.ts";
import { harEntry, harLog } from "./har-builder.ts";
import { saveHar } from "./har-file.ts";
import { claimInterception } from "./msw-replay.ts";

export interface HarRecorder extends Disposable {
  /** Entries recorded so far, in the order the requests started. */
  readonly entries: ReadonlyArray<Entry>;
  har(): Har;
  /** Writes the recording, redacted, to `path`. */
  save(path: string, env?: Env): void;
  /** Stops intercepting. Safe to call twice. */
  stop(): void;
}

export interface RecorderOptions {
  /** log.comment of the HAR: what was recorded, by which smoke. */
  comment?: string;
  now?: () => Date;
}

const DECODED_AWAY = new Set(["content-encoding", "content-length", "transfer-encoding"]);

function headerList(headers: Headers, skip: ReadonlySet<string> = new Set()): Header[] {
  const out: Header[] = [];
  headers.forEach((value, name) => {
    if (!skip.has(name.toLowerCase())) out.push({ name, value });
  });
  return out;
}

function isTextual(mimeType: string): boolean {
  return /^(text\/|application\/(json|xml|problem\+json|x-www-form-urlencoded|javascript))|\+json|\+xml/.test(mimeType);
}

export function startRecorder(options: RecorderOptions = {}): HarRecorder {
  const now = options.now ?? (() => new Date());
  const slots: Array<Entry | undefined> = [];
  const release = claimInterception("HAR recorder");
  const server = setupServer(
    http.all("*", async ({ request }) => {
      const slot = slots.push(undefined) - 1;
      const started = now();
      const t0 = performance.now();
      const hasBody = request.method !== "GET" && request.method !== "HEAD";
      const requestText = hasBody ? await request.clone().text() : "";
      const response = await fetch(bypass(request));
      const bytes = Buffer.from(await response.arrayBuffer());
      const mimeType = response.headers.get("content-type") ?? "application/octet-stream";
      const textual = isTextual(mimeType);
      slots[slot] = harEntry({
        started,
        timeMs: Math.round(performance.now() - t0),
        method: request.method,
        url: request.url,
        requestHeaders: headerList(request.headers),
        requestBody: requestText
          ? { mimeType: request.headers.get("content-type") ?? "application/json", text: requestText }
          : undefined,
        status: response.status,
        statusText: response.statusText,
        responseHeaders: headerList(response.headers, DECODED_AWAY),
        mimeType,
        text: textual ? bytes.toString("utf8") : bytes.toString("base64"),
        ...(textual ? {} : { encoding: "base64" as const }),
      });
      const replyHeaders = new Headers(headerList(response.headers, DECODED_AWAY).map((h) => [h.name, h.value]));
      const noBody = response.status === 204 || response.status === 304;
      return new Response(noBody ? null : bytes, {
        status: response.status,
        statusText: response.statusText,
        headers: replyHeaders,
      });
    }),
  );
  server.listen({ onUnhandledFrame: "error" });
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    server.close();
    release();
  };
  const entries = () => slots.filter((e): e is Entry => e !== undefined);
  return {
    get entries() {
      return entries();
    },
    har: () => harLog(entries(), options.comment),
    save: (path, env) => saveHar(path, harLog(entries(), options.comment), env),
    stop,
    [Symbol.dispose]: stop,
  };
}
