/**
 * The failure scenarios of seed 004 §6.1 step 4, each a broken copy of the target's rendered manifests
 * (`kustomize build` of its overlay, copied and changed in memory — the committed manifests are never touched):
 *
 *   pvc-pending         the claim names a StorageClass nobody provides (no class, no volume)   → storage
 *   image-pull-backoff  the image comes from a registry that is not there (127.0.0.1:1)        → image/registry
 *   crashloop           the start command exits (a module that does not exist)                 → container start
 *   permission-denied   runAsUser without fsGroup: the root-owned volume is not writable       → fsGroup/runAsUser
 *   marker-lost         an emptyDir instead of the PVC: data does not survive a pod restart    → (pod-restart smoke)
 *
 * `healthy` is the unchanged copy. apply-scenario.ts puts one on the cluster.
 */
import type { K8sObject } from "../k8s/kustomize.ts";

export const UNPROVIDED_STORAGE_CLASS = "smokebook-nobody-provides";
/** Nothing listens on port 1 of the loopback address: every pull is refused, nothing leaves the machine. */
export const ABSENT_REGISTRY_IMAGE = "127.0.0.1:1/smokebook/observer:absent";
export const EXITING_START_COMMAND = ["node", "/app/src/does-not-exist.mjs"];

export type ScenarioName =
  | "healthy"
  | "pvc-pending"
  | "image-pull-backoff"
  | "crashloop"
  | "permission-denied"
  | "marker-lost";

export interface FailureScenario {
  name: ScenarioName;
  /** What is broken, as the operator would say it. */
  broken: string;
  /** Whether cluster:up's storage (a StorageClass of the claim's name, a local volume per claim) is created. */
  provideStorage: boolean;
  /** Whether the rollout is expected to finish (apply waits for it only then). */
  rollsOut: boolean;
  change: (objects: K8sObject[]) => void;
}

interface PodSpecLike {
  securityContext?: Record<string, unknown>;
  containers?: Array<Record<string, unknown>>;
  volumes?: Array<Record<string, unknown>>;
}

function podSpecs(objects: K8sObject[]): PodSpecLike[] {
  return objects
    .filter((o) => o.kind === "Deployment")
    .map((o) => (o.spec as { template?: { spec?: PodSpecLike } } | undefined)?.template?.spec)
    .filter((s): s is PodSpecLike => s !== undefined);
}

function claimNames(objects: K8sObject[]): string[] {
  return objects.filter((o) => o.kind === "PersistentVolumeClaim").map((o) => o.metadata.name);
}

export const FAILURE_SCENARIOS: Readonly<Record<ScenarioName, FailureScenario>> = {
  healthy: {
    name: "healthy",
    broken: "nothing: the manifests as committed",
    provideStorage: true,
    rollsOut: true,
    change: () => undefined,
  },
  "pvc-pending": {
    name: "pvc-pending",
    broken: `the PVC asks for StorageClass ${UNPROVIDED_STORAGE_CLASS}, which nobody provides`,
    provideStorage: false,
    rollsOut: false,
    change: (objects) => {
      for (const o of objects.filter((x) => x.kind === "PersistentVolumeClaim"))
        (o.spec as Record<string, unknown>).storageClassName = UNPROVIDED_STORAGE_CLASS;
    },
  },
  "image-pull-backoff": {
    name: "image-pull-backoff",
    broken: `the container image is ${ABSENT_REGISTRY_IMAGE} (a registry that is not there)`,
    provideStorage: true,
    rollsOut: false,
    change: (objects) => {
      for (const spec of podSpecs(objects)) for (const c of spec.containers ?? []) c.image = ABSENT_REGISTRY_IMAGE;
    },
  },
  crashloop: {
    name: "crashloop",
    broken: `the start command is ${JSON.stringify(EXITING_START_COMMAND)}, which exits at once`,
    provideStorage: true,
    rollsOut: false,
    change: (objects) => {
      for (const spec of podSpecs(objects)) for (const c of spec.containers ?? []) c.command = EXITING_START_COMMAND;
    },
  },
  "permission-denied": {
    name: "permission-denied",
    broken: "the pod runs as runAsUser 1000 without fsGroup, so the root-owned volume is not writable",
    provideStorage: true,
    rollsOut: false,
    change: (objects) => {
      for (const spec of podSpecs(objects)) {
        if (spec.securityContext) delete spec.securityContext.fsGroup;
      }
    },
  },
  "marker-lost": {
    name: "marker-lost",
    broken: "the data volume is an emptyDir instead of the PVC",
    provideStorage: true,
    rollsOut: true,
    change: (objects) => {
      const claims = claimNames(objects);
      for (const spec of podSpecs(objects)) {
        spec.volumes = (spec.volumes ?? []).map((v) => {
          const claim = (v.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName;
          return claim && claims.includes(claim) ? { name: v.name, emptyDir: {} } : v;
        });
      }
    },
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(FAILURE_SCENARIOS, name);
}

/** A broken copy of `objects` (the input is left as it is). */
export function brokenCopy(objects: K8sObject[], scenario: FailureScenario): K8sObject[] {
  const copy = structuredClone(objects);
  scenario.change(copy);
  return copy;
}
