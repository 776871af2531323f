/** The K8s stage's static checks (no cluster), in order; shared by suites/k8s and its self-tests. */
import type { ContractItem } from "../contract/errors.ts";
import { checkEnv } from "./env-check.ts";
import { checkImageTag } from "./image-tag-check.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { checkPorts } from "./port-check.ts";
import { checkProbes } from "./probe-check.ts";
import { checkSchemas } from "./schema-check.ts";
import { checkSecurityContext } from "./security-check.ts";
import { checkVolumes } from "./volume-check.ts";

export interface StaticCheck {
  name: string;
  item: ContractItem;
  run: (set: ManifestSet) => Record<string, string | number>;
}

export const K8S_STATIC_CHECKS: ReadonlyArray<StaticCheck> = [
  { name: "every rendered object is valid against the Kubernetes schemas", item: "schema", run: checkSchemas },
  {
    name: "volumeMounts cover the contract paths and bind to PVCs in the manifests",
    item: "volumes",
    run: checkVolumes,
  },
  { name: "env/envFrom provide every required variable from a known ConfigMap or Secret", item: "env", run: checkEnv },
  { name: "containerPort = contract port = Service targetPort", item: "port", run: checkPorts },
  {
    name: "securityContext runs as the contract uid, non-root, with the contract fsGroup",
    item: "permissions",
    run: checkSecurityContext,
  },
  { name: "readiness and liveness probes use the health path and port", item: "health", run: checkProbes },
  { name: "the image tag follows the contract's tag policy (never latest)", item: "image-tag", run: checkImageTag },
];

/** Runs every check and returns the names of those that fail, with their errors (for self-tests). */
export function failingChecks(set: ManifestSet): Array<{ name: string; error: Error }> {
  const failures: Array<{ name: string; error: Error }> = [];
  for (const check of K8S_STATIC_CHECKS) {
    try {
      check.run(set);
    } catch (error) {
      failures.push({ name: check.name, error: error as Error });
    }
  }
  return failures;
}
