/**
 * The requests the live K8s checks make (helpers/k8s-cluster), as recording steps for the observer target, in the
 * order a run makes them. Scenario files combine them with the state they describe.
 */
import { type DeploymentStatusInit, deployment } from "./deployment-object.ts";
import { configMap, list, pvc, secret, service } from "./objects.ts";
import { type PodInit, pod } from "./pods.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
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
export const podsPath = (w: Workload) => `/api/v1/namespaces/${ns(w)}/pods`;
const selector = (w: Workload) =>
  Object.entries(w.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

/** The state's pods as objects, each with a fresh resourceVersion. */
export function podObjects(b: RecordingBuilder, state: ObserverState): PodObject[] {
  return state.pods.map((p) => pod({ ...p, resourceVersion: p.resourceVersion || b.timeline.nextResourceVersion() }));
}

export function readDeployment(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  b.get(
    `/apis/apps/v1/namespaces/${ns(w)}/deployments/${w.name}`,
    deployment(w, b.timeline.nextResourceVersion(), state.deployment),
  );
}

export function pvcList(b: RecordingBuilder, state: ObserverState) {
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
  const objects = podObjects(b, state);
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

/** What the observer's /health handler answered: 200 with its status, or a failure (self-test variants). */
export interface HealthAnswer {
  status: number;
  statusText: string;
  body: string;
}

export const HEALTH_OK: HealthAnswer = {
  status: 200,
  statusText: "OK",
  body: JSON.stringify({ status: "ok", ticks: 1134, universe_entries: 0 }),
};

/** GET <health> through a port-forward to `podName`, answered with `answer`. */
export function healthThroughPortForward(
  b: RecordingBuilder,
  w: Workload,
  podName: string,
  answer: HealthAnswer = HEALTH_OK,
): void {
  b.portForward(
    w.namespace,
    podName,
    w.port.number,
    { method: "GET", path: w.health, headers: { host: "127.0.0.1", connection: "close" }, body: Buffer.alloc(0) },
    {
      status: answer.status,
      statusText: answer.statusText,
      headers: [
        { name: "Content-Type", value: "application/json" },
        { name: "Date", value: b.timeline.now.toUTCString() },
      ],
      body: answer.body,
    },
  );
}
