/**
 * Writes the K8s and LangFuse recordings (fixtures/k8s-cluster/*.har, fixtures/langfuse/*.har).
 *
 *   node helpers/k8s-replay/author/write-fixtures.ts
 *
 * Why authored: no cluster is reachable where smokebook is developed. So these recordings are written from the
 * Kubernetes and LangFuse API shapes (objects, lists, watch events, Tables, aggregated discovery, exec status,
 * port-forward channel framing) request by request in the order the checks make them, and fixtures-in-sync.test.ts
 * keeps the files equal to this code. Secret values are blank in every recording. With a cluster, SMOKEBOOK_MODE=
 * record captures real ones in the same format (helpers/k8s-replay/recording-proxy.ts); remove a captured file from
 * AUTHORED_FIXTURES when it replaces an authored one.
 */
import { fileURLToPath } from "node:url";
import type { Har } from "har-format";
import { fromRoot } from "../../paths.ts";
import { saveHar } from "../../replay/har-file.ts";
import { healthyCluster, imagePullBackOffCluster, pvcPendingCluster } from "./cluster-scenarios.ts";
import { crashLoopCluster, permissionDeniedCluster } from "./crash-scenarios.ts";
import { langfuse503AfterRestart, langfuseTrace, langfuseUi } from "./langfuse-scenarios.ts";
import { markerLost, podRestart } from "./restart-scenarios.ts";

export const AUTHORED_FIXTURES: Readonly<Record<string, () => Har>> = {
  "fixtures/k8s-cluster/healthy.har": healthyCluster,
  "fixtures/k8s-cluster/pvc-pending.har": pvcPendingCluster,
  "fixtures/k8s-cluster/crashloop.har": crashLoopCluster,
  "fixtures/k8s-cluster/image-pull-backoff.har": imagePullBackOffCluster,
  "fixtures/k8s-cluster/permission-denied.har": permissionDeniedCluster,
  "fixtures/k8s-cluster/pod-restart.har": podRestart,
  "fixtures/k8s-cluster/marker-lost.har": markerLost,
  "fixtures/langfuse/ui.har": langfuseUi,
  "fixtures/langfuse/trace.har": langfuseTrace,
  "fixtures/langfuse/trace-503-after-restart.har": langfuse503AfterRestart,
};

/** The recordings exactly as they are written (saveHar redacts and pretty-prints). */
export function writeAuthoredFixtures(
  only?: ReadonlyArray<string>,
  env: Readonly<Record<string, string | undefined>> = {},
): string[] {
  const written: string[] = [];
  for (const [path, build] of Object.entries(AUTHORED_FIXTURES)) {
    if (only && !only.includes(path)) continue;
    saveHar(fromRoot(path), build(), env);
    written.push(path);
  }
  return written;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const path of writeAuthoredFixtures()) console.log(`wrote ${path}`);
}
