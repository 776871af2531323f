/**
 * The workload `smokebook init` drafts for: the one Deployment/StatefulSet/DaemonSet of the render, or the one
 * `--workload` names. Several without `--workload`, or a name that is not there, is an error listing them.
 */
import { WORKLOAD_KINDS } from "../contract/schema-fields.ts";
import { SmokebookError } from "../errors.ts";
import type { K8sObject } from "../k8s/kustomize.ts";

export class InitError extends SmokebookError {
  constructor(message: string) {
    super("INIT_FAILED", message);
  }
}

export function workloadsOf(objects: ReadonlyArray<K8sObject>): K8sObject[] {
  return objects.filter((o) => (WORKLOAD_KINDS as readonly string[]).includes(o.kind));
}

export function pickWorkload(objects: ReadonlyArray<K8sObject>, name: string | undefined, shownAs: string): K8sObject {
  const workloads = workloadsOf(objects);
  const listed = workloads.map((w) => `${w.kind}/${w.metadata.name}`).join(", ") || "none";
  if (name !== undefined) {
    const found = workloads.filter((w) => w.metadata.name === name);
    if (found.length === 1) return found[0] as K8sObject;
    throw new InitError(`--workload ${name}: no workload of that name in ${shownAs} (workloads: ${listed})`);
  }
  if (workloads.length === 1) return workloads[0] as K8sObject;
  if (workloads.length === 0) throw new InitError(`${shownAs} renders no Deployment, StatefulSet or DaemonSet`);
  throw new InitError(`${shownAs} renders ${workloads.length} workloads: choose one with --workload (${listed})`);
}
