/**
 * The K8s replay scenarios as they are produced on a real cluster (`npm run cluster:scenarios`, `npm run
 * fixtures:k8s`): which broken copy of the manifests to apply (helpers/control-plane/failure-scenarios.ts), which
 * smoke to run, and what it must then report — which criteria fail, classified how (seed 004 §6.1 step 4), naming
 * which object and cause. The same expectations hold for the captured recording in replay (suites/k8s).
 */
import type { ScenarioName } from "../control-plane/failure-scenarios.ts";
import type { FailureClass } from "./classify.ts";
import { CONFIG_CRITERION } from "./config-check.ts";
import { DEPLOYMENT_CRITERION } from "./deployment-check.ts";
import { HEALTH_CRITERION } from "./health-check.ts";
import { POD_CRITERION } from "./pod-check.ts";
import { PVC_CRITERION } from "./pvc-check.ts";
import { RESTART_CRITERION } from "./restart-smoke.ts";
import { SERVICE_CRITERION } from "./service-check.ts";

export type ScenarioCheck = "cluster" | "pod-restart" | "langfuse-ui" | "langfuse-trace";

export interface ScenarioExpectation {
  /** Criteria that must fail, in order; every other one must pass. */
  failing: string[];
  /** The classification every failing cluster criterion carries. */
  kind?: FailureClass;
  /** What the first failing criterion's message must say (the object and the cause). */
  says?: RegExp;
  /** What the pod criterion's message must say. */
  podSays?: RegExp;
}

export interface LiveScenario {
  /** The replay scenario (helpers/k8s-replay/scenarios.ts) and the name of its recording. */
  name: string;
  recording: string;
  manifests: ScenarioName;
  check: ScenarioCheck;
  expect: ScenarioExpectation;
}

export const ALL_CLUSTER_CRITERIA = [
  PVC_CRITERION,
  DEPLOYMENT_CRITERION,
  POD_CRITERION,
  CONFIG_CRITERION,
  SERVICE_CRITERION,
  HEALTH_CRITERION,
];

const POD = "observer-[a-z0-9]+-[a-z0-9]{5}";

export const LIVE_SCENARIOS: ReadonlyArray<LiveScenario> = [
  {
    name: "healthy",
    recording: "fixtures/k8s-cluster/healthy.har",
    manifests: "healthy",
    check: "cluster",
    expect: { failing: [] },
  },
  {
    name: "pvc-pending",
    recording: "fixtures/k8s-cluster/pvc-pending.har",
    manifests: "pvc-pending",
    check: "cluster",
    expect: {
      failing: [PVC_CRITERION, DEPLOYMENT_CRITERION, POD_CRITERION, HEALTH_CRITERION],
      kind: "storage",
      says: /PVC observer-runtime is Pending after \d+s/,
      podSays: new RegExp(`pod ${POD}: Pending, ready 0/1, restarts 0`),
    },
  },
  {
    name: "crashloop",
    recording: "fixtures/k8s-cluster/crashloop.har",
    manifests: "crashloop",
    check: "cluster",
    expect: {
      failing: [DEPLOYMENT_CRITERION, POD_CRITERION, HEALTH_CRITERION],
      kind: "container-start",
      says: /deployment observer-prod\/observer not available within \d+s; last observed: .*available 0\/1/,
      podSays: new RegExp(`pod ${POD}: (CrashLoopBackOff|Running|Error), ready 0/1, restarts [1-9]`),
    },
  },
  {
    name: "image-pull-backoff",
    recording: "fixtures/k8s-cluster/image-pull-backoff.har",
    manifests: "image-pull-backoff",
    check: "cluster",
    expect: {
      failing: [DEPLOYMENT_CRITERION, POD_CRITERION, HEALTH_CRITERION],
      kind: "image-registry",
      says: /deployment observer-prod\/observer not available within \d+s/,
      podSays: new RegExp(`pod ${POD}: (ImagePullBackOff|ErrImagePull), ready 0/1, restarts 0`),
    },
  },
  {
    name: "permission-denied",
    recording: "fixtures/k8s-cluster/permission-denied.har",
    manifests: "permission-denied",
    check: "cluster",
    expect: {
      failing: [DEPLOYMENT_CRITERION, POD_CRITERION, HEALTH_CRITERION],
      kind: "permissions",
      says: /deployment observer-prod\/observer not available within \d+s/,
      podSays: new RegExp(`pod ${POD}: (CrashLoopBackOff|Running|Error), ready 0/1, restarts [1-9]`),
    },
  },
  {
    name: "pod-restart",
    recording: "fixtures/k8s-cluster/pod-restart.har",
    manifests: "healthy",
    check: "pod-restart",
    expect: { failing: [] },
  },
  {
    name: "marker-lost",
    recording: "fixtures/k8s-cluster/marker-lost.har",
    manifests: "marker-lost",
    check: "pod-restart",
    expect: {
      failing: [RESTART_CRITERION],
      says: new RegExp(
        `written in ${POD} before the restart is not on replacement ${POD} \\(cat exited 1: .*No such file or directory\\); /opt/platform/runtime/observer/data is volume runtime \\(emptyDir`,
      ),
    },
  },
  {
    name: "langfuse-ui",
    recording: "fixtures/langfuse/ui.har",
    manifests: "healthy",
    check: "langfuse-ui",
    expect: { failing: [] },
  },
  {
    name: "langfuse-trace",
    recording: "fixtures/langfuse/trace.har",
    manifests: "healthy",
    check: "langfuse-trace",
    expect: { failing: [] },
  },
];

export function liveScenarioNamed(name: string): LiveScenario | undefined {
  return LIVE_SCENARIOS.find((s) => s.name === name);
}
