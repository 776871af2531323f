/**
 * The cluster-check scenarios (seed 004 §3.3 and the §6.1 step 4 failure catalogue): healthy, and the pods that never
 * start — PVC Pending (storage), ImagePullBackOff (image/registry). Container-start failures are in
 * crash-scenarios.ts; cluster-run.ts makes the recording of each.
 */
import type { Har } from "har-format";
import { statusTextFor } from "../../replay/har-builder.ts";
import { clusterRun, observerState, POD_CREATED } from "./cluster-run.ts";
import { OBSERVER } from "./workload.ts";

export function healthyCluster(): Har {
  return clusterRun(
    "healthy",
    "observer Running 1/1 with 0 restarts, PVC Bound, config present, /health 200",
    observerState({ kind: "running", startedAt: "2026-02-05T00:58:19Z" }),
    {},
  );
}

/** A self-test variant (never committed): the pod is Running and Ready, but /health answers `status`. */
export function healthFailingCluster(status = 503): Har {
  return clusterRun(
    "health-failing",
    `observer Running 1/1 and Ready, but GET /health answers ${status}`,
    observerState({ kind: "running", startedAt: "2026-02-05T00:58:19Z" }),
    { log: "observer: runtime directories ok\nobserver: serving GET /health on :8000\n" },
    { status, statusText: statusTextFor(status), body: JSON.stringify({ status: "unavailable" }) },
  );
}

export function pvcPendingCluster(): Har {
  const state = observerState(
    {
      kind: "unschedulable",
      message:
        "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    },
    { pvcPhase: "Pending" },
  );
  return clusterRun(
    "pvc-pending",
    "PVC observer-runtime Pending: StorageClass local-path does not exist; the pod cannot schedule",
    state,
    {
      pvcEvents: [
        {
          type: "Warning",
          reason: "ProvisioningFailed",
          message: 'storageclass.storage.k8s.io "local-path" not found',
          component: "persistentvolume-controller",
          count: 14,
          first: POD_CREATED,
          last: "2026-02-05T03:09:41Z",
        },
      ],
      podEvents: [
        {
          type: "Warning",
          reason: "FailedScheduling",
          message:
            "0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
          component: "default-scheduler",
          count: 37,
          first: POD_CREATED,
          last: "2026-02-05T03:08:12Z",
        },
      ],
    },
  );
}

export function imagePullBackOffCluster(): Har {
  const state = observerState({ kind: "image-pull-backoff", since: POD_CREATED });
  const image = OBSERVER.image;
  return clusterRun(
    "image-pull-backoff",
    "the image cannot be pulled (registry answers 401): ImagePullBackOff",
    state,
    {
      podEvents: [
        {
          type: "Normal",
          reason: "Pulling",
          message: `Pulling image "${image}"`,
          component: "kubelet",
          count: 5,
          first: POD_CREATED,
          last: "2026-02-05T03:05:02Z",
        },
        {
          type: "Warning",
          reason: "Failed",
          message: `Failed to pull image "${image}": failed to pull and unpack image "${image}": failed to resolve reference "${image}": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aexample%2Fobserver%3Apull&service=ghcr.io: 401 Unauthorized`,
          component: "kubelet",
          count: 5,
          first: POD_CREATED,
          last: "2026-02-05T03:05:03Z",
        },
        {
          type: "Warning",
          reason: "Failed",
          message: "Error: ErrImagePull",
          component: "kubelet",
          count: 5,
          first: POD_CREATED,
          last: "2026-02-05T03:05:03Z",
        },
        {
          type: "Normal",
          reason: "BackOff",
          message: `Back-off pulling image "${image}"`,
          component: "kubelet",
          count: 44,
          first: "2026-02-05T00:58:30Z",
          last: "2026-02-05T03:09:50Z",
        },
        {
          type: "Warning",
          reason: "Failed",
          message: "Error: ImagePullBackOff",
          component: "kubelet",
          count: 44,
          first: "2026-02-05T00:58:30Z",
          last: "2026-02-05T03:09:50Z",
        },
      ],
    },
  );
}
