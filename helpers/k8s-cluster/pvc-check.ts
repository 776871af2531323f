/**
 * Seed 004 §3.3 "모든 PVC STATUS = Bound": every PVC in the namespace is Bound, and every claim the Deployment
 * mounts exists. Waits (watch, deadline) for claims still binding; a claim that stays Pending fails with its name.
 */
import type { V1PersistentVolumeClaim } from "@kubernetes/client-node";
import { PollTimeoutError } from "../poll.ts";
import type { CheckContext } from "./check-context.ts";
import { ClusterCheckError } from "./errors.ts";
import { type Evaluation, watchUntil } from "./watch-until.ts";

export const PVC_CRITERION = "every PVC is Bound";

export interface PvcState {
  name: string;
  phase: string;
}

export function pvcEvaluation(items: V1PersistentVolumeClaim[], claims: ReadonlyArray<string>): Evaluation<PvcState[]> {
  const states = items.map((p) => ({ name: p.metadata?.name ?? "(unnamed)", phase: p.status?.phase ?? "Unknown" }));
  const missing = claims.filter((c) => !states.some((s) => s.name === c));
  const parts = states.map((s) => `${s.name}=${s.phase}`);
  if (missing.length > 0) parts.push(`missing: ${missing.join(", ")}`);
  const done = states.length > 0 && missing.length === 0 && states.every((s) => s.phase === "Bound");
  return { done, state: parts.join(", ") || "no PVCs", value: states };
}

export async function waitPvcsBound(ctx: CheckContext, claims: ReadonlyArray<string>): Promise<PvcState[]> {
  const namespace = ctx.target.namespace;
  let last: PvcState[] = [];
  try {
    const result = await watchUntil({
      kc: ctx.clients.kc,
      condition: `every PVC in ${namespace} is Bound`,
      path: `/api/v1/namespaces/${namespace}/persistentvolumeclaims`,
      list: () => ctx.clients.core.listNamespacedPersistentVolumeClaim({ namespace }),
      evaluate: (items) => {
        const evaluation = pvcEvaluation(items, claims);
        last = evaluation.value ?? [];
        return evaluation;
      },
      timeoutMs: ctx.waitTimeoutMs,
      clock: ctx.clock,
      ...(ctx.onPoll ? { onPoll: ctx.onPoll } : {}),
    });
    return result.value ?? [];
  } catch (error) {
    if (!(error instanceof PollTimeoutError)) throw error;
    const missing = claims.filter((c) => !last.some((s) => s.name === c));
    if (missing.length > 0) {
      throw new ClusterCheckError(
        "K8S_PVC_MISSING",
        PVC_CRITERION,
        `claim(s) ${missing.join(", ")} mounted by deployment ${ctx.target.deployment} do not exist in ${namespace}`,
        { cause: error },
      );
    }
    const notBound = last.filter((s) => s.phase !== "Bound");
    const what = notBound.length > 0 ? notBound.map((s) => `PVC ${s.name} is ${s.phase}`).join(", ") : "no PVCs";
    throw new ClusterCheckError(
      "K8S_PVC_NOT_BOUND",
      PVC_CRITERION,
      `${what} after ${error.budgetSeconds}s in ${namespace}`,
      { cause: error },
    );
  }
}
