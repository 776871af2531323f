/**
 * `kubectl rollout restart deployment/<name>` and `kubectl rollout status`: patch the pod template's
 * kubectl.kubernetes.io/restartedAt annotation (a strategic merge patch, as kubectl sends it), then wait (watch,
 * deadline) until the controller has rolled every replica.
 */
import { PatchStrategy, setHeaderOptions, type V1Deployment } from "@kubernetes/client-node";
import type { WaitContext } from "./check-context.ts";
import { waitDeploymentAvailable } from "./deployment-check.ts";

export const RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

export function restartPatch(at: Date): object {
  return {
    spec: { template: { metadata: { annotations: { [RESTARTED_AT]: at.toISOString().replace(/\.\d{3}Z$/, "Z") } } } },
  };
}

export async function rolloutRestart(ctx: WaitContext, namespace: string, name: string): Promise<V1Deployment> {
  await ctx.clients.apps.patchNamespacedDeployment(
    { name, namespace, body: restartPatch(new Date(ctx.clock.now())) },
    setHeaderOptions("Content-Type", PatchStrategy.StrategicMergePatch),
  );
  return waitDeploymentAvailable(ctx, namespace, name);
}
