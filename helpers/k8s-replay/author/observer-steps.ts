/**
 * The requests the live K8s checks make (helpers/k8s-cluster), as recording steps for the observer target, in the
 * order a run makes them. Scenario files combine them with the state they describe.
 */
import { APIS_DISCOVERY, CORE_DISCOVERY, DISCOVERY_ACCEPT, TABLE_ACCEPT, VERSION } from "./discovery.ts";
import {
  configMap,
  type DeploymentStatusInit,
  deployment,
  type EventInit,
  event,
  list,
  pvc,
  secret,
  service,
} from "./objects.ts";
import { type PodInit, pod } from "./pods.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
import { age, podTable, pvcTable } from "./tables.ts";
import type { Workload } from "./workload.ts";

export const WATCH_ROUND_MS = 60_000;
/** K8S_WAIT_TIMEOUT_SECONDS default (300) / one 60 s watch per round. */
export const ROUNDS_TO_DEADLINE = 5;

export type PodObject = ReturnType<typeof pod>;

export interface ObserverState {
  workload: Workload;
  pvcPhase: "Bound" | "Pending";
  storageClass: string;
  deployment: DeploymentStatusInit;
  pods: PodInit[];
}

const ns = (w: Workload) => w.namespace;
const podsPath = (w: Workload) => `/api/v1/namespaces/${ns(w)}/pods`;
const selector = (w: Workload) =>
  Object.entries(w.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

function pods(b: RecordingBuilder, state: ObserverState): PodObject[] {
  return state.pods.map((p) => pod({ ...p, resourceVersion: p.resourceVersion || b.timeline.nextResourceVersion() }));
}

export function readDeployment(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  b.get(
    `/apis/apps/v1/namespaces/${ns(w)}/deployments/${w.name}`,
    deployment(w, b.timeline.nextResourceVersion(), state.deployment),
  );
}

function pvcList(b: RecordingBuilder, state: ObserverState) {
  const w = state.workload;
  const rv = b.timeline.nextResourceVersion();
  return list(
    "PersistentVolumeClaim",
    "v1",
    [pvc(w, w.volume.claim ?? "observer-runtime", state.pvcPhase, rv, state.storageClass)],
    rv,
  );
}

/** LIST, then while not Bound one 60 s watch per round until the deadline, as watchUntil does. */
export function pvcWait(b: RecordingBuilder, state: ObserverState): void {
  const path = `/api/v1/namespaces/${ns(state.workload)}/persistentvolumeclaims`;
  const rounds = state.pvcPhase === "Bound" ? 0 : ROUNDS_TO_DEADLINE;
  b.get(path, pvcList(b, state));
  for (let i = 0; i < rounds; i++) {
    b.watch(path, { timeoutSeconds: "60", allowWatchBookmarks: "true" }, [], WATCH_ROUND_MS);
    if (i < rounds - 1) b.get(path, pvcList(b, state));
  }
}

export function deploymentWait(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  const path = `/apis/apps/v1/namespaces/${ns(w)}/deployments`;
  const fieldSelector = `metadata.name=${w.name}`;
  const available = (state.deployment.available ?? 0) >= 1;
  const listed = () => {
    const rv = b.timeline.nextResourceVersion();
    return list("Deployment", "apps/v1", [deployment(w, rv, state.deployment)], rv);
  };
  b.get(`${path}?fieldSelector=${encodeURIComponent(fieldSelector)}`, listed());
  const rounds = available ? 0 : ROUNDS_TO_DEADLINE;
  for (let i = 0; i < rounds; i++) {
    b.watch(path, { fieldSelector, timeoutSeconds: "60", allowWatchBookmarks: "true" }, [], WATCH_ROUND_MS);
    if (i < rounds - 1) b.get(`${path}?fieldSelector=${encodeURIComponent(fieldSelector)}`, listed());
  }
}

export function listPods(b: RecordingBuilder, state: ObserverState): PodObject[] {
  const objects = pods(b, state);
  const rv = b.timeline.nextResourceVersion();
  b.get(
    `${podsPath(state.workload)}?labelSelector=${encodeURIComponent(selector(state.workload))}`,
    list("Pod", "v1", objects, rv),
  );
  return objects;
}

export function readConfig(b: RecordingBuilder, state: ObserverState): void {
  const n = ns(state.workload);
  b.get(
    `/api/v1/namespaces/${n}/configmaps/observer-config`,
    configMap(
      n,
      "observer-config",
      {
        OBSERVER_LOG_LEVEL: "info",
        OBSERVER_RUNTIME_ROOT: "/opt/platform/runtime/observer",
        OBSERVER_TICK_SECONDS: "10",
        SERVICE_PORT: "8000",
      },
      b.timeline.nextResourceVersion(),
    ),
  );
  b.get(
    `/api/v1/namespaces/${n}/secrets/observer-kis-credentials`,
    secret(n, "observer-kis-credentials", ["KIS_APP_KEY", "KIS_APP_SECRET"], b.timeline.nextResourceVersion()),
  );
}

export function readService(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  b.get(`/api/v1/namespaces/${ns(w)}/services/${w.name}`, service(w, w.name, b.timeline.nextResourceVersion()));
}

/** GET <health> through a port-forward to `podName`, answered by the observer's /health handler. */
export function healthThroughPortForward(b: RecordingBuilder, w: Workload, podName: string, ticks: number): void {
  const body = JSON.stringify({ status: "ok", ticks, universe_entries: 0 });
  b.portForward(
    w.namespace,
    podName,
    w.port.number,
    { method: "GET", path: w.health, headers: { host: "127.0.0.1", connection: "close" }, body: Buffer.alloc(0) },
    {
      status: 200,
      statusText: "OK",
      headers: [
        { name: "Content-Type", value: "application/json" },
        { name: "Date", value: b.timeline.now.toUTCString() },
      ],
      body,
    },
  );
}

export interface DiagnosticsScript {
  pvcEvents?: Array<Omit<EventInit, "namespace" | "involved" | "resourceVersion">>;
  podEvents?: Array<Omit<EventInit, "namespace" | "involved" | "resourceVersion">>;
  log?: string;
  previousLog?: string;
}

function events(
  b: RecordingBuilder,
  w: Workload,
  kind: string,
  name: string,
  items: DiagnosticsScript["podEvents"] = [],
) {
  const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`;
  const rv = b.timeline.nextResourceVersion();
  const objects = items.map((e) =>
    event({
      ...e,
      namespace: w.namespace,
      involved: { kind, name, ...(kind === "Pod" ? { fieldPath: `spec.containers{${w.container}}` } : {}) },
      resourceVersion: rv,
    }),
  );
  b.get(
    `/api/v1/namespaces/${w.namespace}/events?fieldSelector=${encodeURIComponent(fieldSelector)}`,
    list("Event", "v1", objects, rv),
  );
}

/** What collectDiagnostics reads after the first failure. */
export function diagnostics(b: RecordingBuilder, state: ObserverState, script: DiagnosticsScript): void {
  const w = state.workload;
  readDeployment(b, state);
  b.get(`/api/v1/namespaces/${ns(w)}/persistentvolumeclaims`, pvcList(b, state));
  if (state.pvcPhase !== "Bound")
    events(b, w, "PersistentVolumeClaim", w.volume.claim ?? "observer-runtime", script.pvcEvents);
  for (const p of listPods(b, state)) {
    const name = p.metadata.name;
    events(b, w, "Pod", name, script.podEvents);
    const restarts = p.status.containerStatuses?.[0]?.restartCount ?? 0;
    if (script.log !== undefined) b.log(w.namespace, name, w.container, script.log);
    if (restarts > 0 && script.previousLog !== undefined)
      b.log(w.namespace, name, w.container, script.previousLog, { previous: true });
  }
}

function restartsCell(c: { restartCount?: number; lastState?: unknown } | undefined, at: Date): string {
  const finished = (c?.lastState as { terminated?: { finishedAt?: string } } | undefined)?.terminated?.finishedAt;
  const count = String(c?.restartCount ?? 0);
  return finished ? `${count} (${age(finished, at)} ago)` : count;
}

/** What `kubectl get pods` and `kubectl get pvc` ask (kubectl 1.32 against a 1.32 server). */
export function kubectlGets(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  b.get("/version?timeout=5s", VERSION);
  b.json("GET", "/api?timeout=32s", 200, CORE_DISCOVERY, { accept: DISCOVERY_ACCEPT });
  b.json("GET", "/apis?timeout=32s", 200, APIS_DISCOVERY, { accept: DISCOVERY_ACCEPT });
  const objects = pods(b, state);
  const at = b.timeline.now;
  const rows = objects.map((p) => {
    const c = p.status.containerStatuses?.[0];
    const waiting = (c?.state as { waiting?: { reason?: string } } | undefined)?.waiting?.reason;
    return {
      object: p as unknown as Parameters<typeof podTable>[0][number]["object"],
      ready: `${c?.ready ? 1 : 0}/1`,
      status: waiting ?? p.status.phase,
      restarts: restartsCell(c, at),
      ip: (p.status as { podIP?: string }).podIP ?? "<none>",
      node: (p.spec as { nodeName?: string }).nodeName ?? "<none>",
    };
  });
  b.json("GET", `${podsPath(w)}?limit=500`, 200, podTable(rows, at, b.timeline.nextResourceVersion()), {
    accept: TABLE_ACCEPT,
  });
  const claim = pvcList(b, state).items[0] as ReturnType<typeof pvc>;
  b.json(
    "GET",
    `/api/v1/namespaces/${ns(w)}/persistentvolumeclaims?limit=500`,
    200,
    pvcTable(
      [
        {
          object: claim as unknown as Parameters<typeof pvcTable>[0][number]["object"],
          status: state.pvcPhase,
          volume: (claim.spec as { volumeName?: string }).volumeName ?? "",
          capacity: state.pvcPhase === "Bound" ? "5Gi" : "",
          storageClass: state.storageClass,
        },
      ],
      at,
      b.timeline.nextResourceVersion(),
    ),
    { accept: TABLE_ACCEPT },
  );
}
