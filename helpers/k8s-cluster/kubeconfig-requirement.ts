/**
 * The live prerequisite of every K8s and LangFuse smoke that is not an environment variable: a kubeconfig that
 * loads and whose current context names a cluster (SmokeDefinition.liveRequirement, helpers/gates.ts). Without one,
 * auto mode replays the recordings and the live checks are skipped with this note, instead of failing at connect.
 * Reads only the file (no request to the cluster).
 */
import { delimiter } from "node:path";
import type { Env } from "../gates.ts";
import { kubeconfigLocations } from "./cluster-env.ts";
import { loadKubeConfig } from "./kube-client.ts";

const NEEDS = "live mode needs a kubeconfig whose current context is the target cluster";

/** Undefined when a usable kubeconfig is there, else what is wrong with it (naming the file or KUBECONFIG). */
export function kubeconfigProblem(env: Env = process.env, home?: string): string | undefined {
  const { kubeconfigFiles, kubeconfigSource } = kubeconfigLocations(env, home);
  if (kubeconfigFiles.length === 0) return `no kubeconfig file at ${kubeconfigSource} (${NEEDS}; set KUBECONFIG)`;
  const files = kubeconfigFiles.join(", ");
  let kc: ReturnType<typeof loadKubeConfig>;
  try {
    kc = loadKubeConfig({ KUBECONFIG: kubeconfigFiles.join(delimiter) });
  } catch (error) {
    const why = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return `kubeconfig ${files} cannot be loaded: ${why} (${NEEDS})`;
  }
  const context = kc.getCurrentContext();
  if (!context) return `kubeconfig ${files} has no current-context (${NEEDS}; kubectl config use-context <name>)`;
  const cluster = kc.getContextObject(context)?.cluster;
  if (!kc.getCurrentCluster()) {
    return `kubeconfig ${files}: current context ${context} names cluster ${cluster ?? "(none)"}, which it does not define (${NEEDS})`;
  }
  return undefined;
}
