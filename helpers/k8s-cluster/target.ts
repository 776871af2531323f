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
import { contractKubernetes } from "./contract-kubernetes.ts";

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
  const k = contractKubernetes(contract);
  const directories = expectedPaths(contract).directories;
  const records = (contract as { app?: { records?: { directory?: string } } }).app?.records?.directory;
  const dataEntry = "data" in directories ? "data" : (records ?? "data");
  return {
    namespace: k.namespace,
    deployment: k.workload,
    container: k.container,
    service: k.service,
    port: k.port,
    health: k.health,
    dataDir: directories[dataEntry] as string,
    external: k.external,
    requiredEnv: k.requiredEnv,
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
