/**
 * A Kubernetes API server on 127.0.0.1 that answers from a recording, for clients that cannot be intercepted
 * in-process: @kubernetes/client-node (its own undici) and the real kubectl. Plain HTTP; exec and port-forward are
 * WebSocket upgrades speaking v4.channel.k8s.io. Each answer moves the replay clock on by the time the exchange
 * took when it was recorded (watches at least 1 s), so waits with deadlines run on virtual time and never sleep.
 * A request the recording lacks gets a 400 Status naming it (Permanent: callers fail at once, not after retries).
 * The §6.2 checklist's entries (checklist.ts) answer kubectl only — first choice for it, never for a smoke — and a
 * replay that leaves them unused has not diverged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Entry } from "har-format";
import { readRequestBody } from "../net/http-io.ts";
import { listenLoopback } from "../net/loopback-http.ts";
import { isChecklistEntry, isKubectlAgent } from "./checklist.ts";
import { entryKey } from "./entry-keys.ts";
import { EntrySelector } from "./entry-selector.ts";
import type { K8sRecording } from "./recording.ts";
import { requestKey, tunnelKey } from "./request-key.ts";
import { acceptWebSocket } from "./websocket.ts";
import { playExec, playPortForward, SESSION_PROTOCOLS } from "./ws-sessions.ts";

/** A clock the replay can move forward (helpers/clock.ts VirtualClock). */
export interface ReplayClock {
  advance(ms: number): void;
}

export interface ServedRequest {
  method: string;
  target: string;
  key: string;
  entryIndex: number | undefined;
  repeated: boolean;
  body?: string | undefined;
}

export interface K8sReplayServer extends AsyncDisposable {
  readonly url: string;
  readonly recording: K8sRecording;
  /** Every request in arrival order, with the entry that answered it. */
  readonly served: ReadonlyArray<ServedRequest>;
  /** Requests the recording had no answer for, as "METHOD target". */
  unmatched(): string[];
  /** Recorded exchanges never served, as their match keys (a replay that diverged from its recording). */
  unused(): string[];
  close(): Promise<void>;
}

export interface ReplayServerOptions {
  clock?: ReplayClock;
}

const WIRE_HEADERS = new Set(["content-length", "transfer-encoding", "connection", "content-encoding", "keep-alive"]);
const MIN_WATCH_MS = 1000;

function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason, code });
}

function writeEntry(res: ServerResponse, entry: Entry): void {
  const { status, statusText, headers, content } = entry.response;
  res.statusCode = status;
  if (statusText) res.statusMessage = statusText;
  for (const h of headers) if (!WIRE_HEADERS.has(h.name.toLowerCase())) res.appendHeader(h.name, h.value);
  if (!res.hasHeader("content-type") && content.mimeType) res.setHeader("content-type", content.mimeType);
  const text = content.text ?? "";
  res.end(content.encoding === "base64" ? Buffer.from(text, "base64") : text);
}

export async function serveK8sRecording(
  recording: K8sRecording,
  options: ReplayServerOptions = {},
): Promise<K8sReplayServer> {
  const entries = recording.har.log.entries;
  const keys = entries.map(entryKey);
  const selector = new EntrySelector(keys);
  const served: ServedRequest[] = [];

  const checklist = entries.map(isChecklistEntry);
  const take = (method: string, target: string, key: string, body?: string, agent?: string): Entry | undefined => {
    const byKubectl = isKubectlAgent(agent);
    const selection = byKubectl
      ? (selector.select(key, (i) => checklist[i] === true) ?? selector.select(key))
      : selector.select(key, (i) => checklist[i] !== true);
    served.push({ method, target, key, entryIndex: selection?.index, repeated: selection?.repeated ?? false, body });
    if (!selection) return undefined;
    const entry = entries[selection.index] as Entry;
    const minimum = key.startsWith("WATCH ") ? MIN_WATCH_MS : 0;
    options.clock?.advance(Math.max(minimum, Math.round(entry.time)));
    return entry;
  };

  const unrecorded = (method: string, target: string) =>
    `smokebook replay: ${method} ${target} is not in recording ${recording.source}`;

  const server = createServer(async (req, res) => {
    const method = (req.method ?? "GET").toUpperCase();
    const target = req.url ?? "/";
    const bytes = await readRequestBody(req);
    const body = bytes.length === 0 ? undefined : bytes.toString("utf8");
    const { key } = requestKey(method, target, req.headers.accept);
    const entry = take(method, target, key, body, req.headers["user-agent"]);
    if (entry) {
      writeEntry(res, entry);
      return;
    }
    res.writeHead(400, { "content-type": "application/json" });
    res.end(statusBody(400, "BadRequest", unrecorded(method, target)));
  });

  // Upgraded sockets are among the connections the listener ends on close.
  server.on("upgrade", (req: IncomingMessage, socket: Duplex) => {
    const target = req.url ?? "/";
    const { kind, key } = requestKey("GET", target, undefined);
    if (kind === "exec") {
      const entry = take("GET", target, key, undefined, req.headers["user-agent"]);
      if (!entry) {
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${statusBody(400, "BadRequest", unrecorded("EXEC", target))}`,
        );
        return;
      }
      const ws = acceptWebSocket(req, socket, SESSION_PROTOCOLS);
      if (ws) playExec(ws, entry);
      return;
    }
    if (kind === "portforward") {
      const ws = acceptWebSocket(req, socket, SESSION_PROTOCOLS);
      if (!ws) return;
      const port = Number(new URL(target, "http://replay.invalid").searchParams.get("ports"));
      playPortForward(
        ws,
        port,
        (method, path) => take(method, `${target} ${path}`, tunnelKey(key, method, path)),
        target,
      );
      return;
    }
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
  });

  const listener = await listenLoopback(server);
  return {
    url: listener.url,
    recording,
    served,
    unmatched: () => served.filter((s) => s.entryIndex === undefined).map((s) => `${s.method} ${s.target}`),
    unused: () =>
      selector
        .unserved()
        .filter((i) => checklist[i] !== true)
        .map((i) => `#${i} ${keys[i]}`),
    close: listener.close,
    [Symbol.asyncDispose]: listener.close,
  };
}
