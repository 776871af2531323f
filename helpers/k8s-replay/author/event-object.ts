/** A core/v1 Event about a pod or a PVC, as `kubectl describe` and the diagnostics read them. */
import { uidFor } from "./timeline.ts";

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
