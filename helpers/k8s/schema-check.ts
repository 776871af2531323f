/**
 * K8s static: every rendered object of a built-in kind is valid against the Kubernetes schemas, and every object sits
 * in the contract namespace. Custom resources (CRDs) are listed as not validated in the result, not failed.
 */
import { ContractViolation } from "../contract/errors.ts";
import type { ManifestSet } from "./manifest-set.ts";
import { unvalidatedObjects, validateObjects } from "./schema-validate.ts";

export function checkSchemas(set: ManifestSet) {
  const problems = validateObjects(set.objects, set.schemas);
  if (problems.length > 0) {
    const [first] = problems;
    const [kind = "", name = ""] = (first?.object ?? "").split("/");
    throw new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: set.fileOf(kind, name),
      field: `${first?.object} ${first?.problem.split(" ")[0] ?? ""}`.trim(),
      expected: "objects valid against the Kubernetes schemas (kubernetes-models)",
      actual: problems.map((p) => `${p.object}: ${p.problem}`).join("; "),
    });
  }
  const namespace = set.contract.kubernetes.namespace;
  const elsewhere = set.objects.filter((o) => o.metadata?.namespace !== namespace);
  if (elsewhere.length > 0) {
    throw new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: set.kustomizeDir,
      field: "namespace",
      expected: `every object in namespace ${namespace} (contract kubernetes.namespace)`,
      actual: elsewhere.map((o) => `${o.kind}/${o.metadata?.name} in ${o.metadata?.namespace ?? "(none)"}`).join(", "),
    });
  }
  set.deployment();
  set.container();
  set.service();
  return {
    objects: set.objects.length,
    kinds: [...new Set(set.objects.map((o) => o.kind))].join(","),
    not_validated: unvalidatedObjects(set.objects, set.schemas).join(", ") || "none",
  };
}
