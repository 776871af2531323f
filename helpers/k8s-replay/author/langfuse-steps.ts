/**
 * The requests the LangFuse smokes (helpers/langfuse) make, as recording steps: the Service and pod lookups behind
 * each port-forward, and the HTTP exchanges inside the tunnel (LangFuse public API shapes).
 */
import type { ParsedHttpRequest } from "../http-bytes.ts";
import { list, service } from "./objects.ts";
import { pod } from "./pods.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
import type { TunnelResponseInit } from "./upgrade-entries.ts";
import { LANGFUSE, type Workload } from "./workload.ts";

export const NS = LANGFUSE.namespace;
/** deployment/langfuse after its rollout restart: a new ReplicaSet. */
export const RESTARTED: Workload = { ...LANGFUSE, replicaSetHash: "7c6f8d9b4f" };
const SELECTOR = "app=langfuse";
export const TRACE_ID = "smokebook-trace-20260224T170102Z-3c9e51";
export const EVENT_ID = "smokebook-event-20260224T170102Z-3c9e51";
export const COMMENT = (name: string) =>
  `smokebook LangFuse recording "${name}" (authored from real API shapes; see helpers/k8s-replay/author)`;

function langfusePod(b: RecordingBuilder, w: Workload, suffix: string, created: string) {
  return pod({
    workload: w,
    suffix,
    created,
    resourceVersion: b.timeline.nextResourceVersion(),
    podIp: "10.244.2.14",
    state: { kind: "running", startedAt: created },
  });
}

export function readService(b: RecordingBuilder): void {
  b.get(
    `/api/v1/namespaces/${NS}/services/langfuse-internal`,
    service(LANGFUSE, "langfuse-internal", b.timeline.nextResourceVersion()),
  );
}

export function listPods(b: RecordingBuilder, w: Workload, suffix: string, created: string): string {
  const p = langfusePod(b, w, suffix, created);
  const rv = b.timeline.nextResourceVersion();
  b.get(`/api/v1/namespaces/${NS}/pods?labelSelector=${encodeURIComponent(SELECTOR)}`, list("Pod", "v1", [p], rv));
  return p.metadata.name;
}

export function request(method: string, path: string, body = ""): ParsedHttpRequest {
  const headers: Record<string, string> = {
    accept: method === "GET" && path === "/" ? "text/html" : "application/json",
    host: "127.0.0.1",
    connection: "close",
  };
  if (path !== "/") headers.authorization = "[REDACTED]";
  if (body) headers["content-type"] = "application/json";
  return { method, path, headers, body: Buffer.from(body) };
}

export function json(status: number, statusText: string, body: unknown, at: Date): TunnelResponseInit {
  return {
    status,
    statusText,
    headers: [
      { name: "content-type", value: "application/json; charset=utf-8" },
      { name: "date", value: at.toUTCString() },
      { name: "vary", value: "Accept-Encoding" },
    ],
    body: JSON.stringify(body),
  };
}

export function traceBody(at: string) {
  return {
    id: TRACE_ID,
    projectId: "cm7q2x8k40001ad08h3f6y1zr",
    name: "smokebook-trace-persistence",
    timestamp: at,
    environment: "default",
    tags: [],
    bookmarked: false,
    release: null,
    version: null,
    userId: null,
    sessionId: null,
    public: false,
    input: null,
    output: null,
    metadata: { source: "smokebook", smoke: "trace-persistence" },
    createdAt: at,
    updatedAt: at,
    htmlPath: `/project/cm7q2x8k40001ad08h3f6y1zr/traces/${TRACE_ID}`,
    latency: 0,
    totalCost: 0,
    observations: [],
    scores: [],
  };
}
