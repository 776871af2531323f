/**
 * `npm run cluster:down` as a function: removes the workloads while the API still answers (so the kubelet stops
 * every pod sandbox and the CNI plugin releases its addresses), stops every process cluster:up started — by the pid
 * in state.json, newest first — then what those left (containerd's shims, found by the cluster folder in their
 * command line), unmounts what the kubelet mounted below the folder, deletes the pod bridge and the kubelet's
 * cgroups, removes the folder, and checks that nothing is left (leftovers.ts).
 */
import { cpSync, existsSync, readdirSync, rmdirSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { $ } from "zx";
import { SmokebookError } from "../errors.ts";
import { alive, clusterDir, readState } from "./cluster-state.ts";
import { stopDaemon } from "./daemon.ts";
import { kubectlCacheDir } from "./kubectl-apply.ts";
import { type Leftover, leftovers, mountsBelow, podProcesses, processesUsing } from "./leftovers.ts";
import { POD_BRIDGE } from "./start-node.ts";

type Env = Readonly<Record<string, string | undefined>>;

export class ClusterLeftoversError extends SmokebookError {
  readonly leftovers: Leftover[];

  constructor(dir: string, found: Leftover[]) {
    super(
      "CLUSTER_LEFTOVERS",
      `cluster:down left ${found.length} thing(s) of ${dir}: ${found.map((l) => `${l.kind} ${l.what}`).join("; ")}`,
    );
    this.leftovers = found;
  }
}

export interface ClusterDownOptions {
  env?: Env;
  log?: (line: string) => void;
  /** Copy the component logs out of the folder first (after a failed cluster:up). */
  keepLogs?: boolean;
}

async function removeWorkloads(kubeconfig: string, log: (line: string) => void): Promise<void> {
  const k = $({ quiet: true, nothrow: true, timeout: "60s" });
  const kinds = "deployments,statefulsets,daemonsets,replicasets,jobs";
  const cache = kubectlCacheDir(kubeconfig);
  await k`kubectl --kubeconfig ${kubeconfig} --cache-dir ${cache} delete ${kinds} --all --all-namespaces --wait=false`;
  await k`kubectl --kubeconfig ${kubeconfig} --cache-dir ${cache} delete pods --all --all-namespaces --grace-period=1 --wait=true --timeout=45s`;
  log("removed the workloads (every pod sandbox stopped by the kubelet)");
}

/** Every container task still running in the node's containerd, killed and deleted (their shims then exit). */
async function killTasks(socket: string, log: (line: string) => void): Promise<void> {
  if (!socket || !existsSync(socket)) return;
  const ctr = $({ quiet: true, nothrow: true, timeout: "20s" });
  const tasks = await ctr`ctr -a ${socket} -n k8s.io tasks ls -q`;
  for (const id of tasks.stdout.split("\n").filter((l) => l.trim() !== "")) {
    await ctr`ctr -a ${socket} -n k8s.io tasks kill -a -s SIGKILL ${id}`;
    await sleep(200);
    await ctr`ctr -a ${socket} -n k8s.io tasks delete -f ${id}`;
    log(`killed container task ${id.slice(0, 12)}`);
  }
}

/** The kubelet's cgroups (kubepods) in each v1 hierarchy and the unified one, deepest first, when empty. */
function removeKubeletCgroups(): void {
  const root = "/sys/fs/cgroup";
  if (!existsSync(root)) return;
  const candidates = [join(root, "kubepods"), ...readdirSync(root).map((h) => join(root, h, "kubepods"))];
  const remove = (dir: string) => {
    for (const child of readdirSync(dir)) {
      const path = join(dir, child);
      if (statSync(path).isDirectory()) remove(path);
    }
    try {
      rmdirSync(dir);
    } catch {
      // a cgroup with processes stays (reported by its process)
    }
  };
  for (const c of candidates) if (existsSync(c)) remove(c);
}

export async function clusterDown(options: ClusterDownOptions = {}): Promise<{ stopped: string[] }> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  const dir = clusterDir(env);
  const state = readState(dir) ?? { dir, processes: [], kubeconfig: "", createdAt: "" };
  const stopped: string[] = [];
  const apiserver = state.processes.find((p) => p.name === "kube-apiserver");
  const kubelet = state.processes.find((p) => p.name === "kubelet");
  if (apiserver && kubelet && alive(apiserver.pid) && alive(kubelet.pid) && existsSync(state.kubeconfig)) {
    await removeWorkloads(state.kubeconfig, log);
  }
  if (options.keepLogs && existsSync(join(dir, "logs"))) {
    const kept = join(tmpdir(), `smokebook-cluster-logs-${Date.now()}`);
    cpSync(join(dir, "logs"), kept, { recursive: true });
    log(`component logs kept in ${kept}`);
  }
  for (const p of [...state.processes].reverse()) {
    if (!alive(p.pid)) continue;
    if (p.name === "containerd" && "containerdSocket" in state) await killTasks(state.containerdSocket, log);
    const gone = await stopDaemon(p.pid);
    stopped.push(`${p.name} (pid ${p.pid})`);
    log(`${gone ? "stopped" : "could not stop"} ${p.name} (pid ${p.pid})`);
  }
  // What the stopped containerd left: shims and container processes that name the cluster folder.
  for (const p of [...processesUsing(dir), ...podProcesses()]) {
    await stopDaemon(p.pid, 3_000);
    stopped.push(`pid ${p.pid}`);
    log(`stopped leftover pid ${p.pid}: ${p.cmd.slice(0, 120)}`);
  }
  for (const mount of mountsBelow(dir)) {
    const out = await $({ quiet: true, nothrow: true })`umount ${mount}`;
    if (out.exitCode !== 0) await $({ quiet: true, nothrow: true })`umount -l ${mount}`;
  }
  if (existsSync(`/sys/class/net/${POD_BRIDGE}`)) await $({ quiet: true, nothrow: true })`ip link delete ${POD_BRIDGE}`;
  await rm("/var/lib/cni/networks/smokebook-pods", { recursive: true, force: true });
  removeKubeletCgroups();
  await sleep(100);
  await rm(dir, { recursive: true, force: true });
  const left = leftovers(state, POD_BRIDGE);
  if (left.length > 0) throw new ClusterLeftoversError(dir, left);
  log(`cluster folder ${dir} removed; nothing left`);
  return { stopped };
}
