/**
 * A LangFuse STAND-IN on the local cluster (fixtures/langfuse/standin: a small Node server, not LangFuse), because
 * the real LangFuse image cannot be pulled here. It gives the LangFuse smokes the objects seed 001 names —
 * deployment/langfuse, service/langfuse-internal, Secret langfuse-secrets — and the endpoints they call, with
 * traces on a PVC so they survive `rollout restart`. Its image is built from the local Node base image.
 */
import { randomBytes } from "node:crypto";
import { $ } from "zx";
import { readBaseImage } from "../docker/base-image-source.ts";
import { SmokebookError } from "../errors.ts";
import { kustomizeBuild } from "../k8s/kustomize.ts";
import { fromRoot } from "../paths.ts";
import { registerSecret } from "../redact.ts";
import type { ClusterState } from "./cluster-state.ts";
import { applyObjects, kubectlRun } from "./kubectl-apply.ts";
import { loadIntoNode } from "./node-images.ts";
import { storageClassesFor, volumesFor } from "./target-storage.ts";

export const STANDIN_DIR = "fixtures/langfuse/standin";
export const STANDIN_IMAGE = "smokebook.local/langfuse-standin:1";
export const STANDIN_NAMESPACE = "default";

export async function deployLangfuseStandin(state: ClusterState, log: (line: string) => void): Promise<void> {
  const built = await $({
    quiet: true,
    nothrow: true,
    env: { ...process.env, DOCKER_BUILDKIT: "0" },
  })`docker build --build-arg ${`BASE_IMAGE=${readBaseImage()}`} -t ${STANDIN_IMAGE} ${fromRoot(STANDIN_DIR)}`;
  if (built.exitCode !== 0)
    throw new SmokebookError(
      "CLUSTER_IMAGE_FAILED",
      `docker build of the LangFuse stand-in failed: ${built.stderr.trim().slice(-500)}`,
    );
  await loadIntoNode(STANDIN_IMAGE, state.containerdSocket, "ctr");
  const objects = await kustomizeBuild(fromRoot(STANDIN_DIR, "k8s"));
  const keys = {
    "langfuse-public-key": `pk-lf-${randomBytes(8).toString("hex")}`,
    "langfuse-secret-key": `sk-lf-${randomBytes(16).toString("hex")}`,
  };
  for (const value of Object.values(keys)) registerSecret(value);
  const claims = objects.filter((o) => o.kind === "PersistentVolumeClaim");
  await applyObjects(state.kubeconfig, [
    {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "langfuse-secrets", namespace: STANDIN_NAMESPACE },
      type: "Opaque",
      stringData: keys,
    },
    ...storageClassesFor(claims),
    ...(await volumesFor(claims, STANDIN_NAMESPACE, state.dir)),
  ]);
  await applyObjects(state.kubeconfig, objects);
  await kubectlRun(state.kubeconfig, [
    "rollout",
    "status",
    "deployment/langfuse",
    "-n",
    STANDIN_NAMESPACE,
    "--timeout=120s",
  ]);
  log(
    `LangFuse STAND-IN (not LangFuse: ${STANDIN_DIR}) running as deployment/langfuse behind service/langfuse-internal in ${STANDIN_NAMESPACE}`,
  );
}
