/**
 * The recorded Kubernetes scenarios, by name: `npm run replay:k8s -- <name>` and the suites find their HAR here.
 * Each recording is written by helpers/k8s-replay/author/write-fixtures.ts (see its header for why they are authored
 * from real API shapes rather than captured) and checked by fixtures-in-sync.test.ts.
 */
import { SmokebookError } from "../errors.ts";

export interface K8sScenario {
  name: string;
  /** HAR path from the repository root. */
  recording: string;
  summary: string;
}

export const K8S_SCENARIOS: ReadonlyArray<K8sScenario> = [
  {
    name: "healthy",
    recording: "fixtures/k8s-cluster/healthy.har",
    summary: "observer Running 1/1, PVC Bound, /health 200",
  },
  {
    name: "pvc-pending",
    recording: "fixtures/k8s-cluster/pvc-pending.har",
    summary: "PVC Pending (no StorageClass): storage",
  },
  {
    name: "crashloop",
    recording: "fixtures/k8s-cluster/crashloop.har",
    summary: "CrashLoopBackOff with restarts: container start",
  },
  {
    name: "image-pull-backoff",
    recording: "fixtures/k8s-cluster/image-pull-backoff.har",
    summary: "ImagePullBackOff (registry 401): image/registry",
  },
  {
    name: "permission-denied",
    recording: "fixtures/k8s-cluster/permission-denied.har",
    summary: "CrashLoopBackOff with EACCES on the data dir: fsGroup/runAsUser",
  },
  { name: "pod-restart", recording: "fixtures/k8s-cluster/pod-restart.har", summary: "marker survives a pod restart" },
  {
    name: "marker-lost",
    recording: "fixtures/k8s-cluster/marker-lost.har",
    summary: "marker gone after the pod restart",
  },
  {
    name: "langfuse-ui",
    recording: "fixtures/langfuse/ui.har",
    summary: "LangFuse UI answers 200 through the service",
  },
  {
    name: "langfuse-trace",
    recording: "fixtures/langfuse/trace.har",
    summary: "trace persists across a LangFuse restart",
  },
  {
    name: "langfuse-503-after-restart",
    recording: "fixtures/langfuse/trace-503-after-restart.har",
    summary: "LangFuse answers 503 after its rollout restart",
  },
];

export function scenarioNamed(name: string): K8sScenario {
  const found = K8S_SCENARIOS.find((s) => s.name === name);
  if (!found) {
    throw new SmokebookError(
      "K8S_REPLAY_UNKNOWN_SCENARIO",
      `unknown K8s replay scenario ${JSON.stringify(name)}: expected one of ${K8S_SCENARIOS.map((s) => s.name).join(", ")}`,
    );
  }
  return found;
}
