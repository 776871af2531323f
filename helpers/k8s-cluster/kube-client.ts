/**
 * The cluster connection: a KubeConfig from the files ClusterEnv found (merged like kubectl, first file's current
 * context wins) and the typed API clients the checks use. The same code serves a live cluster and a replay server.
 */
import { AppsV1Api, CoreV1Api, KubeConfig } from "@kubernetes/client-node";
import type { Env } from "../gates.ts";
import { kubeconfigLocations } from "./cluster-env.ts";
import { ClusterCheckError } from "./errors.ts";

export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  apps: AppsV1Api;
  /** "context @ server", for evidence. */
  describe: string;
}

export function loadKubeConfig(env: Env = process.env): KubeConfig {
  const { kubeconfigFiles, kubeconfigSource } = kubeconfigLocations(env);
  const [first, ...rest] = kubeconfigFiles;
  if (first === undefined) {
    throw new ClusterCheckError(
      "K8S_KUBECONFIG_MISSING",
      "kubeconfig",
      `no kubeconfig file at ${kubeconfigSource}; point KUBECONFIG at one whose current context is the target cluster`,
    );
  }
  const kc = new KubeConfig();
  kc.loadFromFile(first);
  for (const file of rest) {
    const more = new KubeConfig();
    more.loadFromFile(file);
    kc.mergeConfig(more, true);
  }
  return kc;
}

export function kubeClients(kc: KubeConfig): KubeClients {
  const context = kc.getCurrentContext();
  const server = kc.getCurrentCluster()?.server ?? "(no cluster)";
  return {
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    describe: `${context} @ ${server}`,
  };
}

/** A kubeconfig file as KubeClients, e.g. a replay's (KUBECONFIG=<path>). */
export function clientsForKubeconfig(path: string): KubeClients {
  return kubeClients(loadKubeConfig({ KUBECONFIG: path }));
}
