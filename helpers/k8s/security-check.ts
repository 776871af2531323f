/**
 * K8s static, contract item 5 (permissions): the effective securityContext (container over pod) runs as the contract
 * uid, non-root, with the contract gid as runAsGroup (when set) and fsGroup, so PVC files are writable.
 */
import { ContractViolation } from "../contract/errors.ts";
import type { ManifestSet } from "./manifest-set.ts";

export function checkSecurityContext(set: ManifestSet) {
  const { permissions } = set.contract;
  const pod = set.podSpec().securityContext ?? {};
  const own = set.container().securityContext ?? {};
  const file = set.deploymentFile();
  const fail = (field: string, expected: string, actual: unknown) =>
    new ContractViolation({
      stage: "k8s",
      item: "permissions",
      file,
      field,
      expected,
      actual: actual === undefined ? "not set" : String(actual),
    });
  const where = (key: string) =>
    key in own ? set.containerField(`securityContext.${key}`) : `spec.template.spec.securityContext.${key}`;

  const runAsUser = own.runAsUser ?? pod.runAsUser;
  if (runAsUser !== permissions.uid)
    throw fail(where("runAsUser"), `${permissions.uid} (contract permissions.uid)`, runAsUser);
  const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
  if (permissions.runAsNonRoot && runAsNonRoot !== true)
    throw fail(where("runAsNonRoot"), "true (contract permissions.runAsNonRoot)", runAsNonRoot);
  const runAsGroup = own.runAsGroup ?? pod.runAsGroup;
  if (runAsGroup !== undefined && runAsGroup !== permissions.gid)
    throw fail(where("runAsGroup"), `${permissions.gid} (contract permissions.gid)`, runAsGroup);
  if (pod.fsGroup !== permissions.gid)
    throw fail(
      "spec.template.spec.securityContext.fsGroup",
      `${permissions.gid} (contract permissions.gid)`,
      pod.fsGroup,
    );
  return { runAsUser, fsGroup: pod.fsGroup ?? "" };
}
