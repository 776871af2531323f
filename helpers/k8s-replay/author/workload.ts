/**
 * The workloads the authored recordings describe: the observer sample target (as fixtures/target/k8s renders it:
 * namespace observer-prod, Deployment/Service observer, PVC observer-runtime, ConfigMap observer-config, external
 * Secret observer-kis-credentials) and the internal LangFuse of seed 001 (Deployment langfuse, ClusterIP Service
 * langfuse-internal, Secret langfuse-secrets) in namespace default.
 */

export interface Workload {
  namespace: string;
  name: string;
  container: string;
  image: string;
  imageId: string;
  labels: Record<string, string>;
  matchLabels: Record<string, string>;
  port: { name: string; number: number };
  health: string;
  /** Volume the data lives on: a PVC (the contract) or an emptyDir (the misconfiguration marker-lost shows). */
  volume: { name: string; claim?: string; mounts: Array<{ path: string; subPath?: string }> };
  envFrom: { configMaps: string[]; secrets: string[] };
  securityContext: { runAsUser: number; runAsGroup: number; fsGroup: number; runAsNonRoot: boolean };
  replicaSetHash: string;
}

const OBSERVER_ROOT = "/opt/platform/runtime/observer";

export const OBSERVER: Workload = {
  namespace: "observer-prod",
  name: "observer",
  container: "observer",
  image: "ghcr.io/example/observer:build-20260204-220645",
  imageId: "ghcr.io/example/observer@sha256:5d2c41f07a3c9e1b8f0d6e2a7c4b9d8e1f3a5c7b9d0e2f4a6c8b0d2e4f6a8c0e",
  labels: { app: "observer", "app.kubernetes.io/name": "observer" },
  matchLabels: { app: "observer" },
  port: { name: "http", number: 8000 },
  health: "/health",
  volume: {
    name: "runtime",
    claim: "observer-runtime",
    mounts: ["data", "logs", "config", "universe"].map((d) => ({ path: `${OBSERVER_ROOT}/${d}`, subPath: d })),
  },
  envFrom: { configMaps: ["observer-config"], secrets: ["observer-kis-credentials"] },
  securityContext: { runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true },
  replicaSetHash: "6c9f7d5b8d",
};

/** The same observer, with its data directory on an emptyDir: data does not survive the pod. */
export const OBSERVER_EMPTYDIR: Workload = {
  ...OBSERVER,
  volume: { name: "runtime", mounts: OBSERVER.volume.mounts },
  replicaSetHash: "7f4b6c9d5c",
};

export const LANGFUSE: Workload = {
  namespace: "default",
  name: "langfuse",
  container: "langfuse",
  image: "nscacrdev.azurecr.io/langfuse/langfuse:2.95.1",
  imageId:
    "nscacrdev.azurecr.io/langfuse/langfuse@sha256:9a1e3c5b7d9f0a2c4e6b8d0f1a3c5e7b9d1f3a5c7e9b0d2f4a6c8e0b2d4f6a8c",
  labels: { app: "langfuse" },
  matchLabels: { app: "langfuse" },
  port: { name: "http", number: 3000 },
  health: "/api/public/health",
  volume: { name: "tmp", mounts: [{ path: "/tmp" }] },
  envFrom: { configMaps: [], secrets: ["langfuse-secrets"] },
  securityContext: { runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, runAsNonRoot: true },
  replicaSetHash: "5b8d9c7f6d",
};
