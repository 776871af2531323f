/**
 * The other objects of the recordings, in the API server's JSON: Deployment (apps/v1) with its status, PVC,
 * Service, ConfigMap, Secret (data values blanked, as every recording keeps them), core/v1 Event, and lists.
 */
import { podVolumes } from "./pods.ts";
import { uidFor } from "./timeline.ts";
import type { Workload } from "./workload.ts";

export interface DeploymentStatusInit {
  generation?: number;
  observedGeneration?: number;
  replicas?: number;
  updated?: number;
  ready?: number;
  available?: number;
  /** Progressing condition reason: NewReplicaSetAvailable, ReplicaSetUpdated, ProgressDeadlineExceeded. */
  progressing?: string;
  at: string;
  restartedAt?: string;
}

export function deployment(w: Workload, resourceVersion: string, s: DeploymentStatusInit) {
  const want = 1;
  const available = s.available ?? 0;
  const generation = s.generation ?? 1;
  const progressing = s.progressing ?? (available >= want ? "NewReplicaSetAvailable" : "ReplicaSetUpdated");
  const rs = `${w.name}-${w.replicaSetHash}`;
  const progressingMessage =
    progressing === "ProgressDeadlineExceeded"
      ? `ReplicaSet "${rs}" has timed out progressing.`
      : progressing === "NewReplicaSetAvailable"
        ? `ReplicaSet "${rs}" has successfully progressed.`
        : `ReplicaSet "${rs}" is progressing.`;
  return {
    kind: "Deployment",
    apiVersion: "apps/v1",
    metadata: {
      name: w.name,
      namespace: w.namespace,
      uid: uidFor(`deployment/${w.namespace}/${w.name}`),
      resourceVersion,
      generation,
      creationTimestamp: "2026-02-04T22:20:11Z",
      labels: w.labels,
      annotations: { "deployment.kubernetes.io/revision": String(generation) },
    },
    spec: {
      replicas: want,
      selector: { matchLabels: w.matchLabels },
      template: {
        metadata: {
          labels: w.labels,
          ...(s.restartedAt ? { annotations: { "kubectl.kubernetes.io/restartedAt": s.restartedAt } } : {}),
        },
        spec: {
          volumes: podVolumes(w),
          containers: [
            {
              name: w.container,
              image: w.image,
              ports: [{ name: w.port.name, containerPort: w.port.number, protocol: "TCP" }],
              envFrom: [
                ...w.envFrom.configMaps.map((name) => ({ configMapRef: { name } })),
                ...w.envFrom.secrets.map((name) => ({ secretRef: { name } })),
              ],
              volumeMounts: w.volume.mounts.map((m) => ({
                name: w.volume.name,
                mountPath: m.path,
                ...(m.subPath ? { subPath: m.subPath } : {}),
              })),
              imagePullPolicy: "IfNotPresent",
            },
          ],
          restartPolicy: "Always",
          securityContext: w.securityContext,
        },
      },
      strategy: { type: w.name === "langfuse" ? "RollingUpdate" : "Recreate" },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: s.observedGeneration ?? generation,
      replicas: s.replicas ?? want,
      updatedReplicas: s.updated ?? want,
      readyReplicas: s.ready ?? available,
      availableReplicas: available,
      ...(want - available > 0 ? { unavailableReplicas: want - available } : {}),
      conditions: [
        available >= want
          ? {
              type: "Available",
              status: "True",
              lastUpdateTime: s.at,
              lastTransitionTime: s.at,
              reason: "MinimumReplicasAvailable",
              message: "Deployment has minimum availability.",
            }
          : {
              type: "Available",
              status: "False",
              lastUpdateTime: s.at,
              lastTransitionTime: s.at,
              reason: "MinimumReplicasUnavailable",
              message: "Deployment does not have minimum availability.",
            },
        {
          type: "Progressing",
          status: progressing === "ProgressDeadlineExceeded" ? "False" : "True",
          lastUpdateTime: s.at,
          lastTransitionTime: s.at,
          reason: progressing,
          message: progressingMessage,
        },
      ],
    },
  };
}

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

export interface EventInit {
  namespace: string;
  involved: { kind: string; name: string; apiVersion?: string; fieldPath?: string };
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  component: string;
  count?: number;
  first: string;
  last: string;
  resourceVersion: string;
}

export function event(e: EventInit) {
  const name = `${e.involved.name}.${uidFor(`${e.involved.name}/${e.reason}/${e.message}`).replace(/-/g, "").slice(0, 16)}`;
  return {
    kind: "Event",
    apiVersion: "v1",
    metadata: {
      name,
      namespace: e.namespace,
      uid: uidFor(`event/${name}`),
      resourceVersion: e.resourceVersion,
      creationTimestamp: e.first,
    },
    involvedObject: {
      kind: e.involved.kind,
      namespace: e.namespace,
      name: e.involved.name,
      uid: uidFor(e.involved.kind === "Pod" ? e.involved.name : `pvc/${e.involved.name}`),
      apiVersion: e.involved.apiVersion ?? "v1",
      ...(e.involved.fieldPath ? { fieldPath: e.involved.fieldPath } : {}),
    },
    reason: e.reason,
    message: e.message,
    source:
      e.component === "kubelet"
        ? { component: "kubelet", host: "aks-nodepool1-31536402-vmss000001" }
        : { component: e.component },
    firstTimestamp: e.first,
    lastTimestamp: e.last,
    count: e.count ?? 1,
    type: e.type,
    eventTime: null,
    reportingComponent: e.component,
    reportingInstance: e.component === "kubelet" ? "aks-nodepool1-31536402-vmss000001" : "",
  };
}

export function list(kind: string, apiVersion: string, items: unknown[], resourceVersion: string) {
  return { kind: `${kind}List`, apiVersion, metadata: { resourceVersion }, items };
}
