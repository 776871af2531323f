/**
 * The Deployment as the checks need it (selector, PVC claims, ConfigMap/Secret references of its pod template) and
 * the wait until it is available — judged like `kubectl rollout status`: the controller has observed the latest
 * generation, every replica is updated, and as many are available as the spec asks for.
 */
import type { V1Deployment } from "@kubernetes/client-node";
import { PollTimeoutError } from "../poll.ts";
import type { CheckContext, WaitContext } from "./check-context.ts";
import { ClusterCheckError } from "./errors.ts";
import { readWithRetry } from "./read-retry.ts";
import { type Evaluation, watchUntil } from "./watch-until.ts";

export const DEPLOYMENT_CRITERION = "Deployment is available";

export interface DeploymentFacts {
  name: string;
  matchLabels: Record<string, string>;
  templateLabels: Record<string, string>;
  claims: string[];
  configMapRefs: string[];
  secretRefs: string[];
  /** containerPort by port name, for a Service targetPort given by name. */
  namedPorts: Record<string, number>;
  containerPorts: number[];
}

export function deploymentFacts(d: V1Deployment): DeploymentFacts {
  const spec = d.spec?.template.spec;
  const containers = spec?.containers ?? [];
  const configMapRefs = new Set<string>();
  const secretRefs = new Set<string>();
  for (const c of containers) {
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef?.name) configMapRefs.add(from.configMapRef.name);
      if (from.secretRef?.name) secretRefs.add(from.secretRef.name);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef?.name) configMapRefs.add(e.valueFrom.configMapKeyRef.name);
      if (e.valueFrom?.secretKeyRef?.name) secretRefs.add(e.valueFrom.secretKeyRef.name);
    }
  }
  const namedPorts: Record<string, number> = {};
  const containerPorts: number[] = [];
  for (const c of containers) {
    for (const p of c.ports ?? []) {
      containerPorts.push(p.containerPort);
      if (p.name) namedPorts[p.name] = p.containerPort;
    }
  }
  return {
    name: d.metadata?.name ?? "",
    matchLabels: { ...(d.spec?.selector.matchLabels ?? {}) },
    templateLabels: { ...(d.spec?.template.metadata?.labels ?? {}) },
    claims: (spec?.volumes ?? []).flatMap((v) => (v.persistentVolumeClaim ? [v.persistentVolumeClaim.claimName] : [])),
    configMapRefs: [...configMapRefs],
    secretRefs: [...secretRefs],
    namedPorts,
    containerPorts,
  };
}

/** Reads the Deployment (Transient failures retried within the budget); a failure names it and the HTTP status. */
export async function readDeployment(ctx: CheckContext): Promise<V1Deployment> {
  const { namespace, deployment } = ctx.target;
  try {
    return await readWithRetry(ctx, `read deployment ${namespace}/${deployment}`, () =>
      ctx.clients.apps.readNamespacedDeployment({ name: deployment, namespace }),
    );
  } catch (error) {
    throw new ClusterCheckError(
      "K8S_DEPLOYMENT_UNAVAILABLE",
      DEPLOYMENT_CRITERION,
      error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      { cause: error },
    );
  }
}

/** `kubectl rollout status`'s judgement of one Deployment. */
export function rolloutState(d: V1Deployment | undefined): Evaluation<V1Deployment> {
  if (!d) return { done: false, state: "deployment not found" };
  const want = d.spec?.replicas ?? 1;
  const s = d.status ?? {};
  const observed = (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0);
  const available = s.conditions?.find((c) => c.type === "Available");
  const progressing = s.conditions?.find((c) => c.type === "Progressing");
  const state =
    `generation ${d.metadata?.generation ?? "?"}/observed ${s.observedGeneration ?? "?"}, ` +
    `updated ${s.updatedReplicas ?? 0}/${want}, available ${s.availableReplicas ?? 0}/${want}, ` +
    `unavailable ${s.unavailableReplicas ?? 0}` +
    (available ? `, Available=${available.status}` : "") +
    (progressing?.reason ? `, Progressing=${progressing.reason}` : "");
  const done =
    observed &&
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) >= want &&
    available?.status === "True";
  return { done, state, value: d };
}

/** Waits (watch, deadline) until the Deployment is available; a timeout says what was last observed. */
export async function waitDeploymentAvailable(
  ctx: WaitContext,
  namespace: string,
  name: string,
): Promise<V1Deployment> {
  const fieldSelector = `metadata.name=${name}`;
  try {
    const result = await watchUntil({
      kc: ctx.clients.kc,
      condition: `deployment ${namespace}/${name} is available`,
      path: `/apis/apps/v1/namespaces/${namespace}/deployments`,
      fieldSelector,
      list: () => ctx.clients.apps.listNamespacedDeployment({ namespace, fieldSelector }),
      evaluate: (items) => rolloutState(items[0]),
      timeoutMs: ctx.waitTimeoutMs,
      clock: ctx.clock,
      ...(ctx.onPoll ? { onPoll: ctx.onPoll } : {}),
    });
    return result.value as V1Deployment;
  } catch (error) {
    if (error instanceof PollTimeoutError) {
      throw new ClusterCheckError(
        "K8S_DEPLOYMENT_UNAVAILABLE",
        DEPLOYMENT_CRITERION,
        `deployment ${namespace}/${name} not available within ${error.budgetSeconds}s; last observed: ${error.lastState}`,
        { cause: error },
      );
    }
    throw error;
  }
}
