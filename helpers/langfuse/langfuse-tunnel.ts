/**
 * Reaching the internal LangFuse (ClusterIP service/langfuse-internal, seed 001 "internal-only") from wherever the
 * smoke runs: a port-forward to a ready pod the Service selects, on the container port its targetPort names. The
 * pod is chosen again for every connection, so after `rollout restart` requests reach the new pod.
 */
import type { V1Pod } from "@kubernetes/client-node";
import type { KubeClients } from "../k8s-cluster/kube-client.ts";
import { isPodReady, summarizePod } from "../k8s-cluster/pod-status.ts";
import { openPortForward, type PortForwardHandle } from "../k8s-cluster/port-forward.ts";
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

export async function openLangfuseTunnel(clients: KubeClients, namespace: string): Promise<PortForwardHandle> {
  const service = await clients.core.readNamespacedService({ name: LANGFUSE_SERVICE, namespace });
  const selector = service.spec?.selector ?? {};
  const servicePort = service.spec?.ports?.[0];
  if (!servicePort || Object.keys(selector).length === 0) {
    throw new LangfuseUnreachableError(
      `service ${namespace}/${LANGFUSE_SERVICE} has no port or no selector to reach LangFuse through`,
    );
  }
  const labelSelector = labelSelectorOf(selector);
  const readyPod = async (): Promise<V1Pod> => {
    const pods = await clients.core.listNamespacedPod({ namespace, labelSelector });
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
