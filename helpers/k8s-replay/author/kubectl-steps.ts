/**
 * What kubectl 1.32 asks a 1.32 server for `kubectl get pods|pvc|deploy|svc` in the target's namespace, as recording
 * steps: its version check, aggregated discovery, then one server-side Table per resource.
 */
import { deployment } from "./deployment-object.ts";
import { APIS_DISCOVERY, CORE_DISCOVERY, DISCOVERY_ACCEPT, TABLE_ACCEPT, VERSION } from "./discovery.ts";
import { type pvc, service } from "./objects.ts";
import { type ObserverState, podObjects, podsPath, pvcList } from "./observer-steps.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
import { age, type ObjectLike } from "./table-base.ts";
import { podTable, pvcTable } from "./tables.ts";
import { deploymentTable, serviceTable } from "./workload-tables.ts";

function restartsCell(c: { restartCount?: number; lastState?: unknown } | undefined, at: Date): string {
  const finished = (c?.lastState as { terminated?: { finishedAt?: string } } | undefined)?.terminated?.finishedAt;
  const count = String(c?.restartCount ?? 0);
  return finished ? `${count} (${age(finished, at)} ago)` : count;
}

/** What `kubectl get deploy` and `kubectl get svc` ask, after the discovery kubectlGets recorded. */
function workloadTables(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  const at = b.timeline.now;
  const d = deployment(w, b.timeline.nextResourceVersion(), state.deployment);
  const container = d.spec.template.spec.containers[0];
  b.json(
    "GET",
    `/apis/apps/v1/namespaces/${w.namespace}/deployments?limit=500`,
    200,
    deploymentTable(
      [
        {
          object: d as unknown as ObjectLike,
          ready: d.status.readyReplicas,
          desired: d.spec.replicas,
          updated: d.status.updatedReplicas,
          available: d.status.availableReplicas,
          containers: container ? [container.name] : [],
          images: container ? [container.image] : [],
          selector: d.spec.selector.matchLabels,
        },
      ],
      at,
      b.timeline.nextResourceVersion(),
    ),
    { accept: TABLE_ACCEPT },
  );
  const svc = service(w, w.name, b.timeline.nextResourceVersion());
  b.json(
    "GET",
    `/api/v1/namespaces/${w.namespace}/services?limit=500`,
    200,
    serviceTable(
      [
        {
          object: svc as unknown as ObjectLike,
          type: svc.spec.type,
          clusterIP: svc.spec.clusterIPs[0] ?? "<none>",
          ports: svc.spec.ports,
          selector: svc.spec.selector,
        },
      ],
      at,
      b.timeline.nextResourceVersion(),
    ),
    { accept: TABLE_ACCEPT },
  );
}

/** What `kubectl get pods|pvc|deploy|svc` ask (kubectl 1.32 against a 1.32 server). */
export function kubectlGets(b: RecordingBuilder, state: ObserverState): void {
  const w = state.workload;
  b.get("/version?timeout=5s", VERSION);
  b.json("GET", "/api?timeout=32s", 200, CORE_DISCOVERY, { accept: DISCOVERY_ACCEPT });
  b.json("GET", "/apis?timeout=32s", 200, APIS_DISCOVERY, { accept: DISCOVERY_ACCEPT });
  const objects = podObjects(b, state);
  const at = b.timeline.now;
  const rows = objects.map((p) => {
    const c = p.status.containerStatuses?.[0];
    const waiting = (c?.state as { waiting?: { reason?: string } } | undefined)?.waiting?.reason;
    return {
      object: p as unknown as Parameters<typeof podTable>[0][number]["object"],
      ready: `${c?.ready ? 1 : 0}/1`,
      status: waiting ?? p.status.phase,
      restarts: restartsCell(c, at),
      ip: (p.status as { podIP?: string }).podIP ?? "<none>",
      node: (p.spec as { nodeName?: string }).nodeName ?? "<none>",
    };
  });
  b.json("GET", `${podsPath(w)}?limit=500`, 200, podTable(rows, at, b.timeline.nextResourceVersion()), {
    accept: TABLE_ACCEPT,
  });
  const claim = pvcList(b, state).items[0] as ReturnType<typeof pvc>;
  b.json(
    "GET",
    `/api/v1/namespaces/${w.namespace}/persistentvolumeclaims?limit=500`,
    200,
    pvcTable(
      [
        {
          object: claim as unknown as Parameters<typeof pvcTable>[0][number]["object"],
          status: state.pvcPhase,
          volume: (claim.spec as { volumeName?: string }).volumeName ?? "",
          capacity: state.pvcPhase === "Bound" ? "5Gi" : "",
          storageClass: state.storageClass,
        },
      ],
      at,
      b.timeline.nextResourceVersion(),
    ),
    { accept: TABLE_ACCEPT },
  );
  workloadTables(b, state);
}
