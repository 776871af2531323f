/**
 * Builds a Kubernetes recording entry by entry, in the order a run makes its requests, with the API server's
 * wire details: JSON bodies and headers as kube-apiserver sends them, watch streams as newline-delimited
 * `{type, object}` events (Content-Type application/json, chunked), pod logs as text/plain, and exec/port-forward
 * as 101 upgrades whose channel messages sit in `_webSocketMessages`.
 */
import type { Entry, Har, Header } from "har-format";
import { harEntry, harLog } from "../../replay/har-builder.ts";
import {
  CHANNEL_PROTOCOL,
  type ChannelMessage,
  EXEC_STATUS,
  EXEC_STDERR,
  EXEC_STDOUT,
  PORT_FORWARD_DATA,
  PORT_FORWARD_ERROR,
  portPrefix,
  toHarMessage,
} from "../channel-frames.ts";
import { type ParsedHttpRequest, serializeHttpRequest, serializeHttpResponse } from "../http-bytes.ts";
import type { K8sRecordingMeta } from "../recording.ts";
import { digestFor, type Timeline } from "./timeline.ts";

/** Where the authored recordings say they were made (an .invalid host: they are authored, not captured). */
export const RECORDED_SERVER = "https://observer-aks.recorded.invalid";

const CLIENT_UA = "smokebook/0.1.0 (@kubernetes/client-node 2.0.1)";

export interface TunnelResponseInit {
  status: number;
  statusText: string;
  headers: Array<{ name: string; value: string }>;
  body: string;
}

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

  #upgrade(path: string, url: URL, messages: ChannelMessage[], timeMs: number): Entry {
    const entry = harEntry({
      started: this.#timeline.now,
      timeMs,
      method: "GET",
      url: url.toString(),
      requestHeaders: [
        { name: "connection", value: "Upgrade" },
        { name: "upgrade", value: "websocket" },
        {
          name: "sec-websocket-protocol",
          value: "v5.channel.k8s.io, v4.channel.k8s.io, v3.channel.k8s.io, v2.channel.k8s.io, channel.k8s.io",
        },
        { name: "sec-websocket-version", value: "13" },
      ],
      status: 101,
      statusText: "Switching Protocols",
      responseHeaders: [
        { name: "connection", value: "Upgrade" },
        { name: "upgrade", value: "websocket" },
        { name: "sec-websocket-protocol", value: CHANNEL_PROTOCOL },
      ],
      mimeType: "x-unknown",
      text: "",
    });
    entry._webSocketMessages = messages.map(toHarMessage);
    entry.comment = path;
    return this.#push(entry);
  }

  /** An exec: what the command wrote and the V1Status the server sent at its end. */
  exec(
    namespace: string,
    pod: string,
    container: string,
    command: string[],
    result: { stdout?: string; stderr?: string; exitCode: number },
  ): Entry {
    const url = new URL(`${RECORDED_SERVER}/api/v1/namespaces/${namespace}/pods/${pod}/exec`);
    for (const c of command) url.searchParams.append("command", c);
    url.searchParams.set("container", container);
    url.searchParams.set("stderr", "true");
    url.searchParams.set("stdout", "true");
    const t = this.#timeline.now.getTime() / 1000;
    const messages: ChannelMessage[] = [];
    if (result.stdout)
      messages.push({ type: "receive", time: t + 0.05, channel: EXEC_STDOUT, payload: Buffer.from(result.stdout) });
    if (result.stderr)
      messages.push({ type: "receive", time: t + 0.05, channel: EXEC_STDERR, payload: Buffer.from(result.stderr) });
    const status =
      result.exitCode === 0
        ? { metadata: {}, status: "Success" }
        : {
            metadata: {},
            status: "Failure",
            message: `command terminated with non-zero exit code: error executing command [${command.join(" ")}], exit code ${result.exitCode}`,
            reason: "NonZeroExitCode",
            details: { causes: [{ reason: "ExitCode", message: String(result.exitCode) }] },
          };
    messages.push({
      type: "receive",
      time: t + 0.06,
      channel: EXEC_STATUS,
      payload: Buffer.from(JSON.stringify(status)),
    });
    return this.#upgrade(`exec ${pod}`, url, messages, 85);
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
    const url = new URL(`${RECORDED_SERVER}/api/v1/namespaces/${namespace}/pods/${pod}/portforward`);
    url.searchParams.set("ports", String(port));
    const t = this.#timeline.now.getTime() / 1000;
    const messages: ChannelMessage[] = [
      { type: "receive", time: t, channel: PORT_FORWARD_DATA, payload: portPrefix(port) },
      { type: "receive", time: t, channel: PORT_FORWARD_ERROR, payload: portPrefix(port) },
      { type: "send", time: t + 0.001, channel: PORT_FORWARD_DATA, payload: serializeHttpRequest(request) },
      {
        type: "receive",
        time: t + timeMs / 1000,
        channel: PORT_FORWARD_DATA,
        payload: serializeHttpResponse({ ...response, body: Buffer.from(response.body, "utf8") }),
      },
    ];
    return this.#upgrade(`port-forward ${pod}:${port}`, url, messages, timeMs);
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
