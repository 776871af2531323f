/**
 * What the live K8s checks need from the target's contract (helpers/contract): namespace and object names, the
 * port and health path, the data directory inside the container, and the ConfigMaps/Secrets it requires.
 */
import { expectedPaths } from "../contract/resolve.ts";
import type { Contract } from "../contract/schema.ts";

export interface RequiredObject {
  name: string;
  keys: string[];
}

export interface ClusterTarget {
  namespace: string;
  deployment: string;
  container: string;
  service: string;
  port: { number: number; name: string };
  health: { path: string; status: number };
  /** The contract's data directory as the container sees it (resolved from the contract defaults). */
  dataDir: string;
  /** ConfigMaps and Secrets the contract declares as living outside the manifests. */
  external: { configMaps: RequiredObject[]; secrets: RequiredObject[] };
  /** Variables the manifests must provide, by where they come from. */
  requiredEnv: { configmap: string[]; secret: string[] };
}

export function clusterTarget(contract: Contract): ClusterTarget {
  const k = contract.kubernetes;
  const dataEntry = Object.keys(contract.paths.directories).includes("data") ? "data" : contract.app.records.directory;
  const required = contract.env.filter((e) => e.required);
  return {
    namespace: k.namespace,
    deployment: k.deployment,
    container: k.container,
    service: k.service,
    port: { number: contract.port.number, name: contract.port.name },
    health: { path: contract.health.path, status: contract.health.status },
    dataDir: expectedPaths(contract).directories[dataEntry] as string,
    external: {
      configMaps: k.external.configMaps.map((c) => ({ name: c.name, keys: [...c.keys] })),
      secrets: k.external.secrets.map((s) => ({ name: s.name, keys: [...s.keys] })),
    },
    requiredEnv: {
      configmap: required.filter((e) => e.source === "configmap").map((e) => e.name),
      secret: required.filter((e) => e.source === "secret").map((e) => e.name),
    },
  };
}
