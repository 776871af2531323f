/**
 * `kubectl rollout restart deployment/langfuse` as recorded: the strategic merge patch of the restartedAt
 * annotation, then the list and watch of helpers/k8s-cluster/rollout.ts until the new ReplicaSet is available.
 */
import { type DeploymentStatusInit, deployment } from "./deployment-object.ts";
import { NS, RESTARTED } from "./langfuse-steps.ts";
import { list } from "./objects.ts";
import type { RecordingBuilder } from "./recording-builder.ts";
import { LANGFUSE } from "./workload.ts";

export function rollout(b: RecordingBuilder): void {
  const t = b.timeline;
  const restartedAt = t.iso();
  const state = (s: Partial<DeploymentStatusInit>): DeploymentStatusInit => ({
    at: t.iso(),
    generation: 2,
    restartedAt,
    ...s,
  });
  b.json(
    "PATCH",
    `/apis/apps/v1/namespaces/${NS}/deployments/langfuse`,
    200,
    deployment(LANGFUSE, t.nextResourceVersion(), state({ observedGeneration: 1, available: 1 })),
    {
      requestBody: {
        mimeType: "application/strategic-merge-patch+json",
        text: JSON.stringify({
          spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": restartedAt } } } },
        }),
      },
    },
  );
  const path = `/apis/apps/v1/namespaces/${NS}/deployments`;
  const rv = t.nextResourceVersion();
  b.get(
    `${path}?fieldSelector=${encodeURIComponent("metadata.name=langfuse")}`,
    list("Deployment", "apps/v1", [deployment(LANGFUSE, rv, state({ observedGeneration: 1, available: 1 }))], rv),
  );
  b.watch(
    path,
    { fieldSelector: "metadata.name=langfuse", timeoutSeconds: "60", allowWatchBookmarks: "true", resourceVersion: rv },
    [
      {
        type: "MODIFIED",
        object: deployment(
          RESTARTED,
          t.nextResourceVersion(),
          state({ replicas: 2, updated: 1, available: 1, ready: 1, progressing: "ReplicaSetUpdated" }),
        ),
      },
      {
        type: "MODIFIED",
        object: deployment(
          RESTARTED,
          t.nextResourceVersion(),
          state({ replicas: 2, updated: 1, available: 2, ready: 2, progressing: "ReplicaSetUpdated" }),
        ),
      },
      {
        type: "MODIFIED",
        object: deployment(
          RESTARTED,
          t.nextResourceVersion(),
          state({ replicas: 1, updated: 1, available: 1, ready: 1, progressing: "NewReplicaSetAvailable" }),
        ),
      },
    ],
    41_300,
  );
}
