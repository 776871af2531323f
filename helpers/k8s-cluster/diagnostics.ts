/**
 * What an operator would look at after a failed K8s check (seed 004 §6.2 "K8s/인프라 문제 판별"): the Deployment's
 * status, every PVC with the events of those not Bound, and for each pod a describe-like status, its events and the
 * last lines of its log (and of the previous container when it restarted). Collecting never throws: a part that
 * cannot be read says so in its place.
 */
import type { CoreV1Event, V1Deployment } from "@kubernetes/client-node";
import type { KubeClients } from "./kube-client.ts";
import { type PodSummary, summarizePod } from "./pod-status.ts";
import { labelSelectorOf } from "./selectors.ts";
import type { ClusterTarget } from "./target.ts";

export interface EventSummary {
  type: string;
  reason: string;
  message: string;
  count: number;
  last: string;
}

export interface PodDiagnostics extends PodSummary {
  node: string | undefined;
  events: EventSummary[];
  logTail: string[];
  previousLogTail: string[];
}

export interface PvcDiagnostics {
  name: string;
  phase: string;
  storageClass: string;
  events: EventSummary[];
}

export interface ClusterDiagnostics {
  namespace: string;
  deployment: string;
  deploymentStatus: string;
  pvcs: PvcDiagnostics[];
  pods: PodDiagnostics[];
  /** Parts that could not be read, with the reason. */
  unavailable: string[];
}

export const LOG_TAIL_LINES = 20;

function summarizeEvent(e: CoreV1Event): EventSummary {
  const last = e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return {
    type: e.type ?? "",
    reason: e.reason ?? "",
    message: (e.message ?? "").trim(),
    count: e.count ?? 1,
    last: last ? new Date(last as unknown as string).toISOString() : "",
  };
}

function deploymentStatus(d: V1Deployment | undefined): string {
  if (!d) return "(not found)";
  const s = d.status ?? {};
  const conditions = (s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` (${c.reason})` : ""}`);
  return `replicas ${d.spec?.replicas ?? 1}, ready ${s.readyReplicas ?? 0}, available ${s.availableReplicas ?? 0}, unavailable ${s.unavailableReplicas ?? 0}; ${conditions.join(", ")}`;
}

function lines(text: string): string[] {
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(-LOG_TAIL_LINES);
}

export async function collectDiagnostics(clients: KubeClients, target: ClusterTarget): Promise<ClusterDiagnostics> {
  const { core, apps } = clients;
  const namespace = target.namespace;
  const unavailable: string[] = [];
  const attempt = async <T>(what: string, call: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await call();
    } catch (error) {
      unavailable.push(`${what}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
      return undefined;
    }
  };
  const eventsOf = async (kind: string, name: string) => {
    const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`;
    const list = await attempt(`events of ${kind} ${name}`, () =>
      core.listNamespacedEvent({ namespace, fieldSelector }),
    );
    return (list?.items ?? []).map(summarizeEvent);
  };

  const deployment = await attempt(`deployment ${target.deployment}`, () =>
    apps.readNamespacedDeployment({ name: target.deployment, namespace }),
  );
  const pvcList = await attempt("PVCs", () => core.listNamespacedPersistentVolumeClaim({ namespace }));
  const pvcs: PvcDiagnostics[] = [];
  for (const pvc of pvcList?.items ?? []) {
    const name = pvc.metadata?.name ?? "(unnamed)";
    const phase = pvc.status?.phase ?? "Unknown";
    pvcs.push({
      name,
      phase,
      storageClass: pvc.spec?.storageClassName ?? "(default)",
      events: phase === "Bound" ? [] : await eventsOf("PersistentVolumeClaim", name),
    });
  }

  const labelSelector = labelSelectorOf(deployment?.spec?.selector?.matchLabels ?? { app: target.deployment });
  const podList = await attempt("pods", () => core.listNamespacedPod({ namespace, labelSelector }));
  const pods: PodDiagnostics[] = [];
  for (const pod of podList?.items ?? []) {
    const summary = summarizePod(pod);
    const container = target.container;
    const log = async (previous: boolean) => {
      const text = await attempt(`${previous ? "previous " : ""}log of ${summary.name}`, () =>
        core.readNamespacedPodLog({ name: summary.name, namespace, container, tailLines: LOG_TAIL_LINES, previous }),
      );
      return text === undefined ? [] : lines(String(text));
    };
    // A crash-looping container's current log is its last run's; a container that never started has none.
    const hasRun =
      summary.restarts > 0 || summary.containers.some((c) => c.state === "running" || c.state === "terminated");
    pods.push({
      ...summary,
      node: pod.spec?.nodeName,
      events: await eventsOf("Pod", summary.name),
      logTail: hasRun ? await log(false) : [],
      previousLogTail: summary.restarts > 0 ? await log(true) : [],
    });
  }
  return {
    namespace,
    deployment: target.deployment,
    deploymentStatus: deploymentStatus(deployment),
    pvcs,
    pods,
    unavailable,
  };
}
