/**
 * K8s static, contract item 2 (env): envFrom/env provide every required contract variable, from a ConfigMap or Secret
 * in the manifests or one the contract declares external; secrets come from Secrets; no reference dangles.
 */
import { ContractViolation } from "../contract/errors.ts";
import { containerEnv } from "./env-sources.ts";
import type { ManifestSet } from "./manifest-set.ts";

export function checkEnv(set: ManifestSet) {
  const { contract } = set;
  const container = set.container();
  const file = set.deploymentFile();
  const env = containerEnv(set, container);
  const [dangling] = env.dangling;
  if (dangling) {
    throw new ContractViolation({
      stage: "k8s",
      item: "env",
      file,
      field: dangling.field,
      expected: `a ${dangling.kind === "configmap" ? "ConfigMap" : "Secret"} in the manifests or declared in contract kubernetes.external`,
      actual: `references ${dangling.kind} ${dangling.name}, which is neither`,
    });
  }
  const configMapRefs = (container.envFrom ?? []).flatMap((s) => (s.configMapRef?.name ? [s.configMapRef.name] : []));
  for (const entry of contract.env.filter((e) => e.required)) {
    const origin = env.provided.get(entry.name);
    if (!origin) {
      // Name the ConfigMap the Deployment loads when the variable belongs there: that is the file to fix.
      const cm =
        entry.source === "configmap"
          ? set.configMaps().find((c) => configMapRefs.includes(c.metadata?.name ?? ""))
          : undefined;
      throw new ContractViolation({
        stage: "k8s",
        item: "env",
        file: cm ? set.fileOf("ConfigMap", cm.metadata?.name ?? "") : file,
        field: cm
          ? `ConfigMap ${cm.metadata?.name} data.${entry.name}`
          : set.containerField(`env/envFrom (${entry.name})`),
        expected: `${entry.name} provided (contract env, required, source ${entry.source})`,
        actual: cm ? `key ${entry.name} is missing` : "no env entry or envFrom source provides it",
      });
    }
    if (entry.source === "secret" && origin.kind !== "secret") {
      throw new ContractViolation({
        stage: "k8s",
        item: "env",
        file,
        field: set.containerField(`env/envFrom (${entry.name})`),
        expected: `${entry.name} from a Secret (contract env source: secret)`,
        actual: origin.kind === "value" ? "a literal value in the Deployment" : `ConfigMap ${origin.name}`,
      });
    }
  }
  const external = [...env.provided.values()]
    .filter((o) => o.kind !== "value" && o.external)
    .map((o) => (o as { name: string }).name);
  return { variables: env.provided.size, external: [...new Set(external)].join(",") || "none" };
}
