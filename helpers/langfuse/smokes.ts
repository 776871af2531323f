/**
 * The LangFuse smokes of seed 001: gates, recordings and tags (suites/k8s/langfuse-*.test.ts). They reach LangFuse
 * through the cluster, so a usable kubeconfig is their live prerequisite: without one, auto mode replays.
 */
import type { SmokeDefinition } from "../gates.ts";
import { kubeconfigProblem } from "../k8s-cluster/kubeconfig-requirement.ts";

export const langfuseUiSmokeDefinition: SmokeDefinition = {
  name: "Staging LangFuse UI smoke (seed 001)",
  gate: "RUN_LANGFUSE_UI_SMOKE",
  credentials: [],
  liveRequirement: (env) => kubeconfigProblem(env),
  recordings: ["fixtures/langfuse/ui.har"],
  tags: ["k8s"],
};

export const langfuseTraceSmokeDefinition: SmokeDefinition = {
  name: "Staging LangFuse trace persistence smoke (seed 001, DEV-044)",
  gate: "RUN_LANGFUSE_TRACE_SMOKE",
  credentials: [],
  liveRequirement: (env) => kubeconfigProblem(env),
  recordings: ["fixtures/langfuse/trace.har"],
  // It restarts deployment/langfuse.
  tags: ["k8s", "destructive"],
};
