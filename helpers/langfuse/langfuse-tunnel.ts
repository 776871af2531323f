/**
 * Reaching the internal LangFuse (ClusterIP service/langfuse-internal, seed 001 "internal-only") from wherever the
 * smoke runs: a port-forward to a ready pod the Service selects, on the container port its targetPort names. The
 * pod is chosen again for every connection, so after `rollout restart` requests reach the new pod. The Service and
 * pod reads are retried while Transient (helpers/k8s-cluster/read-retry.ts).
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { WaitContext } from "../k8s-cluster/check-context.ts";
import { isPodReady, summarizePod } from "../k8s-cluster/pod-status.ts";
import { openPortForward, type PortForwardHandle } from "../k8s-cluster/port-forward.ts";
import { readWithRetry } from "../k8s-cluster/read-retry.ts";
import { labelSelectorOf } from "../k8s-cluster/selectors.ts";
import { LangfuseUnreachableError } from "./errors.ts";
import { LANGFUSE_SERVICE } from "./langfuse-env.ts";

function containerPort(pod: V1Pod, target: number | string): number | undefined {
  if (typeof target === "number") return target;
  if (/^\d+$/.test(target)) return Number(target);
  for (const c of pod.spec?.containers ?? [])
    for (const p of c.ports ?? []) if (p.name === target) return p.containerPort;
  return undefined;
}

export async function openLangfuseTunnel(ctx: WaitContext, namespace: string): Promise<PortForwardHandle> {
  const { clients } = ctx;
  const service = await readWithRetry(ctx, `read service ${namespace}/${LANGFUSE_SERVICE}`, () =>
    clients.core.readNamespacedService({ name: LANGFUSE_SERVICE, namespace }),
  );
  const selector = service.spec?.selector ?? {};
  const servicePort = service.spec?.ports?.[0];
  if (!servicePort || Object.keys(selector).length === 0) {
    throw new LangfuseUnreachableError(
      `service ${namespace}/${LANGFUSE_SERVICE} has no port or no selector to reach LangFuse through`,
    );
  }
  const labelSelector = labelSelectorOf(selector);
  const readyPod = async (): Promise<V1Pod> => {
    const pods = await readWithRetry(ctx, `list pods ${namespace} ${labelSelector}`, () =>
      clients.core.listNamespacedPod({ namespace, labelSelector }),
    );
    const ready = pods.items.find((p) => isPodReady(summarizePod(p)));
    if (!ready?.metadata?.name) {
      throw new LangfuseUnreachableError(
        `no ready pod behind service ${namespace}/${LANGFUSE_SERVICE} (selector ${labelSelector})`,
      );
    }
    return ready;
  };
  const first = await readyPod();
  const port = containerPort(first, servicePort.targetPort ?? servicePort.port);
  if (port === undefined) {
    throw new LangfuseUnreachableError(
      `service ${namespace}/${LANGFUSE_SERVICE} targetPort ${servicePort.targetPort} is not a port of pod ${first.metadata?.name}`,
    );
  }
  let pending: V1Pod | undefined = first;
  return openPortForward(clients.kc, {
    namespace,
    port,
    resolvePod: async () => {
      const pod = pending ?? (await readyPod());
      pending = undefined;
      return pod.metadata?.name as string;
    },
  });
}
