/**
 * Seed 004 §3.3 "서비스 연결: kubectl port-forward" and Phase 0 "/health 200 OK": a port-forward to a ready pod of
 * the Deployment answers the contract health path with the contract status.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { CheckContext } from "./check-context.ts";
import { ClusterCheckError } from "./errors.ts";
import { isPodReady, summarizePod } from "./pod-status.ts";
import { openPortForward } from "./port-forward.ts";
import { httpThrough } from "./tunnel-http.ts";

export const HEALTH_CRITERION = "a port-forward to a pod answers the health path";

export interface HealthResult {
  pod: string;
  status: number;
  body: string;
}

export function firstReadyPod(pods: ReadonlyArray<V1Pod>): string | undefined {
  return pods.map(summarizePod).find(isPodReady)?.name;
}

export async function checkHealthThroughPortForward(
  ctx: CheckContext,
  pods: ReadonlyArray<V1Pod>,
): Promise<HealthResult> {
  const { namespace, deployment, port, health } = ctx.target;
  const pod = firstReadyPod(pods);
  if (!pod) {
    throw new ClusterCheckError(
      "K8S_HEALTH_FAILED",
      HEALTH_CRITERION,
      `no ready pod of deployment ${namespace}/${deployment} to port-forward to`,
    );
  }
  await using forward = await openPortForward(ctx.clients.kc, {
    namespace,
    port: port.number,
    resolvePod: async () => pod,
  });
  let response: Awaited<ReturnType<typeof httpThrough>>;
  try {
    response = await httpThrough(forward, { path: health.path });
  } catch (error) {
    const detail = forward.errors.length > 0 ? `; port-forward said: ${forward.errors.join("; ")}` : "";
    throw new ClusterCheckError(
      "K8S_HEALTH_FAILED",
      HEALTH_CRITERION,
      `GET ${health.path} through port-forward to ${pod}:${port.number} failed (${error instanceof Error ? error.message : error})${detail}`,
      { cause: error },
    );
  }
  const body = response.body.toString("utf8").slice(0, 500);
  if (response.status !== health.status) {
    throw new ClusterCheckError(
      "K8S_HEALTH_FAILED",
      HEALTH_CRITERION,
      `GET ${health.path} through port-forward to ${pod}:${port.number} answered ${response.status}, expected ${health.status}: ${body.slice(0, 200)}`,
    );
  }
  return { pod, status: response.status, body };
}
