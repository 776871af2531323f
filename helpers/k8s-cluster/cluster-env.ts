/**
 * Environment of the live K8s smokes, read in one place.
 *   KUBECONFIG                 kubeconfig file(s), `:`-separated (default ~/.kube/config); its current context is used
 *   K8S_WAIT_TIMEOUT_SECONDS   deadline of every watch-based wait (PVC Bound, Deployment available, rollout,
 *                              replacement pod Ready); default 300
 */
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { EnvValueError } from "../errors.ts";
import type { Env } from "../gates.ts";

export const DEFAULT_WAIT_TIMEOUT_SECONDS = 300;

export interface ClusterEnv {
  /** Existing kubeconfig files, in KUBECONFIG order (empty when none exists). */
  kubeconfigFiles: string[];
  /** Where they were looked for, for the error that says none exists. */
  kubeconfigSource: string;
  waitTimeoutMs: number;
}

export function readPositiveSeconds(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new EnvValueError(name, raw, "a whole number of seconds > 0");
  return value;
}

/** The kubeconfig files KUBECONFIG (or ~/.kube/config) names that exist, and where they were looked for. */
export function kubeconfigLocations(
  env: Env = process.env,
  home = homedir(),
): Pick<ClusterEnv, "kubeconfigFiles" | "kubeconfigSource"> {
  const configured = env.KUBECONFIG?.trim();
  const candidates = configured ? configured.split(delimiter).filter((p) => p !== "") : [join(home, ".kube", "config")];
  return {
    kubeconfigFiles: candidates.filter((p) => existsSync(p)),
    kubeconfigSource: configured ? `KUBECONFIG=${configured}` : `${candidates[0]} (KUBECONFIG is not set)`,
  };
}

export function readClusterEnv(env: Env = process.env, home = homedir()): ClusterEnv {
  return {
    ...kubeconfigLocations(env, home),
    waitTimeoutMs: readPositiveSeconds(env, "K8S_WAIT_TIMEOUT_SECONDS", DEFAULT_WAIT_TIMEOUT_SECONDS) * 1000,
  };
}
