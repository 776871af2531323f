/**
 * One run of the cluster criteria of helpers/k8s-cluster/cluster-smoke.ts against an observer state, as a recording:
 * the criteria in order, diagnostics at the first failure, then what `kubectl get` asks — so an operator can look at
 * the recording with kubectl.
 */
import type { Har } from "har-format";
import { type DiagnosticsScript, diagnostics } from "./diagnostics-steps.ts";
import { kubectlGets } from "./kubectl-steps.ts";
import {
  deploymentWait,
  HEALTH_OK,
  type HealthAnswer,
  healthThroughPortForward,
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
export const POD_CREATED = "2026-02-05T00:58:12Z";

export function observerState(pod: PodState, overrides: Partial<ObserverState> = {}): ObserverState {
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

/** Runs the six criteria in order; `script` is what diagnostics find when one fails, `health` what /health answers. */
export function clusterRun(
  name: string,
  description: string,
  state: ObserverState,
  script: DiagnosticsScript,
  health: HealthAnswer = HEALTH_OK,
): Har {
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
  if (podReady) healthThroughPortForward(b, state.workload, pods[0]?.metadata.name ?? "", health);
  if (podReady && health.status !== 200) failed();
  kubectlGets(b, state);
  return b.har(
    { scenario: name, description, namespace: OBSERVER.namespace, ids: {} },
    `smokebook K8s recording "${name}" (authored from real API shapes; see helpers/k8s-replay/author)`,
  );
}
