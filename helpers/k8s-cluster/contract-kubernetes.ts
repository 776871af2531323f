/**
 * The contract's Kubernetes facts the cluster smokes and `cluster:up` need, read tolerantly: the contract schema is
 * evolving (helpers/contract: `kubernetes.deployment` became `kubernetes.workload`, sections became optional), so
 * this reads either shape and falls back to the contract name / `default` where a field is left out.
 */
import type { Contract } from "../contract/schema.ts";

interface NamedKeys {
  name: string;
  keys?: readonly string[];
}

interface LooseContract {
  name: string;
  kubernetes?: {
    kustomize?: string;
    namespace?: string;
    workload?: string;
    deployment?: string;
    container?: string;
    service?: string;
    external?: { secrets?: readonly NamedKeys[]; configMaps?: readonly NamedKeys[] };
  };
  port?: { number: number; name?: string };
  health?: { path: string; status?: number };
  env?: readonly { name: string; source?: string; required?: boolean }[];
  image?: { repository?: string };
}

export interface ContractKubernetes {
  kustomize: string | undefined;
  namespace: string;
  workload: string;
  container: string;
  service: string;
  port: { number: number; name: string };
  health: { path: string; status: number };
  external: { secrets: { name: string; keys: string[] }[]; configMaps: { name: string; keys: string[] }[] };
  requiredEnv: { configmap: string[]; secret: string[] };
  imageRepository: string | undefined;
}

export function contractKubernetes(contract: Contract): ContractKubernetes {
  const c = contract as unknown as LooseContract;
  const k = c.kubernetes ?? {};
  const workload = k.workload ?? k.deployment ?? c.name;
  const keyed = (list: readonly NamedKeys[] | undefined) =>
    (list ?? []).map((o) => ({ name: o.name, keys: [...(o.keys ?? [])] }));
  const required = (c.env ?? []).filter((e) => e.required);
  return {
    kustomize: k.kustomize,
    namespace: k.namespace ?? "default",
    workload,
    container: k.container ?? workload,
    service: k.service ?? workload,
    port: { number: c.port?.number ?? 80, name: c.port?.name ?? "http" },
    health: { path: c.health?.path ?? "/", status: c.health?.status ?? 200 },
    external: { secrets: keyed(k.external?.secrets), configMaps: keyed(k.external?.configMaps) },
    requiredEnv: {
      configmap: required.filter((e) => e.source === "configmap").map((e) => e.name),
      secret: required.filter((e) => e.source === "secret").map((e) => e.name),
    },
    imageRepository: c.image?.repository,
  };
}
