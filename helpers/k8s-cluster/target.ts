/**
 * What the live K8s checks need from the target's contract (helpers/contract): namespace and object names, the
 * port and health path, the data directory inside the container, and the ConfigMaps/Secrets it requires.
 * Which contract: live and record runs check the target under test (SMOKEBOOK_TARGET); a replay checks the embedded
 * sample target fixtures/target, because the recordings only answer for its namespace and names.
 */
import { loadContract, readTargetDir } from "../contract/load.ts";
import { expectedPaths } from "../contract/resolve.ts";
import type { Contract } from "../contract/schema.ts";
import type { Env, RunMode } from "../gates.ts";
import { fromRoot } from "../paths.ts";

/** The target every recording was made against (observer-prod/observer). */
export const REPLAY_TARGET_DIR = "fixtures/target";

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

/** The embedded sample target, whatever SMOKEBOOK_TARGET says: what replays and their self-tests check. */
export function replayTarget(): ClusterTarget {
  return clusterTarget(loadContract(fromRoot(REPLAY_TARGET_DIR)).contract);
}

/** The target a run in `mode` checks: SMOKEBOOK_TARGET's contract live (and in record mode), the embedded one in replay. */
export function clusterTargetFor(mode: RunMode, env: Env = process.env): ClusterTarget {
  return mode === "replay" ? replayTarget() : clusterTarget(loadContract(readTargetDir(env)).contract);
}
