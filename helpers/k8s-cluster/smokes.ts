/**
 * The live K8s smokes: gates, recordings and tags (suites/k8s/cluster.test.ts, pod-restart.test.ts). The kubeconfig
 * (KUBECONFIG or ~/.kube/config, current context) is their credential: without a usable one, auto mode replays.
 */
import type { SmokeDefinition } from "../gates.ts";
import { kubeconfigProblem } from "./kubeconfig-requirement.ts";

export const k8sClusterSmoke: SmokeDefinition = {
  name: "K8s cluster stage (seed 004 §3.3)",
  gate: "RUN_K8S_CLUSTER_SMOKE",
  credentials: [],
  liveRequirement: (env) => kubeconfigProblem(env),
  recordings: ["fixtures/k8s-cluster/healthy.har"],
  tags: ["k8s"],
};

export const k8sPodRestartSmoke: SmokeDefinition = {
  name: "K8s data survives a pod restart (seed 004 Phase 0)",
  gate: "RUN_K8S_RESTART_SMOKE",
  credentials: [],
  liveRequirement: (env) => kubeconfigProblem(env),
  recordings: ["fixtures/k8s-cluster/pod-restart.har"],
  tags: ["k8s", "destructive"],
};
