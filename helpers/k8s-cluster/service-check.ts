/**
 * Seed 004 §6.2 "Service 상태: 포트 매핑 정상": the Service has a port whose targetPort reaches the contract port
 * (by number, or by a name the container declares), and its selector selects the Deployment's pods.
 */
import type { V1Pod, V1Service, V1ServicePort } from "@kubernetes/client-node";
import type { CheckContext } from "./check-context.ts";
import type { DeploymentFacts } from "./deployment-check.ts";
import { ClusterCheckError } from "./errors.ts";
import { readWithRetry } from "./read-retry.ts";
import { selects } from "./selectors.ts";

export const SERVICE_CRITERION = "Service exposes the contract port and selects the Deployment's pods";

/** The container port a Service port sends traffic to, resolving a named targetPort through the pod template. */
export function resolveTargetPort(
  port: V1ServicePort,
  namedPorts: Readonly<Record<string, number>>,
): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  return namedPorts[target];
}

export function checkService(
  service: V1Service,
  facts: DeploymentFacts,
  pods: ReadonlyArray<V1Pod>,
  ctx: Pick<CheckContext, "target">,
): V1ServicePort {
  const { target } = ctx;
  const name = `${target.namespace}/${service.metadata?.name ?? target.service}`;
  const ports = service.spec?.ports ?? [];
  const problems: string[] = [];
  const exposed = ports.find((p) => resolveTargetPort(p, facts.namedPorts) === target.port.number);
  if (!exposed) {
    const seen = ports.map((p) => `${p.port}→${p.targetPort ?? p.port}`).join(", ") || "none";
    problems.push(
      `service ${name} has no port whose targetPort reaches container port ${target.port.number} (ports: ${seen})`,
    );
  }
  const selector = service.spec?.selector ?? {};
  const selectorText =
    Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(",") || "(none)";
  if (!selects(selector, facts.templateLabels)) {
    problems.push(
      `service ${name} selector ${selectorText} does not select deployment ${target.deployment}'s pod labels`,
    );
  } else {
    const unselected = pods.filter((p) => !selects(selector, p.metadata?.labels ?? {}));
    if (unselected.length > 0) {
      problems.push(
        `service ${name} selector ${selectorText} misses pod(s) ${unselected.map((p) => p.metadata?.name).join(", ")}`,
      );
    }
  }
  if (problems.length > 0 || !exposed)
    throw new ClusterCheckError("K8S_SERVICE_MISMATCH", SERVICE_CRITERION, problems.join("; "));
  return exposed;
}

export async function readService(ctx: CheckContext): Promise<V1Service> {
  const { namespace, service } = ctx.target;
  try {
    return await readWithRetry(ctx, `read service ${namespace}/${service}`, () =>
      ctx.clients.core.readNamespacedService({ name: service, namespace }),
    );
  } catch (error) {
    throw new ClusterCheckError(
      "K8S_SERVICE_MISMATCH",
      SERVICE_CRITERION,
      error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      { cause: error },
    );
  }
}
