/**
 * K8s static, contract item 5 (permissions): the effective securityContext (container over pod) follows what the
 * contract declares — uid as runAsUser, runAsNonRoot, gid as runAsGroup (when the manifests set one), fsGroup as the
 * pod's fsGroup (so volume files are writable). Each part is checked only when declared; without permissions, none.
 */
import { ContractViolation, declared } from "../contract/errors.ts";
import type { ManifestSet } from "./manifest-set.ts";

export function checkSecurityContext(set: ManifestSet) {
  const permissions = declared(set.contract.permissions, "permissions", set.loaded.file, "the container user");
  const pod = set.podSpec().securityContext ?? {};
  const own = set.container().securityContext ?? {};
  const file = set.workloadFile();
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
  const result: Record<string, string | number> = {};

  const runAsUser = own.runAsUser ?? pod.runAsUser;
  if (permissions.uid !== undefined) {
    if (runAsUser !== permissions.uid)
      throw fail(where("runAsUser"), `${permissions.uid} (contract permissions.uid)`, runAsUser);
    result.runAsUser = runAsUser;
  }
  const runAsNonRoot = own.runAsNonRoot ?? pod.runAsNonRoot;
  if (permissions.runAsNonRoot) {
    if (runAsNonRoot !== true)
      throw fail(where("runAsNonRoot"), "true (contract permissions.runAsNonRoot)", runAsNonRoot);
    result.runAsNonRoot = "true";
  }
  const runAsGroup = own.runAsGroup ?? pod.runAsGroup;
  if (permissions.gid !== undefined && runAsGroup !== undefined) {
    if (runAsGroup !== permissions.gid)
      throw fail(where("runAsGroup"), `${permissions.gid} (contract permissions.gid)`, runAsGroup);
    result.runAsGroup = runAsGroup;
  }
  if (permissions.fsGroup !== undefined) {
    if (pod.fsGroup !== permissions.fsGroup)
      throw fail(
        "spec.template.spec.securityContext.fsGroup",
        `${permissions.fsGroup} (contract permissions.fsGroup)`,
        pod.fsGroup,
      );
    result.fsGroup = pod.fsGroup;
  }
  if (Object.keys(result).length === 0) {
    result.checked = "nothing: permissions declares no uid, gid, fsGroup or runAsNonRoot";
  }
  return result;
}
