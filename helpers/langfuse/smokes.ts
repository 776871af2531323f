/** The LangFuse smokes of seed 001: gates, recordings and tags (suites/k8s/langfuse-*.test.ts). */
import type { SmokeDefinition } from "../gates.ts";

export const langfuseUiSmokeDefinition: SmokeDefinition = {
  name: "Staging LangFuse UI smoke (seed 001)",
  gate: "RUN_LANGFUSE_UI_SMOKE",
  credentials: [],
  recordings: ["fixtures/langfuse/ui.har"],
  tags: ["k8s"],
};

export const langfuseTraceSmokeDefinition: SmokeDefinition = {
  name: "Staging LangFuse trace persistence smoke (seed 001, DEV-044)",
  gate: "RUN_LANGFUSE_TRACE_SMOKE",
  credentials: [],
  recordings: ["fixtures/langfuse/trace.har"],
  // It restarts deployment/langfuse.
  tags: ["k8s", "destructive"],
};
