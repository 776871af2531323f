/**
 * The pod-restart scenarios (seed 004 Phase 0 "Pod 재시작 후 데이터 보존"), as helpers/k8s-cluster/restart-smoke.ts
 * runs them: write a marker (exec), delete the pod, watch the replacement become Ready, read the marker (exec),
 * remove it. `pod-restart`: the data directory is on the PVC and the marker survives. `marker-lost`: the
 * Deployment mounts an emptyDir there, so the replacement starts empty.
 */
import type { Har } from "har-format";
import { markerPathFor, writeMarkerCommand } from "../../k8s-cluster/restart-smoke.ts";
import { kubectlGets } from "./kubectl-steps.ts";
import { list } from "./objects.ts";
import { type ObserverState, readDeployment } from "./observer-steps.ts";
import { type PodInit, pod } from "./pods.ts";
import { RecordingBuilder } from "./recording-builder.ts";
import { Timeline } from "./timeline.ts";
import { OBSERVER, OBSERVER_EMPTYDIR, type Workload } from "./workload.ts";

const START = "2026-02-05T03:15:00Z";
const DATA_DIR = "/opt/platform/runtime/observer/data";

function restartRun(name: string, description: string, w: Workload, marker: string, survives: boolean): Har {
  const b = new RecordingBuilder(new Timeline(START));
  const t = b.timeline;
  const state: ObserverState = {
    workload: w,
    pvcPhase: "Bound",
    storageClass: "local-path",
    deployment: { at: "2026-02-05T00:58:12Z", available: 1, ready: 1 },
    pods: [],
  };
  const before: PodInit = {
    workload: w,
    suffix: "x7k2p",
    created: "2026-02-05T00:58:12Z",
    resourceVersion: "",
    podIp: "10.244.1.23",
    state: { kind: "running", startedAt: "2026-02-05T00:58:19Z" },
  };
  const oldPod = () => pod({ ...before, resourceVersion: t.nextResourceVersion() });
  const selector = Object.entries(w.matchLabels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
  const podsPath = `/api/v1/namespaces/${w.namespace}/pods`;
  const path = markerPathFor(DATA_DIR, marker);

  readDeployment(b, state);
  const listRv = t.nextResourceVersion();
  b.get(`${podsPath}?labelSelector=${encodeURIComponent(selector)}`, list("Pod", "v1", [oldPod()], listRv));
  const oldName = oldPod().metadata.name;
  b.exec(w.namespace, oldName, w.container, writeMarkerCommand(path, marker), { stdout: marker, exitCode: 0 });

  const deleting = { ...before, deletionTimestamp: t.iso(30_000) };
  b.json("DELETE", `${podsPath}/${oldName}`, 200, pod({ ...deleting, resourceVersion: t.nextResourceVersion() }));
  const rv = t.nextResourceVersion();
  b.get(
    `${podsPath}?labelSelector=${encodeURIComponent(selector)}`,
    list("Pod", "v1", [pod({ ...deleting, resourceVersion: rv })], rv),
  );
  const after: PodInit = {
    workload: w,
    suffix: "q9m4w",
    created: t.iso(4_000),
    resourceVersion: "",
    podIp: "10.244.1.31",
    state: { kind: "container-creating" },
  };
  b.watch(
    podsPath,
    { labelSelector: selector, timeoutSeconds: "60", allowWatchBookmarks: "true", resourceVersion: rv },
    [
      { type: "MODIFIED", object: pod({ ...deleting, resourceVersion: t.nextResourceVersion() }) },
      { type: "DELETED", object: pod({ ...deleting, resourceVersion: t.nextResourceVersion() }) },
      { type: "ADDED", object: pod({ ...after, resourceVersion: t.nextResourceVersion() }) },
      {
        type: "MODIFIED",
        object: pod({
          ...after,
          resourceVersion: t.nextResourceVersion(),
          state: { kind: "running", startedAt: t.iso(9_000) },
        }),
      },
    ],
    14_200,
  );
  const newName = pod({ ...after, resourceVersion: "0" }).metadata.name;
  b.exec(
    w.namespace,
    newName,
    w.container,
    ["cat", path],
    survives
      ? { stdout: marker, exitCode: 0 }
      : { stderr: `cat: can't open '${path}': No such file or directory\n`, exitCode: 1 },
  );
  b.exec(w.namespace, newName, w.container, ["rm", "-f", path], { exitCode: 0 });
  // What `kubectl get pods` / `get pvc` show afterwards: the replacement, Running.
  kubectlGets(b, { ...state, pods: [{ ...after, state: { kind: "running", startedAt: after.created } }] });
  return b.har(
    { scenario: name, description, namespace: w.namespace, ids: { marker } },
    `smokebook K8s recording "${name}" (authored from real API shapes; see helpers/k8s-replay/author)`,
  );
}

export function podRestart(): Har {
  return restartRun(
    "pod-restart",
    "marker written in observer-…-x7k2p is read back on its replacement observer-…-q9m4w (data on PVC observer-runtime)",
    OBSERVER,
    "20260205T031500Z-4f2a9c",
    true,
  );
}

export function markerLost(): Har {
  return restartRun(
    "marker-lost",
    "the data directory is an emptyDir: the replacement pod does not have the marker",
    OBSERVER_EMPTYDIR,
    "20260205T031500Z-8b1d7e",
    false,
  );
}
