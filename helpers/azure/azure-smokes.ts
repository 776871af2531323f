/**
 * The Azure smokes of seed 001: gates, recordings and tags (suites/azure/*.test.ts). Each one's live prerequisite
 * is its settings, an Entra ID sign-in and — where it reaches the cluster — a kubeconfig (live-requirement.ts);
 * without them auto mode replays the recordings and lists the live checks as skipped, naming what is missing.
 */
import type { SmokeDefinition } from "../gates.ts";
import { azureLiveProblem } from "./live-requirement.ts";

const ALERT_SETTINGS = [
  "AZURE_SUBSCRIPTION_ID",
  "LOG_ANALYTICS_DCR_ENDPOINT",
  "LOG_ANALYTICS_DCR_IMMUTABLE_ID",
  "LOG_ANALYTICS_STREAM_NAME",
  "LOG_ANALYTICS_WORKSPACE_ID",
];

export const INFRA_RECORDINGS = {
  cluster: "fixtures/azure/infra-verify/cluster.har",
  azure: "fixtures/azure/infra-verify/azure.har",
} as const;

export const infraVerifySmoke: SmokeDefinition = {
  name: "Infra verification DEV-043/044/045 (seed 001)",
  gate: "RUN_INFRA_VERIFY_SMOKE",
  credentials: [],
  liveRequirement: (env) =>
    azureLiveProblem(env, {
      settings: ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP", "KEY_VAULT_NAME"],
      kubeconfig: true,
    }),
  recordings: [INFRA_RECORDINGS.cluster, INFRA_RECORDINGS.azure],
  tags: ["azure", "k8s"],
};

export const ALERT_EVENTS_RECORDING = "fixtures/azure/alert-events/pass.har";

export const alertEventSmoke: SmokeDefinition = {
  name: "Alert/Event smoke (seed 001)",
  gate: "RUN_ALERT_EVENT_SMOKE",
  credentials: [],
  liveRequirement: (env) =>
    azureLiveProblem(env, {
      settings: [
        ...ALERT_SETTINGS,
        "ALERT_RULE_TRIAGE_READY",
        "ALERT_RULE_APPROVAL_TIMEOUT",
        "ALERT_RULE_EXECUTION_FAILED",
      ],
    }),
  recordings: [ALERT_EVENTS_RECORDING],
  tags: ["azure"],
};

export const ALERTING_SEND_RECORDING = "fixtures/azure/alerting-send/pass.har";

export const alertingSendSmoke: SmokeDefinition = {
  name: "Alerting real-send smoke (seed 001)",
  gate: "RUN_ALERTING_SEND_SMOKE",
  credentials: [],
  liveRequirement: (env) => azureLiveProblem(env, { settings: [...ALERT_SETTINGS, "ALERT_RULE_TRIAGE_READY"] }),
  recordings: [ALERTING_SEND_RECORDING],
  tags: ["azure"],
};

export const PRIVATE_PATH_RECORDINGS = {
  azure: "fixtures/azure/private-path/azure.har",
  cluster: "fixtures/azure/private-path/cluster.har",
} as const;

export const privatePathSmoke: SmokeDefinition = {
  name: "Private-path validation (seed 001)",
  gate: "RUN_PRIVATE_PATH_SMOKE",
  credentials: [],
  liveRequirement: (env) =>
    azureLiveProblem(env, { settings: ["AZURE_SUBSCRIPTION_ID", "AZURE_RESOURCE_GROUP"], kubeconfig: true }),
  recordings: [PRIVATE_PATH_RECORDINGS.azure, PRIVATE_PATH_RECORDINGS.cluster],
  tags: ["azure", "k8s"],
};

export const ROLLBACK_RECORDINGS = {
  undo: "fixtures/azure/langfuse-rollback/undo.har",
  removal: "fixtures/azure/langfuse-rollback/removal.har",
} as const;

export const langfuseRollbackSmoke: SmokeDefinition = {
  name: "LangFuse rollback (seed 001)",
  gate: "RUN_LANGFUSE_ROLLBACK_SMOKE",
  credentials: [],
  liveRequirement: (env) => azureLiveProblem(env, { settings: [], kubeconfig: true, azure: false }),
  recordings: [ROLLBACK_RECORDINGS.undo, ROLLBACK_RECORDINGS.removal],
  // `rollout undo` changes the running LangFuse.
  tags: ["azure", "k8s", "destructive"],
};
