/**
 * Puts the target under test (SMOKEBOOK_TARGET, default the embedded fixtures/target) on the local cluster as its
 * deployment repository would: its image on the node (target-image.ts), its namespace, the Secrets/ConfigMaps the
 * contract says live outside the manifests (from dummy values: random, never printed), storage its claims bind
 * (target-storage.ts), then its kustomize overlay applied; waits until the Deployment is rolled out. With a failure
 * scenario (failure-scenarios.ts) a broken copy of the rendered overlay is applied instead, and the rollout is waited
 * for only when the scenario rolls out.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { loadTargetContract, readTargetDir } from "../contract/load.ts";
import { SmokebookError } from "../errors.ts";
import type { Env } from "../gates.ts";
import { type K8sObject, kustomizeBuild } from "../k8s/kustomize.ts";
import { contractKubernetes } from "../k8s-cluster/contract-kubernetes.ts";
import { registerSecret } from "../redact.ts";
import type { ClusterState } from "./cluster-state.ts";
import { brokenCopy, FAILURE_SCENARIOS, type FailureScenario } from "./failure-scenarios.ts";
import { applyObjects, kubectlRun } from "./kubectl-apply.ts";
import { provideTargetImage } from "./target-image.ts";
import { storageClassesFor, volumesFor } from "./target-storage.ts";

interface PodTemplateSpec {
  spec?: { template?: { spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] } } };
}

export function deploymentImages(objects: K8sObject[], repository: string): string[] {
  const images = objects
    .filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet")
    .flatMap((o) => {
      const pod = (o as PodTemplateSpec).spec?.template?.spec;
      return [...(pod?.containers ?? []), ...(pod?.initContainers ?? [])].map((c) => c.image ?? "");
    })
    .filter((image) => image.startsWith(`${repository}:`) || image === repository);
  return [...new Set(images)];
}

function dummySecret(name: string, namespace: string, keys: string[]): K8sObject {
  const stringData: Record<string, string> = {};
  for (const key of keys) {
    stringData[key] = `smokebook-dummy-${randomBytes(12).toString("hex")}`;
    registerSecret(stringData[key]);
  }
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name, namespace, labels: { "app.kubernetes.io/managed-by": "smokebook-cluster" } },
    type: "Opaque",
    stringData,
  };
}

export interface SeedOptions {
  env?: Env;
  log: (line: string) => void;
  /** Deadline of the rollout wait. */
  timeoutSeconds?: number;
  /** Apply this scenario's broken copy of the manifests (default: healthy, the manifests as they are). */
  scenario?: FailureScenario;
}

export async function seedTarget(state: ClusterState, options: SeedOptions): Promise<{ objects: K8sObject[] }> {
  const env = options.env ?? process.env;
  const loaded = loadTargetContract(env);
  const k = contractKubernetes(loaded.contract);
  if (!k.kustomize)
    throw new SmokebookError("CLUSTER_TARGET_INVALID", "the target's contract names no kubernetes.kustomize folder");
  const overlay = join(readTargetDir(env), k.kustomize);
  const scenario = options.scenario ?? FAILURE_SCENARIOS.healthy;
  const objects = brokenCopy(await kustomizeBuild(overlay), scenario);
  const namespace = k.namespace;
  const images = k.imageRepository ? deploymentImages(objects, k.imageRepository) : [];
  await provideTargetImage(loaded, images, state.containerdSocket, "ctr", options.log);
  const claims = objects.filter((o) => o.kind === "PersistentVolumeClaim");
  const prepared: K8sObject[] = [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } },
    ...k.external.secrets.map((s) => dummySecret(s.name, namespace, s.keys)),
    ...k.external.configMaps.map((c) => ({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: c.name, namespace },
      data: Object.fromEntries(c.keys.map((key) => [key, "smokebook-dummy"])),
    })),
    ...(scenario.provideStorage ? storageClassesFor(claims) : []),
    ...(scenario.provideStorage ? await volumesFor(claims, namespace, state.dir) : []),
  ];
  await applyObjects(state.kubeconfig, prepared);
  options.log(
    `created namespace ${namespace}, ${k.external.secrets.length} external Secret(s) from dummy values, ${scenario.provideStorage ? claims.length : 0} volume(s) for the claims`,
  );
  await applyObjects(state.kubeconfig, objects);
  const copy = scenario.name === "healthy" ? "" : ` as broken copy "${scenario.name}": ${scenario.broken}`;
  options.log(`applied ${overlay} (${objects.length} objects)${copy}`);
  if (!scenario.rollsOut) return { objects };
  for (const d of objects.filter((o) => o.kind === "Deployment")) {
    const ns = d.metadata.namespace ?? namespace;
    const out = await kubectlRun(state.kubeconfig, [
      "rollout",
      "status",
      `deployment/${d.metadata.name}`,
      "-n",
      ns,
      `--timeout=${options.timeoutSeconds ?? 180}s`,
    ]);
    options.log(out.trim());
  }
  return { objects };
}
