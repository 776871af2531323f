/** A Deployment (apps/v1) as the API server returns it, with the status of a rollout in progress or done. */
import { podVolumes } from "./pod-spec.ts";
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
