/**
 * `npm run cluster:up` as a function: a single-node Kubernetes cluster on 127.0.0.1 from the pinned upstream
 * binaries (setup:tools) and the machine's containerd + runc — certificates and state in the cluster folder, ports
 * chosen free — then the target's workload on it (seed-target.ts). Idempotent: with a running cluster it only says
 * so. A failure part-way stops what was started (cluster-down.ts) and rethrows.
 */
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { clusterDown } from "./cluster-down.ts";
import { alive, type ClusterState, clusterDir, readState, writeState } from "./cluster-state.ts";
import { NODE_NAME, SERVICE_IP } from "./components.ts";
import { freePorts } from "./free-port.ts";
import { clusterTool, cniBinDir, hostCommand } from "./host-commands.ts";
import { writeKubeconfig } from "./kubeconfig-file.ts";
import { makePki } from "./pki.ts";
import { type StartContext, startControlPlane } from "./start-control-plane.ts";
import { startNode } from "./start-node.ts";

type Env = Readonly<Record<string, string | undefined>>;

export interface ClusterUpOptions {
  env?: Env;
  log?: (line: string) => void;
  /** Called with the admin kubeconfig path before anything starts (cluster:up prints it as its first line). */
  onKubeconfig?: (path: string) => void;
  timeoutMs?: number;
}

export const kubeconfigPathIn = (dir: string): string => join(dir, "admin.kubeconfig");

export async function clusterUp(options: ClusterUpOptions = {}): Promise<{ state: ClusterState; reused: boolean }> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dir = clusterDir(env);
  const existing = readState(dir);
  if (existing) {
    if (existing.processes.length > 0 && existing.processes.every((p) => alive(p.pid))) {
      options.onKubeconfig?.(existing.kubeconfig);
      log(`a cluster is already running from ${dir} (started ${existing.createdAt}); cluster:down stops it`);
      return { state: existing, reused: true };
    }
    log(`${dir} holds a cluster that is not fully running: stopping what is left first`);
    await clusterDown({ env, log });
  } else if (existsSync(dir)) {
    await clusterDown({ env, log });
  }
  const binaries: Record<string, string> = {
    etcd: clusterTool("etcd", env),
    "kube-apiserver": clusterTool("kube-apiserver", env),
    "kube-controller-manager": clusterTool("kube-controller-manager", env),
    "kube-scheduler": clusterTool("kube-scheduler", env),
    kubelet: clusterTool("kubelet", env),
    containerd: hostCommand("containerd", env),
  };
  hostCommand("runc", env);
  hostCommand("openssl", env);
  const tools = {
    ctr: hostCommand("ctr", env),
    gcc: hostCommand("gcc", env),
    kubectl: hostCommand("kubectl", env),
    cniBinDir: cniBinDir(),
  };
  await mkdir(join(dir, "pki"), { recursive: true });
  const kubeconfig = kubeconfigPathIn(dir);
  options.onKubeconfig?.(kubeconfig);
  const [etcdClient, etcdPeer, apiserver, kubelet] = (await freePorts(4)) as [number, number, number, number];
  const state: ClusterState = {
    dir,
    createdAt: new Date().toISOString(),
    nodeName: NODE_NAME,
    ports: { etcdClient, etcdPeer, apiserver, kubelet },
    kubeconfig,
    containerdSocket: "",
    processes: [],
  };
  await writeState(state);
  try {
    const pki = await makePki(join(dir, "pki"), NODE_NAME, SERVICE_IP);
    const ctx: StartContext = {
      state,
      pki,
      binary: (tool) => binaries[tool] ?? tool,
      log,
      timeoutMs: options.timeoutMs ?? 120_000,
    };
    await startControlPlane(ctx);
    await writeKubeconfig(kubeconfig, `https://127.0.0.1:${apiserver}`, pki.ca.cert, pki.admin, "smokebook-admin");
    await startNode(ctx, tools);
    await writeState(state);
    return { state, reused: false };
  } catch (error) {
    log(`cluster:up failed: ${error instanceof Error ? error.message : String(error)}; stopping what it started`);
    await clusterDown({ env, log, keepLogs: true });
    throw error;
  }
}
