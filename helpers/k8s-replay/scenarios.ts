/**
 * The recorded Kubernetes scenarios, by name: `npm run replay:k8s -- <name>` and the suites find their HAR here.
 * Each recording is captured from the local cluster (`npm run fixtures:k8s`: scripts/k8s-scenarios.ts --record, the
 * scenarios of helpers/k8s-cluster/live-scenarios.ts) or derived from a captured one (derived-recordings.ts), and
 * checked by fixtures-in-sync.test.ts and suites/k8s/k8s-scenarios-replay.test.ts.
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
    summary: "PVC Pending (a StorageClass nobody provides): storage",
  },
  {
    name: "crashloop",
    recording: "fixtures/k8s-cluster/crashloop.har",
    summary: "CrashLoopBackOff (a start command that exits): container start",
  },
  {
    name: "image-pull-backoff",
    recording: "fixtures/k8s-cluster/image-pull-backoff.har",
    summary: "ImagePullBackOff (a registry that is not there): image/registry",
  },
  {
    name: "permission-denied",
    recording: "fixtures/k8s-cluster/permission-denied.har",
    summary: "EACCES on the volume (runAsUser without fsGroup): fsGroup/runAsUser",
  },
  { name: "pod-restart", recording: "fixtures/k8s-cluster/pod-restart.har", summary: "marker survives a pod restart" },
  {
    name: "marker-lost",
    recording: "fixtures/k8s-cluster/marker-lost.har",
    summary: "marker gone after the pod restart (an emptyDir instead of the PVC)",
  },
  {
    name: "langfuse-ui",
    recording: "fixtures/langfuse/ui.har",
    summary: "the LangFuse stand-in UI answers 302 (its sign-in redirect) through the service",
  },
  {
    name: "langfuse-trace",
    recording: "fixtures/langfuse/trace.har",
    summary: "trace persists across a LangFuse restart",
  },
  {
    name: "langfuse-503-after-restart",
    recording: "fixtures/langfuse/trace-503-after-restart.har",
    summary: "LangFuse answers 503 after its rollout restart (derived from langfuse-trace)",
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
