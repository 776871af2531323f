/** A pod's status as `kubectl get pods` / `describe` shows it: phase, READY n/m, restarts, why a container waits. */
import type { V1ContainerStatus, V1Pod } from "@kubernetes/client-node";

export interface ContainerSummary {
  name: string;
  ready: boolean;
  restartCount: number;
  state: "running" | "waiting" | "terminated" | "unknown";
  waitingReason?: string | undefined;
  waitingMessage?: string | undefined;
  lastTermination?: { reason?: string | undefined; exitCode?: number | undefined; message?: string | undefined };
}

export interface PodSummary {
  name: string;
  uid: string;
  phase: string;
  /** "1/1" */
  ready: string;
  allReady: boolean;
  restarts: number;
  /** kubectl's STATUS column: the waiting reason when there is one, else the phase. */
  status: string;
  deleting: boolean;
  containers: ContainerSummary[];
}

function containerSummary(status: V1ContainerStatus): ContainerSummary {
  const state = status.state?.running
    ? "running"
    : status.state?.waiting
      ? "waiting"
      : status.state?.terminated
        ? "terminated"
        : "unknown";
  const terminated = status.lastState?.terminated ?? status.state?.terminated;
  return {
    name: status.name,
    ready: status.ready,
    restartCount: status.restartCount,
    state,
    waitingReason: status.state?.waiting?.reason,
    waitingMessage: status.state?.waiting?.message,
    ...(terminated
      ? { lastTermination: { reason: terminated.reason, exitCode: terminated.exitCode, message: terminated.message } }
      : {}),
  };
}

export function summarizePod(pod: V1Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const specCount = pod.spec?.containers.length ?? statuses.length;
  const containers = statuses.map(containerSummary);
  const readyCount = containers.filter((c) => c.ready).length;
  const waiting = containers.find((c) => c.waitingReason)?.waitingReason;
  const phase = pod.status?.phase ?? "Unknown";
  const deleting = pod.metadata?.deletionTimestamp !== undefined && pod.metadata?.deletionTimestamp !== null;
  return {
    name: pod.metadata?.name ?? "(unnamed)",
    uid: pod.metadata?.uid ?? "",
    phase,
    ready: `${readyCount}/${specCount}`,
    allReady: specCount > 0 && readyCount === specCount,
    restarts: containers.reduce((sum, c) => sum + c.restartCount, 0),
    status: deleting ? "Terminating" : (waiting ?? phase),
    deleting,
    containers,
  };
}

/** "observer-6c9f…-x2x7q Running 1/1 restarts 0" */
export function describePodLine(summary: PodSummary): string {
  return `${summary.name} ${summary.status} ${summary.ready} restarts ${summary.restarts}`;
}

/** Running, every container ready, not being deleted. */
export function isPodReady(summary: PodSummary): boolean {
  return summary.phase === "Running" && summary.allReady && !summary.deleting;
}
