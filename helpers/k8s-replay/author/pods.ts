/**
 * Pods as the API server returns them (core/v1 Pod, Kubernetes 1.30+ field set) in the states the scenarios need:
 * running and ready, unschedulable for an unbound claim, crash-looping, stuck pulling its image, terminating.
 */
import { containerStatus } from "./container-status.ts";
import { containerSpec, podVolumes } from "./pod-spec.ts";
import { uidFor } from "./timeline.ts";
import type { Workload } from "./workload.ts";

export type PodState =
  | { kind: "running"; startedAt: string }
  | { kind: "unschedulable"; message: string }
  | {
      kind: "crashloop";
      restarts: number;
      backOff: string;
      lastStartedAt: string;
      lastFinishedAt: string;
      exitCode: number;
    }
  | { kind: "image-pull-backoff"; since: string }
  | { kind: "container-creating" };

export interface PodInit {
  workload: Workload;
  suffix: string;
  created: string;
  resourceVersion: string;
  node?: string;
  podIp?: string;
  state: PodState;
  /** Set when the pod is being deleted (kubectl shows Terminating). */
  deletionTimestamp?: string;
}

export function podName(w: Workload, suffix: string): string {
  return `${w.name}-${w.replicaSetHash}-${suffix}`;
}

function condition(type: string, status: "True" | "False", at: string, reason?: string, message?: string) {
  return {
    type,
    status,
    lastProbeTime: null,
    lastTransitionTime: at,
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  };
}

export function pod(init: PodInit) {
  const w = init.workload;
  const name = podName(w, init.suffix);
  const s = init.state;
  const at = init.created;
  const scheduled = s.kind !== "unschedulable";
  const ready = s.kind === "running";
  const notReady = (type: string) =>
    condition(type, "False", at, "ContainersNotReady", `containers with unready status: [${w.container}]`);
  const conditions = scheduled
    ? [
        condition(
          "PodReadyToStartContainers",
          s.kind === "image-pull-backoff" || s.kind === "container-creating" ? "False" : "True",
          at,
        ),
        condition("Initialized", "True", at),
        ready ? condition("Ready", "True", at) : notReady("Ready"),
        ready ? condition("ContainersReady", "True", at) : notReady("ContainersReady"),
        condition("PodScheduled", "True", at),
      ]
    : [condition("PodScheduled", "False", at, "Unschedulable", s.message)];
  const status = containerStatus(init, name);
  return {
    kind: "Pod",
    apiVersion: "v1",
    metadata: {
      name,
      generateName: `${w.name}-${w.replicaSetHash}-`,
      namespace: w.namespace,
      uid: uidFor(name),
      resourceVersion: init.resourceVersion,
      creationTimestamp: init.created,
      ...(init.deletionTimestamp ? { deletionTimestamp: init.deletionTimestamp, deletionGracePeriodSeconds: 30 } : {}),
      labels: { ...w.labels, "pod-template-hash": w.replicaSetHash },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: `${w.name}-${w.replicaSetHash}`,
          uid: uidFor(`${w.name}-${w.replicaSetHash}`),
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      volumes: podVolumes(w),
      containers: [containerSpec(w)],
      restartPolicy: "Always",
      terminationGracePeriodSeconds: 30,
      dnsPolicy: "ClusterFirst",
      serviceAccountName: "default",
      serviceAccount: "default",
      ...(scheduled ? { nodeName: init.node ?? "aks-nodepool1-31536402-vmss000001" } : {}),
      securityContext: w.securityContext,
      schedulerName: "default-scheduler",
      tolerations: [
        { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
        { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
      ],
      priority: 0,
      enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority",
    },
    status: {
      phase: s.kind === "running" || s.kind === "crashloop" ? "Running" : "Pending",
      conditions,
      ...(scheduled
        ? {
            hostIP: "10.224.0.5",
            hostIPs: [{ ip: "10.224.0.5" }],
            ...(s.kind === "running" || s.kind === "crashloop"
              ? { podIP: init.podIp ?? "10.244.1.23", podIPs: [{ ip: init.podIp ?? "10.244.1.23" }] }
              : {}),
            startTime: at,
            containerStatuses: status ? [status] : [],
          }
        : {}),
      qosClass: "BestEffort",
    },
  };
}
