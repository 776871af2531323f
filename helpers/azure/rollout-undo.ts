/**
 * `kubectl rollout undo deployment/<name>` as kubectl does it (polymorphichelpers/rollback.go): read the Deployment,
 * list its ReplicaSets (its selector, its controller uid), take the one with the highest revision below the current
 * one, and send a JSON patch replacing /spec/template with that ReplicaSet's template (without its pod-template-hash
 * label) and /metadata/annotations with the ReplicaSet's (kubectl's own revision bookkeeping kept from the
 * Deployment). The rollout itself is then awaited like `kubectl rollout status` (deployment-check.ts).
 * Belongs with helpers/k8s-cluster/rollout.ts (rolloutRestart); kept here until that folder's owner takes it.
 */
import {
  PatchStrategy,
  setHeaderOptions,
  type V1Deployment,
  type V1PodTemplateSpec,
  type V1ReplicaSet,
} from "@kubernetes/client-node";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { labelSelectorOf } from "../k8s-cluster/selectors.ts";
import { AzureCheckError } from "./errors.ts";

const REVISION = "deployment.kubernetes.io/revision";
/** Annotations kubectl keeps from the Deployment instead of copying them from the ReplicaSet. */
const ANNOTATIONS_TO_SKIP = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

export const UNDO_CRITERION = "rollout undo deployment/langfuse applies the previous revision";

export interface UndoPlan {
  fromRevision: number;
  toRevision: number;
  fromImage: string;
  toImage: string;
  replicaSet: string;
  /** The Deployment's selector, to find its pods afterwards. */
  labelSelector: string;
  patch: object[];
}

function revisionOf(meta: { annotations?: Record<string, string> } | undefined): number {
  const value = Number(meta?.annotations?.[REVISION]);
  return Number.isInteger(value) ? value : 0;
}

function imageOf(template: V1PodTemplateSpec | undefined): string {
  return template?.spec?.containers[0]?.image ?? "?";
}

/** The undo kubectl would make, or an error saying why there is nothing to undo. */
export function planUndo(deployment: V1Deployment, replicaSets: ReadonlyArray<V1ReplicaSet>): UndoPlan {
  const name = `deployment/${deployment.metadata?.name}`;
  if (deployment.spec?.paused) {
    throw new AzureCheckError("ROLLBACK", UNDO_CRITERION, [
      `${name} is paused; kubectl does not undo a paused rollout (resume it first)`,
    ]);
  }
  const uid = deployment.metadata?.uid;
  const owned = replicaSets.filter((rs) => rs.metadata?.ownerReferences?.some((o) => o.controller && o.uid === uid));
  const current = revisionOf(deployment.metadata);
  const previous = owned
    .filter((rs) => revisionOf(rs.metadata) < current)
    .sort((a, b) => revisionOf(b.metadata) - revisionOf(a.metadata))[0];
  if (!previous) {
    const seen = owned.map((rs) => revisionOf(rs.metadata)).join(", ") || "none";
    throw new AzureCheckError("ROLLBACK", UNDO_CRITERION, [
      `${name} has no revision before ${current} to roll back to (ReplicaSet revisions: ${seen})`,
    ]);
  }
  const template = structuredClone(previous.spec?.template ?? {}) as V1PodTemplateSpec;
  if (template.metadata?.labels) delete template.metadata.labels["pod-template-hash"];
  if (
    imageOf(template) === imageOf(deployment.spec?.template) &&
    JSON.stringify(template.spec) === JSON.stringify(deployment.spec?.template.spec)
  ) {
    throw new AzureCheckError("ROLLBACK", UNDO_CRITERION, [
      `skipped rollback: the current template already matches revision ${revisionOf(previous.metadata)}`,
    ]);
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(deployment.metadata?.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(previous.metadata?.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(k)) annotations[k] = v;
  return {
    fromRevision: current,
    toRevision: revisionOf(previous.metadata),
    fromImage: imageOf(deployment.spec?.template),
    toImage: imageOf(template),
    replicaSet: previous.metadata?.name ?? "?",
    labelSelector: labelSelectorOf(deployment.spec?.selector.matchLabels ?? {}),
    patch: [
      { op: "replace", path: "/spec/template", value: template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  };
}

export async function rolloutUndo(ctx: WaitContext, namespace: string, name: string): Promise<UndoPlan> {
  const deployment = await readWithRetry(ctx, `read deployment/${name}`, () =>
    ctx.clients.apps.readNamespacedDeployment({ name, namespace }),
  );
  const labelSelector = labelSelectorOf(deployment.spec?.selector.matchLabels ?? {});
  const replicaSets = await readWithRetry(ctx, `list replicasets ${labelSelector}`, () =>
    ctx.clients.apps.listNamespacedReplicaSet({ namespace, labelSelector }),
  );
  const plan = planUndo(deployment, replicaSets.items);
  await ctx.clients.apps.patchNamespacedDeployment(
    { name, namespace, body: plan.patch },
    setHeaderOptions("Content-Type", PatchStrategy.JsonPatch),
  );
  return plan;
}
