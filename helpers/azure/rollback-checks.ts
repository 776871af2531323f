/**
 * The checks after a LangFuse rollback (seed 001 "Rollback"): after `rollout undo` + `rollout status`, every live pod
 * of deployment/langfuse is Ready and runs the previous image; after a full removal, the explicit absence checks —
 * deployment/langfuse and service/langfuse-internal answer NotFound.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { LANGFUSE_DEPLOYMENT, LANGFUSE_SERVICE } from "../langfuse/langfuse-env.ts";
import { statusOf } from "../remote-errors.ts";
import { AzureCheckError } from "./errors.ts";

export const PREVIOUS_IMAGE_CRITERION =
  "the previous image runs: every live pod of deployment/langfuse is Ready with it";

function ready(pod: V1Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === "Ready" && c.status === "True");
}

export async function assertPreviousImageRuns(
  ctx: WaitContext,
  namespace: string,
  labelSelector: string,
  image: string,
): Promise<string[]> {
  const pods = await readWithRetry(ctx, `list pods ${labelSelector}`, () =>
    ctx.clients.core.listNamespacedPod({ namespace, labelSelector }),
  );
  const live = pods.items.filter((p) => !p.metadata?.deletionTimestamp);
  const problems: string[] = [];
  if (live.length === 0)
    problems.push(`no live pod of deployment/${LANGFUSE_DEPLOYMENT} in ${namespace} (${labelSelector})`);
  for (const p of live) {
    const images = (p.spec?.containers ?? []).map((c) => c.image ?? "?");
    if (!images.includes(image))
      problems.push(`pod ${p.metadata?.name} runs ${images.join(", ")}, not the previous image ${image}`);
    else if (!ready(p)) problems.push(`pod ${p.metadata?.name} runs ${image} but is not Ready`);
  }
  if (problems.length > 0) throw new AzureCheckError("ROLLBACK", PREVIOUS_IMAGE_CRITERION, problems);
  return live.map((p) => p.metadata?.name ?? "?");
}

/** `kubectl get <kind>/<name>` must answer NotFound; anything else names what it found. */
export async function assertAbsent(ctx: WaitContext, namespace: string, kind: "deployment" | "service"): Promise<void> {
  const name = kind === "deployment" ? LANGFUSE_DEPLOYMENT : LANGFUSE_SERVICE;
  const criterion = `${kind}/${name} is absent (NotFound) after the full removal`;
  try {
    if (kind === "deployment") await ctx.clients.apps.readNamespacedDeployment({ name, namespace });
    else await ctx.clients.core.readNamespacedService({ name, namespace });
  } catch (error) {
    if (statusOf(error) === 404) return;
    throw new AzureCheckError("ROLLBACK", criterion, [
      `reading ${kind}/${name} in ${namespace} failed instead of answering NotFound: ${error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error)}`,
    ]);
  }
  throw new AzureCheckError("ROLLBACK", criterion, [`${kind}/${name} still exists in namespace ${namespace}`]);
}
