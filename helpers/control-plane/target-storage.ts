/**
 * Storage the target's claims can bind on the local node: for each StorageClass its PVCs name, a StorageClass of
 * that name (no provisioner: volumes are made here, not dynamically), and for each claim a `local` PersistentVolume
 * reserved for it (claimRef), of the requested size, in a fresh root-owned folder under the cluster folder. A
 * `local` volume gets the pod's fsGroup applied by the kubelet (a hostPath would not), so a Deployment without
 * fsGroup really meets "permission denied" on it.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { K8sObject } from "../k8s/kustomize.ts";
import { NODE_NAME } from "./components.ts";

/** On each PersistentVolume made here: the namespace of the claim it is reserved for. */
export const CLAIM_NAMESPACE_LABEL = "smokebook.local/claim-namespace";

/** The folder of the volume reserved for claim `name` in `namespace`. */
export const volumeDir = (dir: string, namespace: string, name: string): string =>
  join(dir, "volumes", `${namespace}-${name}`);

interface ClaimSpec {
  storageClassName?: string;
  accessModes?: string[];
  resources?: { requests?: { storage?: string } };
}

export function storageClassesFor(claims: K8sObject[]): K8sObject[] {
  const names = [...new Set(claims.map((c) => (c.spec as ClaimSpec | undefined)?.storageClassName).filter(Boolean))];
  return names.map((name) => ({
    apiVersion: "storage.k8s.io/v1",
    kind: "StorageClass",
    metadata: { name: name as string, labels: { "app.kubernetes.io/managed-by": "smokebook-cluster" } },
    provisioner: "kubernetes.io/no-provisioner",
    volumeBindingMode: "Immediate",
    reclaimPolicy: "Retain",
  }));
}

/** A PersistentVolume per claim, and the folders they use (created, root-owned, mode 0755). */
export async function volumesFor(claims: K8sObject[], namespace: string, dir: string): Promise<K8sObject[]> {
  const volumes: K8sObject[] = [];
  for (const claim of claims) {
    const spec = (claim.spec ?? {}) as ClaimSpec;
    const ns = claim.metadata.namespace ?? namespace;
    const path = volumeDir(dir, ns, claim.metadata.name);
    await mkdir(path, { recursive: true, mode: 0o755 });
    volumes.push({
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: {
        name: `local-${ns}-${claim.metadata.name}`,
        labels: { "app.kubernetes.io/managed-by": "smokebook-cluster", [CLAIM_NAMESPACE_LABEL]: ns },
      },
      spec: {
        capacity: { storage: spec.resources?.requests?.storage ?? "1Gi" },
        accessModes: spec.accessModes ?? ["ReadWriteOnce"],
        persistentVolumeReclaimPolicy: "Retain",
        storageClassName: spec.storageClassName ?? "",
        claimRef: { namespace: ns, name: claim.metadata.name },
        local: { path },
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [NODE_NAME] }] },
            ],
          },
        },
      },
    });
  }
  return volumes;
}
