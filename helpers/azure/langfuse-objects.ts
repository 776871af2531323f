/**
 * DEV-043 on the cluster: `deployment/langfuse` exists in LANGFUSE_NAMESPACE, and `service/langfuse-internal` is a
 * ClusterIP Service (internal only: no NodePort/LoadBalancer, a cluster IP) whose selector selects the Deployment's
 * pods. Reads are retried on Transient failures within K8S_WAIT_TIMEOUT_SECONDS; a 404 is a FAIL: line naming it.
 */
import type { V1Deployment, V1Service } from "@kubernetes/client-node";
import type { Clock } from "../clock.ts";
import type { KubeClients } from "../k8s-cluster/kube-client.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { labelSelectorOf, selects } from "../k8s-cluster/selectors.ts";
import { LANGFUSE_DEPLOYMENT, LANGFUSE_SERVICE } from "../langfuse/langfuse-env.ts";
import { statusOf } from "../remote-errors.ts";
import type { VerifyLog } from "./verify-lines.ts";

export interface ClusterReads {
  clients: KubeClients;
  clock: Clock;
  waitTimeoutMs: number;
}

function because(error: unknown): string {
  if (statusOf(error) === 404) return "not found (HTTP 404 NotFound)";
  return error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
}

export async function checkLangfuseObjects(ctx: ClusterReads, namespace: string, log: VerifyLog): Promise<void> {
  const row = "dev043";
  const d = `deployment/${LANGFUSE_DEPLOYMENT} in namespace ${namespace}`;
  const svc = `service/${LANGFUSE_SERVICE} in namespace ${namespace}`;
  let deployment: V1Deployment | undefined;
  try {
    deployment = await readWithRetry(ctx, `read ${d}`, () =>
      ctx.clients.apps.readNamespacedDeployment({ name: LANGFUSE_DEPLOYMENT, namespace }),
    );
    const image = deployment.spec?.template.spec?.containers[0]?.image ?? "?";
    const want = deployment.spec?.replicas ?? 1;
    log.pass(row, `${d} exists (available ${deployment.status?.availableReplicas ?? 0}/${want}, image ${image})`);
  } catch (error) {
    log.fail(row, `${d}: ${because(error)}`);
  }
  let service: V1Service;
  try {
    service = await readWithRetry(ctx, `read ${svc}`, () =>
      ctx.clients.core.readNamespacedService({ name: LANGFUSE_SERVICE, namespace }),
    );
  } catch (error) {
    log.fail(row, `${svc}: ${because(error)}`);
    return;
  }
  const type = service.spec?.type ?? "ClusterIP";
  const clusterIP = service.spec?.clusterIP;
  const ports = (service.spec?.ports ?? []).map((p) => `${p.port}→${p.targetPort ?? p.port}`).join(", ");
  const selector = service.spec?.selector ?? {};
  const problems: string[] = [];
  if (type !== "ClusterIP") problems.push(`is type ${type}, expected ClusterIP (internal only)`);
  if (!clusterIP || clusterIP === "None") problems.push(`has no cluster IP (${clusterIP ?? "unset"})`);
  const labels = deployment?.spec?.template.metadata?.labels ?? {};
  if (deployment && !selects(selector, labels)) {
    problems.push(
      `selector ${labelSelectorOf(selector) || "(none)"} does not select deployment/${LANGFUSE_DEPLOYMENT}'s pods`,
    );
  }
  if (problems.length > 0) log.fail(row, `${svc} ${problems.join("; ")}`);
  else log.pass(row, `${svc} is ClusterIP ${clusterIP} (ports ${ports}) selecting ${labelSelectorOf(selector)}`);
}
