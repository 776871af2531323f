/** kubectl against the local cluster (admin kubeconfig): apply objects, run a command, failures with stderr. */
import { dirname, join } from "node:path";
import { stringify } from "yaml";
import { $ } from "zx";
import { SmokebookError } from "../errors.ts";
import type { K8sObject } from "../k8s/kustomize.ts";

export class KubectlError extends SmokebookError {
  readonly args: string[];

  constructor(args: string[], stderr: string) {
    super("CLUSTER_KUBECTL_FAILED", `kubectl ${args.join(" ")} failed: ${stderr.trim().slice(0, 600)}`);
    this.args = args;
  }
}

/** kubectl's discovery cache inside the cluster folder (removed with it), never the operator's ~/.kube/cache. */
export const kubectlCacheDir = (kubeconfig: string): string => join(dirname(kubeconfig), "kubectl-cache");

export async function kubectlRun(kubeconfig: string, args: string[], input?: string): Promise<string> {
  const out = await $({
    quiet: true,
    nothrow: true,
    ...(input === undefined ? {} : { input }),
  })`kubectl --kubeconfig ${kubeconfig} --cache-dir ${kubectlCacheDir(kubeconfig)} ${args}`;
  if (out.exitCode !== 0) throw new KubectlError(args, out.stderr);
  return out.stdout;
}

/**
 * Server-side apply: nothing is kept in a last-applied-configuration annotation (client-side apply would keep the
 * dummy Secrets' values there, readable by every smoke and recording).
 */
export function applyObjects(kubeconfig: string, objects: K8sObject[]): Promise<string> {
  const yaml = objects.map((o) => stringify(o)).join("---\n");
  return kubectlRun(
    kubeconfig,
    ["apply", "--server-side", "--force-conflicts", "--field-manager=smokebook-cluster", "-f", "-"],
    yaml,
  );
}
