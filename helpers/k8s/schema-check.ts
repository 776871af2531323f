/**
 * K8s static: every rendered object of a built-in kind is valid against the Kubernetes schemas (custom resources are
 * listed as not validated, not failed), and the contract's workload, container and Service are in the render. A
 * separate check puts every namespaced object in the contract namespace, when one is declared.
 */
import { ContractViolation, declared } from "../contract/errors.ts";
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
  set.container();
  const service = set.service();
  return {
    objects: set.objects.length,
    kinds: [...new Set(set.objects.map((o) => o.kind))].join(","),
    workload: `${set.workloadLabel()} / container ${set.containerName()}`,
    service: service?.metadata?.name ?? "none selects the workload",
    not_validated: unvalidatedObjects(set.objects, set.schemas).join(", ") || "none",
  };
}

/** Kinds that live outside any namespace (the built-in cluster-scoped ones); their objects carry no namespace. */
export const CLUSTER_SCOPED_KINDS = new Set([
  "Namespace",
  "Node",
  "PersistentVolume",
  "StorageClass",
  "ClusterRole",
  "ClusterRoleBinding",
  "CustomResourceDefinition",
  "PriorityClass",
  "RuntimeClass",
  "IngressClass",
  "CSIDriver",
  "CSINode",
  "VolumeAttachment",
  "APIService",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "FlowSchema",
  "PriorityLevelConfiguration",
  "ClusterIssuer",
  "VolumeSnapshotClass",
]);

export function checkNamespace(set: ManifestSet) {
  const namespace = declared(
    set.kubernetes.namespace,
    "kubernetes.namespace",
    set.loaded.file,
    "the objects' namespace",
  );
  // Built-in cluster-scoped kinds, and the kinds a CustomResourceDefinition in the render declares cluster-scoped.
  const clusterScoped = new Set([
    ...CLUSTER_SCOPED_KINDS,
    ...set.objects
      .filter((o) => o.kind === "CustomResourceDefinition")
      .flatMap((o) => {
        const spec = o.spec as { scope?: string; names?: { kind?: string } } | undefined;
        return spec?.scope === "Cluster" && spec.names?.kind ? [spec.names.kind] : [];
      }),
  ]);
  const namespaced = set.objects.filter((o) => !clusterScoped.has(o.kind));
  // `helm template` writes metadata.namespace only where a template does; helm install puts the rest in the release
  // namespace (kubernetes.helm.namespace, else the contract namespace).
  const release = set.source.kind === "helm" ? (set.kubernetes.helm?.namespace ?? namespace) : undefined;
  const elsewhere = namespaced.filter((o) => (o.metadata?.namespace ?? release) !== namespace);
  if (elsewhere.length > 0) {
    throw new ContractViolation({
      stage: "k8s",
      item: "schema",
      file: set.renderDir,
      field: "namespace",
      expected: `every namespaced object in namespace ${namespace} (contract kubernetes.namespace; cluster-scoped kinds exempt)`,
      actual: elsewhere.map((o) => `${o.kind}/${o.metadata?.name} in ${o.metadata?.namespace ?? "(none)"}`).join(", "),
    });
  }
  return {
    namespace,
    objects: namespaced.length,
    cluster_scoped:
      set.objects
        .filter((o) => clusterScoped.has(o.kind))
        .map((o) => `${o.kind}/${o.metadata.name}`)
        .join(", ") || "none",
  };
}
