/**
 * The cluster-check scenarios (seed 004 §3.3 and the §6.1 step 4 failure catalogue), each a run of the criteria of
 * helpers/k8s-cluster/cluster-smoke.ts against one observer state, diagnostics at the first failure, then what
 * `kubectl get pods` / `get pvc` ask — so an operator can look at the recording with kubectl.
 */
import type { Har } from "har-format";
import {
  type DiagnosticsScript,
  deploymentWait,
  diagnostics,
  healthThroughPortForward,
  kubectlGets,
  listPods,
  type ObserverState,
  pvcWait,
  readConfig,
  readDeployment,
  readService,
} from "./observer-steps.ts";
import type { PodState } from "./pods.ts";
import { RecordingBuilder } from "./recording-builder.ts";
import { Timeline } from "./timeline.ts";
import { OBSERVER } from "./workload.ts";

const START = "2026-02-05T03:10:00Z";
const POD_CREATED = "2026-02-05T00:58:12Z";

function observerState(pod: PodState, overrides: Partial<ObserverState> = {}): ObserverState {
  const ready = pod.kind === "running";
  return {
    workload: OBSERVER,
    pvcPhase: "Bound",
    storageClass: "local-path",
    deployment: { at: POD_CREATED, available: ready ? 1 : 0, ready: ready ? 1 : 0 },
    pods: [
      {
        workload: OBSERVER,
        suffix: "x7k2p",
        created: POD_CREATED,
        resourceVersion: "",
        podIp: "10.244.1.23",
        state: pod,
      },
    ],
    ...overrides,
  };
}

/** Runs the six criteria in order; `script` is what diagnostics find when one fails. */
function clusterRun(name: string, description: string, state: ObserverState, script: DiagnosticsScript): Har {
  const b = new RecordingBuilder(new Timeline(START));
  let diagnosed = false;
  const failed = () => {
    if (!diagnosed) diagnostics(b, state, script);
    diagnosed = true;
  };
  const podReady = state.pods.some((p) => p.state.kind === "running");
  readDeployment(b, state);
  pvcWait(b, state);
  if (state.pvcPhase !== "Bound") failed();
  deploymentWait(b, state);
  if ((state.deployment.available ?? 0) < 1) failed();
  listPods(b, state);
  if (!podReady) failed();
  readConfig(b, state);
  readService(b, state);
  listPods(b, state);
  const pods = listPods(b, state);
  if (podReady) healthThroughPortForward(b, state.workload, pods[0]?.metadata.name ?? "", 1134);
  kubectlGets(b, state);
  return b.har(
    { scenario: name, description, namespace: OBSERVER.namespace, ids: {} },
    `smokebook K8s recording "${name}" (authored from real API shapes; see helpers/k8s-replay/author)`,
  );
}

export function healthyCluster(): Har {
  return clusterRun(
    "healthy",
    "observer Running 1/1 with 0 restarts, PVC Bound, config present, /health 200",
    observerState({ kind: "running", startedAt: "2026-02-05T00:58:19Z" }),
    {},
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

const CRASH_LOG = 'observer: OBSERVER_LOG_LEVEL="verbose" is not valid: expected debug, info, warn, error';

export function crashLoopCluster(): Har {
  const state = observerState({
    kind: "crashloop",
    restarts: 5,
    backOff: "2m40s",
    lastStartedAt: "2026-02-05T03:06:52Z",
    lastFinishedAt: "2026-02-05T03:06:53Z",
    exitCode: 2,
  });
  return clusterRun(
    "crashloop",
    "observer exits 2 at start (ConfigMap log level invalid): CrashLoopBackOff, 5 restarts",
    state,
    {
      podEvents: [
        {
          type: "Normal",
          reason: "Pulled",
          message: `Container image "${OBSERVER.image}" already present on machine`,
          component: "kubelet",
          count: 6,
          first: POD_CREATED,
          last: "2026-02-05T03:06:51Z",
        },
        {
          type: "Warning",
          reason: "BackOff",
          message:
            "Back-off restarting failed container observer in pod observer-6c9f7d5b8d-x7k2p_observer-prod(7e5c1f3a-93d2-4b71-a0c8-2f6d1e9b4a55)",
          component: "kubelet",
          count: 23,
          first: "2026-02-05T00:58:40Z",
          last: "2026-02-05T03:09:31Z",
        },
      ],
      log: CRASH_LOG,
      previousLog: CRASH_LOG,
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

const EACCES_LOG = [
  "node:fs:2425",
  "    return binding.writeFileUtf8(",
  "                   ^",
  "",
  "Error: EACCES: permission denied, open '/opt/platform/runtime/observer/data/observations.jsonl'",
  "    at Object.appendFileSync (node:fs:2464:10)",
  "    at appendRecord (file:///app/src/records.mjs:14:3)",
  "    at main (file:///app/src/main.mjs:47:3)",
  "    at file:///app/src/main.mjs:80:1 {",
  "  errno: -13,",
  "  code: 'EACCES',",
  "  syscall: 'open',",
  "  path: '/opt/platform/runtime/observer/data/observations.jsonl'",
  "}",
  "",
  "Node.js v24.21.0",
  "",
].join("\n");

export function permissionDeniedCluster(): Har {
  const state = observerState({
    kind: "crashloop",
    restarts: 4,
    backOff: "1m20s",
    lastStartedAt: "2026-02-05T03:08:31Z",
    lastFinishedAt: "2026-02-05T03:08:32Z",
    exitCode: 1,
  });
  return clusterRun(
    "permission-denied",
    "observer cannot write its data dir on the PVC (EACCES): CrashLoopBackOff",
    state,
    {
      podEvents: [
        {
          type: "Warning",
          reason: "BackOff",
          message:
            "Back-off restarting failed container observer in pod observer-6c9f7d5b8d-x7k2p_observer-prod(7e5c1f3a-93d2-4b71-a0c8-2f6d1e9b4a55)",
          component: "kubelet",
          count: 17,
          first: "2026-02-05T00:58:40Z",
          last: "2026-02-05T03:09:12Z",
        },
      ],
      log: EACCES_LOG,
      previousLog: EACCES_LOG,
    },
  );
}
