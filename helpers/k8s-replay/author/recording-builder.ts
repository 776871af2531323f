/**
 * Builds a Kubernetes recording entry by entry, in the order a run makes its requests, with the API server's
 * wire details: JSON bodies and headers as kube-apiserver sends them, watch streams as newline-delimited
 * `{type, object}` events (Content-Type application/json, chunked), pod logs as text/plain, and exec/port-forward
 * as 101 upgrades whose channel messages sit in `_webSocketMessages` (upgrade-entries.ts).
 */
import type { Entry, Har, Header } from "har-format";
import { harEntry, harLog } from "../../replay/har-builder.ts";
import type { ParsedHttpRequest } from "../http-bytes.ts";
import type { K8sRecordingMeta } from "../recording.ts";
import { CLIENT_UA, RECORDED_SERVER } from "./recorded-server.ts";
import { digestFor, type Timeline } from "./timeline.ts";
import { type ExecResult, execEntry, portForwardEntry, type TunnelResponseInit } from "./upgrade-entries.ts";

export class RecordingBuilder {
  readonly #timeline: Timeline;
  readonly #entries: Entry[] = [];
  #audit = 0;

  constructor(timeline: Timeline) {
    this.#timeline = timeline;
  }

  get timeline(): Timeline {
    return this.#timeline;
  }

  #responseHeaders(contentType: string, extra: Header[] = []): Header[] {
    this.#audit += 1;
    return [
      {
        name: "audit-id",
        value: digestFor(`audit-${this.#audit}`, 32).replace(/^(.{8})(.{4})(.{4})(.{4})/, "$1-$2-$3-$4-"),
      },
      { name: "cache-control", value: "no-cache, private" },
      { name: "content-type", value: contentType },
      { name: "date", value: this.#timeline.now.toUTCString() },
      ...extra,
    ];
  }

  #push(entry: Entry, gapMs = 40): Entry {
    this.#entries.push(entry);
    this.#timeline.advance(Math.round(entry.time) + gapMs);
    return entry;
  }

  /** A JSON request/response (GET, LIST, PATCH, DELETE…). */
  json(
    method: string,
    path: string,
    status: number,
    body: unknown,
    options: { accept?: string; timeMs?: number; requestBody?: { mimeType: string; text: string } } = {},
  ): Entry {
    return this.#push(
      harEntry({
        started: this.#timeline.now,
        timeMs: options.timeMs ?? 14,
        method,
        url: `${RECORDED_SERVER}${path}`,
        requestHeaders: [
          { name: "accept", value: options.accept ?? "application/json" },
          { name: "user-agent", value: CLIENT_UA },
        ],
        requestBody: options.requestBody,
        status,
        responseHeaders: this.#responseHeaders(
          options.accept?.includes("as=APIGroupDiscoveryList")
            ? (options.accept.split(",")[0] ?? "application/json")
            : "application/json",
        ),
        mimeType: "application/json",
        text: JSON.stringify(body),
      }),
    );
  }

  get(path: string, body: unknown, status = 200): Entry {
    return this.json("GET", path, status, body);
  }

  /** A watch: the events the server streamed, ending after `timeMs` (its timeoutSeconds, or when the run stopped). */
  watch(
    path: string,
    query: Record<string, string>,
    events: Array<{ type: string; object: unknown }>,
    timeMs: number,
  ): Entry {
    const url = new URL(`${RECORDED_SERVER}${path}`);
    url.searchParams.set("watch", "true");
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return this.#push(
      harEntry({
        started: this.#timeline.now,
        timeMs,
        method: "GET",
        url: url.toString(),
        requestHeaders: [{ name: "user-agent", value: CLIENT_UA }],
        status: 200,
        responseHeaders: this.#responseHeaders("application/json", [{ name: "transfer-encoding", value: "chunked" }]),
        mimeType: "application/json",
        text: events.map((e) => `${JSON.stringify(e)}\n`).join(""),
      }),
    );
  }

  log(
    namespace: string,
    pod: string,
    container: string,
    text: string,
    options: { previous?: boolean; tailLines?: number; status?: number } = {},
  ): Entry {
    const url = new URL(`${RECORDED_SERVER}/api/v1/namespaces/${namespace}/pods/${pod}/log`);
    url.searchParams.set("container", container);
    if (options.previous) url.searchParams.set("previous", "true");
    url.searchParams.set("tailLines", String(options.tailLines ?? 20));
    const status = options.status ?? 200;
    return this.#push(
      harEntry({
        started: this.#timeline.now,
        timeMs: 22,
        method: "GET",
        url: url.toString(),
        requestHeaders: [{ name: "user-agent", value: CLIENT_UA }],
        status,
        responseHeaders: this.#responseHeaders(status === 200 ? "text/plain" : "application/json"),
        mimeType: status === 200 ? "text/plain" : "application/json",
        text,
      }),
    );
  }

  /** An exec: what the command wrote and the V1Status the server sent at its end. */
  exec(namespace: string, pod: string, container: string, command: string[], result: ExecResult): Entry {
    return this.#push(execEntry(this.#timeline.now, { namespace, pod, container, command }, result));
  }

  /** One HTTP exchange through a port-forward to `pod:port`, as the bytes that crossed the tunnel. */
  portForward(
    namespace: string,
    pod: string,
    port: number,
    request: ParsedHttpRequest,
    response: TunnelResponseInit,
    timeMs = 60,
  ): Entry {
    return this.#push(portForwardEntry(this.#timeline.now, { namespace, pod, port }, request, response, timeMs));
  }

  /** Time passing in the recorded run without requests (the run's own sleeps between polls). */
  pause(ms: number): void {
    this.#timeline.advance(ms);
  }

  har(meta: K8sRecordingMeta, comment: string): Har {
    const har = harLog([...this.#entries], comment);
    (har.log as unknown as Record<string, unknown>)._smokebook = meta;
    return har;
  }
}
