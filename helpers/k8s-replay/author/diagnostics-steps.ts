/** What helpers/k8s-cluster/diagnostics.ts reads after a failed check, as recording steps for the observer target. */
import { type EventInit, event } from "./event-object.ts";
import { list } from "./objects.ts";
import { listPods, type ObserverState, pvcList, readDeployment } from "./observer-steps.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
import type { Workload } from "./workload.ts";

export interface DiagnosticsScript {
  pvcEvents?: Array<Omit<EventInit, "namespace" | "involved" | "resourceVersion">>;
  podEvents?: Array<Omit<EventInit, "namespace" | "involved" | "resourceVersion">>;
  log?: string;
  previousLog?: string;
}

function events(
  b: RecordingBuilder,
  w: Workload,
  kind: string,
  name: string,
  items: DiagnosticsScript["podEvents"] = [],
) {
  const fieldSelector = `involvedObject.kind=${kind},involvedObject.name=${name}`;
  const rv = b.timeline.nextResourceVersion();
  const objects = items.map((e) =>
    event({
      ...e,
      namespace: w.namespace,
      involved: { kind, name, ...(kind === "Pod" ? { fieldPath: `spec.containers{${w.container}}` } : {}) },
      resourceVersion: rv,
    }),
  );
  b.get(
    `/api/v1/namespaces/${w.namespace}/events?fieldSelector=${encodeURIComponent(fieldSelector)}`,
    list("Event", "v1", objects, rv),
  );
}

/** What collectDiagnostics reads after the first failure. */
export function diagnostics(b: RecordingBuilder, state: ObserverState, script: DiagnosticsScript): void {
  const w = state.workload;
  readDeployment(b, state);
  b.get(`/api/v1/namespaces/${w.namespace}/persistentvolumeclaims`, pvcList(b, state));
  if (state.pvcPhase !== "Bound")
    events(b, w, "PersistentVolumeClaim", w.volume.claim ?? "observer-runtime", script.pvcEvents);
  for (const p of listPods(b, state)) {
    const name = p.metadata.name;
    events(b, w, "Pod", name, script.podEvents);
    const restarts = p.status.containerStatuses?.[0]?.restartCount ?? 0;
    if (script.log !== undefined) b.log(w.namespace, name, w.container, script.log);
    if (restarts > 0 && script.previousLog !== undefined)
      b.log(w.namespace, name, w.container, script.previousLog, { previous: true });
  }
}
