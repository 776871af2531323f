/**
 * The other objects of the recordings, in the API server's JSON: PVC, Service, ConfigMap, Secret (data values
 * blanked, as every recording keeps them) and lists (Deployment and Event have their own files).
 */
import { uidFor } from "./timeline.ts";
import type { Workload } from "./workload.ts";

export function pvc(
  w: Workload,
  name: string,
  phase: "Bound" | "Pending",
  resourceVersion: string,
  storageClassName: string,
) {
  return {
    kind: "PersistentVolumeClaim",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: w.namespace,
      uid: uidFor(`pvc/${name}`),
      resourceVersion,
      creationTimestamp: "2026-02-04T22:20:11Z",
      labels: { "app.kubernetes.io/name": w.name },
      annotations:
        phase === "Bound"
          ? {
              "pv.kubernetes.io/bind-completed": "yes",
              "pv.kubernetes.io/bound-by-controller": "yes",
              "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path",
            }
          : {},
      finalizers: ["kubernetes.io/pvc-protection"],
    },
    spec: {
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "5Gi" } },
      storageClassName,
      volumeMode: "Filesystem",
      ...(phase === "Bound" ? { volumeName: `pvc-${uidFor(`pvc/${name}`)}` } : {}),
    },
    status: phase === "Bound" ? { phase, accessModes: ["ReadWriteOnce"], capacity: { storage: "5Gi" } } : { phase },
  };
}

export function service(
  w: Workload,
  name: string,
  resourceVersion: string,
  selector: Record<string, string> = w.matchLabels,
) {
  return {
    kind: "Service",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: w.namespace,
      uid: uidFor(`svc/${name}`),
      resourceVersion,
      creationTimestamp: "2026-02-04T22:20:11Z",
      labels: w.labels,
    },
    spec: {
      ports: [{ name: w.port.name, protocol: "TCP", port: w.port.number, targetPort: w.port.number }],
      selector,
      clusterIP: "10.0.143.27",
      clusterIPs: ["10.0.143.27"],
      type: "ClusterIP",
      sessionAffinity: "None",
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
    },
    status: { loadBalancer: {} },
  };
}

export function configMap(namespace: string, name: string, data: Record<string, string>, resourceVersion: string) {
  return {
    kind: "ConfigMap",
    apiVersion: "v1",
    metadata: {
      name,
      namespace,
      uid: uidFor(`cm/${name}`),
      resourceVersion,
      creationTimestamp: "2026-02-04T22:20:11Z",
    },
    data,
  };
}

/** A Secret as recordings keep it: its keys, every value blanked. */
export function secret(namespace: string, name: string, keys: ReadonlyArray<string>, resourceVersion: string) {
  return {
    kind: "Secret",
    apiVersion: "v1",
    metadata: {
      name,
      namespace,
      uid: uidFor(`secret/${name}`),
      resourceVersion,
      creationTimestamp: "2026-02-04T22:20:11Z",
    },
    data: Object.fromEntries(keys.map((k) => [k, ""])),
    type: "Opaque",
  };
}

export function list(kind: string, apiVersion: string, items: unknown[], resourceVersion: string) {
  return { kind: `${kind}List`, apiVersion, metadata: { resourceVersion }, items };
}
