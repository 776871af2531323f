/**
 * Seed 004 §3.3 "모든 Pod STATUS = Running, READY = 1/1" and Phase 0 "RESTARTS=0": every pod of the Deployment is
 * Running with all containers ready and no restarts. A failure names each bad pod with its status, READY, restart
 * count and last termination reason — what `kubectl get pods` and `describe` would show.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { CheckContext } from "./check-context.ts";
import { ClusterCheckError } from "./errors.ts";
import { type PodSummary, summarizePod } from "./pod-status.ts";
import { readWithRetry } from "./read-retry.ts";
import { labelSelectorOf } from "./selectors.ts";

export const POD_CRITERION = "pods are Running, all containers ready, 0 restarts";

export function podProblem(summary: PodSummary): string | undefined {
  if (summary.phase === "Running" && summary.allReady && summary.restarts === 0 && !summary.deleting) return undefined;
  const terminations = summary.containers
    .filter((c) => c.lastTermination)
    .map((c) => {
      const t = c.lastTermination ?? {};
      return `${c.name}: ${t.reason ?? "?"} (exit code ${t.exitCode ?? "?"})`;
    });
  const last = terminations.length > 0 ? terminations.join("; ") : "none";
  return `pod ${summary.name}: ${summary.status}, ready ${summary.ready}, restarts ${summary.restarts}, last termination reason: ${last}`;
}

export async function listDeploymentPods(ctx: CheckContext, matchLabels: Record<string, string>): Promise<V1Pod[]> {
  const namespace = ctx.target.namespace;
  const labelSelector = labelSelectorOf(matchLabels);
  const list = await readWithRetry(ctx, `list pods ${namespace} ${labelSelector}`, () =>
    ctx.clients.core.listNamespacedPod({ namespace, labelSelector }),
  );
  return list.items;
}

export function checkPodsHealthy(pods: ReadonlyArray<V1Pod>, ctx: Pick<CheckContext, "target">): PodSummary[] {
  const summaries = pods.map(summarizePod);
  if (summaries.length === 0) {
    throw new ClusterCheckError(
      "K8S_POD_NOT_HEALTHY",
      POD_CRITERION,
      `no pods match deployment ${ctx.target.namespace}/${ctx.target.deployment}`,
    );
  }
  const problems = summaries.map(podProblem).filter((p): p is string => p !== undefined);
  if (problems.length > 0) throw new ClusterCheckError("K8S_POD_NOT_HEALTHY", POD_CRITERION, problems.join("; "));
  return summaries;
}
