/**
 * Puts one failure scenario (failure-scenarios.ts) on the running local cluster: the target's namespace is deleted
 * (its pods, its claim, the dummy Secret), then the volumes reserved for its claims and their folders, so no data
 * and no binding of a previous scenario is left; then the target is seeded again from the scenario's broken copy
 * of the manifests. `healthy` puts the manifests back as they are.
 */
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { loadTargetContract } from "../contract/load.ts";
import { contractKubernetes } from "../k8s-cluster/contract-kubernetes.ts";
import type { ClusterState } from "./cluster-state.ts";
import type { FailureScenario } from "./failure-scenarios.ts";
import { kubectlRun } from "./kubectl-apply.ts";
import { seedTarget } from "./seed-target.ts";
import { CLAIM_NAMESPACE_LABEL } from "./target-storage.ts";

type Env = Readonly<Record<string, string | undefined>>;

export async function applyScenario(
  state: ClusterState,
  scenario: FailureScenario,
  options: { env?: Env; log: (line: string) => void },
): Promise<void> {
  const env = options.env ?? process.env;
  const { namespace } = contractKubernetes(loadTargetContract(env).contract);
  const started = Date.now();
  await kubectlRun(state.kubeconfig, ["delete", "namespace", namespace, "--ignore-not-found", "--timeout=180s"]);
  await kubectlRun(state.kubeconfig, [
    "delete",
    "persistentvolumes",
    "-l",
    `${CLAIM_NAMESPACE_LABEL}=${namespace}`,
    "--ignore-not-found",
    "--timeout=60s",
  ]);
  // The folders of those volumes (volumeDir names them <namespace>-<claim>).
  const volumes = join(state.dir, "volumes");
  if (existsSync(volumes)) {
    for (const entry of readdirSync(volumes))
      if (entry.startsWith(`${namespace}-`)) await rm(join(volumes, entry), { recursive: true, force: true });
  }
  options.log(`removed namespace ${namespace} and its volumes in ${Math.round((Date.now() - started) / 1000)} s`);
  await seedTarget(state, { env, log: options.log, scenario });
}
